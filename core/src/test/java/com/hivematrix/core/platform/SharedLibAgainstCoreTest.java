package com.hivematrix.core.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import com.hivematrix.backendsample.BackendApp;
import com.hivematrix.core.support.DefaultCoreTest;
import com.hivematrix.core.support.Http;
import com.hivematrix.shared.testsupport.KeycloakTestServer;

/**
 * The whole token path with real parts: a Keycloak login exchanged at Core, the HiveMatrix JWT
 * presented to a shared-lib backend that checks it against Core's JWKS and session store, a logout
 * at Core taking effect at the backend, and Core-minted service tokens scoped to their target.
 */
class SharedLibAgainstCoreTest extends DefaultCoreTest {

    private final KeycloakTestServer kc = KeycloakTestServer.get();
    private ConfigurableApplicationContext backend;
    private Http backendHttp;

    @BeforeEach
    void startBackend() throws IOException {
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "backend-");
        Path registry = dir.resolve("services.json");
        Files.writeString(registry, """
                {"core": {"url": "http://127.0.0.1:%d", "port": %d},
                 "codex": {"url": "http://127.0.0.1:0", "port": 0}}
                """.formatted(port, port));
        // command-line arguments, so they outrank Core's application.yml on this test classpath
        backend = new SpringApplicationBuilder(BackendApp.class).run(
                "--server.port=0", "--server.address=127.0.0.1",
                "--hivematrix.service-name=codex",
                "--hivematrix.home=" + dir,
                "--hivematrix.registry-file=" + registry,
                "--hivematrix.logs.ship-to-helm=false",
                "--spring.jmx.enabled=false");
        backendHttp = new Http(((WebServerApplicationContext) backend).getWebServer().getPort());
    }

    @AfterEach
    void stopBackend() {
        backend.close();
    }

    @Test
    void keycloakLoginWorksAtTheBackendUntilLogout() {
        String jwt = exchange(kc.adminUser(), kc.adminPassword());

        Http.Reply whoami = backendHttp.get("/api/whoami", "Authorization", "Bearer " + jwt);
        assertThat(whoami.status()).isEqualTo(200);
        assertThat(whoami.json().get("name").asString()).isEqualTo(kc.adminUser());
        assertThat(whoami.json().get("authorities").get(0).asString()).isEqualTo("ROLE_ADMIN");
        assertThat(backendHttp.get("/api/admin/only", "Authorization", "Bearer " + jwt).status()).isEqualTo(200);

        assertThat(http.postJson("/api/token/revoke", Map.of("token", jwt)).status()).isEqualTo(200);
        long revokedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> backendHttp.get("/api/whoami", "Authorization", "Bearer " + jwt).status() == 401);
        assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void technicianIsRefusedAdminEndpointsWith403() {
        String[] tech = kc.createUser("technicians");
        String jwt = exchange(tech[0], tech[1]);
        assertThat(backendHttp.get("/api/whoami", "Authorization", "Bearer " + jwt).json()
                .get("authorities").get(0).asString()).isEqualTo("ROLE_TECHNICIAN");
        Http.Reply refused = backendHttp.get("/api/admin/only", "Authorization", "Bearer " + jwt);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("type").asString()).isEqualTo("about:blank#forbidden");
    }

    @Test
    void serviceTokensFromCoreCountOnlyAtTheirTarget() {
        String forCodex = serviceToken("codex");
        String forLedger = serviceToken("ledger");

        Http.Reply accepted = backendHttp.get("/api/whoami", "Authorization", "Bearer " + forCodex);
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("name").asString()).isEqualTo("service:helm");
        assertThat(accepted.json().get("authorities").get(0).asString()).isEqualTo("ROLE_SERVICE");
        assertThat(backendHttp.get("/api/admin/only", "Authorization", "Bearer " + forCodex).status()).isEqualTo(403);

        Http.Reply refused = backendHttp.get("/api/whoami", "Authorization", "Bearer " + forLedger);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("type").asString()).isEqualTo("about:blank#unauthorized");
    }

    @Test
    void tokenSignedBeforeAKeyRotationStillWorksAndNewOnesUseTheNewKey() {
        String before = exchange(kc.adminUser(), kc.adminPassword());
        assertThat(http.post("/api/keys/rotate", "application/json", "{}", "Authorization", "Bearer " + before).status())
                .isEqualTo(200);
        String after = exchange(kc.adminUser(), kc.adminPassword());
        assertThat(kid(after)).isNotEqualTo(kid(before));

        assertThat(backendHttp.get("/api/whoami", "Authorization", "Bearer " + before).status()).isEqualTo(200);
        assertThat(backendHttp.get("/api/whoami", "Authorization", "Bearer " + after).status()).isEqualTo(200);
    }

    private String exchange(String user, String password) {
        Http.Reply reply = http.postJson("/api/token/exchange", Map.of("access_token", kc.passwordGrant(user, password)), xff());
        assertThat(reply.status()).isEqualTo(200);
        return reply.json().get("token").asString();
    }

    private String serviceToken(String target) {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("helm:" + HELM_SECRET).getBytes(StandardCharsets.UTF_8));
        Http.Reply reply = http.postJson("/service-token", Map.of("calling_service", "helm", "target_service", target),
                "Authorization", basic);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().get("token").asString();
    }

    private static String kid(String jwt) {
        return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[0])).get("kid").asString();
    }
}
