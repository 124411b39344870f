package com.hivematrix.shared.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings every HiveMatrix service shares. Each has an environment override through Spring's
 * relaxed binding (e.g. {@code HIVEMATRIX_HOME}, {@code HIVEMATRIX_SERVICE_NAME}).
 */
@ConfigurationProperties("hivematrix")
public class HivematrixProperties {

    /** This service's name as it appears in deploy/services.json. */
    private String serviceName = "unknown";

    /** development or production: the platform setting Helm passes as HIVEMATRIX_ENVIRONMENT, reported on /health. */
    private String environment = "development";

    /** Root of the installation: deploy/, var/ are resolved against it. */
    private Path home = Path.of(".");

    /** The service registry; defaults to {home}/deploy/services.json. */
    private Path registryFile;

    /** This service's secret for Core's /service-token; defaults to the file var/secrets/{service}.secret. */
    private String serviceSecret;

    private final Security security = new Security();
    private final Client client = new Client();
    private final Logs logs = new Logs();
    private final Health health = new Health();

    public String getServiceName() { return serviceName; }
    public String getEnvironment() { return environment; }
    public void setEnvironment(String environment) { this.environment = environment; }
    public void setServiceName(String serviceName) { this.serviceName = serviceName; }
    public Path getHome() { return home; }
    public void setHome(Path home) { this.home = home; }
    public Path getRegistryFile() { return registryFile != null ? registryFile : home.resolve("deploy/services.json"); }
    public void setRegistryFile(Path registryFile) { this.registryFile = registryFile; }
    public String getServiceSecret() { return serviceSecret; }
    public void setServiceSecret(String serviceSecret) { this.serviceSecret = serviceSecret; }
    public Path getServiceSecretFile() { return home.resolve("var/secrets").resolve(serviceName + ".secret"); }
    public Security getSecurity() { return security; }
    public Client getClient() { return client; }
    public Logs getLogs() { return logs; }
    public Health getHealth() { return health; }

    public static class Security {
        /** Paths reachable without a token, in addition to /health and the API docs. */
        private List<String> publicPaths = new ArrayList<>();
        /**
         * When set, client-level users (in none of the staff groups) may use only these paths, and
         * every other path needs a staff level or a service token; unset, they reach whatever their
         * endpoints' own checks allow. For services whose data spans every client company.
         */
        private List<String> clientPaths;
        /** Core's JWKS; defaults to the registry URL of core + /.well-known/jwks.json. */
        private String jwksUri;
        private String issuer = "hivematrix-core";
        /** How long a "session is active" answer from Core is trusted. Logout takes effect within this. */
        private Duration sessionCacheTtl = Duration.ofMillis(1000);
        /** While Core is unreachable, a session seen active this recently is still honoured. */
        private Duration sessionStaleGrace = Duration.ofSeconds(60);

        public List<String> getPublicPaths() { return publicPaths; }
        public void setPublicPaths(List<String> publicPaths) { this.publicPaths = publicPaths; }
        public List<String> getClientPaths() { return clientPaths; }
        public void setClientPaths(List<String> clientPaths) { this.clientPaths = clientPaths; }
        public String getJwksUri() { return jwksUri; }
        public void setJwksUri(String jwksUri) { this.jwksUri = jwksUri; }
        public String getIssuer() { return issuer; }
        public void setIssuer(String issuer) { this.issuer = issuer; }
        public Duration getSessionCacheTtl() { return sessionCacheTtl; }
        public void setSessionCacheTtl(Duration sessionCacheTtl) { this.sessionCacheTtl = sessionCacheTtl; }
        public Duration getSessionStaleGrace() { return sessionStaleGrace; }
        public void setSessionStaleGrace(Duration sessionStaleGrace) { this.sessionStaleGrace = sessionStaleGrace; }
    }

    public static class Client {
        private Duration connectTimeout = Duration.ofSeconds(2);
        private Duration readTimeout = Duration.ofSeconds(10);
        /** Attempts for idempotent calls (GET/HEAD/PUT/DELETE), the first included. */
        private int maxAttempts = 3;
        /** A service token is renewed when fewer than this many seconds remain. */
        private Duration tokenRefreshMargin = Duration.ofSeconds(60);

        public Duration getConnectTimeout() { return connectTimeout; }
        public void setConnectTimeout(Duration connectTimeout) { this.connectTimeout = connectTimeout; }
        public Duration getReadTimeout() { return readTimeout; }
        public void setReadTimeout(Duration readTimeout) { this.readTimeout = readTimeout; }
        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getTokenRefreshMargin() { return tokenRefreshMargin; }
        public void setTokenRefreshMargin(Duration tokenRefreshMargin) { this.tokenRefreshMargin = tokenRefreshMargin; }
    }

    public static class Logs {
        /** Ship log events to Helm's /api/logs/ingest. */
        private boolean shipToHelm = true;
        private int batchSize = 100;
        private Duration flushInterval = Duration.ofSeconds(2);
        /** Where batches wait while Helm is unreachable; defaults to {home}/var/spool/{service}. */
        private Path spoolDir;
        /** Upper bound of the spool; the oldest batches are dropped (and counted) beyond it. */
        private long spoolMaxBytes = 64L * 1024 * 1024;
        private int queueCapacity = 10_000;

        public boolean isShipToHelm() { return shipToHelm; }
        public void setShipToHelm(boolean shipToHelm) { this.shipToHelm = shipToHelm; }
        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public Duration getFlushInterval() { return flushInterval; }
        public void setFlushInterval(Duration flushInterval) { this.flushInterval = flushInterval; }
        public Path getSpoolDir() { return spoolDir; }
        public void setSpoolDir(Path spoolDir) { this.spoolDir = spoolDir; }
        public long getSpoolMaxBytes() { return spoolMaxBytes; }
        public void setSpoolMaxBytes(long spoolMaxBytes) { this.spoolMaxBytes = spoolMaxBytes; }
        public int getQueueCapacity() { return queueCapacity; }
        public void setQueueCapacity(int queueCapacity) { this.queueCapacity = queueCapacity; }
    }

    public static class Health {
        /** Services from the registry whose /health this service depends on. */
        private List<String> dependencies = new ArrayList<>();
        private Duration dependencyTimeout = Duration.ofSeconds(2);

        public List<String> getDependencies() { return dependencies; }
        public void setDependencies(List<String> dependencies) { this.dependencies = dependencies; }
        public Duration getDependencyTimeout() { return dependencyTimeout; }
        public void setDependencyTimeout(Duration dependencyTimeout) { this.dependencyTimeout = dependencyTimeout; }
    }
}
