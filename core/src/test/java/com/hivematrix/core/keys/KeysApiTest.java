package com.hivematrix.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.core.support.CoreIntegrationTest;
import com.hivematrix.core.support.Http;
import com.hivematrix.shared.testsupport.KeycloakTestServer;

import tools.jackson.databind.JsonNode;

/** JWKS and rotation through the API, with its own key directory. */
class KeysApiTest extends CoreIntegrationTest {

    @DynamicPropertySource
    static void ownKeyDir(DynamicPropertyRegistry registry) {
        coreProperties(registry, "keys", Map.of());
    }

    @Autowired
    SigningKeys keys;

    private final KeycloakTestServer kc = KeycloakTestServer.get();

    private String exchange(String username, String password) {
        Http.Reply r = http.postJson("/api/token/exchange", Map.of("access_token", kc.passwordGrant(username, password)), xff());
        assertThat(r.status()).isEqualTo(200);
        return r.json().get("token").asString();
    }

    private static String kid(String jwt) {
        return Http.JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[0])).get("kid").asString();
    }

    private List<String> publishedKids() {
        Http.Reply jwks = http.get("/.well-known/jwks.json");
        assertThat(jwks.status()).isEqualTo(200);
        return jwks.json().get("keys").valueStream().map(k -> k.get("kid").asString()).toList();
    }

    @Test
    void jwksPublishesTheFirstKeyAsAnRsaJwk() {
        Http.Reply jwks = http.get("/.well-known/jwks.json");
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.contentType()).startsWith("application/json");
        JsonNode first = jwks.json().get("keys").get(0);
        assertThat(first.get("kty").asString()).isEqualTo("RSA");
        assertThat(first.get("alg").asString()).isEqualTo("RS256");
        assertThat(first.get("use").asString()).isEqualTo("sig");
        assertThat(first.get("kid").asString()).isEqualTo("hivematrix-signing-key-1");
        assertThat(first.get("e").asString()).isEqualTo("AQAB");
        assertThat(first.get("n").asString()).matches("[A-Za-z0-9_-]{342}");
        assertThat(first.has("d")).isFalse();
    }

    @Test
    void adminRotatesAndOldTokensKeepValidating() {
        String adminToken = exchange(kc.adminUser(), kc.adminPassword());
        String oldKid = kid(adminToken);

        String[] tech = kc.createUser("technicians");
        String techToken = exchange(tech[0], tech[1]);
        Http.Reply refused = http.post("/api/keys/rotate", null, null, "Authorization", "Bearer " + techToken);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        Http.Reply anonymous = http.post("/api/keys/rotate", null, null);
        assertThat(anonymous.status()).isEqualTo(401);

        Http.Reply rotated = http.post("/api/keys/rotate", null, null, "Authorization", "Bearer " + adminToken);
        assertThat(rotated.status()).isEqualTo(200);
        String newKid = rotated.json().get("kid").asString();
        int oldIndex = Integer.parseInt(oldKid.substring(oldKid.lastIndexOf('-') + 1));
        assertThat(newKid).isEqualTo("hivematrix-signing-key-" + (oldIndex + 1));

        assertThat(publishedKids()).contains(oldKid, newKid);
        Http.Reply oldStillValid = http.postJson("/api/token/validate", Map.of("token", adminToken));
        assertThat(oldStillValid.status()).isEqualTo(200);

        String newToken = exchange(kc.adminUser(), kc.adminPassword());
        assertThat(kid(newToken)).isEqualTo(newKid);
        assertThat(http.postJson("/api/token/validate", Map.of("token", newToken)).status()).isEqualTo(200);
        assertThat(keys.active().kid()).isEqualTo(newKid);
    }
}
