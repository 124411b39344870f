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

    public TestBackend() {
        this.server = HttpServer.create().host("127.0.0.1").port(0).handle((req, res) -> {
            String path = req.fullPath();
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
