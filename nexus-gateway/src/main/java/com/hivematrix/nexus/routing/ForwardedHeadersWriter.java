package com.hivematrix.nexus.routing;

import java.util.Map;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes Nexus's X-Forwarded-* on the upstream request last, after the gateway has removed every
 * client-supplied one (its RemoveXForwardedHeadersFilter): the backend sees only what Nexus saw.
 */
public class ForwardedHeadersWriter implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        Map<String, String> forwarded = exchange.getAttribute(RelayFilter.FORWARDED_ATTR);
        HttpHeaders output = new HttpHeaders();
        output.addAll(input);
        for (String name : java.util.List.copyOf(output.headerNames())) {
            if (name.regionMatches(true, 0, "x-forwarded-", 0, 12) || name.equalsIgnoreCase("forwarded")) {
                output.remove(name);
            }
        }
        if (forwarded != null) {
            forwarded.forEach(output::set);
        }
        return output;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
