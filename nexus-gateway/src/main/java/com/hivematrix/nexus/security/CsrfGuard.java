package com.hivematrix.nexus.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The token half of Nexus's CSRF defence (the origin check is the other): a cookie-authenticated
 * state-changing request must carry the session's token, as the {@code X-CSRF-Token} header (fetch and
 * XHR, added by nexus-boot.js) or the {@code _csrf} query parameter (forms, whose bodies the gateway
 * streams unread). The parameter is removed before the request goes on to the service.
 */
final class CsrfGuard {

    static final String HEADER = "X-CSRF-Token";
    static final String PARAM = "_csrf";
    /** Methods that change nothing: neither half of the CSRF defence applies to them. */
    static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    private CsrfGuard() {
    }

    /** The request to forward, or null when it changes state without the session's token. */
    static ServerHttpRequest verified(ServerHttpRequest request, String expected) {
        if (SAFE.contains(request.getMethod())) {
            return request;
        }
        String sent = request.getHeaders().getFirst(HEADER);
        if (sent == null) {
            sent = request.getQueryParams().getFirst(PARAM);
        }
        if (expected == null || sent == null || !MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        String rawQuery = request.getURI().getRawQuery();
        if (rawQuery == null || !request.getQueryParams().containsKey(PARAM)) {
            return request;
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.equals(PARAM) && !pair.startsWith(PARAM + "=")) {
                kept.add(pair);
            }
        }
        URI uri = UriComponentsBuilder.fromUri(request.getURI())
                .replaceQuery(kept.isEmpty() ? null : String.join("&", kept))
                .build(true).toUri();
        return request.mutate().uri(uri).build();
    }
}
