package com.hivematrix.brainhair.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP against the service under test; redirects are not followed. */
public final class Http {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public record Response(int status, byte[] bytes, HttpResponse<byte[]> raw) {
        public String body() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            return JSON.readTree(body());
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
        return send("GET", path, token, null);
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    public Response put(String path, String token, Object body) {
        return send("PUT", path, token, body);
    }

    public Response send(String method, String path, String token, Object body) {
        try {
            String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                    json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                b.header("Content-Type", "application/json");
            }
            b.header("Accept", "application/json");
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<byte[]> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.body(), r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
