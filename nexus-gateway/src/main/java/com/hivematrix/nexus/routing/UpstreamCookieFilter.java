package com.hivematrix.nexus.routing;

import java.util.List;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/** A backend's Set-Cookie for Nexus's session cookie name never reaches the browser. */
public class UpstreamCookieFilter implements HttpHeadersFilter {

    private final String sessionCookie;

    public UpstreamCookieFilter(String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        List<String> setCookies = input.get(HttpHeaders.SET_COOKIE);
        if (setCookies == null || setCookies.isEmpty()) {
            return input;
        }
        HttpHeaders filtered = new HttpHeaders();
        filtered.addAll(input);
        filtered.put(HttpHeaders.SET_COOKIE, setCookies.stream()
                .filter(c -> !c.trim().regionMatches(true, 0, sessionCookie + "=", 0, sessionCookie.length() + 1))
                .toList());
        return filtered;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }
}
