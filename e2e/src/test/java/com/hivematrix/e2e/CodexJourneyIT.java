package com.hivematrix.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.hivematrix.e2e.support.Journey;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;

/**
 * Codex through Nexus in headless Chromium, on the demo MSP: a technician searches the companies,
 * opens one, changes its (local-only) compliance level and finds it saved after a reload; an admin
 * configures Freshservice (played by WireMock with Freshservice-shaped v2 payloads) in the admin
 * page, runs a PSA sync and follows its progress to completion, then finds the synced company;
 * a technician is refused the admin page. Screenshots in e2e/target/screenshots/ (codex-*).
 */
class CodexJourneyIT extends Journey {

    /** Account numbers outside the demo MSP's range, so the sync adds companies beside the demo ones. */
    static final String ACCT_NORTHWIND = "990001";
    static final String ACCT_CONTOSO = "990002";
    static final String API_KEY = "e2e-freshservice-key";

    @Override
    protected String prefix() {
        return "codex";
    }

    @Test
    void technicianSearchesOpensAndEditsACompany() {
        assumeTrue(platform.codex, "Codex's jar is not built or PostgreSQL is down");
        Page page = login("technicians", "/codex/companies/");
        String origin = platform.origin;

        page.navigate(origin + "/codex/companies/");
        assertThat(page.locator("h1")).hasText("Companies");
        Locator rows = page.locator("table.table tbody tr");
        assertThat(rows.first()).isVisible();
        int all = rows.count();
        assertThat(all).isGreaterThan(1);
        String name = rows.first().locator("td:nth-child(2) a").innerText().trim();
        String acct = rows.first().locator("td:nth-child(1)").innerText().trim();
        shot(page, "01-companies");

        // the search narrows the list to the company searched for
        page.fill("#search", name);
        page.press("#search", "Enter");
        page.waitForURL(url -> url.contains("search="));
        assertThat(rows.locator("td:nth-child(1)", new Locator.LocatorOptions().setHasText(acct))).hasCount(1);
        assertThat(rows.count()).isLessThan(all);
        shot(page, "02-companies-search");

        // open it
        page.click("table.table tbody tr td:nth-child(2) a:text-is('" + name.replace("'", "\\'") + "')");
        page.waitForURL(url -> url.endsWith("/codex/companies/" + acct));
        assertThat(page.locator("h1")).hasText(name);
        assertThat(page.locator("#edit")).isVisible();
        shot(page, "03-company-detail");

        // the compliance level is Codex's own (never synced): switch it and save
        String current = page.locator("#compliance_level").inputValue();
        String next = "hipaa".equals(current) ? "cjis" : "hipaa";
        page.selectOption("#compliance_level", next);
        page.click("#edit button[type=submit]");
        page.waitForURL(url -> url.contains("saved"));
        assertThat(page.locator(".alert--success")).hasText("Company saved.");

        // still there after a reload from the server
        page.navigate(origin + "/codex/companies/" + acct);
        assertThat(page.locator(".card__header .badge", new Page.LocatorOptions().setHasText(next.toUpperCase()))).isVisible();
        assertThat(page.locator("#compliance_level")).hasValue(next);
        shot(page, "04-company-saved");
        page.context().close();
    }

