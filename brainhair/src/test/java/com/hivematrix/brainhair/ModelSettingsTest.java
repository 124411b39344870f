package com.hivematrix.brainhair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import com.hivematrix.brainhair.support.TestPlatform;

import tools.jackson.databind.JsonNode;

/** With no model configured the chat says so plainly; settings keep the key encrypted and never show it. */
@TestPropertySource(properties = {"brainhair.model.provider=", "brainhair.model.model="})
class ModelSettingsTest extends BrainhairTestBase {

    @Test
    void withoutAModelNothingPretendsToAnswerButLookupsWork() {
        JsonNode p = problem(http.post("/api/chat", TestPlatform.TECH, Map.of("message", "hello")), 503);
        assertThat(p.path("detail").asString()).startsWith("No AI model is configured.");
        assertThat(jdbc.sql("SELECT count(*) FROM chat_sessions").query(Long.class).single()).isZero();
        assertThat(http.get("/chat", TestPlatform.TECH).body()).contains("No AI model is configured.", "Direct look-up");
        JsonNode tickets = ok(http.post("/api/tools/list_tickets", TestPlatform.TECH, Map.of("account_number", "100200"))).json();
        assertThat(tickets.get(0).path("subject").asString()).isEqualTo("Call back Zorion Q. at <PHONE_NUMBER> re SSN <US_SSN>");
        problem(http.post("/api/tools/update_billing_rates", TestPlatform.TECH, Map.of("account_number", "100200")), 404);
        assertThat(MODEL.getAllServeEvents()).isEmpty();
    }

    @Test
    void theApiKeyIsStoredEncryptedAndNeverShownBack() {
        JsonNode saved = ok(http.put("/api/settings/model", TestPlatform.ADMIN, Map.of("provider", "anthropic", "base_url",
                "https://api.anthropic.com", "model", "claude-sonnet-4-5", "api_key", "sk-ant-very-secret"))).json();
        assertThat(saved.toString()).doesNotContain("sk-ant-very-secret");
        assertThat(saved.path("model").path("apiKeySet").asBoolean()).isTrue();
        String stored = jdbc.sql("SELECT api_key_enc FROM model_settings").query(String.class).single();
        assertThat(stored).isNotBlank().doesNotContain("sk-ant");
        JsonNode kept = ok(http.put("/api/settings/model", TestPlatform.ADMIN, Map.of("provider", "OPENAI", "base_url",
                "http://127.0.0.1:11434/v1", "model", "llama3.1"))).json();
        assertThat(kept.path("model").path("apiKeySet").asBoolean()).as("an empty key keeps the stored one").isTrue();
        assertThat(ok(http.get("/api/settings/model", TestPlatform.ADMIN)).body()).doesNotContain("sk-ant-very-secret");
        JsonNode bad = problem(http.put("/api/settings/model", TestPlatform.ADMIN, Map.of("provider", "OTHER", "base_url", "ftp://x",
                "model", "m")), 400);
        assertThat(bad.path("errors").toString()).contains("provider", "base_url");
        ok(http.put("/api/settings/model", TestPlatform.ADMIN, Map.of("provider", "OPENAI", "base_url", "http://127.0.0.1:11434/v1",
                "model", "llama3.1", "clear_api_key", true)));
        assertThat(jdbc.sql("SELECT api_key_enc FROM model_settings").query().listOfRows().get(0).get("api_key_enc")).isNull();
    }
}
