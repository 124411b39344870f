package com.hivematrix.core.config;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Core's own settings ({@code hivematrix.core.*}). */
@ConfigurationProperties("hivematrix.core")
public class CoreProperties {

    /** Where the RSA signing keys live (shared by all Core replicas). */
    private Path keyDir = Path.of("var/core/keys");
    /** Where the per-service secrets ({@code <service>.secret}) live. */
    private Path serviceSecretsDir = Path.of("var/secrets");
    /** Lifetime of a user token and its session. */
    private Duration sessionTtl = Duration.ofSeconds(3600);
    /** Lifetime of a service token. */
    private Duration serviceTokenTtl = Duration.ofSeconds(300);
    /** How often the key directory is re-read (keys rotated by another replica). */
    private Duration keyRescanInterval = Duration.ofSeconds(30);
    /**
     * How long a superseded key stays published after its successor appeared: the token lifetime plus a
     * margin covering clock skew and replicas that have not re-scanned yet.
     */
    private Duration keyRetireAfter = Duration.ofSeconds(3600 + 300);
    /** While Redis is down, how often it is probed. */
    private Duration redisProbeInterval = Duration.ofSeconds(1);
    private final RateLimits rateLimits = new RateLimits();

    public Path getKeyDir() { return keyDir; }
    public void setKeyDir(Path keyDir) { this.keyDir = keyDir; }
    public Path getServiceSecretsDir() { return serviceSecretsDir; }
    public void setServiceSecretsDir(Path serviceSecretsDir) { this.serviceSecretsDir = serviceSecretsDir; }
    public Duration getSessionTtl() { return sessionTtl; }
    public void setSessionTtl(Duration sessionTtl) { this.sessionTtl = sessionTtl; }
    public Duration getServiceTokenTtl() { return serviceTokenTtl; }
    public void setServiceTokenTtl(Duration serviceTokenTtl) { this.serviceTokenTtl = serviceTokenTtl; }
    public Duration getKeyRescanInterval() { return keyRescanInterval; }
    public void setKeyRescanInterval(Duration keyRescanInterval) { this.keyRescanInterval = keyRescanInterval; }
    public Duration getKeyRetireAfter() { return keyRetireAfter; }
    public void setKeyRetireAfter(Duration keyRetireAfter) { this.keyRetireAfter = keyRetireAfter; }
    public Duration getRedisProbeInterval() { return redisProbeInterval; }
    public void setRedisProbeInterval(Duration redisProbeInterval) { this.redisProbeInterval = redisProbeInterval; }
    public RateLimits getRateLimits() { return rateLimits; }

    /** Fixed-window limits per client address; 0 disables a limit. */
    public static class RateLimits {
        private Duration window = Duration.ofMinutes(1);
        private int exchange = 20;
        private int revoke = 50;

        public Duration getWindow() { return window; }
        public void setWindow(Duration window) { this.window = window; }
        public int getExchange() { return exchange; }
        public void setExchange(int exchange) { this.exchange = exchange; }
        public int getRevoke() { return revoke; }
        public void setRevoke(int revoke) { this.revoke = revoke; }
    }
}
