package com.hivematrix.codex.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.codex.CodexTestBase;
import com.hivematrix.shared.testsupport.KeycloakTestServer;

import tools.jackson.databind.JsonNode;

/**
 * Keycloak agent import against the shared test Keycloak (real, never faked): every user across
 * pages becomes an agent, a user without email is reported without aborting the batch,
 * preferences survive a re-import, and only admins may start it.
 */
class KeycloakAgentImportTest extends CodexTestBase {

    static final KeycloakTestServer KEYCLOAK = KeycloakTestServer.get();

    @DynamicPropertySource
    static void keycloak(DynamicPropertyRegistry registry) {
        registry.add("codex.keycloak.url", KEYCLOAK::url);
        registry.add("codex.keycloak.realm", KEYCLOAK::realm);
        registry.add("codex.keycloak.client-id", () -> "helm-admin");
        registry.add("codex.keycloak.client-secret", () -> KEYCLOAK.env("KC_HELM_CLIENT_SECRET"));
    }

    @Test
    void importsEveryUserReportsBadRowsAndKeepsPreferences() throws Exception {
        String[] tech = KEYCLOAK.createUser("technicians");
        String noEmail = "t-noemail-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(KEYCLOAK.url() + "/admin/realms/" + KEYCLOAK.realm() + "/users"))
                .header("Authorization", "Bearer " + KEYCLOAK.masterAdminToken()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\": \"" + noEmail + "\", \"enabled\": true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);

        Response r = post("/api/agents/sync", null, ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        long agents = jdbc.sql("SELECT count(*) FROM agents").query(Long.class).single();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("total_keycloak_users").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(body.get("synced").asLong()).isEqualTo(agents);
        assertThat(body.get("errors").toString()).contains(noEmail + ": no email address");
        assertThat(jdbc.sql("SELECT email || '|' || first_name || '|' || theme_preference || '|' || preferred_color_theme FROM agents WHERE username = ?")
                .param(tech[0]).query(String.class).single()).isEqualTo(tech[0] + "@test.hivematrix.local|Test|light|purple");
        assertThat(jdbc.sql("SELECT count(*) FROM agents WHERE username = ?").param(noEmail).query(Long.class).single()).isZero();

        // preferences are Codex's: a re-import (as a background job) keeps them
        jdbc.sql("UPDATE agents SET theme_preference = 'dark', preferred_color_theme = 'matrix' WHERE username = ?").param(tech[0]).update();
        Response job = post("/sync/agents", null, ADMIN);
        assertThat(job.status()).as(job.body()).isEqualTo(200);
        String id = job.json().get("job_id").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !"running".equals(get("/sync/status/" + id, ADMIN).json().get("status").asString()));
        JsonNode status = get("/sync/status/" + id, ADMIN).json();
        assertThat(status.get("script").asString()).isEqualTo("keycloak_agents");
        assertThat(status.get("status").asString()).isEqualTo("completed");
        assertThat(status.get("output").asString()).contains("Keycloak users");
        assertThat(jdbc.sql("SELECT theme_preference || '|' || preferred_color_theme FROM agents WHERE username = ?").param(tech[0])
                .query(String.class).single()).isEqualTo("dark|matrix");

        assertThat(post("/api/agents/sync", null, TECH).status()).isEqualTo(403);
        assertThat(post("/sync/agents", null, TECH).status()).isEqualTo(403);
    }
}
