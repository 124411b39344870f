package com.hivematrix.nexus.security;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;

import com.hivematrix.nexus.login.CoreClient;
import com.hivematrix.nexus.login.NexusSession;
import com.hivematrix.nexus.routing.PathRules;
import com.hivematrix.nexus.routing.RegistryRoutes;
import com.hivematrix.nexus.web.Responses;
import com.hivematrix.shared.registry.ServiceInfo;
import com.hivematrix.shared.registry.ServiceRegistry;
import com.hivematrix.shared.security.PermissionLevel;

import reactor.core.publisher.Mono;

/**
 * The edge's decisions for every proxied request, before any byte goes upstream: unknown or blocked
 * paths (404), login (302 or 401), a session Core no longer accepts (logged out), Core unreachable
 * (503), cross-site state changes (403), admin-only and billing services (403), rate limits (429).
 * What passes carries {@link #TOKEN_ATTR} and {@link #USER_ATTR} for the relay and the composer.
 */
public class EdgeFilter implements WebFilter, Ordered {

    public static final String TOKEN_ATTR = "nexus.token";
    public static final String USER_ATTR = "nexus.user";
    public static final String SERVICE_ATTR = "nexus.service";
    public static final String PUBLIC_ATTR = "nexus.public";
    public static final int ORDER = -50;


    private final ServiceRegistry registry;
    private final PathRules rules;
    private final SessionValidator validator;
    private final RateLimiter rateLimiter;
    private final ApiTokenExchange apiTokens;
    private final String sessionCookie;
    private final String keycloakPath;
    private final Clock clock;
    /** Nexus's loopback-only Actuator port (0: none); requests on it are Actuator's, not the gateway's. */
    private int managementPort;

    public EdgeFilter(ServiceRegistry registry, PathRules rules, SessionValidator validator, RateLimiter rateLimiter,
            ApiTokenExchange apiTokens, String sessionCookie, String keycloakPath, Clock clock) {
        this.registry = registry;
        this.rules = rules;
        this.validator = validator;
        this.rateLimiter = rateLimiter;
        this.apiTokens = apiTokens;
        this.sessionCookie = sessionCookie;
        this.keycloakPath = keycloakPath;
        this.clock = clock;
    }

    /** Requests arriving on {@code port} (the management server, bound to 127.0.0.1) skip the gateway's checks. */
    public void setManagementPort(int port) {
        this.managementPort = port;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (managementPort > 0 && request.getLocalAddress() != null && request.getLocalAddress().getPort() == managementPort) {
            return chain.filter(exchange);
        }
        String rawPath = request.getURI().getRawPath();
        if (suspicious(rawPath)) {
            return Responses.error(exchange, HttpStatus.BAD_REQUEST, "Malformed request path");
        }
        String path = request.getPath().pathWithinApplication().value();
        if (rules.isOwn(path)) {
            return chain.filter(exchange);
        }
        if (path.equals(keycloakPath) || path.startsWith(keycloakPath + "/")) {
            exchange.getAttributes().put(SERVICE_ATTR, RegistryRoutes.KEYCLOAK);
            return chain.filter(exchange);
        }
        String name = PathRules.serviceOf(path);
        ServiceInfo service = registry.find(name).filter(s -> !RegistryRoutes.NEXUS.equals(s.name())
                && !RegistryRoutes.KEYCLOAK.equals(s.name())).orElse(null);
        if (service == null) {
            return Responses.error(exchange, HttpStatus.NOT_FOUND, "Service '" + name + "' not found.");
        }
        if (rules.isBlocked(path)) {
            return Responses.error(exchange, HttpStatus.NOT_FOUND, "The requested resource was not found");
        }
        exchange.getAttributes().put(SERVICE_ATTR, name);
        if (rules.isPublic(path)) {
            exchange.getAttributes().put(PUBLIC_ATTR, Boolean.TRUE);
            exchange.getAttributes().put(USER_ATTR, Map.of("sub", "public-display", "permission_level", "public"));
            return chain.filter(exchange);
        }
        String bearer = bearerToken(exchange.getRequest());
        if (bearer != null && exchange.getRequest().getCookies().getFirst(sessionCookie) == null) {
            return authorizeApiClient(exchange, chain, bearer, service);
        }
        return exchange.getSession().flatMap(session -> authorize(exchange, chain, session, service));
    }

    private Mono<Void> authorize(ServerWebExchange exchange, WebFilterChain chain, WebSession session, ServiceInfo service) {
        String token = NexusSession.token(session);
        if (token == null) {
            return Responses.loginRequired(exchange);
        }
        Instant expiry = NexusSession.expiry(token);
        if (expiry == null || !expiry.isAfter(clock.instant())) {
            return session.invalidate().then(Responses.loginRequired(exchange));
        }
        ServerHttpRequest checked = sameOrigin(exchange.getRequest())
                ? CsrfGuard.verified(exchange.getRequest(), NexusSession.csrfToken(session)) : null;
        if (checked == null) {
            return Responses.error(exchange, HttpStatus.FORBIDDEN, "Cross-site request refused");
        }
        ServerWebExchange forwarded = checked == exchange.getRequest() ? exchange : exchange.mutate().request(checked).build();
        return relayIfValid(forwarded, chain, token, NexusSession.user(session), service,
                Mono.defer(() -> session.invalidate().then(Responses.loginRequired(forwarded))));
    }

