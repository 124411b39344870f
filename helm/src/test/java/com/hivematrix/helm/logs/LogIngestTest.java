package com.hivematrix.helm.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hivematrix.helm.HelmTestBase;

import tools.jackson.databind.JsonNode;

class LogIngestTest extends HelmTestBase {

    private long stored(String service) {
        return jdbc.sql("SELECT count(*) FROM log_entries WHERE service_name = ?").param(service).query(Long.class).single();
    }

    @Test
    void serviceBatchIsStoredWithNormalisedLevelsAndClientTimestamps() {
        String svc = uniqueService("ingest");
        Map<String, Object> body = map("service_name", svc, "logs", List.of(
                map("level", "warn", "message", "disk almost full", "timestamp", "2030-01-02T03:04:05.123456",
                        "context", map("logger", "a.B", "username", "alice", "path", "/x"), "trace_id", "corr-1",
                        "user_id", "u-1", "hostname", "h1", "process_id", 42),
                map("level", "TRACE", "message", "fine detail", "timestamp", "2030-01-02T04:00:00+02:00"),
                map("message", "no level given")));
        Response r = post("/api/logs/ingest", body, ISSUER.serviceToken(svc, "helm"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("success").asBoolean()).isTrue();
        assertThat(r.json().path("ingested").asInt()).isEqualTo(3);
        assertThat(r.json().path("message").asString()).contains("3").contains(svc);

        JsonNode logs = get("/api/logs?service=" + svc, ADMIN).json().path("logs");
        assertThat(logs).hasSize(3);
        // newest first by client timestamp: 03:04Z, then 02:00Z (04:00+02:00), then "no timestamp" = now
        JsonNode warn = logs.get(0);
        assertThat(warn.path("level").asString()).isEqualTo("WARNING");
        assertThat(warn.path("timestamp").asString()).isEqualTo("2030-01-02T03:04:05.123456Z");
        assertThat(warn.path("context").path("path").asString()).isEqualTo("/x");
        assertThat(warn.path("trace_id").asString()).isEqualTo("corr-1");
        assertThat(warn.path("user_id").asString()).isEqualTo("u-1");
        assertThat(warn.path("username").asString()).isEqualTo("alice");
        assertThat(warn.path("hostname").asString()).isEqualTo("h1");
        assertThat(warn.path("process_id").asInt()).isEqualTo(42);
        assertThat(logs.get(1).path("level").asString()).isEqualTo("DEBUG");
        assertThat(logs.get(1).path("timestamp").asString()).isEqualTo("2030-01-02T02:00:00Z");
        assertThat(logs.get(2).path("level").asString()).isEqualTo("INFO");
        assertThat(logs.get(2).path("message").asString()).isEqualTo("no level given");
    }

    @Test
    void serviceNameDefaultsToTheCallingServiceAndCannotBeForged() {
        String svc = uniqueService("caller");
        String token = ISSUER.serviceToken(svc, "helm");
        assertThat(post("/api/logs/ingest", map("logs", List.of(map("level", "INFO", "message", "m"))), token).status()).isEqualTo(200);
        assertThat(stored(svc)).isEqualTo(1);

        JsonNode forged = assertProblem(post("/api/logs/ingest",
                map("service_name", "core", "logs", List.of(map("message", "pretend"))), token), 403);
        assertThat(forged.path("detail").asString()).contains("core");
    }

    @Test
    void oneBadEntryRejectsTheWholeBatchNamingEachField() {
        String svc = uniqueService("atomic");
        List<Object> logs = new ArrayList<>();
        logs.add(map("level", "INFO", "message", "fine"));
        logs.add(map("level", "LOUD", "message", "bad level"));
        logs.add(map("level", "ERROR", "message", "x".repeat(10_001)));
        logs.add(map("level", "ERROR", "message", "bad time", "timestamp", "yesterday"));
        logs.add(map("level", "INFO"));
        logs.add(map("level", "INFO", "message", "ok", "trace_id", "t".repeat(129), "process_id", "12"));
        Response r = post("/api/logs/ingest", map("service_name", svc, "logs", logs), ISSUER.serviceToken(svc, "helm"));
        JsonNode problem = assertProblem(r, 422);
        assertThat(problem.path("errors").findValuesAsString("field")).containsExactly(
                "logs[1].level", "logs[2].message", "logs[3].timestamp", "logs[4].message", "logs[5].trace_id", "logs[5].process_id");
        assertThat(problem.path("detail").asString()).contains("nothing stored").contains("logs[1].level");
        assertThat(stored(svc)).isZero();
    }

    @Test
    void limitsOnBatchAndMessageAreExact() {
        String svc = uniqueService("limits");
        String token = ISSUER.serviceToken(svc, "helm");
        List<Object> max = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            max.add(map("level", "DEBUG", "message", i == 0 ? "y".repeat(10_000) : "entry " + i));
        }
        Response ok = post("/api/logs/ingest", map("logs", max), token);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("ingested").asInt()).isEqualTo(10_000);
        assertThat(stored(svc)).isEqualTo(10_000);

