package com.hivematrix.core.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;

import com.hivematrix.shared.testsupport.KeycloakTestServer;
import com.hivematrix.shared.testsupport.RepoRoot;

/**
 * Core on a random port against the machine's Redis (db 5, keys cleaned) and the test Keycloak.
 * Each request gets its own X-Forwarded-For, so the per-client rate limits never couple tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CoreIntegrationTest {

    public static final int REDIS_DB = 5;
    public static final String HELM_SECRET = "helm-test-secret-" + Long.toHexString(System.nanoTime());

    @LocalServerPort
    protected int port;

    @Autowired
    protected StringRedisTemplate redis;

    protected Http http;

    /**
     * The test configuration, with {@code overrides} replacing single properties. Each concrete context calls
     * this from exactly one {@code @DynamicPropertySource} (a superclass's would run last and win).
     */
    public static void coreProperties(DynamicPropertyRegistry registry, String name, Map<String, String> overrides) {
        KeycloakTestServer kc = KeycloakTestServer.get();
        Path home = testHome(name);
        registry.add("hivematrix.keycloak.url", kc::url);
        registry.add("hivematrix.keycloak.realm", kc::realm);
        registry.add("hivematrix.keycloak.accepted-issuers", kc::issuer);
        registry.add("hivematrix.home", home::toString);
        registry.add("hivematrix.registry-file", () -> RepoRoot.get().resolve("deploy/services.json").toString());
        registry.add("hivematrix.core.key-dir", () -> home.resolve("keys").toString());
        registry.add("hivematrix.core.service-secrets-dir", () -> home.resolve("secrets").toString());
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", () -> "6379");
        registry.add("spring.data.redis.database", () -> String.valueOf(REDIS_DB));
        registry.add("hivematrix.logs.ship-to-helm", () -> "false");
        overrides.forEach((key, value) -> registry.add(key, () -> value));
    }

    /** A fresh directory under target/ with the helm service secret provisioned. */
    protected static Path testHome(String name) {
        try {
            Path home = Files.createTempDirectory(RepoRoot.get().resolve("core/target").toAbsolutePath(), "it-" + name + "-");
            Files.createDirectories(home.resolve("secrets"));
            Files.writeString(home.resolve("secrets/helm.secret"), HELM_SECRET + "\n");
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @AfterEach
    protected void cleanRedis() {
        deleteKeys(redis.keys("session:*"));
        deleteKeys(redis.keys("ratelimit:*"));
    }

    /** A made-up client address, so that each call has its own rate-limit bucket. */
    protected static String someClient() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    protected String[] xff() {
        return new String[] {"X-Forwarded-For", someClient()};
    }

    protected void deleteKeys(Set<String> keys) {
        if (!keys.isEmpty()) {
            redis.delete(keys);
        }
    }
}
