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
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

import com.hivematrix.nexus.security.EdgeFilter;
import com.hivematrix.shared.web.CorrelationIdFilter;
import com.hivematrix.shared.web.UserMdcFilter;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import reactor.core.publisher.Mono;

/**
 * What a backend sees: Nexus's own X-Forwarded-* (overwritten, never appended from the client),
 * {@code X-Forwarded-Prefix: /<service>}, a correlation id, {@code Authorization: Bearer <HiveMatrix JWT>}
 * from the session, and none of Nexus's or Keycloak's cookies. Backends cannot set Nexus's cookie.
 * The W3C trace context of Nexus's server span ({@code traceparent}) goes with the request, and a
 * request that brings no X-Correlation-ID gets the trace id as its correlation id, so one value
 * finds the request in Nexus's and the backend's logs and in a tracing system.
 */
public class RelayFilter implements GlobalFilter, Ordered {

    private static final Logger ACCESS = LoggerFactory.getLogger("hivematrix.access");

    public static final String CORRELATION_HEADER = "X-Correlation-ID";
    private static final Pattern CORRELATION = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final List<String> STRIPPED = List.of("Forwarded", "X-Forwarded-For", "X-Forwarded-Proto",
            "X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Prefix", "X-Real-IP", "X-Forwarded-Server");

    /** The X-Forwarded-* values, written by {@link ForwardedHeadersWriter} after the gateway's own header filters. */
    public static final String FORWARDED_ATTR = "nexus.forwarded";

    /** Trace context headers a client may send; the backend gets Nexus's, never the client's. */
    private static final List<String> TRACE_HEADERS = List.of("traceparent", "tracestate", "b3", "X-B3-TraceId", "X-B3-SpanId",
            "X-B3-ParentSpanId", "X-B3-Sampled", "X-B3-Flags");

    private final String sessionCookie;
    private final Propagator propagator;

    public RelayFilter(String sessionCookie) {
        this(sessionCookie, null);
    }

    /** {@code propagator} null: no tracing on the classpath, correlation ids are random. */
    public RelayFilter(String sessionCookie, Propagator propagator) {
        this.sessionCookie = sessionCookie;
        this.propagator = propagator;
    }

    /** The span of the server observation WebFlux opened for this exchange, if tracing is on. */
    static Span serverSpan(ServerWebExchange exchange) {
        return ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .orElse(null);
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
        Span span = propagator == null ? null : serverSpan(exchange);
        String traceId = span == null ? null : span.context().traceId();
        String correlationId = incomingId != null && CORRELATION.matcher(incomingId).matches()
                ? incomingId : traceId != null ? traceId : UUID.randomUUID().toString();
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
            TRACE_HEADERS.forEach(h::remove);
            if (span != null) {
                propagator.inject(span.context(), h, HttpHeaders::set);
            }
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
                .doFinally(signal -> logAccess(exchange, correlationId, traceId, start));
    }

    /** One line per proxied request with its correlation id and user in the MDC, as the services log theirs. */
    private static void logAccess(ServerWebExchange exchange, String correlationId, String traceId, long start) {
        Map<String, Object> user = exchange.getAttribute(EdgeFilter.USER_ATTR);
        MDC.put(CorrelationIdFilter.MDC_KEY, correlationId);
        if (traceId != null) {
            MDC.put(CorrelationIdFilter.TRACE_ID_MDC_KEY, traceId);
        }
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
            MDC.remove(CorrelationIdFilter.TRACE_ID_MDC_KEY);
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
