package com.hivematrix.ledger;

import static com.hivematrix.ledger.support.TestPlatform.ADMIN;
import static com.hivematrix.ledger.support.TestPlatform.BILLING;
import static com.hivematrix.ledger.support.TestPlatform.CLIENT;
import static com.hivematrix.ledger.support.TestPlatform.TECH;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hivematrix.ledger.support.Http;

/** The server-rendered pages, as a browser behind Nexus sees them (HTML, form posts, the /ledger prefix). */
class PagesTest extends LedgerTestBase {

    static final String PERIOD = "year=2025&month=10";

    @Test
    void dashboardListsEveryBilledCompanyAndShowsTheOnesThatCannotBeBilled() {
        enterWorkedExampleAdjustments();
        Http.Response r = http.page("/?" + PERIOD, BILLING);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/html");
        String html = r.body();
        assertThat(html).contains("data-account=\"100200\"", "data-account=\"100300\"", "data-account=\"100400\"", "data-account=\"100500\"")
                .doesNotContain("data-account=\"100600\"");
        assertThat(html).contains("$2,607.50");
        // the two companies without a usable plan are rows with their reason, and the page says so
        assertThat(html).contains("data-testid=\"billing-problems\"", "2 companies could not be billed", "Platinum");
        assertThat(html).contains("<div class=\"card__value\" data-stat=\"errors\">2</div>");
    }

    @Test
    void dashboardSearchSortAndCsvExportWorkOnTheServer() {
        String html = http.page("/?" + PERIOD + "&search=books", BILLING).body();
        assertThat(html).contains("data-account=\"100300\"").doesNotContain("data-account=\"100200\"");
        String sorted = http.page("/?" + PERIOD + "&sort_by=account_number&order=desc", BILLING).body();
        assertThat(sorted.indexOf("data-account=\"100500\"")).isLessThan(sorted.indexOf("data-account=\"100200\""));
        Http.Response csv = http.page("/clients/export.csv?" + PERIOD + "&filter=errors", BILLING);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Disposition")).contains("billing_dashboard_2025-10.csv");
        assertThat(csv.body().lines().toList()).hasSize(3).first().asString().startsWith("account_number,name,billing_plan");
        assertThat(csv.body()).contains("100400", "100500").doesNotContain("100200");
    }

    @Test
    void linksCarryTheGatewayPrefix() {
        String html = http.page("/?" + PERIOD, BILLING, "X-Forwarded-Prefix", "/ledger").body();
        assertThat(html).contains("href=\"/ledger/client/100200?year=2025&amp;month=10\"", "href=\"/ledger/archive/\"");
        String bill = http.page("/client/100200?" + PERIOD, BILLING, "X-Forwarded-Prefix", "/ledger").body();
        assertThat(bill).contains("action=\"/ledger/client/100200/accept\"", "href=\"/ledger/invoice/100200/pdf?year=2025&amp;month=10\"");
    }

