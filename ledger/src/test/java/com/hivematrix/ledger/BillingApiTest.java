package com.hivematrix.ledger;

import static com.hivematrix.ledger.support.TestPlatform.ADMIN;
import static com.hivematrix.ledger.support.TestPlatform.BEACON;
import static com.hivematrix.ledger.support.TestPlatform.BILLING;
import static com.hivematrix.ledger.support.TestPlatform.BRAINHAIR;
import static com.hivematrix.ledger.support.TestPlatform.CLIENT;
import static com.hivematrix.ledger.support.TestPlatform.TECH;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hivematrix.ledger.support.TestPlatform;

import tools.jackson.databind.JsonNode;

class BillingApiTest extends LedgerTestBase {

    @Test
    void workedExampleThroughTheApiIs2607_50UnderTheCorrectedRules() {
        enterWorkedExampleAdjustments();
        JsonNode b = ok(http.get("/api/billing/100200?year=2025&month=10", BILLING)).json();
        assertThat(b.get("account_number").asString()).isEqualTo("100200");
        assertThat(b.get("company_name").asString()).isEqualTo("Example Dental");
        assertThat(b.get("billing_period").asString()).isEqualTo("2025-10");
        JsonNode r = b.get("receipt");
        assertThat(r.get("total").decimalValue()).isEqualByComparingTo("2607.50");
        assertThat(r.get("total_user_charges").decimalValue()).isEqualByComparingTo("1050.00");
        assertThat(r.get("total_asset_charges").decimalValue()).isEqualByComparingTo("275.00");
        assertThat(r.get("ticket_charge").decimalValue()).isEqualByComparingTo("412.50");
        assertThat(r.get("backup_charge").decimalValue()).isEqualByComparingTo("250.00");
        assertThat(r.get("total_line_item_charges").decimalValue()).isEqualByComparingTo("620.00");
        assertThat(r.get("billed_assets")).hasSize(13);
        assertThat(r.get("billed_assets").get(0).propertyNames()).containsExactly("name", "type", "cost");
        assertThat(b.get("quantities").get("server").asInt()).isEqualTo(2);
        assertThat(b.get("effective_rates").get("per_server_cost").decimalValue()).isEqualByComparingTo("125");
        assertThat(b.get("plan_features").get("antivirus").asString()).isEqualTo("Defender");
        assertThat(b.get("feature_override_status").get("antivirus").asBoolean()).isFalse();
        assertThat(b.get("contract_end_date").asString()).isEqualTo("2026-01-14");
        // adjustments left an audit trail naming the user
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE actor = 'billing@example.test'").query(Long.class).single()).isEqualTo(10);
    }

    @Test
    void permissionsBillingAdminAndAllowListedServicesOnly() {
        assertThat(http.get("/api/billing/100300?year=2025&month=10", ADMIN).status()).isEqualTo(200);
        assertThat(http.get("/api/billing/100300?year=2025&month=10", BRAINHAIR).status()).isEqualTo(200);
        problem(http.get("/api/billing/100300", TECH), 403);
        problem(http.get("/api/billing/dashboard", CLIENT), 403);
        problem(http.get("/api/plans", BEACON), 403);
        problem(http.put("/api/overrides/client/100300", TECH, Map.of("per_user_cost", 1)), 403);
        problem(http.get("/api/billing/100300", null), 401);
        assertThat(jdbc.sql("SELECT count(*) FROM client_billing_overrides").query(Long.class).single()).isZero();
    }

    @Test
    void technicianAlsoInTheBillingGroupReadsAndWritesUnderTheirOwnNameAPlainTechnicianStillCannot() {
        String techInBilling = TestPlatform.ISSUER.sign(TestPlatform.ISSUER.userClaims("technician")
                .claim("email", "tess@example.test").claim("groups", List.of("technicians", "billing")).build());
        String techInClient = TestPlatform.ISSUER.sign(TestPlatform.ISSUER.userClaims("technician")
                .claim("groups", List.of("technicians", "client")).build());
        assertThat(http.get("/api/billing/100300?year=2025&month=10", techInBilling).status()).isEqualTo(200);
        assertThat(http.put("/api/overrides/client/100300", techInBilling, Map.of("per_user_cost", 42)).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE company_account_number = '100300' AND actor = 'tess@example.test'")
                .query(Long.class).single()).isPositive();
        problem(http.get("/api/billing/100300", techInClient), 403);
        problem(http.put("/api/overrides/client/100300", TECH, Map.of("per_user_cost", 1)), 403);
        assertThat(http.page("/", techInBilling).status()).isEqualTo(200);
        assertThat(http.page("/", TECH).status()).isEqualTo(403);
        // scheduler settings stay admin-only: the billing group is not the admins group
        problem(http.post("/archive/api/scheduler/config", techInBilling, Map.of("hour", 3)), 403);
    }

