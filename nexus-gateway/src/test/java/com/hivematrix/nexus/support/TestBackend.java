package com.hivematrix.nexus.support;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small real HTTP backend for routing tests: {@code /echo...} answers with what it received as
 * JSON; {@code /redirect}, {@code /cookie}, {@code /sse}, {@code /slow} and {@code /page} show the
 * relay's behaviour for redirects, cookies, streams, timeouts and HTML.
 */
public final class TestBackend implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final DisposableServer server;
    /** Codex's user settings by e-mail, as /api/public/user/theme and /home-page report them. */
    private final Map<String, Map<String, String>> preferences = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> preferenceCalls = new java.util.concurrent.ConcurrentHashMap<>();

    public void setPreferences(String email, Map<String, String> values) {
        preferences.put(email, values);
    }

    /** How many times Nexus asked Codex for this user's theme. */
    public int themeCalls(String email) {
        java.util.concurrent.atomic.AtomicInteger n = preferenceCalls.get("theme:" + email);
        return n == null ? 0 : n.get();
    }

    private reactor.core.publisher.Mono<Void> publicUser(HttpServerRequest req, reactor.netty.http.server.HttpServerResponse res, String kind) {
        String auth = req.requestHeaders().get("Authorization");
        Map<?, ?> claims = auth != null && auth.startsWith("Bearer ") ? claims(auth.substring(7)) : Map.of();
        if (!"service".equals(claims.get("type")) || !"nexus".equals(claims.get("calling_service"))
                || !"codex".equals(claims.get("target_service"))) {
            return res.status(401).header("Content-Type", "application/json").sendString(Mono.just("{\"error\":\"service token required\"}")).then();
        }
        String email = new io.netty.handler.codec.http.QueryStringDecoder(req.uri()).parameters()
                .getOrDefault("email", java.util.List.of("")).get(0);
        preferenceCalls.computeIfAbsent(kind + ":" + email, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        Map<String, String> prefs = preferences.getOrDefault(email, Map.of());
        Map<String, Object> body = new LinkedHashMap<>();
        if (kind.equals("theme")) {
            body.put("theme", prefs.getOrDefault("theme", "light"));
            body.put("color_theme", prefs.getOrDefault("color_theme", "purple"));
        } else {
            body.put("home_page", prefs.getOrDefault("home_page", "helm"));
        }
        body.put("source", prefs.isEmpty() ? "default" : "agent");
        return res.header("Content-Type", "application/json").sendString(Mono.just(JSON.writeValueAsString(body))).then();
    }

    private static Map<?, ?> claims(String jwt) {
        try {
            String[] parts = jwt.split("\\.");
            return JSON.readValue(java.util.Base64.getUrlDecoder().decode(parts[1]), Map.class);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    public TestBackend() {
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle((req, res) -> {
            String path = req.fullPath();
            if (path.endsWith("/api/public/user/theme")) {
                return publicUser(req, res, "theme");
            }
            if (path.endsWith("/api/public/user/home-page")) {
                return publicUser(req, res, "home");
            }
            if (path.endsWith("/redirect")) {
                return res.status(HttpResponseStatus.FOUND).header("Location", "/elsewhere").send();
            }
            if (path.endsWith("/cookie")) {
                return res.addHeader("Set-Cookie", "HMSESSION=evil; Path=/")
                        .addHeader("Set-Cookie", "backend_pref=1; Path=/").sendString(Mono.just("ok"));
            }
            if (path.endsWith("/sse")) {
                return res.header("Content-Type", "text/event-stream")
                        .sendString(Flux.concat(Flux.just("data: first\n\n"), Mono.never()));
            }
            if (path.endsWith("/slow")) {
                return Mono.never();
            }
            if (path.endsWith("/page")) {
                return res.header("Content-Type", "text/html; charset=utf-8")
                        .sendString(Mono.just("<!DOCTYPE html><html lang=\"en\"><head><title>T</title></head>"
                                + "<body><h1>Backend page</h1></body></html>"));
            }
            return req.receive().aggregate().asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                    .flatMap(body -> res.header("Content-Type", "application/json")
                            .sendString(Mono.just(JSON.writeValueAsString(describe(req, body)))).then());
        }).bindNow();
    }

    private static Map<String, Object> describe(HttpServerRequest req, String body) {
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("method", req.method().name());
        echo.put("uri", req.uri());
        Map<String, String> headers = new LinkedHashMap<>();
        req.requestHeaders().forEach(h -> headers.merge(h.getKey().toLowerCase(), h.getValue(), (a, b) -> a + "," + b));
        echo.put("headers", headers);
        echo.put("body", body);
        return echo;
    }

    public String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
