package com.hivematrix.codex.agent;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.hivematrix.codex.sync.SyncJobService.Progress;
import com.hivematrix.codex.web.Rows;
import com.hivematrix.shared.config.HivematrixProperties;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Keycloak user import into {@code agents} (spec §8), with the original's gaps closed: users are
 * read page by page ({@code first}/{@code max}) instead of Keycloak's default first 100, and each
 * user is saved on its own so one bad row (no email, a duplicate email) is reported without
 * aborting the batch. Preferences are never touched; agents are never deleted. Keycloak is reached
 * through the realm-admin service account (client credentials), the one Helm uses, not the
 * master realm's admin password.
 */
@Service
public class KeycloakAgentImport {

    static final int PAGE = 100;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String realm;
    private final String clientId;
    private final String clientSecret;
    private final Path secretFile;

    public KeycloakAgentImport(JdbcClient jdbc, TransactionTemplate tx, HivematrixProperties props,
            @Value("${codex.keycloak.url:${HIVEMATRIX_KEYCLOAK_URL:http://127.0.0.1:8080/keycloak}}") String url,
            @Value("${codex.keycloak.realm:${HIVEMATRIX_KEYCLOAK_REALM:hivematrix}}") String realm,
            @Value("${codex.keycloak.client-id:helm-admin}") String clientId,
            @Value("${codex.keycloak.client-secret:}") String clientSecret) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.realm = realm;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.secretFile = props.getHome().resolve("var/secrets/helm-keycloak.secret");
    }

    /** Counts of one import. */
    public record Result(int total, int created, int updated, List<String> errors) {
    }

    public Result run(Progress p) {
        if (p != null) {
            p.phase("Reading users from Keycloak", null);
        }
        String token = token();
        int created = 0;
        int updated = 0;
        int total = 0;
        List<String> errors = new ArrayList<>();
        for (int first = 0;; first += PAGE) {
            JsonNode users = get("/admin/realms/" + enc(realm) + "/users?briefRepresentation=true&first=" + first + "&max=" + PAGE, token);
            if (!users.isArray()) {
                throw new IllegalStateException("Malformed Keycloak user list");
            }
            for (JsonNode u : users) {
                total++;
                try {
                    if (Boolean.TRUE.equals(tx.execute(s -> save(u)))) {
                        created++;
                    } else {
                        updated++;
                    }
                } catch (RuntimeException e) {
                    String error = "User " + u.path("username").asString("?") + ": " + reason(e);
                    errors.add(error);
                    if (p != null) {
                        p.error(error);
                    }
                }
                if (p != null) {
                    p.advance(1);
                }
            }
            if (users.size() < PAGE) {
                break;
            }
        }
        if (p != null) {
            p.line("Agents: " + total + " Keycloak users, " + created + " created, " + updated + " updated, " + errors.size() + " skipped");
        }
        return new Result(total, created, updated, errors);
    }

    /** Upserts one user; true when the agent is new. Preferences keep their values (new rows get the defaults). */
    private boolean save(JsonNode u) {
        String id = u.path("id").asString("");
        String username = u.path("username").asString("");
        String email = u.path("email").asString("").trim();
        if (id.isBlank() || username.isBlank()) {
            throw new IllegalArgumentException("no id or username");
        }
        if (email.isEmpty()) {
            throw new IllegalArgumentException("no email address");
        }
        Boolean existed = jdbc.sql("SELECT count(*) > 0 FROM agents WHERE keycloak_id = ?").param(id).query(Boolean.class).single();
        jdbc.sql("""
                INSERT INTO agents (keycloak_id, username, email, first_name, last_name, enabled, last_synced_at)
                VALUES (?, ?, ?, ?, ?, ?, now())
                ON CONFLICT (keycloak_id) DO UPDATE SET username = EXCLUDED.username, email = EXCLUDED.email,
                    first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, enabled = EXCLUDED.enabled,
                    updated_at = now(), last_synced_at = now()""")
                .params(id, cut(username), cut(email), cut(text(u.get("firstName"))), cut(text(u.get("lastName"))),
                        u.path("enabled").asBoolean(true))
                .update();
        return !existed;
    }

    private String token() {
        String secret = clientSecret;
        if ((secret == null || secret.isBlank()) && Files.isRegularFile(secretFile)) {
            try {
                secret = Files.readString(secretFile).trim();
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + secretFile, e);
            }
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException("Keycloak access is not configured: set codex.keycloak.client-secret (the realm-admin service account)");
        }
        String form = "grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret=" + enc(secret);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + "/realms/" + enc(realm) + "/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Failed to authenticate with Keycloak (HTTP " + r.statusCode() + ")");
        }
        return parse(r.body()).path("access_token").asString();
    }

    private JsonNode get(String path, String token) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("Keycloak answered HTTP " + r.statusCode() + " for the user list");
        }
        return parse(r.body());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling Keycloak", e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return Rows.JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalStateException("Malformed JSON from Keycloak", e);
        }
    }

    private static String reason(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.contains("uq_agent_email") ? "email already used by another agent" : m.length() > 200 ? m.substring(0, 200) : m;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asString();
    }

    private static String cut(String s) {
        return s == null || s.length() <= 150 ? s : s.substring(0, 150);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
