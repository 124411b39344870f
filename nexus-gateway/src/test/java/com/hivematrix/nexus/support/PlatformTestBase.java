package com.hivematrix.nexus.support;

import com.hivematrix.shared.testsupport.KeycloakTestServer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nexus with every real part: the test Keycloak (its login page reached only through the gateway),
 * Core as a child process from its jar, Nexus over TLS on a fixed free port, and a real backend that
 * shows what it received and plays Codex's public user endpoints. One set per test JVM: every
 * subclass shares the same Spring context, Core and backend.
 */
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT)
public abstract class PlatformTestBase {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final int RATE_LIMIT = 40;
    protected static final int PORT = NexusTestSupport.freePort();
    protected static final String ORIGIN = "https://localhost:" + PORT;
    protected static final KeycloakTestServer KEYCLOAK = KeycloakTestServer.get();
    protected static final TestBackend BACKEND = new TestBackend();
    static final int CORE_PORT = NexusTestSupport.freePort();
    protected static final Path HOME = NexusTestSupport.home("""
            {
              "keycloak": {"url": "%3$s", "visible": false, "admin_only": true},
              "core": {"url": "http://127.0.0.1:%2$d", "visible": false},
              "helm": {"url": "%1$s", "visible": true, "admin_only": true},
              "codex": {"url": "%1$s", "visible": true},
              "ledger": {"url": "%1$s", "visible": true, "billing_or_admin_only": true},
              "beacon": {"url": "%1$s", "visible": true},
              "nexus": {"url": "https://127.0.0.1:%4$d", "visible": false}
            }
            """.formatted(BACKEND.url(), CORE_PORT, KEYCLOAK.url().replace("/keycloak", ""), PORT));
    protected static final CoreProcess CORE;

    static {
        System.setProperty("hivematrix.home", HOME.toString());
        try {
            Files.createDirectories(HOME.resolve("var/secrets"));
            Files.writeString(HOME.resolve("var/secrets/nexus.secret"), "nexus-test-secret-" + PORT + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KEYCLOAK.allowGatewayOrigin(ORIGIN);
        String realmPath = "/keycloak/realms/" + KEYCLOAK.realm();
        CORE = CoreProcess.start(HOME, CORE_PORT, KEYCLOAK, List.of(KEYCLOAK.realmUrl(), ORIGIN + realmPath), 14);
        Runtime.getRuntime().addShutdownHook(new Thread(BACKEND::close));
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("hivematrix.home", HOME::toString);
        registry.add("hivematrix.logs.ship-to-helm", () -> "false");
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("server.port", () -> PORT);
        registry.add("spring.data.redis.database", () -> "13");
        registry.add("nexus.keycloak.backend-url", KEYCLOAK::url);
        registry.add("nexus.keycloak.realm", KEYCLOAK::realm);
        registry.add("nexus.keycloak.client-id", KEYCLOAK::nexusClientId);
        registry.add("nexus.keycloak.client-secret", KEYCLOAK::nexusClientSecret);
        registry.add("nexus.rate-limit.per-minute", () -> RATE_LIMIT);
    }

    protected static JsonNode json(HttpResponse<String> response) {
        assertThat(response.statusCode()).as("status of %s: %s", response.uri(), response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    protected static JsonNode claims(String bearer) {
        assertThat(bearer).startsWith("Bearer ");
        String[] parts = bearer.substring(7).split("\\.");
        assertThat(parts).hasSize(3);
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    /** A new Keycloak user in {@code group} ({username, password, email}). */
    protected static String[] user(String group) {
        String[] u = KEYCLOAK.createUser(group);
        return new String[] {u[0], u[1], u[0] + "@test.hivematrix.local"};
    }

    protected static Browser loggedIn(String[] user) {
        Browser browser = new Browser(ORIGIN);
        json(browser.login("/codex/echo", user[0], user[1]));
        return browser;
    }

    protected static Browser loggedIn(String group) {
        return loggedIn(user(group));
    }
}
