package com.hivematrix.core.servicetoken;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hivematrix.core.support.DefaultCoreTest;
import com.hivematrix.core.support.Http;

import tools.jackson.databind.JsonNode;

/** Service tokens: proven caller, the original's error strings, refused through the gateway. */
class ServiceTokenTest extends DefaultCoreTest {

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private Http.Reply mint(Object body, String... headers) {
        return http.postJson("/service-token", body, headers);
    }

    @Test
    void goodSecretMintsAFiveMinuteTokenForTheTarget() {
        Http.Reply reply = mint(Map.of("calling_service", "helm", "target_service", "codex"), "Authorization", basic("helm", HELM_SECRET));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().propertyNames()).containsExactly("token");
        String token = reply.json().get("token").asString();
        JsonNode header = Http.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        JsonNode claims = Http.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(header.get("alg").asString()).isEqualTo("RS256");
        assertThat(header.get("kid").asString()).startsWith("hivematrix-signing-key-");
        assertThat(claims.get("sub").asString()).isEqualTo("service:helm");
        assertThat(claims.get("calling_service").asString()).isEqualTo("helm");
        assertThat(claims.get("target_service").asString()).isEqualTo("codex");
        assertThat(claims.get("type").asString()).isEqualTo("service");
        assertThat(claims.get("aud").asString()).isEqualTo("codex");
        assertThat(claims.get("iss").asString()).isEqualTo("hivematrix-core");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(300);
        assertThat(claims.has("jti")).isFalse();
    }

    @Test
    void wrongOrMissingSecretOrOtherUserIs401Problem() {
        Map<String, String> body = Map.of("calling_service", "helm", "target_service", "codex");
        for (String[] headers : new String[][] {
                {"Authorization", basic("helm", "wrong")},
                {"Authorization", basic("codex", HELM_SECRET)},
                {"Authorization", "Basic !!!"},
                {}}) {
            Http.Reply reply = mint(body, headers);
            assertThat(reply.status()).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("type").asString()).isEqualTo("about:blank#unauthorized");
        }
        // a registered service without a provisioned secret cannot mint either
        Http.Reply noSecret = mint(Map.of("calling_service", "codex", "target_service", "helm"), "Authorization", basic("codex", ""));
        assertThat(noSecret.status()).isEqualTo(401);
    }

    @Test
    void badNamesGiveTheOriginalMessages() {
        String auth = basic("helm", HELM_SECRET);
        assertThat(mint(Map.of("calling_service", "helm"), "Authorization", auth).body())
                .isEqualTo("{\"error\":\"calling_service and target_service are required\"}");
        assertThat(mint(Map.of("calling_service", "Helm!", "target_service", "codex"), "Authorization", auth).body())
                .isEqualTo("{\"error\":\"Invalid calling_service format\"}");
        assertThat(mint(Map.of("calling_service", "helm", "target_service", "x".repeat(51)), "Authorization", auth).body())
                .isEqualTo("{\"error\":\"Invalid target_service format\"}");
        assertThat(mint(Map.of("calling_service", "nosuch", "target_service", "codex"), "Authorization", auth).body())
                .isEqualTo("{\"error\":\"Unknown calling_service\"}");
        Http.Reply unknownTarget = mint(Map.of("calling_service", "helm", "target_service", "nosuch"), "Authorization", auth);
        assertThat(unknownTarget.status()).isEqualTo(400);
        assertThat(unknownTarget.contentType()).startsWith("application/json");
        assertThat(unknownTarget.body()).isEqualTo("{\"error\":\"Unknown target_service\"}");
    }

    @Test
    void requestsThroughTheGatewayAreRefused() {
        Http.Reply reply = mint(Map.of("calling_service", "helm", "target_service", "codex"),
                "Authorization", basic("helm", HELM_SECRET), "X-Forwarded-Prefix", "/core");
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void serviceTokenIsNotASession() {
        String token = mint(Map.of("calling_service", "helm", "target_service", "codex"), "Authorization", basic("helm", HELM_SECRET))
                .json().get("token").asString();
        Http.Reply reply = http.postJson("/api/token/validate", Map.of("token", token));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).isEqualTo("{\"error\":\"Token has no session ID\",\"valid\":false}");
    }

    @Test
    void nonJsonBodyIsAProblem() {
        // a form is the client-credentials grant (below); anything else but JSON is a 415 problem
        Http.Reply reply = http.post("/service-token", "text/plain", "calling_service=helm");
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    @Test
    void clientCredentialsGrantMintsTheSameTokenForScrapers() {
        Http.Reply reply = http.post("/service-token", "application/x-www-form-urlencoded",
                "grant_type=client_credentials&target_service=codex", "Authorization", basic("helm", HELM_SECRET));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("token_type").asString()).isEqualTo("Bearer");
        assertThat(reply.json().get("expires_in").asLong()).isEqualTo(300);
        JsonNode claims = Http.JSON.readTree(Base64.getUrlDecoder().decode(reply.json().get("access_token").asString().split("\\.")[1]));
        assertThat(claims.get("calling_service").asString()).isEqualTo("helm");
        assertThat(claims.get("aud").asString()).isEqualTo("codex");

        assertThat(http.post("/service-token", "application/x-www-form-urlencoded", "grant_type=client_credentials&target_service=codex",
                "Authorization", basic("helm", "wrong")).status()).isEqualTo(401);
        assertThat(http.post("/service-token", "application/x-www-form-urlencoded", "grant_type=password&target_service=codex",
                "Authorization", basic("helm", HELM_SECRET)).json().get("error").asString()).isEqualTo("unsupported_grant_type");
        assertThat(http.post("/service-token", "application/x-www-form-urlencoded", "grant_type=client_credentials&target_service=nosuch",
                "Authorization", basic("helm", HELM_SECRET)).json().get("error").asString()).isEqualTo("invalid_request");
        assertThat(http.post("/service-token", "application/x-www-form-urlencoded", "grant_type=client_credentials&target_service=codex",
                "Authorization", basic("helm", HELM_SECRET), "X-Forwarded-Prefix", "/core").status()).isEqualTo(403);
    }
}
