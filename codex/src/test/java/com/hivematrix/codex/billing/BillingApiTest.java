package com.hivematrix.codex.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.hivematrix.codex.CodexTestBase;

import tools.jackson.databind.JsonNode;

class BillingApiTest extends CodexTestBase {

    @Test
    void createConflictsValidatesAndServesLedgerShapes() {
        Response created = post("/api/billing-plans", map("plan_name", "Gold", "term_length", "1-Year", "per_user_cost", 12.5,
                "support_level", "Unlimited", "soc", "Included", "features", map("backup", "Cloud")), ADMIN);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();

        Response dup = post("/api/billing-plans", map("plan_name", "Gold", "term_length", "1 Year"), ADMIN);
        assertProblem(dup, 409);
        Response invalid = post("/api/billing-plans", map("plan_name", "Gold", "per_user_cost", -1), ADMIN);
        assertProblem(invalid, 422);
        assertThat(invalid.json().get("errors").findValuesAsString("field")).contains("per_user_cost");
        assertProblem(post("/api/billing-plans", map("plan_name", "X", "term_length", "1 Year"), TECH), 403);
        assertProblem(post("/api/billing-plans", map("plan_name", "X", "term_length", "1 Year"), LEDGER), 403);

        JsonNode legacy = get("/api/billing-plans/" + id, LEDGER).json();
        assertThat(legacy.propertyNames()).containsExactly("id", "plan_name", "billing_plan", "term_length", "support_level", "per_user_cost",
                "per_workstation_cost", "per_server_cost", "per_vm_cost", "per_switch_cost", "per_firewall_cost", "per_hour_ticket_cost",
                "backup_base_fee_workstation", "backup_base_fee_server", "backup_included_tb", "backup_per_tb_fee",
                "antivirus", "soc", "password_manager", "sat", "email_security", "network_management");
        assertThat(legacy.get("term_length").asString()).isEqualTo("1 Year");
        assertThat(legacy.get("per_user_cost").asDouble()).isEqualTo(12.5);
        assertThat(legacy.get("backup_included_tb").asDouble()).isEqualTo(1.0);
        assertThat(legacy.get("soc").asString()).isEqualTo("Included");
        assertThat(legacy.get("sat").asString()).isEqualTo("Not Included");

        JsonNode plans = get("/billing-plans/api/plans", LEDGER).json();
        assertThat(plans.get("status").asString()).isEqualTo("success");
        assertThat(plans.get("count").asInt()).isEqualTo(plans.get("plans").size());
        JsonNode p = null;
        for (JsonNode candidate : plans.get("plans")) {
            if (candidate.get("id").asLong() == id) {
                p = candidate;
            }
        }
        assertThat(p).isNotNull();
        assertThat(p.get("features").get("soc").asString()).isEqualTo("Included");
        assertThat(p.get("features").get("backup").asString()).isEqualTo("Cloud");
        assertThat(p.get("feature_display_names").get("soc").asString()).isEqualTo("SOC");
        assertThat(p.get("feature_display_names").get("backup").asString()).isEqualTo("Backup");
        assertThat(p.get("support_level").asString()).isEqualTo("Unlimited");

        JsonNode one = get("/billing-plans/api/plans/Gold/1%20Year", LEDGER).json();
        assertThat(one.get("plan").get("id").asLong()).isEqualTo(id);
        Response missing = get("/billing-plans/api/plans/Gold/9%20Year", LEDGER);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("message").asString()).isEqualTo("Plan not found: Gold (9 Year)");
        assertThat(get("/api/billing-plans/Gold/1-Year", TECH).json().get("features").get("soc").asString()).isEqualTo("Included");
        assertThat(get("/api/billing-plans/99999", LEDGER).json().get("error").asString()).isEqualTo("Plan not found");

