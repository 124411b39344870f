package com.hivematrix.nexus.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Nexus's own settings, prefix {@code nexus}; every one has an environment override. */
@ConfigurationProperties("nexus")
public class NexusProperties {

    private final Keycloak keycloak = new Keycloak();
    private final Session session = new Session();
    private final RateLimit rateLimit = new RateLimit();
    private final Theme theme = new Theme();

    /** Paths under services served without login and without a token: Beacon's TV display, and PSA webhooks (Codex checks their shared secret). */
    private List<String> publicPaths = new ArrayList<>(List.of(
            "/beacon/display", "/beacon/display/**", "/beacon/static/**", "/beacon/health", "/codex/webhooks/**"));

    /** Paths under /core that are never proxied: tokens are minted and checked server to server only. */
    private List<String> blockedPaths = new ArrayList<>(List.of(
            "/core/service-token", "/core/service-token/**", "/core/api/token/**"));

    public Keycloak getKeycloak() { return keycloak; }
    public Session getSession() { return session; }
    public RateLimit getRateLimit() { return rateLimit; }
    public Theme getTheme() { return theme; }
    public List<String> getPublicPaths() { return publicPaths; }
    public void setPublicPaths(List<String> publicPaths) { this.publicPaths = publicPaths; }
    public List<String> getBlockedPaths() { return blockedPaths; }
    public void setBlockedPaths(List<String> blockedPaths) { this.blockedPaths = blockedPaths; }

    public static class Keycloak {
        /** Keycloak as Nexus reaches it server to server (token, JWKS, proxy upstream), relative path included. */
        private String backendUrl = "http://127.0.0.1:8080/keycloak";
        /** The path under which browsers reach Keycloak through Nexus; must equal Keycloak's http-relative-path. */
        private String publicPath = "/keycloak";
        private String realm = "hivematrix";
        private String clientId = "core-client";
        /** Empty: read from the file {@code clientSecretFile}. */
        private String clientSecret;
        /** Defaults to {hivematrix.home}/var/secrets/nexus-client.secret. */
        private Path clientSecretFile;
        /** Keycloak's readiness URL (management port); defaults to port 9000 of the backend host. */
        private String healthUrl;

        public String getBackendUrl() { return trim(backendUrl); }
        public void setBackendUrl(String backendUrl) { this.backendUrl = backendUrl; }
        public String getPublicPath() { return trim(publicPath); }
        public void setPublicPath(String publicPath) { this.publicPath = publicPath; }
        public String getRealm() { return realm; }
        public void setRealm(String realm) { this.realm = realm; }
        public String getClientId() { return clientId; }
        public void setClientId(String clientId) { this.clientId = clientId; }
        public String getClientSecret() { return clientSecret; }
        public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
        public Path getClientSecretFile() { return clientSecretFile; }
        public void setClientSecretFile(Path clientSecretFile) { this.clientSecretFile = clientSecretFile; }
        public String getHealthUrl() { return healthUrl; }
        public void setHealthUrl(String healthUrl) { this.healthUrl = healthUrl; }

        /** The secret from the property, else from the file; empty when neither exists. */
        public String resolveClientSecret(Path home) {
            if (clientSecret != null && !clientSecret.isBlank()) {
                return clientSecret.trim();
            }
            Path file = clientSecretFile != null ? clientSecretFile : home.resolve("var/secrets/nexus-client.secret");
            try {
                return Files.isReadable(file) ? Files.readString(file).trim() : "";
            } catch (java.io.IOException e) {
                return "";
            }
        }

        public String realmPath() {
            return "/realms/" + realm + "/protocol/openid-connect";
        }

        private static String trim(String s) {
            return s != null && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
    }

    public static class Session {
        public static final String DEFAULT_COOKIE = "HMSESSION";
        private String cookieName = DEFAULT_COOKIE;
        /** Idle timeout of a browser session; the HiveMatrix JWT inside lasts 1 h anyway. */
        private Duration timeout = Duration.ofHours(8);
        /** Redis namespace of the web sessions. */
        private String redisNamespace = "nexus:session";
        /** How long Core's "this session is valid" answer is trusted; logout takes effect within it. */
        private Duration validationCacheTtl = Duration.ofSeconds(1);
        /** While Core is unreachable, a session Core confirmed this recently is still honoured (never a revoked one). */
        private Duration coreOutageGrace = Duration.ofSeconds(60);

        public String getCookieName() { return cookieName; }
        public void setCookieName(String cookieName) { this.cookieName = cookieName; }
        public Duration getTimeout() { return timeout; }
        public void setTimeout(Duration timeout) { this.timeout = timeout; }
        public String getRedisNamespace() { return redisNamespace; }
        public void setRedisNamespace(String redisNamespace) { this.redisNamespace = redisNamespace; }
        public Duration getValidationCacheTtl() { return validationCacheTtl; }
        public void setValidationCacheTtl(Duration validationCacheTtl) { this.validationCacheTtl = validationCacheTtl; }
        public Duration getCoreOutageGrace() { return coreOutageGrace; }
        public void setCoreOutageGrace(Duration coreOutageGrace) { this.coreOutageGrace = coreOutageGrace; }
    }

    public static class RateLimit {
        private boolean enabled = true;
        private long perMinute = 1000;
        private long perHour = 20000;

        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }
        public long getPerMinute() { return perMinute; }
        public void setPerMinute(long perMinute) { this.perMinute = perMinute; }
        public long getPerHour() { return perHour; }
        public void setPerHour(long perHour) { this.perHour = perHour; }
    }

    public static class Theme {
        private Duration cacheTtl = Duration.ofMinutes(5);

        public Duration getCacheTtl() { return cacheTtl; }
        public void setCacheTtl(Duration cacheTtl) { this.cacheTtl = cacheTtl; }
    }
}
