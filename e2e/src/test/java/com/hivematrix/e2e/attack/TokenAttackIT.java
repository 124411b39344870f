package com.hivematrix.e2e.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.hivematrix.e2e.support.Platform;
import com.hivematrix.shared.testsupport.TestTokenIssuer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Direct calls to each backend's own port (bypassing Nexus) with no token and with tokens that differ
 * from a genuine admin token in one respect: another key, expired, {@code alg:none}, HS256 keyed with
 * Core's public key, another issuer (also Keycloak's own, validly signed token), a service token minted
 * for another service, a session revoked at Core, a payload edited after signing. Every one must be
 * a 401 while the genuine token gets through.
 */
class TokenAttackIT {

    /** A protected read per backend that an admin may make. */
    static final Map<String, String> TARGETS = new LinkedHashMap<>();

    static {
        TARGETS.put("codex", "/api/companies");
        TARGETS.put("ledger", "/api/plans");
        TARGETS.put("beacon", "/api/tickets/helpdesk");
        TARGETS.put("brainhair", "/api/tools");
    }

    static Attacker attacker;

    @BeforeAll
    static void platform() {
        attacker = new Attacker(Platform.shared());
    }

    @Test
    void everyForgedOrStaleTokenIsRefusedByEveryBackend() throws Exception {
        String genuine = attacker.freshUserToken(Attacker.Level.ADMIN);
        JWTClaimsSet claims = SignedJWT.parse(genuine).getJWTClaimsSet();
        Map<String, Function<String, String>> attacks = new LinkedHashMap<>();
        attacks.put("no token", service -> null);
        attacks.put("not a JWT", service -> "not.a.jwt");
        try (TestTokenIssuer foreign = new TestTokenIssuer()) {
            attacks.put("signed by another key with Core's kid", service -> foreign.signWithForeignKey(claims));
            attacks.put("expired (Core's own key)", service -> attacker.signWithCoreKey(new JWTClaimsSet.Builder(claims)
                    .issueTime(Date.from(Instant.now().minusSeconds(7200))).expirationTime(Date.from(Instant.now().minusSeconds(120))).build()));
            attacks.put("alg:none", service -> unsigned(claims));
            attacks.put("HS256 keyed with Core's public key", service -> hmacWithCorePublicKey(claims));
            attacks.put("wrong issuer (Core's own key)", service -> attacker.signWithCoreKey(new JWTClaimsSet.Builder(claims)
                    .issuer("https://evil.example/realms/hivematrix").build()));
            attacks.put("Keycloak's own access token (wrong issuer)", service -> {
                String[] user = attacker.platform.keycloak.createUser("admins");
                return attacker.platform.keycloak.passwordGrant(user[0], user[1]);
            });
            attacks.put("service token minted for another service", service ->
                    attacker.serviceToken("brainhair".equals(service) ? "beacon" : "brainhair", "codex".equals(service) ? "beacon" : "codex"));
            attacks.put("payload edited after signing (client → admin)", service -> editedPayload(attacker.freshUserToken(Attacker.Level.CLIENT)));

            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, String> target : TARGETS.entrySet()) {
                if (!attacker.runs(target.getKey())) {
                    continue;
                }
                String url = attacker.direct(target.getKey()) + target.getValue();
                int baseline = attacker.get(url, genuine).statusCode();
                assertThat(baseline).as("genuine admin token at " + url).isNotIn(401, 403);
                for (Map.Entry<String, Function<String, String>> attack : attacks.entrySet()) {
                    int status = attacker.get(url, attack.getValue().apply(target.getKey())).statusCode();
                    if (status != 401) {
                        failures.add(target.getKey() + " " + target.getValue() + " with " + attack.getKey() + " → " + status);
                    }
                }
            }
            assertThat(failures).as("attacks not answered 401").isEmpty();
        }
    }

    @Test
    void aRevokedSessionIsRefusedByEveryBackendWithinSeconds() {
        String token = attacker.freshUserToken(Attacker.Level.ADMIN);
        List<String> urls = TARGETS.entrySet().stream().filter(e -> attacker.runs(e.getKey()))
                .map(e -> attacker.direct(e.getKey()) + e.getValue()).toList();
        for (String url : urls) {
            assertThat(attacker.get(url, token).statusCode()).as("before revocation: " + url).isNotIn(401, 403);
        }
        attacker.revoke(token);
        for (String url : urls) {
            // services trust a "live" answer from Core for 1 s
            await("revoked token refused at " + url).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                    .until(() -> attacker.get(url, token).statusCode() == 401);
        }
        for (String url : urls) {
            assertThat(attacker.get(url, token).statusCode()).as("still refused: " + url).isEqualTo(401);
        }
    }

    @Test
    void nexusRefusesTheSameForgeriesAsABearer() throws Exception {
        String genuine = attacker.freshUserToken(Attacker.Level.ADMIN);
        JWTClaimsSet claims = SignedJWT.parse(genuine).getJWTClaimsSet();
        String url = attacker.platform.origin + "/codex/api/companies";
        // a HiveMatrix JWT is not an API credential at the edge: only Keycloak access tokens are exchanged
        for (String token : List.of(genuine, unsigned(claims), "not.a.jwt")) {
            assertThat(attacker.get(url, token).statusCode()).isEqualTo(401);
        }
    }

    private static String unsigned(JWTClaimsSet claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + ".";
    }

    private static String hmacWithCorePublicKey(JWTClaimsSet claims) {
        try (var files = Files.list(attacker.platform.home.resolve("var/core/keys"))) {
            Path pub = files.filter(p -> p.getFileName().toString().endsWith(".pub.pem")).findFirst().orElseThrow();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256)
                    .keyID(pub.getFileName().toString().replace(".pub.pem", "")).build(), claims);
            jwt.sign(new MACSigner(Files.readAllBytes(pub)));
            return jwt.serialize();
        } catch (java.io.IOException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The client token's header and signature around a payload that says admin. */
    private static String editedPayload(String clientToken) {
        String[] parts = clientToken.split("\\.");
        try {
            JWTClaimsSet edited = new JWTClaimsSet.Builder(SignedJWT.parse(clientToken).getJWTClaimsSet())
                    .claim("permission_level", "admin").build();
            return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(edited.toString().getBytes(StandardCharsets.UTF_8))
                    + "." + parts[2];
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
    }
}