    @Test
    void adminConfiguresThePsaAndWatchesASyncComplete() {
        assumeTrue(platform.codex, "Codex's jar is not built or PostgreSQL is down");
        scriptFreshservice();
        Page page = login("admins", "/codex/admin/");
        String origin = platform.origin;

        // configure Freshservice: domain and API key (the key is write-only: never shown back)
        page.navigate(origin + "/codex/admin/");
        assertThat(page.locator("#sync h1")).hasText("Data Sync Center");
        page.fill("#fs_domain", "acme.freshservice.com");
        page.fill("#fs_web_domain", "support.acme.test");
        page.fill("#fs_api_key", API_KEY);
        page.click("#freshservice button[type=submit]");
        page.waitForURL(url -> url.contains("saved=freshservice"));
        assertThat(page.locator(".alert--success")).hasText("Saved freshservice settings.");
        assertThat(page.locator("#freshservice .badge")).hasText("API key configured");
        assertThat(page.locator("#fs_api_key")).hasValue("");
        assertThat(page.content()).doesNotContain(API_KEY);
        shot(page, "05-admin-configured");

        // run the PSA sync and follow it: the progress card appears while it runs, then the outcome
        page.click("form[action$='/admin/sync/psa'] button");
        page.waitForURL(url -> url.contains("job="));
        assertThat(page.locator("#job")).isVisible();
        assertThat(page.locator("#job h2")).hasText("[Freshservice] Sync");
        assertThat(page.locator("#job-phase")).hasText(Pattern.compile("companies|contacts|agents|done", Pattern.CASE_INSENSITIVE));
        shot(page, "06-sync-running");
        // the slow requester pages keep it running for a while; the page reloads itself when it ends
        assertThat(page.locator("#job-outcome")).hasText("Success", new LocatorAssertions.HasTextOptions().setTimeout(90_000));
        assertThat(page.locator("#job")).hasAttribute("data-job-status", "completed");
        assertThat(page.locator("#job-output")).containsText("Companies: 2 saved");
        assertThat(page.locator("#job-output")).containsText("Contacts: 3 saved");
        assertThat(page.locator("#job-output")).containsText("Agents: 2 saved");
        // the scheduled ticket sync may have run since, so find this job's row by its link rather than by position
        String jobId = page.url().replaceAll(".*[?&]job=([^&#]+).*", "$1");
        Locator historyRow = page.locator("table.table tbody tr").filter(new Locator.FilterOptions()
                .setHas(page.locator("a[href$='job=" + jobId + "']")));
        assertThat(historyRow.locator("td").first()).hasText("[Freshservice] Sync");
        assertThat(historyRow.locator(".badge")).hasText("Success");
        shot(page, "07-sync-completed");

        // Freshservice saw the configured key
        assertThat(platform.psa.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo("/api/v2/departments"))
                .withBasicAuth(new BasicCredentials(API_KEY, "X")))).isNotEmpty();

        // the synced company is in Codex with its contacts
        page.navigate(origin + "/codex/companies/" + ACCT_NORTHWIND);
        assertThat(page.locator("h1")).hasText("Northwind Traders");
        assertThat(page.locator("main")).containsText("alice.north@northwind.example");
        shot(page, "08-synced-company");
        page.context().close();
    }

    @Test
    void technicianIsRefusedTheAdminPage() {
        assumeTrue(platform.codex, "Codex's jar is not built or PostgreSQL is down");
        Page page = login("technicians", "/codex/");
        Response r = page.navigate(platform.origin + "/codex/admin/");
        assertThat(r.status()).isEqualTo(403);
        assertThat(page.locator("#sync")).hasCount(0);
        shot(page, "09-technician-admin-403");
        page.context().close();
    }

    /** Freshservice v2 answers: two departments with account numbers (one without, skipped), three requesters, two agents. */
    private static void scriptFreshservice() {
        var psa = platform.psa;
        psa.resetAll();
        psa.stubFor(get(urlPathEqualTo("/api/v2/departments")).withQueryParam("page", equalTo("1")).willReturn(okJson("""
                {"departments": [
                  {"id": 71001, "name": "Northwind Traders", "description": "Wholesale foods", "head_user_id": 81001, "prime_user_id": 81002,
                   "domains": ["northwind.example"], "workspace_id": 2, "created_at": "2024-02-01T10:00:00Z", "updated_at": "2025-10-01T08:00:00Z",
                   "custom_fields": {"account_number": %s, "plan_selected": "Platinum", "contract_term": "1 Year",
                     "contract_start_date": "2025-01-01", "managed_users": "40", "email_system": "Microsoft 365", "phone_system": "3CX",
                     "address": "12 Harbour Road"}},
                  {"id": 71002, "name": "Contoso Dental", "description": "Dental practice", "head_user_id": null, "prime_user_id": null,
                   "domains": [], "workspace_id": 2, "created_at": "2024-03-01T10:00:00Z", "updated_at": "2025-10-02T08:00:00Z",
                   "custom_fields": {"account_number": %s, "plan_selected": "Basic", "contract_term": "Month to Month"}},
                  {"id": 71003, "name": "Prospect Without Number", "description": null, "domains": [], "workspace_id": 2,
                   "created_at": "2024-03-01T10:00:00Z", "updated_at": "2025-10-02T08:00:00Z", "custom_fields": {"account_number": null}}
                ]}""".formatted(ACCT_NORTHWIND, ACCT_CONTOSO))));
        // each requester page takes a moment, as Freshservice's do under load, so the admin sees the job running
        psa.stubFor(get(urlPathEqualTo("/api/v2/requesters")).withQueryParam("page", equalTo("1")).willReturn(okJson("""
                {"requesters": [
                  {"id": 81001, "first_name": "Alice", "last_name": "North", "primary_email": "alice.north@northwind.example",
                   "secondary_emails": [], "job_title": "Owner", "work_phone_number": "555-0101", "department_ids": [71001],
                   "active": true, "vip_user": true, "has_logged_in": true, "language": "en", "time_zone": "Eastern Time (US & Canada)",
                   "custom_fields": {"user_number": "N-1"}, "created_at": "2024-02-01T10:00:00Z", "updated_at": "2025-10-01T08:00:00Z"},
                  {"id": 81002, "first_name": "Bob", "last_name": "Wind", "primary_email": "bob.wind@northwind.example",
                   "secondary_emails": [], "job_title": "Office Manager", "department_ids": [71001], "active": true,
                   "custom_fields": {}, "created_at": "2024-02-01T10:00:00Z", "updated_at": "2025-10-01T08:00:00Z"},
                  {"id": 81003, "first_name": "Carol", "last_name": "Smile", "primary_email": "carol@contoso-dental.example",
                   "secondary_emails": [], "job_title": "Practice Manager", "department_ids": [71002], "active": true,
                   "custom_fields": {}, "created_at": "2024-03-01T10:00:00Z", "updated_at": "2025-10-02T08:00:00Z"},
                  {"id": 81004, "first_name": "No", "last_name": "Email", "primary_email": null, "department_ids": [71002],
                   "active": true, "custom_fields": {}, "created_at": "2024-03-01T10:00:00Z", "updated_at": "2025-10-02T08:00:00Z"}
                ]}""").withFixedDelay(4000)));
        psa.stubFor(get(urlPathEqualTo("/api/v2/agents")).withQueryParam("page", equalTo("1")).willReturn(okJson("""
                {"agents": [
                  {"id": 91001, "first_name": "Tess", "last_name": "Tech", "email": "tess@msp.example", "job_title": "Technician",
                   "active": true, "department_ids": [], "member_of": [19000234009], "created_at": "2024-01-02T10:00:00Z",
                   "updated_at": "2025-06-01T08:00:00Z"},
                  {"id": 91002, "first_name": "Hal", "last_name": "Desk", "email": "hal@msp.example", "job_title": "Helpdesk",
                   "active": true, "department_ids": [], "member_of": [], "created_at": "2024-01-02T10:00:00Z",
                   "updated_at": "2025-06-01T08:00:00Z"}
                ]}""").withFixedDelay(2000)));
    }
}
