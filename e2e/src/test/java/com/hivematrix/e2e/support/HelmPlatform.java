package com.hivematrix.e2e.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import com.hivematrix.shared.testsupport.ChildJvm;
import com.hivematrix.shared.testsupport.KeycloakTestServer;
import com.hivematrix.shared.testsupport.RepoRoot;

/**
 * The platform as production runs it: Helm supervising every service from deploy/services.json in a
 * private HIVEMATRIX_HOME, with its own PostgreSQL and Redis ({@link LocalPostgres}, {@link LocalRedis})
 * so scenarios may stop them, all on ports from {@code basePort} (22000-22999 by default, below the kernel's ephemeral range so
 * no outgoing connection can hold one of them; apart from the journeys' {@link Platform}). Replicated services get an {@code instances} list in the registry;
 * Helm runs each instance as its own process ({@code codex}, {@code codex-2}, ...). Every process
 * reaches the shared test Keycloak through {@link #keycloakGate}, so a scenario can take Keycloak
 * away from this platform alone.
 */
public final class HelmPlatform implements AutoCloseable {

    public final KeycloakTestServer keycloak = KeycloakTestServer.get();
    public final Path home;
    public final LocalPostgres postgres;
    public final LocalRedis redis;
    public final int helmPort;
    public final int corePort;
    public final List<Integer> codexPorts = new ArrayList<>();
    public final List<Integer> nexusPorts = new ArrayList<>();
    public final int ledgerPort;
    public final boolean ledger;
    public final int beaconPort;
    public final boolean beacon;
    /** The platform's only way to Keycloak (URLs, registry entry, JWKS, token calls); the test itself calls Keycloak directly. */
    public final TcpGate keycloakGate;
    public final HttpClient http = HttpClient.newBuilder().sslContext(Platform.trustAll()).connectTimeout(Duration.ofSeconds(2)).build();
    private final String controlSecret = UUID.randomUUID().toString();
    private final Map<String, String> env = new HashMap<>();
    private ChildJvm helm;

    public HelmPlatform(int basePort, int codexReplicas, int nexusReplicas, boolean withLedger, Map<String, String> extraEnv) {
        this(basePort, codexReplicas, nexusReplicas, withLedger, false, extraEnv);
    }