        max.add(map("message", "one too many"));
        JsonNode tooMany = assertProblem(post("/api/logs/ingest", map("logs", max), token), 413);
        assertThat(tooMany.path("errors").get(0).path("field").asString()).isEqualTo("logs");
        assertThat(stored(svc)).isEqualTo(10_000);
    }

    @Test
    void malformedBodiesAre400NamingTheField() {
        String token = ISSUER.serviceToken("codex", "helm");
        assertProblem(post("/api/logs/ingest", "{not json", token), 400);
        assertThat(assertProblem(post("/api/logs/ingest", map("service_name", "codex"), token), 400)
                .path("errors").get(0).path("field").asString()).isEqualTo("logs");
        assertThat(assertProblem(post("/api/logs/ingest", map("logs", "nope"), token), 400)
                .path("errors").get(0).path("field").asString()).isEqualTo("logs");
        assertThat(assertProblem(post("/api/logs/ingest", map("service_name", "Bad Name!", "logs", List.of()), ADMIN), 400)
                .path("errors").get(0).path("field").asString()).isEqualTo("service_name");
        assertThat(assertProblem(post("/api/logs/ingest", map("logs", List.of()), ADMIN), 400)
                .path("detail").asString()).contains("service_name");
        assertThat(assertProblem(post("/api/logs/ingest", "[1,2]", token), 400)
                .path("errors").get(0).path("field").asString()).isEqualTo("body");
    }

    @Test
    void whoMayIngestAndRead() {
        Map<String, Object> body = map("service_name", "codex", "logs", List.of(map("message", "x")));
        assertProblem(post("/api/logs/ingest", body, null), 401);
        assertProblem(post("/api/logs/ingest", body, TECH), 403);
        assertProblem(post("/api/logs/ingest", body, ISSUER.serviceToken("codex", "ledger")), 401);
        assertThat(post("/api/logs/ingest", body, ADMIN).status()).isEqualTo(200);

        assertProblem(get("/api/logs", CODEX), 403);
        assertProblem(get("/api/logs", TECH), 403);
        assertThat(get("/api/logs", SELF).status()).isEqualTo(200);
        assertThat(get("/api/logs", ADMIN).status()).isEqualTo(200);
    }

    @Test
    void controlCharactersAndNulSurviveTheCopyPath() {
        String svc = uniqueService("escape");
        String nasty = "tab\there\nnew line\\back slash\r and NUL\u0000 end";
        Response r = post("/api/logs/ingest", map("service_name", svc, "logs", List.of(
                map("message", nasty, "context", map("k", "v\u0000\t\n\\")))), ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode e = get("/api/logs?service=" + svc, ADMIN).json().path("logs").get(0);
        assertThat(e.path("message").asString()).isEqualTo(nasty.replace('\u0000', '\uFFFD'));
        assertThat(e.path("context").path("k").asString()).isEqualTo("v\uFFFD\t\n\\");
    }

    @Test
    void storedEntriesCannotBeUpdated() {
        String svc = uniqueService("immutable");
        post("/api/logs/ingest", map("service_name", svc, "logs", List.of(map("message", "original"))), ADMIN);
        assertThatThrownBy(() -> jdbc.sql("UPDATE log_entries SET message = 'changed' WHERE service_name = ?").param(svc).update())
                .hasMessageContaining("append-only");
    }
}
