package com.hivematrix.beacon.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP against a service under test; redirects are not followed. */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final String base;

    public Http(String base) {
        this.base = base;
    }

    public Response get(String path, String token) {
        return send("GET", path, token, Map.of());
    }

    public Response get(String path, String token, Map<String, String> headers) {
        return send("GET", path, token, headers);
    }

    public Response post(String path, String token) {
        return send("POST", path, token, Map.of());
    }

    public Response send(String method, String path, String token, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody());
            if (!headers.containsKey("Accept")) {
                b.header("Accept", path.startsWith("/api") || path.contains("/api/") || path.startsWith("/health") ? "application/json" : "text/html");
            }
            headers.forEach(b::header);
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
