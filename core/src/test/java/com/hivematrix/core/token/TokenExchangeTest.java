package com.hivematrix.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import com.hivematrix.core.support.DefaultCoreTest;
import com.hivematrix.core.support.Http;
import com.hivematrix.shared.testsupport.KeycloakTestServer;

import tools.jackson.databind.JsonNode;

/** Exchange real Keycloak access tokens (one user per group) for HiveMatrix JWTs. */
class TokenExchangeTest extends DefaultCoreTest {

    private final KeycloakTestServer kc = KeycloakTestServer.get();

    @ParameterizedTest
    @CsvSource({"admins, admin", "technicians, technician", "billing, billing", "client, client", "NONE, client"})
    void exchangeMapsGroupsToPermissionLevelAndStoresTheSession(String group, String level) {
        String[] user = "admins".equals(group) ? new String[] {kc.adminUser(), kc.adminPassword()}
                : kc.createUser("NONE".equals(group) ? null : group);
        String accessToken = kc.passwordGrant(user[0], user[1]);

        Http.Reply reply = http.postJson("/api/token/exchange", Map.of("access_token", accessToken), xff());

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        JsonNode body = reply.json();
        assertThat(body.propertyNames()).containsExactly("token");
        String token = body.get("token").asString();
        JsonNode header = part(token, 0);
        JsonNode claims = part(token, 1);
        assertThat(header.get("alg").asString()).isEqualTo("RS256");
        assertThat(header.get("typ").asString()).isEqualTo("JWT");
        assertThat(header.get("kid").asString()).startsWith("hivematrix-signing-key-");
        assertThat(claims.get("iss").asString()).isEqualTo("hivematrix-core");
        assertThat(claims.get("preferred_username").asString()).isEqualTo(user[0]);
        assertThat(claims.get("permission_level").asString()).isEqualTo(level);
        assertThat(claims.get("sub").asString()).isNotBlank();
        assertThat(claims.get("email").asString()).contains("@");
        assertThat(claims.get("name").asString()).isNotBlank();
        assertThat(claims.get("iat").isIntegralNumber()).isTrue();
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
        String jti = claims.get("jti").asString();
        assertThat(jti).hasSize(43).matches("[A-Za-z0-9_-]+");
        List<String> groups = claims.get("groups").valueStream().map(JsonNode::asString).toList();
        if ("NONE".equals(group)) {
            assertThat(groups).isEmpty();
        } else {
            assertThat(groups).anyMatch(g -> g.equals(group) || g.equals("/" + group));
        }

        String stored = redis.opsForValue().get("session:" + jti);
        assertThat(stored).isNotNull();
        JsonNode session = Http.JSON.readTree(stored);
        assertThat(session.propertyNames()).containsExactly("user_data", "created_at", "expires_at", "revoked");
        assertThat(session.get("revoked").asBoolean()).isFalse();
        assertThat(session.get("expires_at").asLong() - session.get("created_at").asLong()).isEqualTo(3600);
        assertThat(session.get("user_data").propertyNames())
                .containsExactly("sub", "name", "email", "preferred_username", "permission_level", "groups");
        assertThat(session.get("user_data").get("permission_level").asString()).isEqualTo(level);
        assertThat(redis.getExpire("session:" + jti)).isBetween(3590L, 3600L);

        Http.Reply validated = http.postJson("/api/token/validate", Map.of("token", token));
        assertThat(validated.status()).isEqualTo(200);
        assertThat(validated.json().get("valid").asBoolean()).isTrue();
        assertThat(validated.json().get("user")).isEqualTo(session.get("user_data"));
    }

    @Test
    void bearerHeaderWorksInsteadOfTheBody() {
        String accessToken = kc.passwordGrant(kc.adminUser(), kc.adminPassword());
        Http.Reply reply = http.post("/api/token/exchange", null, null, "Authorization", "Bearer " + accessToken,
                "X-Forwarded-For", someClient());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(part(reply.json().get("token").asString(), 1).get("permission_level").asString()).isEqualTo("admin");
    }

    @Test
    void missingTokenIs400() {
        Http.Reply reply = http.postJson("/api/token/exchange", Map.of(), xff());
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body()).isEqualTo("{\"error\":\"No access token provided\"}");
        assertThat(reply.contentType()).startsWith("application/json");
    }

    @Test
    void garbageTamperedAndForeignIssuerTokensAre401() {
        String good = kc.passwordGrant(kc.adminUser(), kc.adminPassword());
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        for (String bad : List.of("garbage", "a.b.c", tampered, kc.masterAdminToken())) {
            Http.Reply reply = http.postJson("/api/token/exchange", Map.of("access_token", bad), xff());
            assertThat(reply.status()).as(bad).isEqualTo(401);
            assertThat(reply.body()).isEqualTo("{\"error\":\"Invalid access token\"}");
        }
    }

    static JsonNode part(String jwt, int index) {
        return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[index]));
    }
}