    @Test
    void badInputIs400404Or422AndNothingIsHalfSaved() {
        assertThat(problem(http.get("/api/billing/100300?year=2025&month=13", BILLING), 400).get("detail").asString()).contains("month");
        problem(http.get("/api/billing/100300?year=abc", BILLING), 400);
        assertThat(problem(http.get("/api/billing/999999?year=2025&month=10", BILLING), 404).get("error").asString())
                .isEqualTo("Company not found");
        JsonNode noPlan = problem(http.get("/api/billing/100400?year=2025&month=10", BILLING), 422);
        assertThat(noPlan.get("error").asString()).isEqualTo("Company has no billing plan");

        Map<String, Object> bad = new HashMap<>();
        bad.put("per_user_cost", 12);
        bad.put("per_server_cost", -5);
        bad.put("per_vm_cost", "abc");
        JsonNode p = problem(http.put("/api/overrides/client/100300", BILLING, bad), 422);
        assertThat(p.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("per_server_cost", "per_vm_cost");
        assertThat(jdbc.sql("SELECT count(*) FROM client_billing_overrides").query(Long.class).single()).isZero();
        problem(http.put("/api/overrides/asset/201", BILLING, Map.of("billing_type", "Toaster")), 422);
        problem(http.post("/api/overrides/manual-users/100300", BILLING, Map.of("billing_type", "Paid")), 422);
        problem(http.post("/api/overrides/line-items/100300", BILLING, Map.of("name", "x", "yearly_bill_month", 13)), 422);
        problem(http.put("/api/overrides/client/100300", BILLING, "{not json"), 400);
        problem(http.delete("/api/overrides/manual-assets/100300/12345", BILLING), 404);
        assertThat(jdbc.sql("SELECT count(*) FROM manual_users").query(Long.class).single()).isZero();
    }

    @Test
    void clientOverridesKeepZeroDisableOneFieldAndCoverBackup() {
        ok(http.put("/api/overrides/client/100300", BILLING, Map.of("per_workstation_cost", 0, "per_server_cost", 80,
                "backup_per_tb_fee", 12.5, "backup_included_tb", 0)));
        JsonNode o = ok(http.get("/api/overrides/client/100300", BILLING)).json().get("overrides");
        assertThat(o.get("per_workstation_cost").decimalValue()).isEqualByComparingTo("0");
        assertThat(o.get("backup_included_tb").decimalValue()).isEqualByComparingTo("0");
        assertThat(o.get("per_user_cost").isNull()).isTrue();
        // Basic: users 10 (1 active contact; the inactive one is not billed), WS 5 → 0, SRV 50 → 80, hours 1.5 × 100
        JsonNode r = ok(http.get("/api/billing/100300?year=2025&month=10", BILLING)).json();
        assertThat(r.get("receipt").get("total").decimalValue()).isEqualByComparingTo("240.00");
        assertThat(r.get("quantities").get("inactive_users").asInt()).isEqualTo(1);

        Map<String, Object> disable = new HashMap<>();
        disable.put("per_server_cost", null);
        ok(http.put("/api/overrides/client/100300", BILLING, disable));
        assertThat(ok(http.get("/api/overrides/client/100300", BILLING)).json().get("overrides").get("per_server_cost").isNull()).isTrue();
        assertThat(ok(http.get("/api/billing/100300?year=2025&month=10", BILLING)).json().get("receipt").get("total").decimalValue())
                .isEqualByComparingTo("210.00");
        assertThat(ok(http.get("/api/overrides/client/100300", BILLING)).json().get("overrides").get("per_workstation_cost").decimalValue())
                .isEqualByComparingTo("0");
        ok(http.delete("/api/overrides/client/100300", BILLING));
        assertThat(ok(http.get("/api/overrides/client/100300", BILLING)).json().get("overrides").isNull()).isTrue();
    }

    @Test
    void overrideFamilyShapes() {
        ok(http.put("/api/overrides/user/11", BILLING, Map.of("billing_type", "custom", "custom_cost", "7.25")));
        assertThat(ok(http.get("/api/overrides/user/11", BILLING)).json().get("override").get("billing_type").asString()).isEqualTo("Custom");
        long id = ok(http.post("/api/overrides/manual-assets/100300", BILLING, Map.of("hostname", "FW-1", "billing_type", "Firewall",
                "notes", "rack"))).json().get("id").asLong();
        assertThat(ok(http.get("/api/overrides/manual-assets/100300", BILLING)).json().get("manual_assets").get(0).get("hostname").asString())
                .isEqualTo("FW-1");
        ok(http.delete("/api/overrides/manual-assets/100300/" + id, BILLING));
        assertThat(ok(http.get("/api/overrides/manual-assets/100300", BILLING)).json().get("manual_assets")).isEmpty();
        long li = ok(http.post("/api/overrides/line-items/100300", BILLING, Map.of("name", "Setup", "one_off_fee", 99,
                "one_off_year", 2025, "one_off_month", 10))).json().get("id").asLong();
        ok(http.put("/api/overrides/line-items/100300/" + li, BILLING, Map.of("one_off_fee", 100)));
        assertThat(ok(http.get("/api/overrides/line-items/100300", BILLING)).json().get("line_items").get(0).get("one_off_fee").decimalValue())
                .isEqualByComparingTo("100");
        ok(http.put("/api/overrides/features/100300", BILLING, Map.of("soc", "Arctic Wolf", "unknown", "x")));
        JsonNode bill = ok(http.get("/api/billing/100300?year=2025&month=10", BILLING)).json();
        assertThat(bill.get("plan_features").get("soc").asString()).isEqualTo("Arctic Wolf");
        assertThat(bill.get("feature_override_status").get("soc").asBoolean()).isTrue();
        assertThat(bill.get("receipt").get("billed_line_items").get(0).get("type").asString()).isEqualTo("One-Off");
        ok(http.delete("/api/overrides/features/100300/soc", BILLING));
        assertThat(ok(http.get("/api/overrides/features/100300", BILLING)).json().get("feature_overrides")).isEmpty();
    }

    @Test
    void dashboardListsEveryCompanyWithReasonsAndOmitsInactive() {
        enterWorkedExampleAdjustments();
        JsonNode d = ok(http.get("/api/billing/dashboard?year=2025&month=10", BILLING)).json();
        assertThat(d.get("billing_period").asString()).isEqualTo("2025-10");
        Map<String, JsonNode> byAcct = new HashMap<>();
        d.get("companies").forEach(c -> byAcct.put(c.get("account_number").asString(), c));
        assertThat(byAcct).containsOnlyKeys("100200", "100300", "100400", "100500");
        JsonNode ex = byAcct.get("100200");
        assertThat(ex.get("total_bill").decimalValue()).isEqualByComparingTo("2607.50");
        assertThat(ex.get("servers").asInt()).isEqualTo(2);
        assertThat(ex.get("workstations").asInt()).isEqualTo(9);
        assertThat(ex.get("users").asInt()).isEqualTo(8);
        assertThat(ex.get("backup").decimalValue()).isEqualByComparingTo("3.50");
        assertThat(ex.get("hours").decimalValue()).isEqualByComparingTo("11.75");
        assertThat(byAcct.get("100400").get("error").asString()).isEqualTo("Company has no billing plan");
        assertThat(byAcct.get("100500").get("error").asString()).isEqualTo("Plan not found: Platinum (2 Year)");
        assertThat(byAcct.get("100500").get("total_bill").isNull()).isTrue();
        assertThat(d.get("warning").asString()).startsWith("2 companies");
        // dashboard and single bill agree
        assertThat(ok(http.get("/api/billing/100300?year=2025&month=10", BILLING)).json().get("receipt").get("total").decimalValue())
                .isEqualByComparingTo(byAcct.get("100300").get("total_bill").decimalValue());
    }

    @Test
    void plansPassThroughInTheOriginalShape() {
        JsonNode plans = ok(http.get("/api/plans", BILLING)).json();
        assertThat(plans).hasSize(2);
        JsonNode premium = plans.get(1);
        assertThat(premium.propertyNames()).containsExactly("id", "billing_plan", "term_length", "support_level", "per_user_cost",
                "per_workstation_cost", "per_server_cost");
        assertThat(premium.get("billing_plan").asString()).isEqualTo("Premium");
        assertThat(premium.get("per_user_cost").decimalValue()).isEqualByComparingTo("125");
    }
}
