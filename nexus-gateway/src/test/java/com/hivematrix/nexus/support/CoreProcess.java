package com.hivematrix.nexus.support;

import com.hivematrix.shared.testsupport.ChildJvm;
import com.hivematrix.shared.testsupport.KeycloakTestServer;
import com.hivematrix.shared.testsupport.RepoRoot;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real Core, run from {@code core/target/core.jar} as the launcher runs it (a child JVM with its own
 * HIVEMATRIX_HOME, port and Redis database), for tests that need the token exchange, validate and revoke.
 */
public final class CoreProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ChildJvm child;
    private final int port;

    private CoreProcess(ChildJvm child, int port) {
        this.child = child;
        this.port = port;
    }

    /**
     * @param home a HIVEMATRIX_HOME holding deploy/services.json
     * @param issuers every issuer Keycloak may put in a token (direct and through the gateway)
     */
    public static CoreProcess start(Path home, int port, KeycloakTestServer keycloak, List<String> issuers, int redisDb) {
        Map<String, String> env = new HashMap<>();
        env.put("HIVEMATRIX_HOME", home.toString());
        env.put("HIVEMATRIX_SERVICE_NAME", "core");
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("HIVEMATRIX_KEYCLOAK_URL", keycloak.url());
        env.put("HIVEMATRIX_KEYCLOAK_REALM", keycloak.realm());
        env.put("HIVEMATRIX_KEYCLOAK_ISSUERS", String.join(",", issuers));
        env.put("REDIS_DB", Integer.toString(redisDb));
        // every test user logs in from 127.0.0.1: the per-client login limit (20/min) would throttle the suite
        env.put("HIVEMATRIX_CORE_RATELIMITS_EXCHANGE", "100000");
        String url = "http://127.0.0.1:" + port;
        return new CoreProcess(ChildJvm.start("Core", RepoRoot.get().resolve("core/target/core.jar"), "256m",
                List.of("--hivematrix.logs.ship-to-helm=false"), env, RepoRoot.get().resolve("nexus-gateway/target/core-" + port + ".log"),
                ChildJvm.Readiness.ok200(HTTP, url + "/.well-known/jwks.json"), Duration.ofSeconds(120)), port);
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return child.log();
    }

    /** POST /api/token/revoke, as another browser tab's logout or an admin would. */
    public int revoke(String jwt) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/api/token/revoke"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + jwt + "\"}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        child.close();
    }
}
