package com.hivematrix.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.core.session.SessionRecord;
import com.hivematrix.core.session.SessionStore;
import com.hivematrix.core.session.UserData;
import com.hivematrix.core.support.CoreIntegrationTest;
import com.hivematrix.core.support.Http;
import com.hivematrix.shared.testsupport.KeycloakTestServer;

/** Keycloak unreachable: exchange answers a clear 503 problem, validate and revoke keep working. */
class KeycloakDownTest extends CoreIntegrationTest {

    @DynamicPropertySource
    static void deadKeycloak(DynamicPropertyRegistry registry) {
        coreProperties(registry, "kcdown", Map.of("hivematrix.keycloak.url", "http://127.0.0.1:1/keycloak"));
    }

    @Autowired
    HivematrixTokens tokens;
    @Autowired
    SessionStore sessions;

    @Test
    void exchangeIs503ButValidateAndRevokeWork() {
        String realKeycloakToken = KeycloakTestServer.get().passwordGrant(KeycloakTestServer.get().adminUser(),
                KeycloakTestServer.get().adminPassword());
        Http.Reply exchange = http.postJson("/api/token/exchange", Map.of("access_token", realKeycloakToken), xff());
        assertThat(exchange.status()).isEqualTo(503);
        assertThat(exchange.contentType()).startsWith("application/problem+json");
        assertThat(exchange.json().get("type").asString()).isEqualTo("about:blank#service-unavailable");
        assertThat(exchange.json().get("detail").asString()).contains("Keycloak");
        assertThat(exchange.header("Retry-After")).isNotNull();

        UserData user = new UserData("s", "n", "e@x", "u", "client", List.of());
        long now = Instant.now().getEpochSecond();
        String jti = TokenController.newSessionId();
        sessions.create(jti, new SessionRecord(user, now, now + 3600, false), java.time.Duration.ofHours(1));
        String token = tokens.signUser(jti, user, Instant.now());
        assertThat(http.postJson("/api/token/validate", Map.of("token", token)).status()).isEqualTo(200);
        assertThat(http.postJson("/api/token/revoke", Map.of("token", token), xff()).status()).isEqualTo(200);
        assertThat(http.postJson("/api/token/validate", Map.of("token", token)).status()).isEqualTo(401);
    }
}
