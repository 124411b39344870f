package com.hivematrix.helm.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.hivematrix.helm.HelmTestBase;

import tools.jackson.databind.JsonNode;

class LogQueryTest extends HelmTestBase {

    @Autowired
    LogRetentionJob retention;

    String svc;
    String other;
    Instant base;

    @BeforeEach
    void seed() {
        svc = uniqueService("query");
        other = uniqueService("query-other");
        base = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<Object> logs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            logs.add(map("level", i % 5 == 0 ? "ERROR" : "INFO", "message", "request " + i + (i == 7 ? " Payment FAILED_100%" : ""),
                    "timestamp", base.plusSeconds(i * 60L).toString(),
                    "trace_id", i < 3 ? "trace-" + svc : null, "user_id", i == 4 ? "uid-" + svc : null,
                    "context", i == 5 ? map("username", "bob-" + svc) : null));
        }
        assertThat(post("/api/logs/ingest", map("service_name", svc, "logs", logs), ADMIN).status()).isEqualTo(200);
        assertThat(post("/api/logs/ingest", map("service_name", other, "logs", List.of(
                map("level", "ERROR", "message", "request elsewhere", "trace_id", "trace-" + svc))), ADMIN).status()).isEqualTo(200);
    }

    private JsonNode list(String query) {
        Response r = get("/api/logs?" + query, SELF);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> messages(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("logs").forEach(e -> out.add(e.path("message").asString()));
        return out;
    }

    @Test
    void filtersByServiceLevelTraceUserAndText() {
        JsonNode all = list("service=" + svc);
        assertThat(all.path("total").asInt()).isEqualTo(20);
        assertThat(all.path("total_capped").asBoolean()).isFalse();
        assertThat(all.path("limit").asInt()).isEqualTo(100);
        assertThat(messages(all).get(0)).isEqualTo("request 19");

        assertThat(messages(list("service=" + svc + "&level=error"))).containsExactly("request 15", "request 10", "request 5", "request 0");
        assertThat(messages(list("service=" + svc + "&level=ERROR,warn"))).hasSize(4);
        assertThat(list("trace_id=trace-" + svc).path("total").asInt()).isEqualTo(4);
        assertThat(messages(list("correlation_id=trace-" + svc + "&service=" + svc))).containsExactly("request 2", "request 1", "request 0");
        assertThat(messages(list("user=uid-" + svc))).containsExactly("request 4");
        assertThat(messages(list("user=bob-" + svc))).containsExactly("request 5");
        // LIKE metacharacters are literal: % and _ match only themselves
        assertThat(messages(list("service=" + svc + "&q=failed_100%25"))).containsExactly("request 7 Payment FAILED_100%");
        assertThat(messages(list("service=" + svc + "&q=100%25%25"))).isEmpty();
    }

    @Test
    void timeRangeLimitOffsetAndCursors() {
        String range = "service=" + svc + "&start_time=" + base.plusSeconds(5 * 60) + "&end_time=" + base.plusSeconds(9 * 60);
        assertThat(messages(list(range))).containsExactly("request 9", "request 8", "request 7 Payment FAILED_100%", "request 6", "request 5");

        JsonNode page2 = list("service=" + svc + "&limit=5&offset=5");
        assertThat(messages(page2)).containsExactly("request 14", "request 13", "request 12", "request 11", "request 10");
        assertThat(page2.path("total").asInt()).isEqualTo(20);
        assertThat(list("service=" + svc + "&limit=5000").path("limit").asInt()).isEqualTo(1000);

        // id cursor: everything stored after an id, oldest first
        JsonNode newest = list("service=" + svc + "&limit=1");
        long lastId = newest.path("logs").get(0).path("id").asLong();
        long firstId = list("service=" + svc + "&limit=1&offset=19").path("logs").get(0).path("id").asLong();
        assertThat(messages(list("service=" + svc + "&after_id=" + firstId + "&limit=3"))).containsExactly("request 1", "request 2", "request 3");
        assertThat(list("service=" + svc + "&after_id=" + lastId).path("logs")).isEmpty();
        assertThat(messages(list("service=" + svc + "&before_id=" + (firstId + 3) + "&limit=10"))).containsExactly("request 2", "request 1", "request 0");

        JsonNode one = get("/api/logs/" + lastId, ADMIN).json();
        assertThat(one.path("message").asString()).isEqualTo("request 19");
        assertProblem(get("/api/logs/999999999999", ADMIN), 404);
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        for (Map.Entry<String, String> bad : Map.of("start_time", "start_time=last+tuesday", "end_time", "end_time=2025-13-01",
                "level", "level=LOUD", "limit", "limit=ten", "after_id", "after_id=x", "offset", "offset=-1").entrySet()) {
            JsonNode p = assertProblem(get("/api/logs?" + bad.getValue(), ADMIN), 400);
            assertThat(p.path("errors").get(0).path("field").asString()).isEqualTo(bad.getKey());
        }
    }

    @Test
    void relativeSinceSelectsRecentEntries() {
        String fresh = uniqueService("since");
        post("/api/logs/ingest", map("service_name", fresh, "logs", List.of(
                map("message", "old", "timestamp", Instant.now().minus(3, ChronoUnit.HOURS).toString()),
                map("message", "new"))), ADMIN);
        assertThat(messages(list("service=" + fresh + "&since=10m"))).containsExactly("new");
        assertThat(messages(list("service=" + fresh + "&since=4h"))).containsExactly("new", "old");
    }

    @Test
    void retentionDeletesOnlyEntriesOlderThanTheRetentionInBatches() {
        String aged = uniqueService("retention");
        Instant now = Instant.now();
        List<Object> logs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            logs.add(map("message", "ancient " + i, "timestamp", now.minus(91 + i, ChronoUnit.DAYS).toString()));
        }
        logs.add(map("message", "recent", "timestamp", now.minus(89, ChronoUnit.DAYS).toString()));
        assertThat(post("/api/logs/ingest", map("service_name", aged, "logs", logs), ADMIN).status()).isEqualTo(200);

        long deleted = retention.purge(now);
        assertThat(deleted).isGreaterThanOrEqualTo(7); // batch size is 3 in tests: several DELETEs ran
        assertThat(messages(list("service=" + aged))).containsExactly("recent");
        assertThat(list("service=" + svc).path("total").asInt()).isEqualTo(20);
    }
}
