package com.hivematrix.ledger;

import static com.hivematrix.ledger.support.TestPlatform.ADMIN;
import static com.hivematrix.ledger.support.TestPlatform.BILLING;
import static com.hivematrix.ledger.support.TestPlatform.BRAINHAIR;
import static com.hivematrix.ledger.support.TestPlatform.TECH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.hivematrix.ledger.job.MonthEndSnapshot;

import tools.jackson.databind.JsonNode;

/** Void and reissue, the accept-all job, the scheduled month-end snapshot and the ZIP exports. */
class ArchiveJobsTest extends LedgerTestBase {

    @Autowired
    MonthEndSnapshot monthEnd;

    static Map<String, Object> period(String acct) {
        return Map.of("account_number", acct, "year", 2025, "month", 10);
    }

    @Test
    void voidKeepsTheBillAndIssuesACreditNoteThenTheNextAcceptIsRevisionTwo() {
        ok(http.post("/api/bill/accept", BILLING, period("100300")));
        problem(http.post("/archive/api/snapshot/100300-202510/void", BILLING, Map.of()), 422);
        problem(http.post("/archive/api/snapshot/100300-209901/void", BILLING, Map.of("reason", "x")), 404);
        assertThat(http.post("/archive/api/snapshot/100300-202510/void", TECH, Map.of("reason", "x")).status()).isEqualTo(403);

        JsonNode voided = ok(http.post("/archive/api/snapshot/100300-202510/void", BILLING, Map.of("reason", "Wrong hourly rate"))).json();
        assertThat(voided.get("credit_note_number").asString()).isEqualTo("CN-100300-202510");
        JsonNode snap = ok(http.get("/archive/api/snapshot/100300-202510", BILLING)).json();
        assertThat(voided.get("credit_amount").decimalValue()).isEqualByComparingTo(snap.get("total_amount").decimalValue().negate());
        assertThat(snap.get("void").get("reason").asString()).isEqualTo("Wrong hourly rate");
        problem(http.post("/archive/api/snapshot/100300-202510/void", BILLING, Map.of("reason", "again")), 409);
        assertThat(ok(http.get("/api/bill/check-archived/100300?year=2025&month=10", BILLING)).json().get("is_archived").asBoolean()).isFalse();

        // a corrected bill: the override changes the total, the reissue carries it, the original stays as it was
        ok(http.put("/api/overrides/client/100300", BILLING, Map.of("per_hour_ticket_cost", 200)));
        JsonNode reissued = ok(http.post("/api/bill/accept", BILLING, period("100300"))).json();
        assertThat(reissued.get("invoice_number").asString()).isEqualTo("100300-202510-R2");
        assertThat(reissued.get("revision").asInt()).isEqualTo(2);
        problem(http.post("/api/bill/accept", BILLING, period("100300")), 409);
        JsonNode r2 = ok(http.get("/archive/api/snapshot/100300-202510-R2", BILLING)).json();
        assertThat(r2.get("total_amount").decimalValue()).isGreaterThan(snap.get("total_amount").decimalValue());
        assertThat(ok(http.get("/archive/api/snapshot/100300-202510", BILLING)).json().get("total_amount").decimalValue())
                .isEqualByComparingTo(snap.get("total_amount").decimalValue());
        assertThat(ok(http.get("/archive/api/snapshot/100300-202510-R2/csv", BILLING)).body()).contains("100300-202510-R2");
        assertThat(ok(http.get("/archive/api/snapshots/company/100300", BILLING)).json().get("total_snapshots").asInt()).isEqualTo(2);
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM snapshot_voids").update()).hasMessageContaining("immutable");

        String page = http.page("/archive/100300-202510", BILLING).body();
        assertThat(page).contains("Voided by credit note CN-100300-202510").doesNotContain("Void and issue credit note");
        assertThat(http.form("/archive/100300-202510-R2/void", BILLING, Map.of("reason", "")).status()).isEqualTo(422);
        assertThat(http.form("/archive/100300-202510-R2/void", BILLING, Map.of("reason", "Duplicate")).status()).isEqualTo(302);
    }

