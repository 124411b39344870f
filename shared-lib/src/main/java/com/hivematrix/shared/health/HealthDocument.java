package com.hivematrix.shared.health;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * The original platform's health body: {@code service, status (healthy|degraded|unhealthy),
 * timestamp, checks}, plus the build's version and the platform environment the process started in
 * (Helm's Settings page; a process shows the old one until it is restarted). HTTP 200 only when healthy.
 */
public record HealthDocument(String service, String status, String timestamp, String version, String environment,
        Map<String, Object> checks) {

    public static final String HEALTHY = "healthy";
    public static final String DEGRADED = "degraded";
    public static final String UNHEALTHY = "unhealthy";

    @JsonIgnore
    public boolean isHealthy() {
        return HEALTHY.equals(status);
    }
}
