package com.hivematrix.nexus.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

import com.hivematrix.nexus.compose.PageComposer;
import com.hivematrix.nexus.compose.SidePanel;
import com.hivematrix.nexus.compose.UserPreferences;
import com.hivematrix.nexus.login.NexusSession;
import com.hivematrix.nexus.security.EdgeFilter;
import com.hivematrix.nexus.security.SessionValidator;
import com.hivematrix.shared.registry.ServiceInfo;
import com.hivematrix.shared.registry.ServiceRegistry;
import com.hivematrix.shared.security.PermissionLevel;
import com.hivematrix.shared.version.VersionInfo;

import reactor.core.publisher.Mono;

/** Nexus's own small endpoints: the home redirect, the style guide, the legacy Beacon shortcuts, the theme cache reset. */
@RestController
public class NexusController {

    /** The home page when the user has no preference (the original's default). */
    static final String DEFAULT_HOME = "helm";

    private final ServiceRegistry registry;
    private final UserPreferences preferences;
    private final SessionValidator validator;
    private final String version;
    private final String styleGuide;

    public NexusController(ServiceRegistry registry, UserPreferences preferences, SessionValidator validator, VersionInfo version) {
        this.registry = registry;
        this.preferences = preferences;
        this.validator = validator;
        this.version = version.version();
        this.styleGuide = java.util.regex.Pattern.compile("\\{\\{icon:([a-z0-9-]+)}}").matcher(resource("nexus/style-guide.html"))
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(com.hivematrix.nexus.compose.Icons.svg(m.group(1))));
    }

    @GetMapping("/")
    public Mono<Void> home(ServerWebExchange exchange, WebSession session) {
        return withUser(exchange, session, user -> {
            Set<PermissionLevel> levels = EdgeFilter.levels(user);
            return preferences.homePage(session, user).defaultIfEmpty(DEFAULT_HOME).flatMap(preferred -> {
                String home = homeFor(preferred, levels);
                if (home == null) {
                    return Responses.html(exchange, HttpStatus.OK, "<!DOCTYPE html><html><head><title>HiveMatrix</title></head><body>"
                            + "<h1>HiveMatrix Nexus</h1><p>No services available for your permission level.</p></body></html>");
                }
                return Responses.redirect(exchange, "/" + home + "/");
            });
        });
    }

    /** The preferred service if this user may open it, else the first visible service (registry order) the user may open. */
    String homeFor(String preferred, Set<PermissionLevel> levels) {
        ServiceInfo chosen = registry.find(preferred).orElse(null);
        if (chosen != null && chosen.visible() && EdgeFilter.allowed(chosen, levels)) {
            return chosen.name();
        }
        return registry.all().stream().filter(s -> s.visible() && EdgeFilter.allowed(s, levels))
                .map(ServiceInfo::name).findFirst().orElse(null);
    }

    /** Every component of the design system on one page, composed like any service page (login required). */
    @GetMapping({"/nexus/style-guide", "/nexus/style-guide/"})
    public Mono<Void> styleGuide(ServerWebExchange exchange, WebSession session) {
        return withUser(exchange, session, user -> preferences.theme(session, user).flatMap(theme -> {
            String page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                    + "<title>Style guide · HiveMatrix</title>"
                    + "<link rel=\"stylesheet\" href=\"/static/css/style-guide.css?v=" + version + "\"><script src=\"/static/js/style-guide.js?v=" + version + "\" defer></script>"
                    + "</head><body>" + styleGuide + "</body></html>";
            String panel = SidePanel.html(registry, EdgeFilter.levels(user), "nexus", theme);
            return Responses.html(exchange, HttpStatus.OK, PageComposer.compose(page, theme, panel, version));
        }));
    }

    private Mono<Void> withUser(ServerWebExchange exchange, WebSession session,
            java.util.function.Function<Map<String, Object>, Mono<Void>> action) {
        String token = NexusSession.token(session);
        if (token == null) {
            return Responses.loginRequired(exchange);
        }
        return validator.check(token).flatMap(result -> switch (result.verdict()) {
            case INVALID -> session.invalidate().then(Responses.loginRequired(exchange));
            case UNAVAILABLE -> Responses.error(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                    "The identity service is unavailable; please try again shortly");
            case VALID -> action.apply(result.user().isEmpty() ? NexusSession.user(session) : result.user());
        });
    }

    @GetMapping({"/helpdesk", "/helpdesk/"})
    public ResponseEntity<Void> helpdesk() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/beacon/helpdesk")).build();
    }

    @GetMapping({"/professional-services", "/professional-services/"})
    public ResponseEntity<Void> professionalServices() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/beacon/professional-services")).build();
    }

    @PostMapping(path = "/api/invalidate-cache", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> invalidateCache(WebSession session) {
        // one remove per key: the Redis-backed session records removals made through remove(), not through views
        java.util.List.copyOf(session.getAttributes().keySet()).stream()
                .filter(k -> k.startsWith(UserPreferences.CACHE_PREFIX))
                .forEach(k -> session.getAttributes().remove(k));
        return Map.of("success", true, "message", "Cache invalidated");
    }

    private static String resource(String name) {
        try (InputStream in = NexusController.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
