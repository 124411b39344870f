package com.hivematrix.shared.health;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.contributor.HealthContributors;

import com.hivematrix.shared.config.HivematrixProperties;
import com.hivematrix.shared.registry.ServiceInfo;
import com.hivematrix.shared.registry.ServiceRegistry;
import com.hivematrix.shared.version.VersionInfo;

/**
 * Builds the health document from Actuator's contributors (database, Redis, Neo4j, …) plus disk
 * usage and the /health of the services this one depends on, with the original's rules: database,
 * neo4j or disk unhealthy make the service unhealthy; Redis, a degraded disk or a dependency make
 * it degraded.
 */
public class HealthDocumentService {

    private static final Map<String, String> CHECK_NAMES = Map.of("db", "database", "dataSource", "database");
    private static final Set<String> CRITICAL = Set.of("database", "neo4j", "disk");
    private static final Set<String> NOT_REPORTED = Set.of("ping", "diskSpace", "livenessState", "readinessState", "ssl");

    private final HealthContributors contributors;
    private final HivematrixProperties props;
    private final ServiceRegistry registry;
    private final VersionInfo version;
    private final HttpClient http;

    public HealthDocumentService(HealthContributors contributors, HivematrixProperties props,
            ServiceRegistry registry, VersionInfo version) {
        this.contributors = contributors;
        this.props = props;
        this.registry = registry;
        this.version = version;
        this.http = HttpClient.newBuilder().connectTimeout(props.getHealth().getDependencyTimeout()).build();
    }

    public HealthDocument check() {
        Map<String, Object> checks = new LinkedHashMap<>();
        contributors.stream()
                .filter(e -> !NOT_REPORTED.contains(e.name()))
                .forEach(e -> checks.put(CHECK_NAMES.getOrDefault(e.name(), e.name()), checkOf(e.contributor())));
        checks.put("disk", disk());
        if (!props.getHealth().getDependencies().isEmpty()) {
            Map<String, Object> deps = new LinkedHashMap<>();
            props.getHealth().getDependencies().forEach(name -> deps.put(name, dependency(name)));
            checks.put("dependencies", deps);
        }
        return new HealthDocument(props.getServiceName(), overall(checks),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), version.version(), props.getEnvironment(), checks);
    }

    private Map<String, Object> checkOf(HealthContributor contributor) {
        Map<String, Object> result = new LinkedHashMap<>();
        if (!(contributor instanceof HealthIndicator indicator)) {
            result.put("status", HealthDocument.HEALTHY);
            return result;
        }
        long start = System.nanoTime();
        Health health;
        try {
            health = indicator.health(true);
        } catch (RuntimeException e) {
            health = Health.down(e).build();
        }
        long latencyMs = (System.nanoTime() - start) / 1_000_000;
        result.put("status", statusOf(health.getStatus()));
        result.put("latency_ms", latencyMs);
        if (!Status.UP.equals(health.getStatus()) && health.getDetails().containsKey("error")) {
            result.put("error", String.valueOf(health.getDetails().get("error")));
        }
        return result;
    }

    private Map<String, Object> disk() {
        File root = props.getHome().toAbsolutePath().toFile();
        long total = root.getTotalSpace();
        long free = root.getUsableSpace();
        double usage = total == 0 ? 0 : 100.0 * (total - free) / total;
        String status = usage >= 95 ? HealthDocument.UNHEALTHY : usage >= 85 ? HealthDocument.DEGRADED : HealthDocument.HEALTHY;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status", status);
        result.put("usage_percent", Math.round(usage * 10) / 10.0);
        result.put("free_gb", Math.round(free / 1e9 * 100) / 100.0);
        result.put("total_gb", Math.round(total / 1e9 * 100) / 100.0);
        return result;
    }

    private Map<String, Object> dependency(String name) {
        Map<String, Object> result = new LinkedHashMap<>();
        ServiceInfo service = registry.find(name).orElse(null);
        if (service == null) {
            result.put("status", HealthDocument.UNHEALTHY);
            result.put("error", "not in the service registry");
            return result;
        }
        long start = System.nanoTime();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(service.healthUrl()))
                    .timeout(props.getHealth().getDependencyTimeout()).GET().build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (response.statusCode() == 200) {
                result.put("status", HealthDocument.HEALTHY);
                result.put("response_time_ms", ms);
            } else {
                result.put("status", HealthDocument.UNHEALTHY);
                result.put("http_status", response.statusCode());
            }
        } catch (HttpTimeoutException e) {
            result.put("status", HealthDocument.UNHEALTHY);
            result.put("error", "timeout");
        } catch (java.net.ConnectException e) {
            result.put("status", HealthDocument.UNHEALTHY);
            result.put("error", "connection_refused");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.put("status", HealthDocument.UNHEALTHY);
            result.put("error", "interrupted");
        } catch (Exception e) {
            result.put("status", HealthDocument.UNHEALTHY);
            result.put("error", String.valueOf(e.getMessage()));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static String overall(Map<String, Object> checks) {
        String overall = HealthDocument.HEALTHY;
        for (Map.Entry<String, Object> entry : checks.entrySet()) {
            if (entry.getKey().equals("dependencies")) {
                for (Object dep : ((Map<String, Object>) entry.getValue()).values()) {
                    if (!HealthDocument.HEALTHY.equals(((Map<String, Object>) dep).get("status"))) {
                        overall = worst(overall, HealthDocument.DEGRADED);
                    }
                }
                continue;
            }
            Object status = ((Map<String, Object>) entry.getValue()).get("status");
            if (HealthDocument.HEALTHY.equals(status)) {
                continue;
            }
            boolean critical = CRITICAL.contains(entry.getKey()) && HealthDocument.UNHEALTHY.equals(status);
            overall = worst(overall, critical ? HealthDocument.UNHEALTHY : HealthDocument.DEGRADED);
        }
        return overall;
    }

    private static String worst(String a, String b) {
        if (HealthDocument.UNHEALTHY.equals(a) || HealthDocument.UNHEALTHY.equals(b)) {
            return HealthDocument.UNHEALTHY;
        }
        return HealthDocument.DEGRADED.equals(a) || HealthDocument.DEGRADED.equals(b) ? HealthDocument.DEGRADED : HealthDocument.HEALTHY;
    }

    private static String statusOf(Status status) {
        if (Status.UP.equals(status)) {
            return HealthDocument.HEALTHY;
        }
        return Status.UNKNOWN.equals(status) ? HealthDocument.DEGRADED : HealthDocument.UNHEALTHY;
    }
}
