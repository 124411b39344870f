package com.hivematrix.nexus.routing;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

import com.hivematrix.nexus.security.EdgeFilter;
import com.hivematrix.shared.web.CorrelationIdFilter;
import com.hivematrix.shared.web.UserMdcFilter;

import reactor.core.publisher.Mono;

/**
 * What a backend sees: Nexus's own X-Forwarded-* (overwritten, never appended from the client),
 * {@code X-Forwarded-Prefix: /<service>}, a correlation id, {@code Authorization: Bearer <HiveMatrix JWT>}
 * from the session, and none of Nexus's or Keycloak's cookies. Backends cannot set Nexus's cookie.
 */
public class RelayFilter implements GlobalFilter, Ordered {

    private static final Logger ACCESS = LoggerFactory.getLogger("hivematrix.access");

    public static final String CORRELATION_HEADER = "X-Correlation-ID";
    private static final Pattern CORRELATION = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final List<String> STRIPPED = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Proto",
            "X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Real-IP", "X-Forwarded-Server");

    /** The X-Forwarded-* values, written by {@link ForwardedHeadersWriter} after the gateway's own header filters. */
    public static final String FORWARDED_ATTR = "nexus.forwarded";

    private final String sessionCookie;

    public RelayFilter(String sessionCookie) {
        this.sessionCookie = sessionCookie;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String service = exchange.getAttribute(EdgeFilter.SERVICE_ATTR);
        boolean keycloak = RegistryRoutes.KEYCLOAK.equals(service);
        boolean isPublic = Boolean.TRUE.equals(exchange.getAttribute(EdgeFilter.PUBLIC_ATTR));
        String token = exchange.getAttribute(EdgeFilter.TOKEN_ATTR);
        String incomingId = request.getHeaders().getFirst(CORRELATION_HEADER);
        String correlationId = incomingId != null && CORRELATION.matcher(incomingId).matches()
                ? incomingId : UUID.randomUUID().toString();
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        if (host == null) {
            host = request.getURI().getRawAuthority();
        }
        String proto = request.getURI().getScheme();
        InetSocketAddress remote = request.getRemoteAddress();
        String forwardedFor = remote != null && remote.getAddress() != null ? remote.getAddress().getHostAddress() : "";
        String port = portOf(host, proto);
        String forwardedHost = host;
        String cookies = relayedCookies(request, keycloak);

        ServerHttpRequest relayed = request.mutate().headers(h -> {
            STRIPPED.forEach(h::remove);
            h.set(CORRELATION_HEADER, correlationId);
            if (!keycloak && !isPublic) {
                h.remove(HttpHeaders.AUTHORIZATION);
                if (token != null) {
                    h.setBearerAuth(token);
                }
            }
            h.remove(HttpHeaders.COOKIE);
            if (!cookies.isEmpty()) {
                h.set(HttpHeaders.COOKIE, cookies);
            }
            // composition needs the HTML uncompressed; loopback does not need compression
            h.remove(HttpHeaders.ACCEPT_ENCODING);
        }).build();

        exchange.getResponse().getHeaders().set(CORRELATION_HEADER, correlationId);
        Map<String, String> forwarded = new LinkedHashMap<>();
        forwarded.put("X-Forwarded-For", forwardedFor);
        forwarded.put("X-Forwarded-Proto", proto);
        forwarded.put("X-Forwarded-Host", forwardedHost);
        forwarded.put("X-Forwarded-Port", port);
        if (!keycloak && service != null) {
            forwarded.put("X-Forwarded-Prefix", "/" + service);
        }
        exchange.getAttributes().put(FORWARDED_ATTR, forwarded);
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(CORRELATION_HEADER, correlationId);
            return Mono.empty();
        });
        long start = System.nanoTime();
        return chain.filter(exchange.mutate().request(relayed).build())
                .doFinally(signal -> logAccess(exchange, correlationId, start));
    }

    /** One line per proxied request with its correlation id and user in the MDC, as the services log theirs. */
    private static void logAccess(ServerWebExchange exchange, String correlationId, long start) {
        Map<String, Object> user = exchange.getAttribute(EdgeFilter.USER_ATTR);
        MDC.put(CorrelationIdFilter.MDC_KEY, correlationId);
        if (user != null) {
            MDC.put(UserMdcFilter.USER_ID, String.valueOf(user.getOrDefault("sub", "")));
            MDC.put(UserMdcFilter.USERNAME, String.valueOf(user.getOrDefault("preferred_username", "")));
        }
        try {
            ServerHttpRequest request = exchange.getRequest();
            HttpStatusCode status = exchange.getResponse().getStatusCode();
            ACCESS.info("{} {} -> {} in {} ms", request.getMethod(), request.getPath().value(), status == null ? "-" : status.value(),
                    (System.nanoTime() - start) / 1_000_000);
        } finally {
            MDC.remove(CorrelationIdFilter.MDC_KEY);
            MDC.remove(UserMdcFilter.USER_ID);
            MDC.remove(UserMdcFilter.USERNAME);
        }
    }

    private String relayedCookies(ServerHttpRequest request, boolean keycloak) {
        return request.getCookies().values().stream().flatMap(List::stream)
                .filter(c -> !c.getName().equals(sessionCookie))
                .filter(c -> keycloak || !isKeycloakCookie(c))
                .map(HttpCookie::toString)
                .collect(Collectors.joining("; "));
    }

    static boolean isKeycloakCookie(HttpCookie cookie) {
        String name = cookie.getName().toUpperCase(Locale.ROOT);
        return name.startsWith("KEYCLOAK_") || name.startsWith("AUTH_SESSION_ID") || name.startsWith("KC_");
    }

    static String portOf(String host, String proto) {
        int colon = host.lastIndexOf(':');
        if (colon > 0 && colon > host.lastIndexOf(']')) {
            return host.substring(colon + 1);
        }
        return "https".equals(proto) ? "443" : "80";
    }

}