    /**
     * An API client with a Keycloak access token and no session: exchanged at Core (cached), then the
     * same checks as a browser session. Bearer-authenticated calls carry no cookie, so no CSRF risk.
     */
    private Mono<Void> authorizeApiClient(ServerWebExchange exchange, WebFilterChain chain, String bearer, ServiceInfo service) {
        return apiTokens.hivematrixToken(bearer)
                .map(ApiExchange::exchanged)
                .onErrorResume(e -> Mono.just(e instanceof CoreClient.ExchangeRejectedException
                        ? ApiExchange.REFUSED : ApiExchange.UNAVAILABLE))
                .flatMap(result -> switch (result.outcome()) {
                    case REFUSED -> Responses.error(exchange, HttpStatus.UNAUTHORIZED, "Invalid access token");
                    case UNAVAILABLE -> Responses.error(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                            "The identity service is unavailable; please try again shortly", Map.of("retry_after", 5));
                    case EXCHANGED -> relayIfValid(exchange, chain, result.token(), Map.of(), service, Mono.defer(() -> {
                        apiTokens.revoked(bearer);
                        return Responses.error(exchange, HttpStatus.UNAUTHORIZED, "Session expired or revoked");
                    }));
                });
    }

    /** What exchanging an API client's Keycloak token gave: a HiveMatrix JWT, a refusal, or no answer from Core. */
    private record ApiExchange(Outcome outcome, String token) {
        enum Outcome { EXCHANGED, REFUSED, UNAVAILABLE }

        static final ApiExchange REFUSED = new ApiExchange(Outcome.REFUSED, null);
        static final ApiExchange UNAVAILABLE = new ApiExchange(Outcome.UNAVAILABLE, null);

        static ApiExchange exchanged(String token) {
            return new ApiExchange(Outcome.EXCHANGED, token);
        }
    }

    /** {@code onInvalid} must be lazy (it invalidates sessions and writes the response). */
    private Mono<Void> relayIfValid(ServerWebExchange exchange, WebFilterChain chain, String token, Map<String, Object> knownUser,
            ServiceInfo service, Mono<Void> onInvalid) {
        return validator.check(token).flatMap(result -> switch (result.verdict()) {
            case INVALID -> onInvalid;
            case UNAVAILABLE -> Responses.error(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                    "The identity service is unavailable; please try again shortly", Map.of("retry_after", 5));
            case VALID -> {
                Map<String, Object> user = result.user().isEmpty() ? knownUser : result.user();
                if (!allowed(service, levels(user))) {
                    yield Responses.error(exchange, HttpStatus.FORBIDDEN, "You don't have permission to access this resource");
                }
                exchange.getAttributes().put(TOKEN_ATTR, token);
                exchange.getAttributes().put(USER_ATTR, user);
                yield rateLimiter.check(String.valueOf(user.getOrDefault("sub", token)))
                        .flatMap(retryAfter -> retryAfter > 0
                                ? tooMany(exchange, retryAfter)
                                : chain.filter(exchange));
            }
        });
    }

    private static String bearerToken(ServerHttpRequest request) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /**
     * The levels a signed-in user holds: their {@code permission_level} plus the lower staff levels
     * their other Keycloak groups give (a technician also in {@code billing} may open Ledger).
     */
    public static Set<PermissionLevel> levels(Map<String, Object> user) {
        PermissionLevel highest = PermissionLevel.fromClaim(String.valueOf(user.get("permission_level")));
        return PermissionLevel.held(highest, user.get("groups") instanceof Collection<?> groups ? groups : null);
    }

    public static boolean allowed(ServiceInfo service, Set<PermissionLevel> levels) {
        if (service.adminOnly()) {
            return levels.contains(PermissionLevel.ADMIN);
        }
        if (service.billingOrAdminOnly()) {
            return levels.contains(PermissionLevel.ADMIN) || levels.contains(PermissionLevel.BILLING);
        }
        return true;
    }

    private static Mono<Void> tooMany(ServerWebExchange exchange, long retryAfter) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
        return Responses.error(exchange, HttpStatus.TOO_MANY_REQUESTS,
                "Rate limit exceeded. Try again in " + retryAfter + " seconds.", Map.of("retry_after", retryAfter));
    }

    /**
     * The origin half of the CSRF defence for cookie-authenticated state changes (the token is
     * {@link CsrfGuard}): the browser's Origin (or, lacking it, the Referer) must be this gateway's own.
     */
    boolean sameOrigin(ServerHttpRequest request) {
        if (CsrfGuard.SAFE.contains(request.getMethod()) || request.getCookies().getFirst(sessionCookie) == null) {
            return true;
        }
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        if (host == null) {
            return false;
        }
        String origin = request.getHeaders().getOrigin();
        if (origin == null || origin.equals("null")) {
            String referer = request.getHeaders().getFirst(HttpHeaders.REFERER);
            if (referer == null) {
                return false;
            }
            try {
                URI uri = URI.create(referer);
                origin = uri.getScheme() + "://" + uri.getRawAuthority();
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        String scheme = request.getURI().getScheme();
        return origin.equalsIgnoreCase(scheme + "://" + host);
    }

    /** Encoded slashes or backslashes and dot segments could make Nexus and a backend disagree on the path. */
    static boolean suspicious(String rawPath) {
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\") || lower.contains("%2e") || lower.contains("//")) {
            return true;
        }
        for (String segment : rawPath.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
