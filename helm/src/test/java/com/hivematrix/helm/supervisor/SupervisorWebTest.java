package com.hivematrix.helm.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.helm.HelmTestBase;
import com.hivematrix.helm.metrics.MetricSample;
import com.hivematrix.helm.metrics.MetricsPoller;

import tools.jackson.databind.JsonNode;

/**
 * Helm with its supervisor on, over HTTP: the operator CLI's control API (local secret) and the
 * admin dashboard and JSON API (user tokens), supervising real TestChild processes declared in a
 * registry with {@code command} entries, next to a Spring Boot module that is not installed.
 */
class SupervisorWebTest extends HelmTestBase {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SECRET = "test-control-secret-" + System.nanoTime();
    private static Path home;

    @DynamicPropertySource
    static void supervised(DynamicPropertyRegistry registry) throws Exception {
        home = Files.createTempDirectory("helm-supervisor-web");
        Files.createDirectories(home.resolve("var/secrets"));
        Files.writeString(home.resolve("var/secrets/helm-control.secret"), SECRET + "\n");
        Path classes = Path.of(TestChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String services = "{\n"
                + "\"core\": {\"url\": \"http://127.0.0.1:5000\", \"port\": 5000, \"type\": \"spring-boot\", \"module\": \"core\", \"start_order\": 1},\n"
                + "\"helm\": {\"url\": \"http://127.0.0.1:5004\", \"port\": 5004, \"type\": \"spring-boot\", \"module\": \"helm\", \"start_order\": 3},\n"
                + child("alpha", 1, freePort(), java, classes) + ",\n"
                + child("beta", 2, freePort(), java, classes) + ",\n"
                + "\"ghost\": {\"url\": \"http://127.0.0.1:5099\", \"port\": 5099, \"type\": \"spring-boot\", \"module\": \"ghost\", \"start_order\": 2}\n"
                + "}\n";
        Path registryFile = home.resolve("services.json");
        Files.writeString(registryFile, services);
        registry.add("hivematrix.home", home::toString);
        registry.add("hivematrix.registry-file", registryFile::toString);
        registry.add("hivematrix.helm.supervisor.enabled", () -> "true");
        registry.add("hivematrix.helm.supervisor.stop-on-shutdown", () -> "true");
        registry.add("hivematrix.helm.supervisor.backoff-initial", () -> "200ms");
        registry.add("hivematrix.helm.supervisor.stop-grace", () -> "5s");
        registry.add("hivematrix.helm.supervisor.probe-interval", () -> "500ms");
        registry.add("hivematrix.helm.supervisor.start-probe-interval", () -> "100ms");
    }

    private static String child(String name, int order, int port, String java, Path classes) {
        return "\"" + name + "\": {\"url\": \"http://127.0.0.1:" + port + "\", \"port\": " + port + ", \"health\": \"/health\", "
                + "\"start_order\": " + order + ", \"type\": \"process\", \"command\": [\"" + java + "\", \"-Xmx32m\", \"-cp\", \""
                + classes + "\", \"" + TestChild.class.getName() + "\", \"" + port + "\", \"" + home.resolve(name + ".starts")
                + "\"], \"match\": \"" + TestChild.class.getName() + "\"}";
    }

    @Autowired
    MetricsPoller poller;

    @Test
    void pollerSamplesSupervisedProcessesThroughTheirPids() {
        awaitRunning("alpha");
        poller.poll(java.time.Instant.now());
        // the second poll has a previous sample of the same tree, so it can give a CPU share
        java.util.List<MetricSample> samples = poller.poll(java.time.Instant.now().plusMillis(5));

        MetricSample alpha = samples.stream().filter(s -> s.service().equals("alpha")).findFirst().orElseThrow();
        assertThat(alpha.rssMb()).isPositive();
        assertThat(alpha.threads()).isPositive();
        assertThat(alpha.openFiles()).isPositive();
        assertThat(alpha.cpuPercent()).isNotNull().isNotNegative();
        assertThat(alpha.restarts()).isNotNull();
        assertThat(alpha.uptimeSeconds()).isNotNegative();
        assertThat(alpha.healthyRatio()).isEqualTo(1.0);
        assertThat(alpha.healthLatencyMs()).isNotNull();
        // a skipped entry (module not installed) has no series; the supervising Helm probes nothing itself
        assertThat(samples).extracting(MetricSample::service).doesNotContain("ghost", "core");
        assertThat(poller.monitored()).isEmpty();
    }

    @Test
    void controlApiNeedsTheLocalSecret() {
        assertProblem(send("GET", "/api/control/status", null, null, Map.of()), 401);
        assertProblem(send("GET", "/api/control/status", null, null, Map.of(ControlAccess.HEADER, "wrong")), 403);
        assertProblem(send("GET", "/api/control/status", null, ADMIN, Map.of()), 401);
    }

    @Test
    void bootStartsEverythingAndTheCliSeesIt() {
        awaitRunning("alpha");
        awaitRunning("beta");
        Response status = control("GET", "/api/control/status");
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body()).containsPattern("alpha\\s+running\\s+\\d+")
                .containsPattern("beta\\s+running")
                .contains("ghost: skipped, module ghost is not part of this installation")
                .containsPattern("helm\\s+running\\s+" + ProcessHandle.current().pid());

        Response up = control("POST", "/api/control/up");
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.body().strip()).endsWith(ControlController.READY);
    }

    @Test
    void upStreamsEachStateChangeAndEndsReady() throws Exception {
        awaitRunning("alpha");
        assertThat(control("POST", "/api/control/processes/alpha/stop").status()).isEqualTo(200);

        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/control/up"))
                .header(ControlAccess.HEADER, SECRET).POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build();
        java.util.List<String> lines = HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.ofLines()).body()
                .map(String::strip).filter(l -> !l.isEmpty()).toList();

        assertThat(lines).contains("alpha: stopped");
        assertThat(lines).contains("ghost: skipped - module ghost is not part of this installation");
        int starting = indexStartingWith(lines, "alpha: starting (pid ");
        int running = indexStartingWith(lines, "alpha: running (pid ");
        assertThat(starting).isPositive().isLessThan(running);
        assertThat(lines).last().isEqualTo(ControlController.READY);
    }

    private static int indexStartingWith(java.util.List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in " + lines);
    }

    @Test
    void restartThroughTheCliReplacesTheProcess() {
        long before = awaitRunning("alpha");
        Response r = control("POST", "/api/control/processes/alpha/restart");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        long after = pid("alpha");
        assertThat(after).isNotEqualTo(before);
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false)).isFalse();

        assertProblem(control("POST", "/api/control/processes/helm/restart"), 409);
        assertProblem(control("POST", "/api/control/processes/nope/restart"), 404);
        JsonNode bad = assertProblem(control("POST", "/api/control/processes/alpha/explode"), 400);
        assertThat(bad.get("field").asString()).isEqualTo("action");
    }

    @Test
    void dashboardShowsProcessesToAdminsOnly() {
        awaitRunning("alpha");
        assertProblem(get("/api/supervisor/processes", TECH), 403);
        assertProblem(get("/api/supervisor/processes", null), 401);

        JsonNode list = processes();
        assertThat(list.get(0).get("name").asString()).isEqualTo("helm");
        assertThat(list.get(0).get("controllable").asBoolean()).isFalse();
        JsonNode alpha = find(list, "alpha");
        assertThat(alpha.get("state").asString()).isEqualTo("running");
        assertThat(alpha.get("healthy").asBoolean()).isTrue();
        assertThat(alpha.get("pid").asLong()).isPositive();
        assertThat(alpha.get("rss_mb").asLong()).as("a JVM's resident memory").isPositive();
        assertThat(alpha.get("threads").asInt()).isGreaterThan(1);
        assertThat(alpha.get("open_files").asInt()).isPositive();
        assertThat(find(list, "ghost").get("state").asString()).isEqualTo("skipped");

        Response page = send("GET", "/services", null, ADMIN, Map.of("Accept", "text/html"));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("data-name=\"alpha\"").contains("/services/alpha/restart")
                .doesNotContain("/services/helm/restart");
        Response detail = send("GET", "/services/alpha", null, ADMIN, Map.of("Accept", "text/html"));
        assertThat(detail.body()).contains("test child listening on").contains("Recent logs").contains("/logs?service=alpha");
        assertThat(send("GET", "/services", null, TECH, Map.of("Accept", "text/html")).status()).isEqualTo(403);
    }

    @Test
    void killedProcessComesBackAndTheDashboardCountsTheRestart() {
        long before = awaitRunning("beta");
        int restarts = find(processes(), "beta").get("restarts").asInt();
        ProcessHandle.of(before).orElseThrow().destroyForcibly();

        await().atMost(WAIT).until(() -> {
            JsonNode beta = find(processes(), "beta");
            return "running".equals(beta.get("state").asString()) && beta.get("pid").asLong() != before
                    && beta.get("restarts").asInt() == restarts + 1;
        });
    }

    @Test
    void stopAndStartFromTheAdminApi() {
        awaitRunning("alpha");
        Response stop = post("/api/supervisor/processes/alpha/stop", null, ADMIN);
        assertThat(stop.status()).isEqualTo(202);
        await().atMost(WAIT).until(() -> "stopped".equals(find(processes(), "alpha")
                .get("state").asString()));
        assertThat(post("/api/supervisor/processes/alpha/start", null, TECH).status()).isEqualTo(403);
        assertThat(post("/api/supervisor/processes/alpha/start", null, ADMIN).status()).isEqualTo(202);
        awaitRunning("alpha");
    }

    /**
     * Waits through the CLI's status table rather than the admin API, so a long wait does not
     * hammer user-token validation (the admin API has tests of its own above).
     */
    private long awaitRunning(String name) {
        await().atMost(WAIT).until(() -> "running".equals(row(name)[1]));
        return pid(name);
    }

    private long pid(String name) {
        return Long.parseLong(row(name)[2]);
    }

    /** name, state, pid, … of one row of GET /api/control/status. */
    private String[] row(String name) {
        Response r = control("GET", "/api/control/status");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        for (String line : r.body().split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length > 2 && cols[0].equals(name)) {
                return cols;
            }
        }
        throw new AssertionError(name + " not in " + r.body());
    }

    private JsonNode processes() {
        Response r = get("/api/supervisor/processes", ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("processes");
    }

    private Response control(String method, String path) {
        return send(method, path, null, null, Map.of(ControlAccess.HEADER, SECRET, "Accept", "text/plain, application/problem+json"));
    }

    private static JsonNode find(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (name.equals(n.get("name").asString())) {
                return n;
            }
        }
        throw new AssertionError(name + " not in " + list);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
