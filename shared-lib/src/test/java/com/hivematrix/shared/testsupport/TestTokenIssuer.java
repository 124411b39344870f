package com.hivematrix.shared.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Signs HiveMatrix-shaped JWTs with a key of its own and publishes that key as a JWKS on a
 * loopback port, so shared-lib's real decoder can be exercised without the Core process.
 * Tests of the whole path (real Core) live in the core module.
 */
public final class TestTokenIssuer implements AutoCloseable {

    private final RSAKey key;
    private final HttpServer server;

    public TestTokenIssuer() {
        try {
            key = new RSAKeyGenerator(2048).keyID("hivematrix-signing-key-1").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    public String userToken(String level) {
        return sign(userClaims(level).build(), key);
    }

    public JWTClaimsSet.Builder userClaims(String level) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer("hivematrix-core")
                .subject(UUID.randomUUID().toString())
                .jwtID(UUID.randomUUID().toString().replace("-", ""))
                .claim("preferred_username", "user-" + level)
                .claim("name", "Test " + level)
                .claim("email", level + "@example.test")
                .claim("permission_level", level)
                .claim("groups", List.of())
                .issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(3600)));
    }

    public String serviceToken(String calling, String target) {
        Instant now = Instant.now();
        return sign(new JWTClaimsSet.Builder()
                .issuer("hivematrix-core")
                .subject("service:" + calling)
                .audience(target)
                .claim("calling_service", calling)
                .claim("target_service", target)
                .claim("type", "service")
                .issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(300)))
                .build(), key);
    }

    public String sign(JWTClaimsSet claims) {
        return sign(claims, key);
    }

    /** Signed by a key the JWKS does not publish. */
    public String signWithForeignKey(JWTClaimsSet claims) {
        try {
            return sign(claims, new RSAKeyGenerator(2048).keyID("hivematrix-signing-key-1").generate());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private static String sign(JWTClaimsSet claims, RSAKey signingKey) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                    .keyID(signingKey.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
