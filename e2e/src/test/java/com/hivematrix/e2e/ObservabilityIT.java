package com.hivematrix.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.hivematrix.e2e.attack.Attacker;
import com.hivematrix.e2e.support.Platform;

/**
 * One request through Nexus is one trace: Nexus makes its trace id the correlation id, sends the W3C
 * {@code traceparent} on, and the backend's access line carries the same value as {@code traceId} and
 * {@code correlation_id}; a caller's own X-Correlation-ID is still honoured. Each backend's
 * /actuator/prometheus has http_server_requests metrics for an admin or service token only; Nexus's
 * are on its loopback management port, never on its public one.
 */
class ObservabilityIT {

    static Platform platform;
    static Attacker attacker;
    static final HttpClient HTTP = HttpClient.newBuilder().sslContext(Platform.trustAll()).connectTimeout(Duration.ofSeconds(3)).build();

    @BeforeAll
    static void start() {
        platform = Platform.shared();
        attacker = new Attacker(platform);
    }

    private static HttpResponse<String> throughNexus(String path, String keycloakToken, String correlationId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(platform.origin + path)).header("Authorization", "Bearer " + keycloakToken)
                .timeout(Duration.ofSeconds(30));
        if (correlationId != null) {
            b.header("X-Correlation-ID", correlationId);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first access line of {@code service}'s JSON log that contains {@code needle}, waiting for it to be written. */
    private static String accessLine(String service, String needle) {
        Path log = platform.home.resolve("var/log/" + service + ".json.log");
        String[] found = new String[1];
        await(service + " access line with " + needle).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
            Optional<String> line = lines(log).stream().filter(l -> l.contains("hivematrix.access") && l.contains(needle)).findFirst();
            line.ifPresent(l -> found[0] = l);
            return line.isPresent();
        });
        return found[0];
    }

    private static List<String> lines(Path log) {
        try {
            return Files.isRegularFile(log) ? Files.readAllLines(log) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void oneRequestThroughNexusIsOneTraceInBothLogs() throws Exception {
        assumeTrue(platform.codex, "Codex is not built");
        String[] user = platform.keycloak.createUser("technicians");
        String token = platform.keycloak.passwordGrant(user[0], user[1]);

        HttpResponse<String> r = throughNexus("/codex/api/companies", token, null);
        assertThat(r.statusCode()).isEqualTo(200);
        String id = r.headers().firstValue("X-Correlation-ID").orElseThrow();
        assertThat(id).as("Nexus's trace id").matches("[0-9a-f]{32}");
        String codex = accessLine("codex", "\"correlation_id\":\"" + id + "\"");
        assertThat(codex).as("Codex continued Nexus's trace").contains("\"traceId\":\"" + id + "\"", "/api/companies -> 200");
        assertThat(accessLine("nexus", "\"correlation_id\":\"" + id + "\"")).contains("\"traceId\":\"" + id + "\"");

        // a caller's own correlation id keeps working; the trace still crosses
        HttpResponse<String> own = throughNexus("/codex/api/companies", token, "ticket-4711-retry");
        assertThat(own.headers().firstValue("X-Correlation-ID")).contains("ticket-4711-retry");
        String ownLine = accessLine("codex", "\"correlation_id\":\"ticket-4711-retry\"");
        String trace = ownLine.replaceAll(".*\"traceId\":\"([0-9a-f]{32})\".*", "$1");
        assertThat(accessLine("nexus", "\"correlation_id\":\"ticket-4711-retry\"")).contains("\"traceId\":\"" + trace + "\"");
    }

    @Test
    void prometheusMetricsForAdminsAndServicesOnly() {
        for (String service : List.of("core", "codex", "ledger", "beacon", "brainhair")) {
            if (!attacker.runs(service)) {
                continue;
            }
            String url = attacker.direct(service) + "/actuator/prometheus";
            assertThat(attacker.get(url, null).statusCode()).as(service + " without a token").isEqualTo(401);
            assertThat(attacker.get(url, attacker.token(Attacker.Level.TECHNICIAN, service)).statusCode()).as(service + " technician")
                    .isEqualTo(403);
            HttpResponse<String> scrape = attacker.get(url, attacker.token(Attacker.Level.SERVICE, service));
            assertThat(scrape.statusCode()).as(service + " service token").isEqualTo(200);
            assertThat(scrape.body()).as(service).contains("http_server_requests_seconds_count{", "jvm_memory_used_bytes{");
            assertThat(attacker.get(url, attacker.token(Attacker.Level.ADMIN, service)).statusCode()).as(service + " admin").isEqualTo(200);
        }
        assertThat(attacker.get(platform.origin + "/actuator/prometheus", null).statusCode()).as("Nexus's public port").isEqualTo(404);
        HttpResponse<String> nexus = attacker.get("http://127.0.0.1:" + platform.nexusManagementPort + "/actuator/prometheus", null);
        assertThat(nexus.statusCode()).as("Nexus's loopback management port").isEqualTo(200);
        assertThat(nexus.body()).contains("http_server_requests_seconds_count{", "jvm_memory_used_bytes{");
    }
}
