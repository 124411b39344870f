package com.hivematrix.e2e.support;

import com.hivematrix.shared.testsupport.KeycloakTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.SSLContext;

/**
 * The platform as {@code deploy/hivematrix up} runs it, in a private HIVEMATRIX_HOME: the test Keycloak
 * (launcher-managed), then Core, Codex (when its jar is built and PostgreSQL answers) and Nexus from
 * their jars, each on a free loopback port; Nexus over TLS with its self-signed certificate.
 */
public final class Platform implements AutoCloseable {

    public final KeycloakTestServer keycloak = KeycloakTestServer.get();
    public final Path home;
    public final int nexusPort = ServiceProcess.freePort();
    public final String origin = "https://localhost:" + nexusPort;
    public final boolean codex;
    /** Started only when a test asks for it (with its environment) and its jar is built. */
    public final boolean brainhair;
    private final List<ServiceProcess> started = new ArrayList<>();

    public Platform() {
        this(null);
    }

    /** The platform plus Brainhair, started with {@code brainhairEnv} added to its environment (e.g. the model to use). */
    public Platform(Map<String, String> brainhairEnv) {
        int corePort = ServiceProcess.freePort();
        int codexPort = ServiceProcess.freePort();
        int brainhairPort = ServiceProcess.freePort();
        codex = Files.isRegularFile(ServiceProcess.jar("codex")) && postgresReachable();
        brainhair = brainhairEnv != null && codex && Files.isRegularFile(ServiceProcess.jar("brainhair"));
        String kcOrigin = keycloak.url().replace("/keycloak", "");
        StringBuilder registry = new StringBuilder("{\n");
        registry.append("  \"keycloak\": {\"url\": \"").append(kcOrigin).append("\", \"visible\": false, \"admin_only\": true},\n");
        registry.append("  \"core\": {\"url\": \"http://127.0.0.1:").append(corePort).append("\", \"visible\": false},\n");
        if (codex) {
            registry.append("  \"codex\": {\"url\": \"http://127.0.0.1:").append(codexPort).append("\", \"visible\": true},\n");
        }
        if (brainhair) {
            registry.append("  \"brainhair\": {\"url\": \"http://127.0.0.1:").append(brainhairPort).append("\", \"visible\": true},\n");
        }
        registry.append("  \"nexus\": {\"url\": \"https://127.0.0.1:").append(nexusPort).append("\", \"visible\": false}\n}\n");
        try {
            home = Files.createTempDirectory("hivematrix-e2e");
            Files.createDirectories(home.resolve("deploy"));
            Files.writeString(home.resolve("deploy/services.json"), registry.toString());
            Files.createDirectories(home.resolve("var/secrets"));
            for (String service : List.of("nexus", "codex", "core", "brainhair")) {
                Files.writeString(home.resolve("var/secrets/" + service + ".secret"), UUID.randomUUID() + "\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        keycloak.allowGatewayOrigin(origin);
        HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).connectTimeout(Duration.ofSeconds(2)).build();
        String realmPath = "/keycloak/realms/" + keycloak.realm();
        Map<String, String> common = new HashMap<>();
        common.put("HIVEMATRIX_HOME", home.toString());
        common.put("HIVEMATRIX_KEYCLOAK_URL", keycloak.url());
        common.put("HIVEMATRIX_KEYCLOAK_REALM", keycloak.realm());
        common.put("HIVEMATRIX_KEYCLOAK_ISSUERS", keycloak.realmUrl() + "," + origin + realmPath);

        Map<String, String> core = new HashMap<>(common);
        core.put("HIVEMATRIX_SERVICE_NAME", "core");
        core.put("HIVEMATRIX_CORE_RATELIMITS_EXCHANGE", "100000");
        core.put("SERVER_PORT", Integer.toString(corePort));
        core.put("REDIS_DB", "8");
        started.add(ServiceProcess.start("core", "core", core, List.of(),
                "http://127.0.0.1:" + corePort + "/.well-known/jwks.json", http, Duration.ofSeconds(120)));

        if (codex) {
            Map<String, String> env = new HashMap<>(common);
            env.put("HIVEMATRIX_SERVICE_NAME", "codex");
            env.put("SERVER_PORT", Integer.toString(codexPort));
            env.put("HIVEMATRIX_PG_URL_CODEX", "jdbc:postgresql://127.0.0.1:5432/codex_e2e");
            started.add(ServiceProcess.start("codex", "codex", env, List.of(),
                    "http://127.0.0.1:" + codexPort + "/health", http, Duration.ofSeconds(150)));
        }

        if (brainhair) {
            Map<String, String> env = new HashMap<>(common);
            env.put("HIVEMATRIX_SERVICE_NAME", "brainhair");
            env.put("SERVER_PORT", Integer.toString(brainhairPort));
            env.put("HIVEMATRIX_PG_URL_BRAINHAIR", "jdbc:postgresql://127.0.0.1:5432/brainhair_e2e");
            env.putAll(brainhairEnv);
            // /health is 503 while Ledger (not started here) is missing; the API description answers once the app is up
            started.add(ServiceProcess.start("brainhair", "brainhair", env, List.of(),
                    "http://127.0.0.1:" + brainhairPort + "/v3/api-docs", http, Duration.ofSeconds(150)));
        }

        Map<String, String> nexus = new HashMap<>(common);
        nexus.put("HIVEMATRIX_SERVICE_NAME", "nexus");
        nexus.put("SERVER_PORT", Integer.toString(nexusPort));
        nexus.put("NEXUS_HOST", "127.0.0.1");
        nexus.put("NEXUS_REDIS_DB", "9");
        nexus.put("KEYCLOAK_BACKEND_URL", keycloak.url());
        nexus.put("KEYCLOAK_REALM", keycloak.realm());
        nexus.put("KEYCLOAK_CLIENT_ID", keycloak.nexusClientId());
        nexus.put("KEYCLOAK_CLIENT_SECRET", keycloak.nexusClientSecret());
        started.add(ServiceProcess.start("nexus", "nexus-gateway", nexus, List.of(),
                origin + "/static/css/global.css", http, Duration.ofSeconds(120)));
    }

    private static boolean postgresReachable() {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", 5432), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new javax.net.ssl.TrustManager[] {new javax.net.ssl.X509ExtendedTrustManager() {
                @Override public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a, java.net.Socket s) { }
                @Override public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a, java.net.Socket s) { }
                @Override public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) { }
                @Override public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a, javax.net.ssl.SSLEngine e) { }
                @Override public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) { }
                @Override public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) { }
                @Override public java.security.cert.X509Certificate[] getAcceptedIssuers() { return new java.security.cert.X509Certificate[0]; }
            }}, new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }
}