    /**
     * Starts PostgreSQL on basePort+432, Redis on basePort+379, the Keycloak gate on basePort+80, Helm
     * on basePort+4, Core on basePort, Codex on basePort+10.., Ledger on basePort+30 (when
     * {@code withLedger}), Beacon on basePort+40 (when {@code withBeacon}), Nexus on basePort+443..;
     * returns once Helm reports every process running.
     */
    public HelmPlatform(int basePort, int codexReplicas, int nexusReplicas, boolean withLedger, boolean withBeacon,
            Map<String, String> extraEnv) {
        helmPort = basePort + 4;
        corePort = basePort;
        ledgerPort = basePort + 30;
        ledger = withLedger;
        beaconPort = basePort + 40;
        beacon = withBeacon;
        for (int i = 0; i < codexReplicas; i++) {
            codexPorts.add(basePort + 10 + i);
        }
        for (int i = 0; i < nexusReplicas; i++) {
            nexusPorts.add(basePort + 443 + i);
        }
        URI keycloakUrl = URI.create(keycloak.url());
        keycloakGate = new TcpGate(basePort + 80, keycloakUrl.getHost(), keycloakUrl.getPort());
        // the platform's Keycloak URL: the same path and scheme, the gate's port
        String gatedKeycloak = keycloakGate.url(keycloakUrl.getScheme(), keycloakUrl.getRawPath());
        postgres = startPostgresOrShut(basePort + 432, keycloakGate);
        redis = startRedisOrStop(basePort + 379, postgres);
        try {
            home = Files.createTempDirectory("hivematrix-helm-e2e");
            Files.createDirectories(home.resolve("deploy"));
            Files.writeString(home.resolve("deploy/services.json"), registry(gatedKeycloak));
            Files.createDirectories(home.resolve("var/secrets"));
            for (String service : List.of("nexus", "codex", "core", "ledger", "beacon", "helm")) {
                Files.writeString(home.resolve("var/secrets/" + service + ".secret"), UUID.randomUUID() + "\n");
            }
            Files.writeString(home.resolve("var/secrets/helm-control.secret"), controlSecret + "\n");
            // Helm runs MODULE/target/MODULE.jar under its home: the built modules, linked in
            for (String module : List.of("core", "codex", "ledger", "beacon", "nexus-gateway", "helm")) {
                Files.createSymbolicLink(home.resolve(module), RepoRoot.get().resolve(module));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int port : nexusPorts) {
            keycloak.allowGatewayOrigin(origin(port));
        }
        String realmPath = "/keycloak/realms/" + keycloak.realm();
        env.put("HIVEMATRIX_HOME", home.toString());
        env.put("HIVEMATRIX_KEYCLOAK_URL", gatedKeycloak);
        env.put("HIVEMATRIX_KEYCLOAK_REALM", keycloak.realm());
        // Issuers are names compared with a token's iss, not addresses: Keycloak names itself after the
        // URL it was reached on, so tokens the test fetches directly carry its real URL, tokens fetched
        // through the gate the gate's, and browser logins (through Nexus) the Nexus origin.
        StringBuilder issuers = new StringBuilder(keycloak.realmUrl()).append(',').append(gatedKeycloak).append("/realms/")
                .append(keycloak.realm());
        nexusPorts.forEach(p -> issuers.append(',').append(origin(p)).append(realmPath));
        env.put("HIVEMATRIX_KEYCLOAK_ISSUERS", issuers.toString());
        env.put("HIVEMATRIX_HELM_SUPERVISOR", "true");
        env.put("HIVEMATRIX_HELM_STOP_ON_SHUTDOWN", "true");
        env.put("HIVEMATRIX_JAVA_OPTS", "-Xmx320m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        env.put("HIVEMATRIX_SERVICE_TIMEOUT", "240");
        env.put("HIVEMATRIX_PG_URL_HELM", postgres.jdbcUrl("helm"));
        env.put("HIVEMATRIX_PG_URL_CODEX", postgres.jdbcUrl("codex"));
        env.put("HIVEMATRIX_PG_URL_LEDGER", postgres.jdbcUrl("ledger"));
        env.put("REDIS_PORT", Integer.toString(redis.port));
        env.put("REDIS_DB", "1");
        env.put("NEXUS_REDIS_DB", "2");
        env.put("NEXUS_HOST", "127.0.0.1");
        env.put("HIVEMATRIX_CORE_RATELIMITS_EXCHANGE", "100000");
        env.put("KEYCLOAK_BACKEND_URL", gatedKeycloak);
        env.put("KEYCLOAK_REALM", keycloak.realm());
        env.put("KEYCLOAK_CLIENT_ID", keycloak.nexusClientId());
        env.put("KEYCLOAK_CLIENT_SECRET", keycloak.nexusClientSecret());
        env.put("SERVER_PORT", Integer.toString(helmPort));
        env.put("HIVEMATRIX_SERVICE_NAME", "helm");
        env.putAll(extraEnv);
        try {
            startHelm();
            await("every process running under Helm").atMost(Duration.ofMinutes(8)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> processes().values().stream().allMatch(p -> "running".equals(p.state()) || "skipped".equals(p.state())));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private static LocalPostgres startPostgresOrShut(int port, TcpGate gate) {
        try {
            return new LocalPostgres(port);
        } catch (RuntimeException e) {
            gate.close();
            throw e;
        }
    }

    private static LocalRedis startRedisOrStop(int port, LocalPostgres postgres) {
        try {
            return new LocalRedis(port);
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public static String origin(int nexusPort) {
        return "https://localhost:" + nexusPort;
    }

    /** Starts Helm (again): it adopts the processes a previous Helm left running and starts the rest. */
    public void startHelm() {
        helm = ServiceProcess.start("helm", "helm", env, "http://127.0.0.1:" + helmPort + "/health", http,
                Duration.ofSeconds(180));
    }

    /** SIGKILL of Helm only: the services it supervised keep running. */
    public void killHelm() {
        helm.kill();
    }

    private String registry(String gatedKeycloak) {
        StringBuilder r = new StringBuilder("{\n");
        r.append("  \"keycloak\": {\"url\": \"").append(gatedKeycloak.replace("/keycloak", "")).append("\", \"visible\": false, \"admin_only\": true},\n");
        r.append(entry("core", "core", List.of(corePort), "http", false, 2)).append(",\n");
        r.append("  \"helm\": {\"url\": \"http://127.0.0.1:").append(helmPort).append("\", \"port\": ").append(helmPort)
                .append(", \"visible\": true, \"admin_only\": true, \"type\": \"spring-boot\", \"module\": \"helm\", \"start_order\": 3},\n");
        r.append(entry("codex", "codex", codexPorts, "http", true, 4)).append(",\n");
        if (ledger) {
            r.append(entry("ledger", "ledger", List.of(ledgerPort), "http", true, 5)).append(",\n");
        }
        if (beacon) {
            // Beacon draws Codex's tickets: started after Codex
            r.append(entry("beacon", "beacon", List.of(beaconPort), "http", true, 5)).append(",\n");
        }
        // Nexus needs only Core at start-up: started beside Codex, not after it
        r.append(entry("nexus", "nexus-gateway", nexusPorts, "https", false, 4)).append("\n}\n");
        return r.toString();
    }

    private static String entry(String name, String module, List<Integer> ports, String scheme, boolean visible, int order) {
        StringBuilder e = new StringBuilder("  \"").append(name).append("\": {\"url\": \"").append(scheme).append("://127.0.0.1:")
                .append(ports.get(0)).append("\", \"port\": ").append(ports.get(0));
        if (ports.size() > 1) {
            e.append(", \"instances\": [");
            for (int i = 0; i < ports.size(); i++) {
                e.append(i > 0 ? ", " : "").append('"').append(scheme).append("://127.0.0.1:").append(ports.get(i)).append('"');
            }
            e.append(']');
        }
        return e.append(", \"visible\": ").append(visible).append(", \"type\": \"spring-boot\", \"module\": \"").append(module)
                .append("\", \"health\": \"/health\", \"start_order\": ").append(order).append('}').toString();
    }

    /** One row of Helm's status table. */
    public record Proc(String name, String state, Long pid, int port, int restarts) {
    }

    /**
     * Helm's control status API (what `deploy/hivematrix status` prints), by process name, Helm itself
     * left out; Keycloak (the shared test server, not Helm's to run) is listed as skipped.
     */
    public Map<String, Proc> processes() {
        Map<String, Proc> procs = new LinkedHashMap<>();
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + helmPort + "/api/control/status"))
                    .header("X-Hivematrix-Control", controlSecret).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Helm status answered " + r.statusCode() + ": " + r.body());
            }
            List<String> lines = r.body().lines().toList();
            for (String line : lines.subList(2, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (line.startsWith(" ") || f.length < 7) {
                    continue;
                }
                procs.put(f[0], new Proc(f[0], f[1], f[2].equals("-") ? null : Long.parseLong(f[2]),
                        f[3].equals("-") ? 0 : Integer.parseInt(f[3]), Integer.parseInt(f[f.length - 1])));
            }
            return procs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Helm's log of process output for {@code name}. */
    public Path processLog(String name) {
        return home.resolve("var/log/" + name + ".log");
    }

    @Override
    public void close() {
        if (helm != null) {
            helm.close();
        }
        // anything still recorded (a Helm killed by a scenario does not stop its children)
        if (home != null) {
            try (Stream<Path> pids = Files.list(home.resolve("var/run"))) {
                pids.filter(p -> p.toString().endsWith(".pid")).forEach(HelmPlatform::killRecorded);
            } catch (IOException e) {
                // no var/run: nothing was started
            }
        }
        redis.close();
        postgres.close();
        keycloakGate.close();
    }

    private static void killRecorded(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid).ifPresent(p -> {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            });
        } catch (IOException | NumberFormatException e) {
            // unreadable pid file: nothing to stop
        }
    }
}
