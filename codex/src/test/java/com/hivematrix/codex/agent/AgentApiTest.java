package com.hivematrix.codex.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.hivematrix.codex.CodexTestBase;

import tools.jackson.databind.JsonNode;

class AgentApiTest extends CodexTestBase {

    @Test
    void mySettingsDefaultThenSaveThenNexusSeesThem() {
        String token = ISSUER.userToken("technician");
        JsonNode defaults = get("/api/my/settings", token).json();
        assertThat(defaults.get("synced").asBoolean()).isFalse();
        assertThat(defaults.get("theme_preference").asString()).isEqualTo("light");
        JsonNode nexusDefault = get("/api/public/user/theme?email=technician@example.test", NEXUS).json();
        assertThat(nexusDefault.propertyNames()).containsExactly("theme", "color_theme", "source");
        assertThat(nexusDefault.get("source").asString()).isEqualTo("default");

        Response bad = put("/api/my/settings", map("theme_preference", "neon", "home_page_preference", "nowhere"), token);
        assertProblem(bad, 422);
        assertThat(bad.json().get("errors").findValuesAsString("field")).containsExactly("home_page_preference", "theme_preference");

        Response ok = put("/api/my/settings", map("theme_preference", "dark", "preferred_color_theme", "bee", "home_page_preference", "codex"), token);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().get("preferred_color_theme").asString()).isEqualTo("bee");
        JsonNode theme = get("/api/public/user/theme?email=TECHNICIAN@example.test", NEXUS).json();
        assertThat(theme.get("theme").asString()).isEqualTo("dark");
        assertThat(theme.get("color_theme").asString()).isEqualTo("bee");
        assertThat(theme.get("source").asString()).isEqualTo("codex");
        assertThat(get("/api/public/user/home-page?email=technician@example.test", NEXUS).json().get("home_page").asString()).isEqualTo("codex");
        assertThat(get("/api/my/settings", token).json().get("synced").asBoolean()).isTrue();
        assertProblem(get("/api/my/settings", NEXUS), 403);
    }

    @Test
    void agentAdministrationIsAdminOnly() {
        jdbc.sql("INSERT INTO agents (keycloak_id, username, email) VALUES ('kc-1', 'alice', 'alice@x.test')").update();
        JsonNode list = get("/api/agents", ADMIN).json();
        assertThat(list.get("total").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode alice = get("/api/agents/kc-1", ADMIN).json();
        assertThat(alice.propertyNames()).containsExactly("keycloak_id", "username", "email", "first_name", "last_name", "enabled",
                "theme_preference", "preferred_color_theme", "knowledgetree_view_preference", "home_page_preference", "created_at",
                "updated_at", "last_synced_at");
        assertProblem(get("/api/agents", TECH), 403);
        assertProblem(get("/api/agents/nobody", ADMIN), 404);
        Response upd = put("/api/agents/kc-1/settings", map("preferred_color_theme", "matrix"), ADMIN);
        assertThat(upd.json().get("agent").get("preferred_color_theme").asString()).isEqualTo("matrix");
        assertProblem(put("/api/agents/kc-1/settings", map("preferred_color_theme", "pink"), ADMIN), 422);
        assertProblem(put("/api/agents/kc-1/settings", map("preferred_color_theme", "red"), LEDGER), 403);
    }
}