    @Test
    void acceptAllArchivesEveryBillableCompanyOnceAndRunningItAgainSkipsThem() {
        ok(http.post("/api/bill/accept", BILLING, period("100300")));
        JsonNode started = http.post("/api/bill/accept-all", BILLING, Map.of("year", 2025, "month", 10)).json();
        JsonNode job = finished(started.get("job_id").asString());
        // 100200 archived now, 100300 was already, 100400/100500 cannot be billed (reported), 100600 is on the inactive plan
        assertThat(job.get("total_companies").asInt()).isEqualTo(4);
        assertThat(job.get("completed_companies").asInt()).isEqualTo(1);
        assertThat(job.get("skipped_companies").asInt()).isEqualTo(1);
        assertThat(job.get("failed_companies").asInt()).isEqualTo(2);
        assertThat(job.get("percent").asInt()).isEqualTo(100);
        Map<String, String> outcomes = new HashMap<>();
        job.get("output").forEach(o -> outcomes.put(o.get("account_number").asString(), o.get("outcome").asString()));
        assertThat(outcomes).containsEntry("100200", "archived").containsEntry("100300", "already archived").containsEntry("100400", "failed");

        JsonNode again = finished(http.post("/api/bill/accept-all", ADMIN, Map.of("year", 2025, "month", 10)).json().get("job_id").asString());
        assertThat(again.get("completed_companies").asInt()).isZero();
        assertThat(again.get("skipped_companies").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM billing_snapshots").query(Long.class).single()).isEqualTo(2);
        assertThat(http.page("/scheduler?job=" + again.get("id").asString(), BILLING).body()).contains("already archived", "100200-202510");
        assertThat(http.post("/api/bill/accept-all", TECH, Map.of()).status()).isEqualTo(403);
    }

    @Test
    void acceptAllDefaultsToThePreviousMonthAndWorksForAnAllowListedService() {
        JsonNode started = http.post("/api/bill/accept-all", BRAINHAIR, null).json();
        assertThat(started.get("billing_period").asString())
                .isEqualTo(java.time.YearMonth.now(ZoneOffset.UTC).minusMonths(1).toString());
        finished(started.get("job_id").asString());
    }

    @Test
    void scheduledSnapshotRunsOnTheConfiguredDayAndHourOncePerPeriod() {
        problem(http.post("/archive/api/scheduler/config", BILLING, Map.of("hour", 3)), 403);
        problem(http.post("/archive/api/scheduler/config", ADMIN, Map.of("hour", 24)), 422);
        ok(http.post("/archive/api/scheduler/config", ADMIN, Map.of("enabled", true, "day_of_month", 1, "hour", 3, "snapshot_previous_month", true)));

        assertThat(monthEnd.runIfDue(ZonedDateTime.of(2025, 11, 1, 2, 0, 0, 0, ZoneOffset.UTC))).isNull();
        assertThat(monthEnd.runIfDue(ZonedDateTime.of(2025, 11, 2, 3, 0, 0, 0, ZoneOffset.UTC))).isNull();
        String id = monthEnd.runIfDue(ZonedDateTime.of(2025, 11, 1, 3, 0, 0, 0, ZoneOffset.UTC));
        assertThat(id).isNotNull();
        JsonNode job = ok(http.get("/archive/api/scheduler/jobs/" + id, BILLING)).json();
        assertThat(job.get("job_type").asString()).isEqualTo("scheduled");
        assertThat(job.get("target_month").asInt()).isEqualTo(10);
        assertThat(job.get("completed_companies").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM billing_snapshots WHERE billing_month = 10").query(Long.class).single()).isEqualTo(2);
        JsonNode cfg = ok(http.get("/archive/api/scheduler/config", BILLING)).json().get("config");
        assertThat(cfg.get("last_run_count").asInt()).isEqualTo(2);
        // two companies cannot be billed, so the run counts as failed and the next due tick retries: nothing is archived twice
        assertThat(job.get("status").asString()).isEqualTo("failed");
        String retry = monthEnd.runIfDue(ZonedDateTime.of(2025, 11, 1, 3, 30, 0, 0, ZoneOffset.UTC));
        JsonNode second = ok(http.get("/archive/api/scheduler/jobs/" + retry, BILLING)).json();
        assertThat(second.get("completed_companies").asInt()).isZero();
        assertThat(second.get("skipped_companies").asInt()).isEqualTo(2);
        ok(http.post("/archive/api/scheduler/config", ADMIN, Map.of("enabled", false)));
        assertThat(monthEnd.runIfDue(ZonedDateTime.of(2025, 11, 1, 3, 0, 0, 0, ZoneOffset.UTC))).isNull();
    }

    @Test
    void archiveZipHoldsTheStoredCsvJsonAndCreditNotes() throws IOException {
        enterWorkedExampleAdjustments();
        ok(http.post("/api/bill/accept", BILLING, period("100200")));
        ok(http.post("/api/bill/accept", BILLING, period("100300")));
        ok(http.post("/archive/api/snapshot/100300-202510/void", BILLING, Map.of("reason", "test")));
        var zip = http.get("/archive/api/export.zip?year=2025&month=10", BILLING);
        assertThat(zip.status()).isEqualTo(200);
        assertThat(zip.header("Content-Disposition")).contains("archive_2025-10.zip");
        Map<String, String> files = unzip(zip.bytes());
        assertThat(files).containsKeys("100200-202510.csv", "100200-202510.json", "100300-202510.csv", "credit_notes.csv");
        assertThat(files.get("100200-202510.csv")).isEqualTo(ok(http.get("/archive/api/snapshot/100200-202510/csv", BILLING)).body());
        assertThat(files.get("credit_notes.csv")).contains("CN-100300-202510,100300-202510,-");

        var bulk = http.get("/invoices/bulk/download?year=2025&month=10", BILLING);
        assertThat(bulk.status()).isEqualTo(200);
        Map<String, String> invoices = unzip(bulk.bytes());
        assertThat(invoices).containsKeys("Example_Dental_2025-10.csv", "Basic_Books_2025-10.csv", "not_billed.csv");
        assertThat(invoices.get("not_billed.csv")).contains("100400", "100500").doesNotContain("100600");
        assertThat(http.get("/archive/api/export.zip", TECH).status()).isEqualTo(403);
    }

    JsonNode finished(String id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !"running".equals(ok(http.get("/archive/api/scheduler/jobs/" + id, BILLING)).json().get("status").asString()));
        return ok(http.get("/archive/api/scheduler/jobs/" + id, BILLING)).json();
    }

    static Map<String, String> unzip(byte[] bytes) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
