package com.hivematrix.brainhair;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code brainhair.*}: who may chat and approve, limits, and the model used while settings are empty. */
@ConfigurationProperties("brainhair")
public record BrainhairProperties(List<String> chatLevels, List<String> billingWriteLevels, Duration approvalTimeout,
        Integer maxMessageChars, Integer maxToolRounds, Duration keepAlive, String settingsKey, Model model) {

    public BrainhairProperties {
        chatLevels = chatLevels == null ? List.of("admin", "technician") : List.copyOf(chatLevels);
        billingWriteLevels = billingWriteLevels == null ? List.of("admin", "billing") : List.copyOf(billingWriteLevels);
        approvalTimeout = approvalTimeout == null ? Duration.ofSeconds(120) : approvalTimeout;
        maxMessageChars = maxMessageChars == null ? 20000 : maxMessageChars;
        maxToolRounds = maxToolRounds == null ? 12 : maxToolRounds;
        keepAlive = keepAlive == null ? Duration.ofSeconds(15) : keepAlive;
        model = model == null ? new Model(null, null, null, null, null, null, null, null) : model;
    }

    public record Model(String provider, String baseUrl, String model, String apiKey, Duration timeout, Duration connectTimeout,
            Integer maxRetries, Integer maxTokens) {

        public Model {
            timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
            maxRetries = maxRetries == null ? 2 : maxRetries;
            maxTokens = maxTokens == null ? 4096 : maxTokens;
        }
    }
}
