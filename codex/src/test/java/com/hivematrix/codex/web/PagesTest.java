package com.hivematrix.codex.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hivematrix.codex.CodexTestBase;

/** The server-rendered pages, fetched the way Nexus fetches them (bearer token, X-Forwarded-Prefix /codex). */
class PagesTest extends CodexTestBase {

    @Test
    void companyNamesAreEscapedAndLinksCarryTheGatewayPrefix() {
        company("990001", "<script>alert('x')</script>", "Gold");
        Response list = page("/companies/?search=script", TECH);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.contentType()).startsWith("text/html");
        assertThat(list.body()).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;").doesNotContain("<script>alert");
        assertThat(list.body()).contains("href=\"/codex/companies/990001\"");
        assertThat(list.body()).doesNotContain("global.css").doesNotContain("side-panel");

        Response detail = page("/companies/990001", TECH);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("<title>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; - HiveMatrix</title>")
                .doesNotContain("<script>alert");
        // the form posts back through the gateway
        assertThat(detail.body()).contains("action=\"/codex/companies/990001/edit\"");
    }

    @Test
    void companyListSearchesSortsAndPagesOnTheServer() {
        for (int i = 1; i <= 30; i++) {
            company(String.format("77%04d", i), String.format("Pager Co %02d", i), "Silver");
        }
        Response first = page("/companies/?search=pager+co&per_page=25", TECH);
        assertThat(first.body()).contains("Pager Co 01").contains("Pager Co 25").doesNotContain("Pager Co 26");
        assertThat(first.body()).contains("30 results, page 1 of 2");
        // the next link keeps the search and the page size
        assertThat(first.body()).containsPattern("href=\"/codex/companies/\\?search=pager%20co&amp;per_page=25&amp;page=2\"");

        Response second = page("/companies/?search=pager+co&per_page=25&page=2", TECH);
        assertThat(second.body()).contains("Pager Co 26").contains("Pager Co 30").doesNotContain("Pager Co 01<");

        Response desc = page("/companies/?search=pager+co&sort_by=name&order=desc&per_page=25", TECH);
        assertThat(desc.body().indexOf("Pager Co 30")).isPositive().isLessThan(desc.body().indexOf("Pager Co 06"));
        assertThat(desc.body()).doesNotContain("Pager Co 05<");
        assertThat(desc.body()).contains("aria-sort=\"descending\"");

        Response none = page("/companies/?search=nothing-like-this", TECH);
        assertThat(none.body()).contains("No companies match");
    }

    @Test
    void technicianEditsACompanyAndSeesFieldErrors() {
        company("880001", "Edit Me Inc", "Gold");
        Response ok = form("/companies/880001/edit", Map.of("name", "Edited Inc", "contract_term_length", "1-Year",
                "contract_start_date", "2025-03-01", "compliance_level", "hipaa", "domains", "edited.example\nedited.test"), TECH);
        assertThat(ok.status()).as(ok.body()).isEqualTo(302);
        assertThat(ok.raw().headers().firstValue("Location").orElseThrow()).endsWith("/codex/companies/880001?saved=1");
        Map<String, Object> row = jdbc.sql("SELECT name, contract_term_length, contract_end_date::text AS end, compliance_level, domains FROM companies WHERE account_number = '880001'")
                .query().singleRow();
        assertThat(row).containsEntry("name", "Edited Inc").containsEntry("contract_term_length", "1 Year")
                .containsEntry("end", "2026-02-28").containsEntry("compliance_level", "hipaa")
                .containsEntry("domains", "[\"edited.example\",\"edited.test\"]");

        Response bad = form("/companies/880001/edit", Map.of("name", "   ", "datto_portal_url", "javascript:alert(1)",
                "contract_start_date", "01/03/2025"), TECH);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("Please correct the highlighted fields")
                .contains("must be an http(s) URL").contains("must be a date YYYY-MM-DD").contains("must not be blank");
        assertThat(bad.body()).contains("value=\"javascript:alert(1)\"").contains("aria-invalid=\"true\"");
        assertThat(jdbc.sql("SELECT name FROM companies WHERE account_number = '880001'").query(String.class).single()).isEqualTo("Edited Inc");

        Response saved = page("/companies/880001?saved=1", TECH);
        assertThat(saved.body()).contains("Company saved.").contains("edited.example");
    }

    @Test
    void permissionsFollowTheApis() {
        company("880002", "Guarded Co", "Gold");
        assertThat(form("/companies/880002/edit", Map.of("name", "Nope"), CLIENT).status()).isEqualTo(403);
        assertThat(form("/companies/880002/edit", Map.of("name", "Nope"), BILLING).status()).isEqualTo(403);
        assertThat(page("/companies/", LEDGER).status()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT name FROM companies WHERE account_number = '880002'").query(String.class).single()).isEqualTo("Guarded Co");
        // client-level users are bound to no company, so Codex's directory is closed to them (only their preferences stay)
        assertThat(page("/companies/880002", CLIENT).status()).isEqualTo(403);
        assertThat(get("/api/companies/880002", CLIENT).status()).isEqualTo(403);
        assertThat(get("/api/my/settings", CLIENT).status()).isEqualTo(200);
        Response billing = page("/companies/880002", BILLING);
        assertThat(billing.status()).isEqualTo(200);
        assertThat(billing.body()).contains("Guarded Co").doesNotContain("Edit company");
        Response missing = page("/companies/does-not-exist", TECH);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("text/html");
        assertThat(missing.body()).contains("Company does-not-exist not found");
    }

    @Test
    void assetSecretsAreShownToAdminsOnly() {
        company("880003", "Secret Co", "Gold");
        long id = jdbc.sql("""
                INSERT INTO assets (hostname, company_account_number, online, udf1, udf2, udf9, web_remote_url)
                VALUES ('SECRET-PC', '880003', true, 'tenant-1', 'BITLOCKER-123456', 'WINKEY-ABCDE', 'javascript:alert(1)') RETURNING id""")
                .query(Long.class).single();
        Response tech = page("/assets/" + id, TECH);
        assertThat(tech.status()).isEqualTo(200);
        assertThat(tech.body()).contains("SECRET-PC").contains("tenant-1").contains("Entra ID Tenant")
                .doesNotContain("BITLOCKER-123456").doesNotContain("WINKEY-ABCDE").contains("2 secret field(s)");
        assertThat(tech.body()).doesNotContain("href=\"javascript:");
        Response admin = page("/assets/" + id, ADMIN);
        assertThat(admin.body()).contains("BITLOCKER-123456").contains("WINKEY-ABCDE").contains("BitLocker Key");

        Response list = page("/assets/?search=secret-pc", TECH);
        assertThat(list.body()).contains("href=\"/codex/assets/" + id + "\"").contains("Secret Co").contains("badge--success");
        assertThat(page("/assets/999999", TECH).status()).isEqualTo(404);
    }

    @Test
    void contactsHideInactiveUnlessAsked() {
        company("880004", "Contact Co", "Gold");
        long active = jdbc.sql("INSERT INTO contacts (name, email, primary_email, active) VALUES ('Zed Active', 'zed@c.test', 'zed@c.test', true) RETURNING id")
                .query(Long.class).single();
        jdbc.sql("INSERT INTO contacts (name, email, primary_email, active) VALUES ('Zed Gone', 'gone@c.test', 'gone@c.test', false)").update();
        jdbc.sql("INSERT INTO contact_company_link (contact_id, company_account_number) VALUES (?, '880004')").param(active).update();
        Response list = page("/contacts/?search=zed", TECH);
        assertThat(list.body()).contains("Zed Active").doesNotContain("Zed Gone");
        assertThat(page("/contacts/?search=zed&show_inactive=1", TECH).body()).contains("Zed Active").contains("Zed Gone").contains("Inactive");
        Response detail = page("/contacts/" + active, TECH);
        assertThat(detail.body()).contains("zed@c.test").contains("href=\"/codex/companies/880004\"");
    }

    @Test
    void billingPlansListAndDetail() {
        long id = jdbc.sql("INSERT INTO billing_plans (plan_name, term_length, per_user_cost, support_level) VALUES ('Plan <A/B>', '1 Year', 12.5, 'Unlimited') RETURNING id")
                .query(Long.class).single();
        jdbc.sql("INSERT INTO plan_features (plan_id, feature_type, feature_value) VALUES (?, 'soc', 'SentinelOne')").param(id).update();
        Response list = page("/billing-plans/", BILLING);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("Plan &lt;A/B&gt;").contains("href=\"/codex/billing-plans/plan?name=Plan%20%3CA/B%3E\"");
        Response detail = page("/billing-plans/plan?name=" + URLEncoder.encode("Plan <A/B>", StandardCharsets.UTF_8), BILLING);
        assertThat(detail.status()).as(detail.body()).isEqualTo(200);
        assertThat(detail.body()).contains("12.50").contains("Unlimited").contains("SentinelOne").contains("SOC");
        assertThat(page("/billing-plans/plan?name=Nope", BILLING).status()).isEqualTo(404);
    }

    @Test
    void settingsPageWritesMySettings() {
        Response before = page("/settings", TECH);
        assertThat(before.status()).isEqualTo(200);
        assertThat(before.body()).contains("technician@example.test");
        Response saved = form("/settings", Map.of("theme_preference", "dark", "preferred_color_theme", "matrix", "home_page_preference", "codex"), TECH);
        assertThat(saved.status()).isEqualTo(302);
        assertThat(saved.raw().headers().firstValue("Location").orElseThrow()).endsWith("/codex/settings?saved=1");
        var api = get("/api/my/settings", TECH).json();
        assertThat(api.get("theme_preference").asString()).isEqualTo("dark");
        assertThat(api.get("preferred_color_theme").asString()).isEqualTo("matrix");
        assertThat(api.get("home_page_preference").asString()).isEqualTo("codex");
        assertThat(page("/settings?saved=1", TECH).body()).contains("Settings saved.").containsPattern("value=\"matrix\"\\s+checked");

        Response bad = form("/settings", Map.of("preferred_color_theme", "<pink>"), TECH);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("must be one of purple").doesNotContain("<pink>");
        assertThat(get("/api/my/settings", TECH).json().get("preferred_color_theme").asString()).isEqualTo("matrix");
    }

    @Test
    void dashboardShowsCountsAndRecentTickets() {
        company("880005", "Dash Co", "Gold");
        jdbc.sql("""
                INSERT INTO ticket_details (external_id, company_account_number, ticket_number, subject, status, priority, last_updated_at)
                VALUES (5551, '880005', '5551', 'Printer <on fire>', 'open', 'urgent', now())""").update();
        Response dash = page("/", TECH);
        assertThat(dash.status()).isEqualTo(200);
        long companies = jdbc.sql("SELECT count(*) FROM companies").query(Long.class).single();
        assertThat(dash.body()).containsPattern("data-stat=\"companies\">" + companies + "<");
        assertThat(dash.body()).contains("Printer &lt;on fire&gt;").contains("badge--danger").contains("href=\"/codex/companies/880005\"");
        assertThat(dash.body()).doesNotContain("data-stat=\"agents\"");
        assertThat(page("/", ADMIN).body()).contains("data-stat=\"agents\"");
    }

    @Test
    void locationsAreAddedAndDeletedFromTheCompanyPage() {
        company("880006", "Branch Co", "Gold");
        Response bad = form("/companies/880006/locations/add", Map.of("name", "<b>Annex</b>", "address", " ", "phone_number", ""), TECH);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("must not be blank").contains("value=\"&lt;b&gt;Annex&lt;/b&gt;\"");
        assertThat(jdbc.sql("SELECT count(*) FROM locations WHERE company_account_number = '880006'").query(Long.class).single()).isZero();

        Response ok = form("/companies/880006/locations/add", Map.of("name", "Annex", "address", "2 Side St", "phone_number", "555-0199"), TECH);
        assertThat(ok.status()).isEqualTo(302);
        assertThat(ok.raw().headers().firstValue("Location").orElseThrow()).endsWith("/codex/companies/880006#locations");
        long id = jdbc.sql("SELECT id FROM locations WHERE company_account_number = '880006' AND name = 'Annex'").query(Long.class).single();
        Response detail = page("/companies/880006", TECH);
        assertThat(detail.body()).contains("2 Side St").contains("action=\"/codex/companies/880006/locations/" + id + "/delete\"");
        assertThat(page("/companies/880006", BILLING).body()).contains("2 Side St").doesNotContain("/locations/" + id + "/delete");

        assertThat(form("/companies/880006/locations/" + id + "/delete", Map.of(), CLIENT).status()).isEqualTo(403);
        assertThat(form("/companies/880006/locations/" + id + "/delete", Map.of(), TECH).status()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT count(*) FROM locations WHERE id = ?").param(id).query(Long.class).single()).isZero();
        assertThat(form("/companies/880006/locations/" + id + "/delete", Map.of(), TECH).status()).isEqualTo(404);
    }

    @Test
    void technicianEditsAContact() {
        long id = jdbc.sql("INSERT INTO contacts (name, first_name, last_name, email, primary_email, active) VALUES ('Old Name', 'Old', 'Name', 'old@c.test', 'old@c.test', true) RETURNING id")
                .query(Long.class).single();
        Response bad = form("/contacts/" + id + "/edit", Map.of("first_name", "New", "last_name", "Person", "email", "not-an-email"), TECH);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("value=\"not-an-email\"").contains("Please correct the highlighted fields");
        assertThat(jdbc.sql("SELECT email FROM contacts WHERE id = ?").param(id).query(String.class).single()).isEqualTo("old@c.test");

        Response ok = form("/contacts/" + id + "/edit", Map.of("first_name", "New", "last_name", "Person", "email", "new@c.test",
                "secondary_emails", "a@c.test, b@c.test", "vip_user", "true"), TECH);
        assertThat(ok.status()).as(ok.body()).isEqualTo(302);
        assertThat(ok.raw().headers().firstValue("Location").orElseThrow()).endsWith("/codex/contacts/" + id + "?saved=1");
        assertThat(jdbc.sql("SELECT name, email, primary_email, active, vip_user, secondary_emails FROM contacts WHERE id = ?").param(id).query().singleRow())
                .containsEntry("name", "New Person").containsEntry("email", "new@c.test").containsEntry("primary_email", "new@c.test")
                .containsEntry("active", false).containsEntry("vip_user", true).containsEntry("secondary_emails", "[\"a@c.test\",\"b@c.test\"]");
        assertThat(page("/contacts/" + id + "?saved=1", TECH).body()).contains("Contact saved.").contains("value=\"a@c.test, b@c.test\"");
        assertThat(form("/contacts/" + id + "/edit", Map.of("first_name", "X"), CLIENT).status()).isEqualTo(403);
        assertThat(page("/contacts/" + id, BILLING).body()).doesNotContain("Edit contact");
    }
}
