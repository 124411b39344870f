package com.hivematrix.nexus.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;

import com.hivematrix.nexus.login.NexusSession;
import com.hivematrix.nexus.security.EdgeFilter;
import com.hivematrix.shared.registry.ServiceInfo;
import com.hivematrix.shared.registry.ServiceRegistry;
import com.hivematrix.shared.security.PermissionLevel;

import reactor.core.publisher.Mono;

/** Nexus's own small endpoints: the home redirect, the legacy Beacon shortcuts, the theme cache reset. */
@RestController
public class NexusController {

    /** The original's allowed home pages (plus knowledgetree, which Codex allows too), first that the user may open wins. */
    static final List<String> HOME_CANDIDATES = List.of("helm", "codex", "beacon", "ledger", "brainhair", "knowledgetree");

    private final ServiceRegistry registry;

    public NexusController(ServiceRegistry registry) {
        this.registry = registry;
    }

    @GetMapping("/")
    public Mono<Void> home(ServerWebExchange exchange, WebSession session) {
        if (NexusSession.token(session) == null) {
            return Responses.loginRequired(exchange);
        }
        PermissionLevel level = PermissionLevel.fromClaim(String.valueOf(NexusSession.user(session).get("permission_level")));
        String home = homeFor(level);
        if (home == null) {
            return Responses.html(exchange, HttpStatus.OK, "<!DOCTYPE html><html><head><title>HiveMatrix</title></head><body>"
                    + "<h1>HiveMatrix Nexus</h1><p>No services available for your permission level.</p></body></html>");
        }
        return Responses.redirect(exchange, "/" + home + "/");
    }

    /** The first candidate the user may open, else the first visible service the user may open. */
    String homeFor(PermissionLevel level) {
        for (String candidate : HOME_CANDIDATES) {
            ServiceInfo s = registry.find(candidate).orElse(null);
            if (s != null && s.visible() && EdgeFilter.allowed(s, level)) {
                return s.name();
            }
        }
        return registry.all().stream().filter(s -> s.visible() && EdgeFilter.allowed(s, level))
                .map(ServiceInfo::name).findFirst().orElse(null);
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
        session.getAttributes().keySet().removeIf(k -> k.startsWith("hm.cache."));
        return Map.of("success", true, "message", "Cache invalidated");
    }
}
