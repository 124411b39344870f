package com.hivematrix.brainhair.model;

import java.time.Duration;

/** Everything needed to call one model; toString never shows the key. */
public record ModelConnection(Provider provider, String baseUrl, String model, String apiKey, Duration timeout,
        Duration connectTimeout, int maxRetries, int maxTokens) {

    public enum Provider { ANTHROPIC, OPENAI }

    @Override
    public String toString() {
        return "ModelConnection[" + provider + " " + model + " at " + baseUrl + "]";
    }

    String url(String path) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + path;
    }
}
