package com.hivematrix.e2e.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.hivematrix.shared.testsupport.ChildJvm;
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
    public final int nexusPort = ChildJvm.freePort();
    public final String origin = "https://localhost:" + nexusPort;
    /** Nexus's loopback-only Actuator port (Prometheus scrapes it); its public port never serves Actuator. */
    public final int nexusManagementPort = ChildJvm.freePort();
    public final boolean codex;
    /** Ledger runs when its jar is built and Codex runs (it bills Codex's data); Codex then loads the demo MSP. */
    public final boolean ledger;
    /** Beacon runs when its jar is built and Codex runs (it draws Codex's tickets). */
    public final boolean beacon;
    /** Brainhair runs when its jar is built and Codex runs, its model scripted on {@link #model}. */
    public final boolean brainhair;
    /** KnowledgeTree runs when its jar and the local Neo4j launcher are built, on its own Neo4j with the demo knowledge base. */
    public final boolean knowledgetree;
    private Neo4jServer neo4j;
    /**
     * Helm runs when its jar is built and PostgreSQL answers: as a plain service (it does not
     * supervise: the test starts every process), every service ships its logs to it.
     */
    public final boolean helm;
    /**
     * The LLM provider Brainhair talks to (third-party SaaS, so WireMock): Anthropic Messages API at
     * this server's base URL; each journey scripts the answers it needs.
     */
    public final WireMockServer model = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    /**
     * The PSA Codex syncs from (third-party SaaS, so WireMock): Codex sends its Freshservice calls to
     * this server's {@code /api/v2}; each journey scripts the Freshservice-shaped answers it needs.
     */
    public final WireMockServer psa = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final List<ChildJvm> started = new ArrayList<>();
    private static Platform shared;

    /** The platform every journey of this test JVM uses: started once, stopped when the JVM exits. */
    public static synchronized Platform shared() {
        if (shared == null) {
            shared = new Platform();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    public Platform() {
        model.start();
        psa.start();
        int corePort = ChildJvm.freePort();
        int codexPort = ChildJvm.freePort();
        int ledgerPort = ChildJvm.freePort();
        int beaconPort = ChildJvm.freePort();
        int brainhairPort = ChildJvm.freePort();
        int helmPort = ChildJvm.freePort();
        int knowledgetreePort = ChildJvm.freePort();
        codex = Files.isRegularFile(ServiceProcess.jar("codex")) && postgresReachable();
        ledger = codex && Files.isRegularFile(ServiceProcess.jar("ledger"));
        beacon = codex && Files.isRegularFile(ServiceProcess.jar("beacon"));
        brainhair = codex && Files.isRegularFile(ServiceProcess.jar("brainhair"));
        helm = Files.isRegularFile(ServiceProcess.jar("helm")) && postgresReachable();
        knowledgetree = Files.isRegularFile(ServiceProcess.jar("knowledgetree")) && Neo4jServer.built();
        String kcOrigin = keycloak.url().replace("/keycloak", "");
        StringBuilder registry = new StringBuilder("{\n");
        // health on the test Keycloak's management port, as deploy/services.json has it for the real one (Helm probes it)
        registry.append("  \"keycloak\": {\"url\": \"").append(kcOrigin).append("\", \"visible\": false, \"admin_only\": true, ")
                .append("\"health\": \"/health/ready\", \"relative_path\": \"/keycloak\", \"health_port\": ")
                .append(System.getenv().getOrDefault("HIVEMATRIX_TEST_KC_MGMT_PORT", "19000")).append("},\n");
        registry.append("  \"core\": {\"url\": \"http://127.0.0.1:").append(corePort).append("\", \"visible\": false},\n");
        if (helm) {
            registry.append("  \"helm\": {\"url\": \"http://127.0.0.1:").append(helmPort).append("\", \"visible\": true, \"admin_only\": true},\n");
        }
        if (codex) {
            registry.append("  \"codex\": {\"url\": \"http://127.0.0.1:").append(codexPort).append("\", \"visible\": true},\n");
        }
        if (ledger) {
            registry.append("  \"ledger\": {\"url\": \"http://127.0.0.1:").append(ledgerPort)
                    .append("\", \"visible\": true, \"billing_or_admin_only\": true},\n");
        }
        if (beacon) {
            registry.append("  \"beacon\": {\"url\": \"http://127.0.0.1:").append(beaconPort).append("\", \"visible\": true},\n");
        }
        if (brainhair) {
            registry.append("  \"brainhair\": {\"url\": \"http://127.0.0.1:").append(brainhairPort).append("\", \"visible\": true},\n");
        }
        if (knowledgetree) {
            registry.append("  \"knowledgetree\": {\"url\": \"http://127.0.0.1:").append(knowledgetreePort).append("\", \"visible\": true},\n");
        }
        registry.append("  \"nexus\": {\"url\": \"https://127.0.0.1:").append(nexusPort).append("\", \"visible\": false}\n}\n");
        try {
            home = Files.createTempDirectory("hivematrix-e2e");
            Files.createDirectories(home.resolve("deploy"));
            Files.writeString(home.resolve("deploy/services.json"), registry.toString());
            Files.createDirectories(home.resolve("var/secrets"));
            for (String service : List.of("nexus", "codex", "core", "ledger", "beacon", "brainhair", "helm", "knowledgetree")) {
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

        start("core", "core", corePort, common, Map.of("HIVEMATRIX_CORE_RATELIMITS_EXCHANGE", "100000", "REDIS_DB", "8"),
                "/.well-known/jwks.json", http);
        if (helm) {
            // started before the others, so their first log lines reach it (until then they spool)
            start("helm", "helm", helmPort, common, Map.of("HIVEMATRIX_PG_URL_HELM", "jdbc:postgresql://127.0.0.1:5432/helm_e2e",
                    "HIVEMATRIX_HELM_KEYCLOAK_SECRET", keycloak.env("KC_HELM_CLIENT_SECRET"),
                    "HIVEMATRIX_METRICS_INTERVAL", "2s"), "/health", http);
        }
        if (codex) {
            // the sample MSP (only into an empty database) gives Codex's own journey and Ledger, Beacon and Brainhair
            // companies, plans and tickets
            start("codex", "codex", codexPort, common, Map.of("HIVEMATRIX_PG_URL_CODEX", "jdbc:postgresql://127.0.0.1:5432/codex_e2e",
                    "HIVEMATRIX_DEMO_LOAD", "true", "CODEX_FRESHSERVICE_BASE_URL", psa.baseUrl() + "/api/v2"), "/health", http);
        }
        if (ledger) {
            start("ledger", "ledger", ledgerPort, common, Map.of("HIVEMATRIX_PG_URL_LEDGER", "jdbc:postgresql://127.0.0.1:5432/ledger_e2e"),
                    "/health", http);
        }
        if (beacon) {
            start("beacon", "beacon", beaconPort, common, Map.of(), "/health", http);
        }
        if (brainhair) {
            // /health is 503 whenever Ledger is missing; the API description answers once the app is up
            start("brainhair", "brainhair", brainhairPort, common, Map.of(
                    "HIVEMATRIX_PG_URL_BRAINHAIR", "jdbc:postgresql://127.0.0.1:5432/brainhair_e2e",
                    "BRAINHAIR_MODEL_PROVIDER", "ANTHROPIC", "BRAINHAIR_MODEL_BASE_URL", model.baseUrl(),
                    "BRAINHAIR_MODEL", "claude-e2e", "BRAINHAIR_MODEL_API_KEY", "sk-ant-e2e"), "/v3/api-docs", http);
        }
        if (knowledgetree) {
            neo4j = Neo4jServer.start(home);
            // the demo knowledge base loads into the fresh (empty) graph; /health waits for Core and Codex, the API description does not
            start("knowledgetree", "knowledgetree", knowledgetreePort, common, Map.of("NEO4J_URI", neo4j.uri,
                    "KNOWLEDGETREE_UPLOAD_DIR", home.resolve("var/knowledgetree/uploads").toString(),
                    "HIVEMATRIX_DEMO_LOAD", "true"), "/v3/api-docs", http);
        }

        Map<String, String> nexus = new HashMap<>(common);
        nexus.put("HIVEMATRIX_SERVICE_NAME", "nexus");
        nexus.put("SERVER_PORT", Integer.toString(nexusPort));
        nexus.put("NEXUS_HOST", "127.0.0.1");
        nexus.put("NEXUS_REDIS_DB", "9");
        nexus.put("NEXUS_MANAGEMENT_PORT", Integer.toString(nexusManagementPort));
        nexus.put("KEYCLOAK_BACKEND_URL", keycloak.url());
        nexus.put("KEYCLOAK_REALM", keycloak.realm());
        nexus.put("KEYCLOAK_CLIENT_ID", keycloak.nexusClientId());
        nexus.put("KEYCLOAK_CLIENT_SECRET", keycloak.nexusClientSecret());
        started.add(ServiceProcess.start("nexus", "nexus-gateway", nexus,
                origin + "/static/css/global.css", http, Duration.ofSeconds(240)));
    }

    /** Starts a service from its jar on {@code port} with the common and its own environment; waits for {@code readyPath}. */
    private void start(String name, String module, int port, Map<String, String> common, Map<String, String> own, String readyPath,
            HttpClient http) {
        Map<String, String> env = new HashMap<>(common);
        env.put("HIVEMATRIX_SERVICE_NAME", name);
        env.put("SERVER_PORT", Integer.toString(port));
        env.putAll(own);
        started.add(ServiceProcess.start(name, module, env, "http://127.0.0.1:" + port + readyPath, http, Duration.ofSeconds(240)));
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
        if (neo4j != null) {
            neo4j.close();
        }
        model.stop();
        psa.stop();
    }
}
