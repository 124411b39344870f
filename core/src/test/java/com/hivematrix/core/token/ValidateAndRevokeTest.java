package com.hivematrix.core.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.hivematrix.core.keys.SigningKeys;
import com.hivematrix.core.session.SessionRecord;
import com.hivematrix.core.session.SessionStore;
import com.hivematrix.core.session.UserData;
import com.hivematrix.core.support.DefaultCoreTest;
import com.hivematrix.core.support.Http;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/** The original's validate/revoke bodies and codes for good, expired, forged and revoked tokens. */
class ValidateAndRevokeTest extends DefaultCoreTest {

    @Autowired
    HivematrixTokens tokens;
    @Autowired
    SessionStore sessions;
    @Autowired
    SigningKeys keys;

    private final UserData user = new UserData("sub-1", "Tess Tech", "tess@example.com", "tess", "technician", List.of("technicians"));

    private String session(String jti) {
        long now = Instant.now().getEpochSecond();
        sessions.create(jti, new SessionRecord(user, now, now + 3600, false), java.time.Duration.ofSeconds(3600));
        return jti;
    }

    private String freshToken() {
        String jti = session(TokenController.newSessionId());
        return tokens.signUser(jti, user, Instant.now());
    }

    private void assertInvalid(String token, String error) {
        Http.Reply reply = http.postJson("/api/token/validate", Map.of("token", token));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().get("error").asString()).isEqualTo(error);
        assertThat(reply.json().get("valid").asBoolean()).isFalse();
        assertThat(reply.json().propertyNames()).containsExactly("error", "valid");
    }

    private String sign(JWSSigner signer, String kid, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }

    private JWTClaimsSet.Builder claims(String jti) {
        long now = Instant.now().getEpochSecond();
        return new JWTClaimsSet.Builder().issuer("hivematrix-core").subject("sub-1").jwtID(jti)
                .claim("permission_level", "admin").issueTime(new Date(now * 1000)).expirationTime(new Date((now + 3600) * 1000));
    }

    @Test
    void validTokenReturnsTheSessionCopy() {
        Http.Reply reply = http.postJson("/api/token/validate", Map.of("token", freshToken()));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"valid\":true,\"user\":{\"sub\":\"sub-1\",\"name\":\"Tess Tech\","
                + "\"email\":\"tess@example.com\",\"preferred_username\":\"tess\",\"permission_level\":\"technician\",\"groups\":[\"technicians\"]}}");
    }

    @Test
    void bearerHeaderIsAcceptedAndMissingTokenIs400() {
        Http.Reply ok = http.post("/api/token/validate", null, null, "Authorization", "Bearer " + freshToken());
        assertThat(ok.status()).isEqualTo(200);
        Http.Reply missing = http.postJson("/api/token/validate", Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("{\"error\":\"No token provided\",\"valid\":false}");
    }

    @Test
    void expiredToken() {
        String jti = session(TokenController.newSessionId());
        assertInvalid(tokens.signUser(jti, user, Instant.now().minusSeconds(7200)), "Token expired");
    }

    @Test
    void wrongIssuer() throws Exception {
        String jti = session(TokenController.newSessionId());
        assertInvalid(sign(keys.active().signer(), keys.active().kid(), claims(jti).issuer("someone-else").build()), "Invalid token: Invalid issuer");
    }

    @Test
    void algNone() {
        String jti = session(TokenController.newSessionId());
        assertInvalid(new PlainJWT(claims(jti).build()).serialize(), "Invalid token: The specified alg value is not allowed");
    }

    @Test
    void hs256SignedWithThePublicKeyIsRefused() throws Exception {
        String jti = session(TokenController.newSessionId());
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.active().kid()).build(), claims(jti).build());
        jwt.sign(new com.nimbusds.jose.crypto.MACSigner(keys.active().publicJwk().toRSAPublicKey().getEncoded()));
        assertInvalid(jwt.serialize(), "Invalid token: The specified alg value is not allowed");
    }

    @Test
    void unknownKid() throws Exception {
        String jti = session(TokenController.newSessionId());
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        RSASSASigner foreign = new RSASSASigner((RSAPrivateKey) gen.generateKeyPair().getPrivate());
        assertInvalid(sign(foreign, "hivematrix-signing-key-99", claims(jti).build()),
                "Invalid token: Unable to find a signing key that matches: \"hivematrix-signing-key-99\"");
    }

    @Test
    void forgedSignatureUnderAKnownKid() throws Exception {
        String jti = session(TokenController.newSessionId());
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        RSASSASigner foreign = new RSASSASigner((RSAPrivateKey) gen.generateKeyPair().getPrivate());
        assertInvalid(sign(foreign, keys.active().kid(), claims(jti).build()), "Invalid token: Signature verification failed");
    }

    @Test
    void tamperedPayload() {
        String[] parts = freshToken().split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("technician", "admin");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes()) + "." + parts[2];
        assertInvalid(forged, "Invalid token: Signature verification failed");
    }

    @Test
    void garbage() {
        assertInvalid("not-a-jwt", "Invalid token: Not enough segments");
    }

    @Test
    void tokenWithoutSessionIdAndUnknownSession() throws Exception {
        assertInvalid(tokens.signService("helm", "codex", Instant.now()), "Token has no session ID");
        assertInvalid(tokens.signUser(TokenController.newSessionId(), user, Instant.now()), "Session expired or revoked");
    }

    @Test
    void revokeTwiceThenValidateFails() {
        String token = freshToken();
        String jti = TokenExchangeTest.part(token, 1).get("jti").asString();
        long ttlBefore = redis.getExpire("session:" + jti);

        Http.Reply first = http.postJson("/api/token/revoke", Map.of("token", token), xff());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("{\"message\":\"Session revoked successfully\"}");
        Http.Reply second = http.post("/api/token/revoke", null, null, "Authorization", "Bearer " + token, "X-Forwarded-For", someClient());
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo("{\"message\":\"Session revoked successfully\"}");

        String stored = redis.opsForValue().get("session:" + jti);
        assertThat(Http.JSON.readTree(stored).get("revoked").asBoolean()).isTrue();
        assertThat(redis.getExpire("session:" + jti)).isBetween(ttlBefore - 5, ttlBefore);
        assertInvalid(token, "Session expired or revoked");
    }

    @Test
    void revokeErrors() {
        Http.Reply none = http.postJson("/api/token/revoke", Map.of(), xff());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).isEqualTo("{\"error\":\"No token provided\"}");

        Http.Reply service = http.postJson("/api/token/revoke", Map.of("token", tokens.signService("helm", "codex", Instant.now())), xff());
        assertThat(service.status()).isEqualTo(400);
        assertThat(service.body()).isEqualTo("{\"error\":\"Token has no session ID\"}");

        Http.Reply bad = http.postJson("/api/token/revoke", Map.of("token", "x.y"), xff());
        assertThat(bad.status()).isEqualTo(401);
        assertThat(bad.json().get("error").asString()).startsWith("Invalid token: ");

        Http.Reply missing = http.postJson("/api/token/revoke",
                Map.of("token", tokens.signUser(TokenController.newSessionId(), user, Instant.now())), xff());
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"message\":\"Session not found or already revoked\"}");
    }

    @Test
    void nonJsonBodiesAreProblems() {
        Http.Reply wrongType = http.post("/api/token/validate", "text/plain", "token=abc");
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(wrongType.contentType()).startsWith("application/problem+json");
        assertThat(wrongType.json().get("type").asString()).isEqualTo("about:blank#unsupported-media-type");

        Http.Reply malformed = http.post("/api/token/exchange", "application/json", "{not json", "X-Forwarded-For", someClient());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().get("type").asString()).isEqualTo("about:blank#bad-request");
        assertThat(malformed.json().get("instance").asString()).isEqualTo("/api/token/exchange");
    }

    @Test
    void wrongMethodIs405Problem() {
        Http.Reply reply = http.get("/api/token/validate");
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }
}
