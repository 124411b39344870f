package com.hivematrix.nexus.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

import com.hivematrix.shared.problem.Problems;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nexus's own answers: RFC 7807 problems for API clients, styled pages for browsers, and the
 * login redirect. A browser is a request whose Accept names text/html.
 */
public final class Responses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Responses() {
    }

    public static boolean wantsHtml(ServerHttpRequest request) {
        List<MediaType> accept = request.getHeaders().getAccept();
        return accept.stream().anyMatch(m -> m.isCompatibleWith(MediaType.TEXT_HTML) && !m.isWildcardType());
    }

    /** A problem or a page, whichever the client asked for. */
    public static Mono<Void> error(ServerWebExchange exchange, HttpStatusCode status, String detail) {
        return error(exchange, status, detail, Map.of());
    }

    public static Mono<Void> error(ServerWebExchange exchange, HttpStatusCode status, String detail, Map<String, Object> extra) {
        ServerHttpResponse response = exchange.getResponse();
        if (!startError(response, status)) {
            return Mono.empty();
        }
        HttpHeaders headers = response.getHeaders();
        if (wantsHtml(exchange.getRequest())) {
            headers.setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
            return write(response, page(status, detail));
        }
        ProblemDetail problem = Problems.of(status, detail);
        problem.setInstance(safeInstance(exchange.getRequest().getPath().value()));
        extra.forEach(problem::setProperty);
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return write(response, JSON.writeValueAsString(Problems.toMap(problem)));
    }

    /** 302 to /login?next=<this path and query> (page requests) or a 401 problem (API requests). */
    public static Mono<Void> loginRequired(ServerWebExchange exchange) {
        if (!wantsHtml(exchange.getRequest())) {
            return error(exchange, HttpStatus.UNAUTHORIZED, "Authentication required");
        }
        URI uri = exchange.getRequest().getURI();
        String next = uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        return redirect(exchange, UriComponentsBuilder.fromPath("/login").queryParam("next", "{next}")
                .encode().buildAndExpand(next).toUriString());
    }

    public static Mono<Void> redirect(ServerWebExchange exchange, String location) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.FOUND);
        response.getHeaders().setLocation(URI.create(location));
        response.getHeaders().setCacheControl("no-store");
        return response.setComplete();
    }

    public static Mono<Void> html(ServerWebExchange exchange, HttpStatusCode status, String html) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        return write(response, html);
    }

    /** A styled page with its own title, for browsers only (the caller answers API clients itself). */
    public static Mono<Void> errorPage(ServerWebExchange exchange, HttpStatusCode status, String title, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (!startError(response, status)) {
            return Mono.empty();
        }
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8));
        return write(response, page(status, title, detail));
    }

    /** Status and no-store on an error answer, dropping a length set for a body it replaces; false once it is on its way. */
    private static boolean startError(ServerHttpResponse response, HttpStatusCode status) {
        if (response.isCommitted()) {
            return false;
        }
        response.setStatusCode(status);
        response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
        response.getHeaders().setCacheControl("no-store");
        return true;
    }

    public static String page(HttpStatusCode status, String detail) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return page(status, known != null ? known.getReasonPhrase() : "Error", detail);
    }

    public static String page(HttpStatusCode status, String title, String detail) {
        return """
                <!DOCTYPE html>
                <html lang="en" data-theme="light" data-color-theme="purple">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%1$d %2$s · HiveMatrix</title>
                <link rel="stylesheet" href="/static/css/global.css"></head>
                <body class="error-page">
                <main class="error-page__panel card">
                <p class="error-page__code">%1$d</p>
                <h1 class="error-page__title">%2$s</h1>
                <p class="error-page__detail">%3$s</p>
                <p><a class="btn btn--primary" href="/">Back to HiveMatrix</a></p>
                </main>
                </body></html>
                """.formatted(status.value(), HtmlUtils.htmlEscape(title), HtmlUtils.htmlEscape(detail == null ? "" : detail));
    }

    private static Mono<Void> write(ServerHttpResponse response, String body) {
        DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
        return response.writeWith(Mono.just(buffer));
    }

    private static URI safeInstance(String path) {
        try {
            return URI.create(path);
        } catch (IllegalArgumentException e) {
            return URI.create(path.replaceAll("[^A-Za-z0-9/._~-]", "_"));
        }
    }
}