    @Test
    void technicianAndClientGet403PagesAndNoLoginGets401() {
        for (String token : new String[] {TECH, CLIENT}) {
            for (String path : new String[] {"/", "/client/100200", "/archive/", "/client/100200/settings", "/import", "/scheduler"}) {
                Http.Response r = http.page(path, token);
                assertThat(r.status()).as(path).isEqualTo(403);
            }
            assertThat(http.form("/client/100200/accept", token, Map.of("year", "2025", "month", "10")).status()).isEqualTo(403);
        }
        assertThat(http.page("/", TECH).body()).contains("Billing pages are for billing and admin users.");
        assertThat(http.page("/", null).status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM billing_snapshots").query(Long.class).single()).isZero();
    }

    @Test
    void billPageAcceptArchivesOnceAndARepeatIs409WithAClearMessage() {
        enterWorkedExampleAdjustments();
        String bill = http.page("/client/100200?" + PERIOD, BILLING).body();
        assertThat(bill).contains("Invoice 100200-202510", "Not archived", "$2,607.50", "M365 Licenses", "CORE-SW1");

        Http.Response accepted = http.form("/client/100200/accept", BILLING, Map.of("year", "2025", "month", "10", "notes", "from the page"));
        assertThat(accepted.status()).isEqualTo(302);
        assertThat(accepted.header("Location")).endsWith("/archive/100200-202510?accepted=1");
        String snap = http.page("/archive/100200-202510?accepted=1", BILLING).body();
        assertThat(snap).contains("Bill accepted and archived.", "$2,607.50", "from the page", "billing@example.test");

        Http.Response again = http.form("/client/100200/accept", ADMIN, Map.of("year", "2025", "month", "10"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).contains("data-testid=\"accept-conflict\"", "This bill has already been archived as 100200-202510");
        assertThat(jdbc.sql("SELECT count(*) FROM billing_snapshots").query(Long.class).single()).isEqualTo(1);

        assertThat(http.page("/client/100200?" + PERIOD, BILLING).body()).contains("Archived as 100200-202510");
        String list = http.page("/archive/?account_number=100200", BILLING).body();
        assertThat(list).contains("data-invoice=\"100200-202510\"");
        assertThat(http.page("/archive/?company_name=dental&year=2025&month=10", BILLING).body()).contains("data-invoice=\"100200-202510\"");
        assertThat(http.page("/archive/?company_name=books", BILLING).body()).contains("No archived bills match.");
    }

    @Test
    void unknownCompanyIsA404PageAndUnresolvablePlanA422Page() {
        Http.Response missing = http.page("/client/999999?" + PERIOD, BILLING);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("text/html");
        assertThat(missing.body()).contains("Company 999999 not found");
        Http.Response ghost = http.page("/client/100500?" + PERIOD, BILLING);
        assertThat(ghost.status()).isEqualTo(422);
        assertThat(ghost.body()).contains("Platinum");
        assertThat(http.page("/client/100200?year=2025&month=13", BILLING).status()).isEqualTo(400);
    }

    @Test
    void settingsFormsSaveDisableAndDeleteThroughTheApiRules() {
        Http.Response saved = http.form("/client/100300/settings/overrides", BILLING,
                Map.of("per_user_cost_enabled", "on", "per_user_cost", "0", "per_hour_ticket_cost", "300"));
        assertThat(saved.status()).isEqualTo(302);
        Map<String, Object> row = jdbc.sql("SELECT override_puc_enabled, per_user_cost, override_phtc_enabled FROM client_billing_overrides "
                + "WHERE company_account_number = '100300'").query().singleRow();
        assertThat(row.get("override_puc_enabled")).isEqualTo(true);
        assertThat((java.math.BigDecimal) row.get("per_user_cost")).isEqualByComparingTo("0");
        assertThat(row.get("override_phtc_enabled")).isEqualTo(false);
        assertThat(http.page("/client/100300/settings?saved=x", BILLING).body()).contains("id=\"per_user_cost_enabled\"");

        Http.Response bad = http.form("/client/100300/settings/overrides", BILLING, Map.of("per_server_cost_enabled", "on", "per_server_cost", "-5"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("Nothing was saved", "per_server_cost: must not be negative");
        assertThat(jdbc.sql("SELECT override_puc_enabled FROM client_billing_overrides WHERE company_account_number = '100300'")
                .query(Boolean.class).single()).isTrue();

        assertThat(http.form("/client/100300/settings/manual-assets", BILLING, Map.of("hostname", "FW-1", "billing_type", "Firewall")).status())
                .isEqualTo(302);
        long id = jdbc.sql("SELECT id FROM manual_assets WHERE hostname = 'FW-1'").query(Long.class).single();
        assertThat(http.page("/client/100300/settings", BILLING).body()).contains("FW-1");
        assertThat(http.form("/client/100300/settings/manual-assets/" + id + "/delete", BILLING, Map.of()).status()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM manual_assets").query(Long.class).single()).isZero();

        assertThat(http.form("/client/100300/settings/assets/202", BILLING, Map.of("billing_type", "VM")).status()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT billing_type FROM asset_billing_overrides WHERE asset_id = 202").query(String.class).single()).isEqualTo("VM");
        assertThat(http.form("/client/100300/settings/assets/202", BILLING, Map.of("billing_type", "")).status()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM asset_billing_overrides").query(Long.class).single()).isZero();

        assertThat(http.form("/client/100300/settings/line-items", BILLING, Map.of("name", "Hosting", "monthly_fee", "12.50")).status()).isEqualTo(302);
        assertThat(http.page("/client/100300?" + PERIOD, BILLING).body()).contains("Hosting");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE company_account_number = '100300' AND actor = 'billing@example.test'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(4);
        // the settings page shows the trail: newest first, with its author
        String history = http.page("/client/100300/settings", BILLING).body();
        assertThat(history).contains("Change history", "<td data-testid=\"change-author\">billing@example.test</td>");
        assertThat(history.indexOf("<td>custom_line_item</td>")).isPositive().isLessThan(history.indexOf("<td>client_override</td>"));
    }

    @Test
    void importShowsADryRunPreviewThenStoresAllRowsOnConfirm() {
        String template = http.page("/import/line-items/template", BILLING).body();
        assertThat(template).startsWith("account_number,name,description,monthly_fee");
        String csv = "account_number,name,description,monthly_fee,one_off_fee,one_off_year,one_off_month,yearly_fee,yearly_bill_month\r\n"
                + "100200,Hosting,,25.00,,,,,\r\n100300,\"Licences, yearly\",,,,,,120,10\r\n";
        Http.Response preview = http.form("/import/line-items", BILLING, Map.of("csv", csv, "dry_run", "true"));
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("2 rows ready", "Licences, yearly", "data-action=\"confirm-import\"");
        assertThat(jdbc.sql("SELECT count(*) FROM custom_line_items").query(Long.class).single()).isZero();

        Http.Response bad = http.form("/import/line-items", BILLING, Map.of("csv", csv + "999999,Ghost,,-1,,,,,\r\n", "dry_run", "false"));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("no company 999999 in Codex", "monthly_fee: must not be negative").doesNotContain("confirm-import");
        assertThat(jdbc.sql("SELECT count(*) FROM custom_line_items").query(Long.class).single()).isZero();

        Http.Response done = http.form("/import/line-items", BILLING, Map.of("csv", csv, "dry_run", "false"));
        assertThat(done.status()).isEqualTo(302);
        assertThat(done.header("Location")).endsWith("/import?imported=2");
        assertThat(jdbc.sql("SELECT count(*) FROM custom_line_items").query(Long.class).single()).isEqualTo(2);
        assertThat(http.page("/export/line-items", BILLING).body()).contains("100300,\"Licences, yearly\"", "100200,Hosting");
    }
}