        Response upd = put("/api/billing-plans/" + id, map("billing_plan", "Gold", "per_server_cost", 99), ADMIN);
        assertThat(upd.status()).isEqualTo(200);
        assertThat(get("/api/billing-plans?plan_name=Gold", LEDGER).json().get(0).get("per_server_cost").asDouble()).isEqualTo(99.0);
        assertThat(put("/api/billing-plans/99999", map("per_server_cost", 1), ADMIN).status()).isEqualTo(404);
    }

    @Test
    void fourTermCreationCopyTermsAndOptions() {
        Response r = post("/billing-plans/api/create", map("plan_name", "Silver"), ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        JsonNode silver = get("/api/billing-plans?plan_name=Silver", LEDGER).json();
        assertThat(silver).hasSize(4);
        assertThat(silver.findValuesAsString("term_length")).containsExactlyInAnyOrder("Month to Month", "1 Year", "2 Year", "3 Year");
        assertThat(silver.get(0).get("per_hour_ticket_cost").asDouble()).isEqualTo(90.0);
        assertThat(silver.get(0).get("backup_per_tb_fee").asDouble()).isEqualTo(15.0);
        assertProblem(post("/billing-plans/api/create", map("plan_name", "Silver"), ADMIN), 409);

        long mtm = jdbc.sql("SELECT id FROM billing_plans WHERE plan_name='Silver' AND term_length='Month to Month'").query(Long.class).single();
        put("/api/billing-plans/" + mtm, map("per_user_cost", 20, "antivirus", "Defender"), ADMIN);
        assertThat(post("/billing-plans/api/copy-terms", map("plan_name", "Silver", "source_term", "Month to Month"), ADMIN).json()
                .get("updated").asInt()).isEqualTo(3);
        JsonNode threeYear = get("/billing-plans/api/plans/Silver/3%20Year", LEDGER).json().get("plan");
        assertThat(threeYear.get("per_user_cost").asDouble()).isEqualTo(20.0);
        assertThat(threeYear.get("features").get("antivirus").asString()).isEqualTo("Defender");

        assertThat(post("/api/feature-options", map("feature_type", "antivirus", "display_name", "Defender"), ADMIN).status()).isEqualTo(201);
        Response again = post("/api/feature-options", map("category", "antivirus", "value", "Defender"), ADMIN);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("message").asString()).isEqualTo("Feature already exists");
        assertThat(get("/api/feature-options?feature_type=antivirus", LEDGER).json()).hasSize(2);
        JsonNode grouped = get("/billing-plans/api/feature-options", LEDGER).json();
        assertThat(grouped.get("features").get("antivirus").get(0).propertyNames()).containsExactly("id", "category", "value", "display_name", "description");
        assertThat(get("/billing-plans/api/feature-categories", LEDGER).json().get("categories").size()).isEqualTo(6);
    }

    @Test
    void exportThenImportRoundTripsAndSkipsExisting() {
        post("/billing-plans/api/create", map("plan_name", "Bronze"), ADMIN);
        Response export = get("/billing-plans/export", ADMIN);
        assertThat(export.raw().headers().firstValue("Content-Disposition")).contains("attachment; filename=billing_plans_export.json");
        JsonNode doc = export.json();
        assertThat(doc.has("plans") && doc.has("feature_options")).isTrue();
        JsonNode again = post("/billing-plans/api/import", export.body(), ADMIN).json();
        assertThat(again.get("plans").get("imported").asInt()).isZero();
        assertThat(again.get("plans").get("skipped").asInt()).isEqualTo(doc.get("plans").size());
        String renamed = export.body().replace("\"Bronze\"", "\"Copper\"");
        JsonNode imported = post("/billing-plans/api/import", renamed, ADMIN).json();
        assertThat(imported.get("plans").get("imported").asInt()).isEqualTo(4);
        assertThat(get("/api/billing-plans?plan_name=Copper", LEDGER).json()).hasSize(4);
        assertThat(post("/billing-plans/api/import", "{\"plans\":[]}", ADMIN).status()).isEqualTo(400);
    }
}
