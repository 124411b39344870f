package com.hivematrix.helm.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.hivematrix.helm.HelmTestBase;

import tools.jackson.databind.JsonNode;

/**
 * The metrics time series against the machine's PostgreSQL: the poller's samples, 5-minute and
 * hourly roll-ups, per-level retention, the series API with its range validation, the page and
 * the dashboard of a Helm that does not supervise (it probes the registry's health URLs).
 */
class MetricsTest extends HelmTestBase {

    private static final Map<String, String> HTML = Map.of("Accept", "text/html");

    @Autowired
    MetricsPoller poller;
    @Autowired
    MetricStore store;
    @Autowired
    MetricsRollupJob rollup;

    @Test
    void pollStoresHelmsOwnProcessFiguresAndEveryRegistryServicesHealth() {
        Instant now = Instant.now();
        List<MetricSample> samples = poller.poll(now);

        MetricSample self = samples.stream().filter(s -> s.service().equals("helm")).findFirst().orElseThrow();
        assertThat(self.rssMb()).isPositive();
        assertThat(self.threads()).isPositive();
        assertThat(self.openFiles()).isPositive();
        assertThat(self.uptimeSeconds()).isNotNegative();
        // without the supervisor every other registry service is probed by its health URL (no pid, so no process figures)
        assertThat(samples).extracting(MetricSample::service)
                .contains("core", "codex", "nexus", "keycloak").doesNotHaveDuplicates();
        MetricSample core = samples.stream().filter(s -> s.service().equals("core")).findFirst().orElseThrow();
        assertThat(core.rssMb()).isNull();
        assertThat(core.healthyRatio()).isIn(0.0, 1.0);
        assertThat(poller.monitored("core")).get().satisfies(m -> {
            assertThat(m.healthUrl()).isEqualTo("http://127.0.0.1:5000/health");
            assertThat(m.probedAt()).isEqualTo(now.truncatedTo(ChronoUnit.MILLIS));
        });

        List<MetricSample> stored = store.series("helm", 0, now.minusSeconds(1), now.plusSeconds(1));
        assertThat(stored).extracting(MetricSample::sampledAt).contains(now.truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void rollUpAveragesIntoFiveMinuteAndHourlyBucketsAndRerunsAreIdempotent() {
        String svc = uniqueService("rollup");
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        List<MetricSample> raw = new ArrayList<>();
        // bucket 1 (hh:00): cpu 10, 20, 30; bucket 2 (hh:05): cpu 60 twice, one sample unhealthy without latency
        raw.add(sample(svc, hour, 10.0, 100.0, 5.0, true));
        raw.add(sample(svc, hour.plusSeconds(10), 20.0, 200.0, 7.0, true));
        raw.add(sample(svc, hour.plusSeconds(290), 30.0, 300.0, 9.0, true));
        raw.add(sample(svc, hour.plusSeconds(300), 60.0, 400.0, null, false));
        raw.add(sample(svc, hour.plusSeconds(310), 60.0, 400.0, 20.0, true));
        store.insertRaw(raw);

        Instant now = hour.plus(Duration.ofMinutes(30));
        rollup.run(now);
        rollup.run(now);

        List<MetricSample> five = store.series(svc, 300, hour, hour.plus(Duration.ofHours(1)));
        assertThat(five).hasSize(2);
        assertThat(five.get(0).sampledAt()).isEqualTo(hour);
        assertThat(five.get(0).cpuPercent()).isEqualTo(20.0);
        assertThat(five.get(0).rssMb()).isEqualTo(200.0);
        assertThat(five.get(0).healthLatencyMs()).isEqualTo(7.0);
        assertThat(five.get(1).sampledAt()).isEqualTo(hour.plusSeconds(300));
        assertThat(five.get(1).healthLatencyMs()).isEqualTo(20.0);
        assertThat(five.get(1).healthyRatio()).isEqualTo(0.5);
        assertThat(five.get(1).restarts()).isEqualTo(3);

        List<MetricSample> hourly = store.series(svc, 3600, hour, hour.plus(Duration.ofHours(1)));
        assertThat(hourly).hasSize(1);
        // weighted by raw samples, not by buckets: (10 + 20 + 30 + 60 + 60) / 5
        assertThat(hourly.get(0).cpuPercent()).isEqualTo(36.0);
        assertThat(hourly.get(0).healthyRatio()).isEqualTo(0.8);
        assertThat(jdbc.sql("SELECT samples FROM metric_samples WHERE service_name = ? AND resolution = 3600").param(svc)
                .query(Integer.class).single()).isEqualTo(5);
    }

    @Test
    void eachLevelLosesWhatIsOlderThanItsRetention() {
        String svc = uniqueService("retention");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant old = now.minus(Duration.ofDays(3));
        store.insertRaw(List.of(sample(svc, old, 1.0, 1.0, 1.0, true), sample(svc, now.minusSeconds(60), 2.0, 2.0, 2.0, true)));
        jdbc.sql("INSERT INTO metric_samples (service_name, resolution, sampled_at, cpu_percent) VALUES (?, 300, ?, 5)")
                .params(svc, java.sql.Timestamp.from(old)).update();

        rollup.run(now);

        // raw samples live 2 days, 5-minute aggregates 30 days
        assertThat(store.series(svc, 0, old.minusSeconds(1), now)).extracting(MetricSample::cpuPercent).containsExactly(2.0);
        assertThat(store.series(svc, 300, old.minusSeconds(1), old.plusSeconds(1))).hasSize(1);
    }

    @Test
    void seriesApiPicksTheLevelByRangeAndRefusesBadInput() {
        String svc = uniqueService("api");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        store.insertRaw(List.of(sample(svc, now.minusSeconds(20), 3.0, 50.0, 4.0, true), sample(svc, now.minusSeconds(10), 5.0, 60.0, 6.0, true)));

        JsonNode r = get("/api/metrics/" + svc + "?range=1h", ADMIN).json();
        assertThat(r.get("resolution_seconds").asInt()).isZero();
        assertThat(r.get("points")).hasSize(2);
        assertThat(r.get("points").get(0).get("t").asString()).isEqualTo(now.minusSeconds(20).toString());
        assertThat(r.get("points").get(1).get("rss_mb").asDouble()).isEqualTo(60.0);
        assertThat(get("/api/metrics/" + svc + "?range=24h", ADMIN).json().get("resolution_seconds").asInt()).isEqualTo(300);
        assertThat(get("/api/metrics/" + svc + "?range=30d", ADMIN).json().get("resolution_seconds").asInt()).isEqualTo(3600);

        assertThat(assertProblem(get("/api/metrics/" + svc + "?range=2h", ADMIN), 400).get("field").asString()).isEqualTo("range");
        assertThat(assertProblem(get("/api/metrics/Bad%20Name?range=1h", ADMIN), 400).get("field").asString()).isEqualTo("service");
        assertProblem(get("/api/metrics/" + svc, TECH), 403);
        assertProblem(get("/api/metrics/" + svc, null), 401);
    }

    @Test
    void metricsPageDrawsWithTheChartJsWebJarAndTheDashboardShowsProbedServices() {
        Response page = send("GET", "/metrics?service=core&range=6h", null, ADMIN, HTML);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("/webjars/chart.js/4.4.1/dist/chart.umd.js")
                .contains("data-api=\"/api/metrics/core\"").contains("data-range=\"6h\"")
                .contains("data-series=\"cpu_percent\"").contains("data-series=\"rss_mb\"").contains("data-series=\"health_latency_ms\"");
        assertThat(send("GET", "/metrics?range=1y", null, ADMIN, HTML).status()).isEqualTo(400);
        assertThat(send("GET", "/metrics", null, TECH, HTML).status()).isEqualTo(403);
        Response chartJs = send("GET", "/webjars/chart.js/4.4.1/dist/chart.umd.js", null, null, Map.of());
        assertThat(chartJs.status()).isEqualTo(200);
        assertThat(chartJs.body()).contains("Chart");

        poller.poll(Instant.now());
        Response dashboard = send("GET", "/services", null, ADMIN, HTML);
        assertThat(dashboard.body()).contains("does not supervise processes").contains("id=\"monitored-table\"")
                .contains("data-name=\"core\"").contains("http://127.0.0.1:5010/health");
        Response core = send("GET", "/services/core", null, ADMIN, HTML);
        assertThat(core.status()).isEqualTo(200);
        assertThat(core.body()).contains("not supervised by this Helm").contains("http://127.0.0.1:5000/health")
                .contains("Recent logs").contains("/logs?service=core");
        assertThat(send("GET", "/services/nosuch", null, ADMIN, HTML).status()).isEqualTo(404);
    }

    private static MetricSample sample(String svc, Instant at, Double cpu, Double rss, Double latency, boolean healthy) {
        return new MetricSample(svc, at, cpu, rss, 40.0, 90.0, 100L, 3, latency, healthy ? 1.0 : 0.0);
    }
}
