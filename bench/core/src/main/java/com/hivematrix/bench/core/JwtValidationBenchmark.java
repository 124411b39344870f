package com.hivematrix.bench.core;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestClient;

import com.hivematrix.shared.security.HivematrixJwtDecoders;
import com.hivematrix.shared.security.RemoteSessionStatus;
import com.hivematrix.shared.security.TokenClaims;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * What a backend does for every request: validate a HiveMatrix JWT the way shared-lib's JwtDecoder does
 * (Nimbus, RS256, JWKS fetched once over HTTP and cached, issuer, expiry, the platform rules with the
 * session-status cache) and map it to authorities. A loopback stub stands in for Core's JWKS and validate.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class JwtValidationBenchmark {

    private HttpServer core;
    private JwtDecoder decoder;
    /** The RSA check alone, as for a token the cache has not seen (its first request). */
    private NimbusJwtDecoder signatureOnly;
    private String userToken;
    private String serviceToken;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        var pair = gen.generateKeyPair();
        String kid = "hivematrix-signing-key-1";
        RSAKey jwk = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).keyID(kid).algorithm(JWSAlgorithm.RS256).keyUse(KeyUse.SIGNATURE).build();
        byte[] jwks = new JWKSet(jwk).toString(true).getBytes(StandardCharsets.UTF_8);

        core = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        core.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        core.createContext("/api/token/validate", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] ok = "{\"valid\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        core.start();
        String base = "http://127.0.0.1:" + core.getAddress().getPort();

        RemoteSessionStatus sessions = new RemoteSessionStatus(RestClient.create(base), Duration.ofSeconds(1), Duration.ofSeconds(60));
        signatureOnly = NimbusJwtDecoder.withJwkSetUri(base + "/.well-known/jwks.json").build();
        decoder = HivematrixJwtDecoders.forService(base + "/.well-known/jwks.json", "hivematrix-core", "codex", sessions);

        long now = System.currentTimeMillis() / 1000;
        RSASSASigner signer = new RSASSASigner((RSAPrivateKey) pair.getPrivate());
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build();
        SignedJWT user = new SignedJWT(header, new JWTClaimsSet.Builder().issuer("hivematrix-core")
                .subject("0b8f5a4e-5c1e-4a55-9b1a-7f0e1d2c3b4a").jwtID("uNOopKa2MdRtaw3eM2UhxWHIhblPeKWMhDfUJZTVYVY")
                .claim("name", "Tess Tech").claim("email", "tess@example.com").claim("preferred_username", "tess")
                .claim("permission_level", "technician").claim("groups", List.of("technicians"))
                .issueTime(new Date(now * 1000)).expirationTime(new Date((now + 3600) * 1000)).build());
        user.sign(signer);
        userToken = user.serialize();
        SignedJWT service = new SignedJWT(header, new JWTClaimsSet.Builder().issuer("hivematrix-core").subject("service:helm")
                .claim("calling_service", "helm").claim("target_service", "codex").claim("type", "service").audience("codex")
                .issueTime(new Date(now * 1000)).expirationTime(new Date((now + 300) * 1000)).build());
        service.sign(signer);
        serviceToken = service.serialize();
        decoder.decode(userToken); // fetch and cache the JWKS, warm the session cache
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        core.stop(0);
    }

    /** A user token: signature, issuer, expiry, session status (cached 1 s), authorities. */
    @Benchmark
    @Threads(1)
    public Collection<GrantedAuthority> validateUserToken() {
        Jwt jwt = decoder.decode(userToken);
        return TokenClaims.authorities(jwt);
    }

    /** A service token: signature, issuer, expiry, audience, authorities. */
    @Benchmark
    @Threads(1)
    public Collection<GrantedAuthority> validateServiceToken() {
        Jwt jwt = decoder.decode(serviceToken);
        return TokenClaims.authorities(jwt);
    }

    /** First sight of a token: parse and RSA-2048 signature check, before the cache holds it. */
    @Benchmark
    @Threads(1)
    public Jwt firstSightSignatureCheck() {
        return signatureOnly.decode(userToken);
    }
}
