package com.hivematrix.nexus.compose;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.WebSession;

import com.hivematrix.shared.client.ServiceTokenProvider;
import com.hivematrix.shared.registry.ServiceRegistry;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A user's theme and home page, from Codex's public user endpoints (called with a Nexus service
 * token), cached in the user's session for {@code ttl} (keys {@code hm.cache.*}, cleared by
 * POST /api/invalidate-cache). Codex absent, slow or failing: the defaults (light/purple, no home
 * preference), cached for a short while so a down Codex does not slow every page.
 */
public class UserPreferences {

    private static final Logger log = LoggerFactory.getLogger(UserPreferences.class);

    public static final String CACHE_PREFIX = "hm.cache.";
    static final String THEME = CACHE_PREFIX + "theme";
    static final String THEME_AT = CACHE_PREFIX + "theme.at";
    static final String HOME = CACHE_PREFIX + "home";
    static final String HOME_AT = CACHE_PREFIX + "home.at";
    /** The original's accepted home pages (plus knowledgetree, which Codex offers). */
    public static final List<String> HOME_PAGES = List.of("helm", "codex", "beacon", "ledger", "brainhair", "knowledgetree");
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration FAILURE_TTL = Duration.ofSeconds(30);

    private final ServiceRegistry registry;
    private final ServiceTokenProvider tokens;
    private final WebClient http;
    private final Duration ttl;
    private final Clock clock;

    public UserPreferences(ServiceRegistry registry, ServiceTokenProvider tokens, WebClient.Builder http, Duration ttl, Clock clock) {
        this.registry = registry;
        this.tokens = tokens;
        this.http = http.build();
        this.ttl = ttl;
        this.clock = clock;
    }

    private record Cached(String value, boolean fresh) {
    }

    public Mono<Theme> theme(WebSession session, Map<String, Object> user) {
        return cached(session, user, THEME, THEME_AT, "/api/public/user/theme",
                body -> Theme.of(str(body.get("theme")), str(body.get("color_theme"))).encode(), Theme.DEFAULT.encode())
                .map(Theme::decode);
    }

    /** The user's preferred home service, or empty when none (or not one of {@link #HOME_PAGES}). */
    public Mono<String> homePage(WebSession session, Map<String, Object> user) {
        return cached(session, user, HOME, HOME_AT, "/api/public/user/home-page",
                body -> {
                    String home = str(body.get("home_page"));
                    return home != null && HOME_PAGES.contains(home) ? home : "";
                }, "")
                .filter(h -> !h.isEmpty());
    }

    private Mono<String> cached(WebSession session, Map<String, Object> user, String key, String atKey, String path,
            java.util.function.Function<Map<?, ?>, String> read, String fallback) {
        String email = str(user.get("email"));
        if (email == null || email.isBlank() || registry.find("codex").isEmpty()) {
            return Mono.just(fallback);
        }
        String value = session.getAttribute(key);
        Long until = session.getAttribute(atKey);
        if (value != null && until != null && until > clock.millis()) {
            return Mono.just(value);
        }
        String base = registry.require("codex").url();
        return Mono.fromCallable(() -> tokens.tokenFor("codex")).subscribeOn(Schedulers.boundedElastic())
                .flatMap(token -> http.get().uri(base + path + "?email={email}", email)
                        .headers(h -> h.setBearerAuth(token))
                        .retrieve()
                        .bodyToMono(Map.class))
                .timeout(TIMEOUT)
                .map(body -> new Cached(read.apply(body), true))
                .onErrorResume(e -> {
                    log.warn("Codex {} unavailable, using defaults: {}", path, e.toString());
                    return Mono.just(new Cached(fallback, false));
                })
                .defaultIfEmpty(new Cached(fallback, false))
                .map(result -> {
                    session.getAttributes().put(key, result.value());
                    session.getAttributes().put(atKey, clock.millis() + (result.fresh() ? ttl : FAILURE_TTL).toMillis());
                    return result.value();
                });
    }

    private static String str(Object o) {
        return o instanceof String s ? s : null;
    }
}
