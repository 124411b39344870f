package com.hivematrix.ledger;

import static com.hivematrix.ledger.support.TestPlatform.ADMIN;
import static com.hivematrix.ledger.support.TestPlatform.BILLING;
import static com.hivematrix.ledger.support.TestPlatform.BRAINHAIR;
import static com.hivematrix.ledger.support.TestPlatform.TECH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class ArchiveApiTest extends LedgerTestBase {

    static Map<String, Object> accept(String acct, int month) {
        return Map.of("account_number", acct, "year", 2025, "month", month, "notes", "month end");
    }

    @Test
    void acceptStoresOneImmutableSnapshotFromOneCalculationAndRepeatIs409() {
        enterWorkedExampleAdjustments();
        JsonNode created = ok(http.post("/api/bill/accept", BILLING, accept("100200", 10))).json();
        assertThat(created.get("success").asBoolean()).isTrue();
        assertThat(created.get("invoice_number").asString()).isEqualTo("100200-202510");
        JsonNode again = problem(http.post("/api/bill/accept", ADMIN, accept("100200", 10)), 409);
        assertThat(again.get("error").asString()).isEqualTo("This bill has already been archived");
        assertThat(again.get("success").asBoolean()).isFalse();

        JsonNode snap = ok(http.get("/archive/api/snapshot/100200-202510", BILLING)).json();
        assertThat(snap.get("total_amount").decimalValue()).isEqualByComparingTo("2607.50");
        assertThat(snap.get("created_by").asString()).isEqualTo("billing@example.test");
        assertThat(snap.get("notes").asString()).isEqualTo("month end");
        assertThat(snap.get("billing_data").get("receipt").get("total").decimalValue()).isEqualByComparingTo("2607.50");
        // priced custom line items and custom users archive fine (the original crashed here)
        assertThat(snap.get("line_items").findValuesAsString("line_type")).contains("user", "asset", "backup", "ticket", "custom");
        String csv = ok(http.get("/archive/api/snapshot/100200-202510/csv", BILLING)).body();
        assertThat(csv).isEqualTo(ok(http.get("/invoice/100200/download?year=2025&month=10", BILLING)).body());
        assertThat(ok(http.get("/api/bill/check-archived/100200?year=2025&month=10", BILLING)).json().get("is_archived").asBoolean()).isTrue();
        assertThat(ok(http.get("/api/invoice/100200/summary?year=2025&month=10", BILLING)).json().get("is_archived").asBoolean()).isTrue();

        // the database refuses to change an archived bill
        assertThatThrownBy(() -> jdbc.sql("UPDATE billing_snapshots SET total_amount = 1").update()).hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM snapshot_line_items").update()).hasMessageContaining("immutable");
    }

    @Test
    void concurrentAcceptsYieldExactlyOneSnapshot() throws Exception {
        int n = 6;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                Callable<Integer> c = () -> {
                    start.await();
                    return http.post("/api/bill/accept", BILLING, accept("100300", 10)).status();
                };
                results.add(pool.submit(c));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM billing_snapshots WHERE company_account_number = '100300'").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void serviceOnTheAllowListMayAcceptTechnicianMayNotAndBadInputIsRefused() {
        problem(http.post("/api/bill/accept", TECH, accept("100300", 9)), 403);
        problem(http.post("/api/bill/accept", BILLING, Map.of("account_number", "100300")), 400);
        problem(http.post("/api/bill/accept", BILLING, accept("999999", 9)), 404);
        problem(http.post("/api/bill/accept", BILLING, accept("100400", 9)), 422);
        assertThat(ok(http.post("/api/bill/accept", BRAINHAIR, accept("100300", 9))).json().get("invoice_number").asString())
                .isEqualTo("100300-202509");
        assertThat(jdbc.sql("SELECT created_by FROM billing_snapshots").query(String.class).single()).isEqualTo("service:brainhair");
        problem(http.get("/archive/api/snapshots/search", TECH), 403);
        problem(http.get("/archive/api/snapshot/nope", BILLING), 404);
    }

    @Test
    void searchByAccountNameYearMonthPaged() {
        enterWorkedExampleAdjustments();
        ok(http.post("/api/bill/accept", BILLING, accept("100200", 9)));
        ok(http.post("/api/bill/accept", BILLING, accept("100200", 10)));
        ok(http.post("/api/bill/accept", BILLING, accept("100300", 10)));
        JsonNode all = ok(http.get("/archive/api/snapshots/search?limit=2", BILLING)).json();
        assertThat(all.get("total").asInt()).isEqualTo(3);
        assertThat(all.get("results")).hasSize(2);
        assertThat(all.get("results").get(0).get("invoice_number").asString()).isEqualTo("100300-202510");
        JsonNode page2 = ok(http.get("/archive/api/snapshots/search?limit=2&offset=2", BILLING)).json();
        assertThat(page2.get("results")).hasSize(1);
        assertThat(page2.get("results").get(0).get("invoice_number").asString()).isEqualTo("100200-202509");
        assertThat(ok(http.get("/archive/api/snapshots/search?company_name=dental", BILLING)).json().get("total").asInt()).isEqualTo(2);
        assertThat(ok(http.get("/archive/api/snapshots/search?company_name=100%25", BILLING)).json().get("total").asInt()).isZero();
        assertThat(ok(http.get("/archive/api/snapshots/search?year=2025&month=10", BILLING)).json().get("total").asInt()).isEqualTo(2);
        assertThat(ok(http.get("/archive/api/snapshots/search?account_number=100300", BILLING)).json().get("results").get(0)
                .get("total_amount").decimalValue()).isEqualByComparingTo("215.00"); // user 10 + WS 5 + server 50 + 1.5 h × 100
        problem(http.get("/archive/api/snapshots/search?limit=5000", BILLING), 400);
    }
}
