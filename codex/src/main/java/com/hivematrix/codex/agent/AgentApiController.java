package com.hivematrix.codex.agent;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.hivematrix.codex.web.Access;
import com.hivematrix.codex.web.Bodies;
import com.hivematrix.codex.web.Rows;
import com.hivematrix.shared.problem.ProblemException;

import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** Agents (platform users) and per-user settings (spec §2.9), incl. the endpoints Nexus calls. */
@RestController
@Tag(name = "Agents and user settings")
public class AgentApiController {

    private final AgentRepository agents;
    private final Bodies bodies;

    public AgentApiController(AgentRepository agents, Bodies bodies) {
        this.agents = agents;
        this.bodies = bodies;
    }

    public static Map<String, Object> dict(Agent a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keycloak_id", a.getKeycloakId());
        m.put("username", a.getUsername());
        m.put("email", a.getEmail());
        m.put("first_name", a.getFirstName());
        m.put("last_name", a.getLastName());
        m.put("enabled", a.getEnabled() == null || a.getEnabled());
        m.put("theme_preference", or(a.getThemePreference(), "light"));
        m.put("preferred_color_theme", or(a.getPreferredColorTheme(), "purple"));
        m.put("knowledgetree_view_preference", or(a.getKnowledgetreeViewPreference(), "grid"));
        m.put("home_page_preference", or(a.getHomePagePreference(), "beacon"));
        m.put("created_at", Rows.iso(a.getCreatedAt()));
        m.put("updated_at", Rows.iso(a.getUpdatedAt()));
        m.put("last_synced_at", Rows.iso(a.getLastSyncedAt()));
        return m;
    }

    static String or(String v, String d) {
        return v == null ? d : v;
    }

    @GetMapping("/api/agents")
    @PreAuthorize(Access.ADMIN_OR_SERVICE)
    public Map<String, Object> list() {
        List<Map<String, Object>> all = agents.findAllByOrderByUsername().stream().map(AgentApiController::dict).toList();
        return Map.of("agents", all, "total", all.size());
    }

    @GetMapping("/api/agents/{keycloakId}")
    @PreAuthorize(Access.ADMIN_OR_SERVICE)
    public Map<String, Object> one(@PathVariable String keycloakId) {
        return dict(agents.findById(keycloakId).orElseThrow(() -> ProblemException.notFound("Agent " + keycloakId + " not found")));
    }

    @PutMapping("/api/agents/{keycloakId}/settings")
    @PreAuthorize(Access.ADMIN)
    @Transactional
    public Map<String, Object> updateAgent(@PathVariable String keycloakId, @RequestBody(required = false) JsonNode raw) {
        Preferences p = bodies.read(raw, Preferences.class, null);
        Agent a = agents.findById(keycloakId).orElseThrow(() -> ProblemException.notFound("Agent " + keycloakId + " not found"));
        p.applyTo(a);
        a.setUpdatedAt(Instant.now());
        return Map.of("success", true, "message", "Agent settings updated", "agent", dict(a));
    }

    @GetMapping("/api/my/settings")
    @PreAuthorize(Access.USERS_ONLY)
    public Map<String, Object> mySettings(@AuthenticationPrincipal Jwt jwt) {
        String email = email(jwt);
        Map<String, Object> m = new LinkedHashMap<>();
        agents.findByEmailIgnoreCase(email).ifPresentOrElse(a -> {
            m.put("theme_preference", or(a.getThemePreference(), "light"));
            m.put("preferred_color_theme", or(a.getPreferredColorTheme(), "purple"));
            m.put("knowledgetree_view_preference", or(a.getKnowledgetreeViewPreference(), "grid"));
            m.put("home_page_preference", or(a.getHomePagePreference(), "beacon"));
            m.put("username", a.getUsername());
            m.put("email", a.getEmail());
            m.put("synced", true);
        }, () -> {
            m.put("theme_preference", "light");
            m.put("preferred_color_theme", "purple");
            m.put("knowledgetree_view_preference", "grid");
            m.put("home_page_preference", "beacon");
            m.put("username", jwt.getClaimAsString("preferred_username"));
            m.put("email", email);
            m.put("synced", false);
        });
        return m;
    }

    /**
     * Saves the caller's preferences. Unlike the original (404 until an admin synced agents from
     * Keycloak), a user without an agent row gets one from the token's claims.
     */
    @PutMapping("/api/my/settings")
    @PreAuthorize(Access.USERS_ONLY)
    @Transactional
    public Map<String, Object> updateMySettings(@AuthenticationPrincipal Jwt jwt, @RequestBody(required = false) JsonNode raw) {
        String email = email(jwt);
        Preferences p = bodies.read(raw, Preferences.class, null);
        Agent a = agents.findByEmailIgnoreCase(email).orElseGet(() -> provision(jwt, email));
        p.applyTo(a);
        a.setUpdatedAt(Instant.now());
        agents.save(a);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("success", true);
        m.put("message", "Settings updated successfully");
        m.put("theme_preference", a.getThemePreference());
        m.put("preferred_color_theme", a.getPreferredColorTheme());
        m.put("knowledgetree_view_preference", a.getKnowledgetreeViewPreference());
        m.put("home_page_preference", a.getHomePagePreference());
        return m;
    }

    private Agent provision(Jwt jwt, String email) {
        Agent a = new Agent();
        a.setKeycloakId(jwt.getSubject());
        String username = jwt.getClaimAsString("preferred_username");
        a.setUsername(username == null || username.isBlank() ? email : username);
        a.setEmail(email);
        String name = jwt.getClaimAsString("name");
        if (name != null && name.contains(" ")) {
            a.setFirstName(name.substring(0, name.indexOf(' ')));
            a.setLastName(name.substring(name.indexOf(' ') + 1));
        }
        a.setEnabled(true);
        a.setThemePreference("light");
        a.setPreferredColorTheme("purple");
        a.setKnowledgetreeViewPreference("grid");
        a.setHomePagePreference("beacon");
        a.setCreatedAt(Instant.now());
        return a;
    }

    private static String email(Jwt jwt) {
        String email = jwt.getClaimAsString("email");
        if (email == null || email.isBlank()) {
            throw Bodies.error(HttpStatus.BAD_REQUEST, "No email in token");
        }
        return email;
    }

    @GetMapping("/api/public/user/theme")
    public Map<String, Object> theme(@RequestParam(required = false) String email) {
        return agents.findByEmailIgnoreCase(email == null ? "" : email).<Map<String, Object>>map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("theme", or(a.getThemePreference(), "light"));
            m.put("color_theme", or(a.getPreferredColorTheme(), "purple"));
            m.put("source", "codex");
            m.put("email", a.getEmail());
            return m;
        }).orElseGet(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("theme", "light");
            m.put("color_theme", "purple");
            m.put("source", "default");
            return m;
        });
    }

    @GetMapping("/api/public/user/home-page")
    public Map<String, Object> homePage(@RequestParam(required = false) String email) {
        return agents.findByEmailIgnoreCase(email == null ? "" : email).<Map<String, Object>>map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("home_page", or(a.getHomePagePreference(), "beacon"));
            m.put("source", "codex");
            m.put("email", a.getEmail());
            return m;
        }).orElseGet(() -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("home_page", "beacon");
            m.put("source", "default");
            return m;
        });
    }

    static ResponseEntity<?> notFound(String msg) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", msg));
    }
}
