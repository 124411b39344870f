package com.hivematrix.nexus.support;

import com.hivematrix.shared.testsupport.KeycloakTestServer;
import com.hivematrix.shared.testsupport.RepoRoot;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real Core, run from {@code core/target/core.jar} as the launcher runs it (a child JVM with its own
 * HIVEMATRIX_HOME, port and Redis database), for tests that need the token exchange, validate and revoke.
 */
public final class CoreProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private CoreProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * @param home a HIVEMATRIX_HOME holding deploy/services.json
     * @param issuers every issuer Keycloak may put in a token (direct and through the gateway)
     */
    public static CoreProcess start(Path home, int port, KeycloakTestServer keycloak, List<String> issuers, int redisDb) {
        Path jar = RepoRoot.get().resolve("core/target/core.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with mvn -B -pl core -am -DskipTests package");
        }
        Path log = RepoRoot.get().resolve("nexus-gateway/target/core-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(javaBin(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--hivematrix.logs.ship-to-helm=false"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("HIVEMATRIX_HOME", home.toString());
        env.put("HIVEMATRIX_SERVICE_NAME", "core");
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("HIVEMATRIX_KEYCLOAK_URL", keycloak.url());
        env.put("HIVEMATRIX_KEYCLOAK_REALM", keycloak.realm());
        env.put("HIVEMATRIX_KEYCLOAK_ISSUERS", String.join(",", issuers));
        env.put("REDIS_DB", Integer.toString(redisDb));
        // every test user logs in from 127.0.0.1: the per-client login limit (20/min) would throttle the suite
        env.put("HIVEMATRIX_CORE_RATELIMITS_EXCHANGE", "100000");
        try {
            CoreProcess core = new CoreProcess(builder.start(), port, log);
            Runtime.getRuntime().addShutdownHook(new Thread(core::close));
            await("Core healthy on port " + port).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        if (!core.process.isAlive()) {
                            throw new IllegalStateException("Core exited with " + core.process.exitValue() + ", see " + log);
                        }
                        return core.healthy();
                    });
            return core;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start Core", e);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    boolean healthy() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/.well-known/jwks.json")).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
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
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
