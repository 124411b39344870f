package com.hivematrix.codex.psa;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.hivematrix.codex.CodexTestBase;
import com.hivematrix.codex.settings.SettingsService;

import tools.jackson.databind.JsonNode;

/**
 * Freshservice sync end to end: WireMock plays Freshservice's documented v2 API (the only thing
 * faked), Codex runs the real jobs into PostgreSQL.
 */
class FreshserviceSyncTest extends CodexTestBase {

    /** Started before and reset before every test by the extension. */
    @RegisterExtension
    static WireMockExtension fs = WireMockExtension.newInstance().options(options().dynamicPort()).build();

    @Autowired
    SettingsService settings;

    @Autowired
    com.hivematrix.codex.sync.SyncScheduler scheduler;

    @BeforeEach
    void configure() {
        settings.put("psa.default_provider", "freshservice");
        settings.put("freshservice.domain", "acme.freshservice.com");
        settings.put("freshservice.web_domain", "support.acme.test");
        settings.put("freshservice.base_url", fs.baseUrl() + "/api/v2");
        settings.putSecret("freshservice.api_key", "fs-key");
        settings.put("freshservice.pacing_ms", "0");
        settings.put("freshservice.max_attempts", "3");
        settings.put("freshservice.retry_backoff_ms", "10");
    }

    // ---- payloads shaped like Freshservice v2 -------------------------------------------------

    static String department(long id, String name, String acct, String plan, String term, String start) {
        return """
                {"id": %d, "name": "%s", "description": "Client %s", "head_user_id": 9001, "prime_user_id": null,
                 "domains": ["%s.example"], "workspace_id": 2, "created_at": "2024-01-02T10:00:00Z", "updated_at": "2025-06-01T08:00:00Z",
                 "custom_fields": {"account_number": %s, "plan_selected": %s, "contract_term": %s, "contract_start_date": %s,
                   "managed_users": "25", "phone_system": "RingCentral", "email_system": "Microsoft 365", "address": "1 Main St"}}"""
                .formatted(id, name, name, name.toLowerCase().replace(' ', '-'), acct == null ? "null" : acct,
                        plan == null ? "null" : '"' + plan + '"', term == null ? "null" : '"' + term + '"',
                        start == null ? "null" : '"' + start + '"');
    }

    static String requester(long id, String first, String last, String email, String departments) {
        return """
                {"id": %d, "first_name": "%s", "last_name": "%s", "job_title": "Office Manager", "primary_email": %s,
                 "secondary_emails": [], "work_phone_number": "555-0100", "mobile_phone_number": null, "department_ids": %s,
                 "can_see_all_tickets_from_associated_departments": false, "reporting_manager_id": null, "address": null,
                 "time_zone": "Eastern Time (US & Canada)", "time_format": "12h", "language": "en", "location_id": null,
                 "background_information": null, "custom_fields": {"user_number": "U-%d"}, "active": true, "has_logged_in": true,
                 "vip_user": false, "created_at": "2024-01-02T10:00:00Z", "updated_at": "2025-06-01T08:00:00Z"}"""
                .formatted(id, first, last, email == null ? "null" : '"' + email + '"', departments, id);
    }

    static String agent(long id, String first, String last, boolean active) {
        return """
                {"id": %d, "first_name": "%s", "last_name": "%s", "email": "%s@msp.test", "job_title": "Technician", "active": %s,
                 "department_ids": [], "member_of": [19000234009], "created_at": "2024-01-02T10:00:00Z", "updated_at": "2025-06-01T08:00:00Z"}"""
                .formatted(id, first, last, first.toLowerCase(), active);
    }

    static String ticket(long id, int status, int priority, long department, long requester, String updated) {
        return """
                {"id": %d, "subject": "Ticket %d <b>subject</b>", "description": "<div>Printer&nbsp;is <b>down</b></div>",
                 "description_text": "Printer is down", "status": %d, "priority": %d, "type": "Incident", "requester_id": %d,
                 "responder_id": 7001, "group_id": 19000234009, "department_id": %d, "source": 2,
                 "created_at": "2025-11-01T09:00:00Z", "updated_at": "%s", "due_by": "2025-11-05T09:00:00Z",
                 "fr_due_by": "2025-11-02T09:00:00Z", "is_escalated": false, "custom_fields": {}}"""
                .formatted(id, id, status, priority, requester, department, updated);
    }

    void stubList(String path, String key, int page, String items, String nextLink) {
        var response = okJson("{\"" + key + "\": [" + items + "]}");
        if (nextLink != null) {
            response = response.withHeader("link", "<" + fs.baseUrl() + "/api/v2" + nextLink + ">; rel=\"next\"");
        }
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2" + path)).withQueryParam("page", equalTo(String.valueOf(page))).willReturn(response));
    }

    void stubBase(String departmentsPage2) {
        stubList("/departments", "departments", 1, String.join(",",
                department(501, "Alpha Dental", "100501", "Gold", "1 year", "2025-03-01"),
                department(502, "Beta Law", "100502", "Silver", "monthly", null)), "/departments?page=2&per_page=100");
        stubList("/departments", "departments", 2, departmentsPage2, null);
        stubList("/requesters", "requesters", 1, String.join(",",
                requester(9001, "Dana", "Head", "dana@alpha.example", "[501]"),
                requester(9002, "Eli", "Both", "eli@beta.example", "[501, 502]"),
                requester(9003, "No", "Mail", null, "[502]")), null);
        stubList("/agents", "agents", 1, String.join(",", agent(7001, "Tara", "Tech", true), agent(7002, "Old", "Agent", false)), null);
    }

    // ---- tests --------------------------------------------------------------------------------

    @Test
    void baseSyncFollowsLinkPagingAndMapsDepartmentsRequestersAgents() {
        stubBase(String.join(",", department(503, "Gamma Farms", "100503", "Gold", "3 years", "2024-02-29T00:00:00Z"),
                department(504, "No Number Co", null, null, null, null)));
        jdbc.sql("INSERT INTO billing_plans (plan_name, term_length, support_level) VALUES ('Gold', '1 Year', 'Unlimited') ON CONFLICT DO NOTHING").update();

        JsonNode job = awaitJob(startJob("/sync/psa"));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("success").asBoolean()).isTrue();
        assertThat(job.get("script").asString()).isEqualTo("psa");
        assertThat(job.get("sync_type").asString()).isEqualTo("base");
        assertThat(job.get("provider").asString()).isEqualTo("freshservice");
        assertThat(job.get("output").asString()).contains("Companies: 3 saved, 1 skipped without account number");

        Map<String, Object> alpha = jdbc.sql("""
                SELECT name, external_id, plan_selected, billing_plan, contract_term, contract_term_length, contract_start_date::text AS start,
                       contract_end_date::text AS end, support_level, domains, managed_users, head_name, email_system, compliance_level
                FROM companies WHERE account_number = '100501'""").query().singleRow();
        assertThat(alpha).containsEntry("name", "Alpha Dental").containsEntry("external_id", 501L).containsEntry("plan_selected", "Gold")
                .containsEntry("billing_plan", "Gold").containsEntry("contract_term", "1 year").containsEntry("contract_term_length", "1 Year")
                .containsEntry("start", "2025-03-01").containsEntry("end", "2026-02-28").containsEntry("support_level", "Unlimited")
                .containsEntry("domains", "[\"alpha-dental.example\"]").containsEntry("managed_users", "25")
                .containsEntry("head_name", "Dana Head").containsEntry("email_system", "Microsoft 365");
        assertThat(jdbc.sql("SELECT contract_term_length, support_level, contract_end_date FROM companies WHERE account_number = '100502'").query().singleRow())
                .containsEntry("contract_term_length", "Month to Month").containsEntry("support_level", "Billed Hourly")
                .containsEntry("contract_end_date", null);
        // the Feb-29 start that broke the original: end = start + 3 years - 1 day
        assertThat(jdbc.sql("SELECT contract_end_date::text FROM companies WHERE account_number = '100503'").query(String.class).single())
                .isEqualTo("2027-02-27");
        assertThat(count("SELECT count(*) FROM companies WHERE name = 'No Number Co'")).isZero();

        Map<String, Object> eli = jdbc.sql("SELECT id, name, email, primary_email, job_title, user_number FROM contacts WHERE external_id = 9002")
                .query().singleRow();
        assertThat(eli).containsEntry("name", "Eli Both").containsEntry("email", "eli@beta.example").containsEntry("job_title", "Office Manager")
                .containsEntry("user_number", "U-9002");
        assertThat(jdbc.sql("SELECT company_account_number FROM contact_company_link WHERE contact_id = ? ORDER BY 1").param(eli.get("id"))
                .query(String.class).list()).containsExactly("100501", "100502");
        assertThat(count("SELECT count(*) FROM contacts WHERE external_id = 9003")).isZero();
        assertThat(jdbc.sql("SELECT active FROM psa_agents WHERE external_id = 7002").query(Boolean.class).single()).isFalse();
        assertThat(jdbc.sql("SELECT group_ids FROM psa_agents WHERE external_id = 7001").query(String.class).single()).isEqualTo("[19000234009]");

        fs.verify(getRequestedFor(urlPathEqualTo("/api/v2/departments")).withBasicAuth(new BasicCredentials("fs-key", "X")));
        fs.verify(getRequestedFor(urlPathEqualTo("/api/v2/departments")).withQueryParam("page", equalTo("2"))
                .withQueryParam("per_page", equalTo("100")));

        // local-only fields survive a re-run; a re-run changes nothing else (idempotent)
        jdbc.sql("UPDATE companies SET compliance_level = 'hipaa' WHERE account_number = '100501'").update();
        jdbc.sql("INSERT INTO locations (name, address, company_account_number) VALUES ('Annex', '2 Side St', '100501')").update();
        jdbc.sql("UPDATE contacts SET employment_type = 'Contractor' WHERE external_id = 9001").update();
        jdbc.sql("INSERT INTO contact_company_link (contact_id, company_account_number) SELECT id, '100503' FROM contacts WHERE external_id = 9001").update();
        long companies = count("SELECT count(*) FROM companies");
        long contacts = count("SELECT count(*) FROM contacts");
        JsonNode again = awaitJob(startJob("/sync/psa"));
        assertThat(again.get("status").asString()).isEqualTo("completed");
        assertThat(count("SELECT count(*) FROM companies")).isEqualTo(companies);
        assertThat(count("SELECT count(*) FROM contacts")).isEqualTo(contacts);
        assertThat(jdbc.sql("SELECT compliance_level FROM companies WHERE account_number = '100501'").query(String.class).single()).isEqualTo("hipaa");
        assertThat(count("SELECT count(*) FROM locations WHERE company_account_number = '100501'")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT employment_type FROM contacts WHERE external_id = 9001").query(String.class).single()).isEqualTo("Contractor");
        assertThat(count("SELECT count(*) FROM contact_company_link l JOIN contacts c ON c.id = l.contact_id WHERE c.external_id = 9001")).isEqualTo(2);

        // a department gone from Freshservice (complete fetch) is deleted; a renumbered one keeps its row
        fs.resetAll();
        stubBase(department(503, "Gamma Farms", "200503", "Gold", "3 years", "2024-02-29"));
        stubList("/departments", "departments", 1, department(501, "Alpha Dental", "100501", "Gold", "1 year", "2025-03-01"),
                "/departments?page=2&per_page=100");
        JsonNode third = awaitJob(startJob("/sync/psa"));
        assertThat(third.get("status").asString()).as(third.toString()).isEqualTo("completed");
        assertThat(count("SELECT count(*) FROM companies WHERE account_number = '100502'")).isZero();
        assertThat(count("SELECT count(*) FROM companies WHERE account_number = '100503'")).isZero();
        assertThat(count("SELECT count(*) FROM companies WHERE account_number = '200503' AND external_id = 503")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM contact_company_link WHERE company_account_number = '200503'")).isEqualTo(1);
    }

    @Test
    void aFailingPageFailsTheJobAndDeletesNothing() {
        stubBase(department(603, "Delta Vet", "100603", null, null, null));
        assertThat(awaitJob(startJob("/sync/psa")).get("status").asString()).isEqualTo("completed");
        long companies = count("SELECT count(*) FROM companies WHERE external_source = 'freshservice' AND external_id IS NOT NULL");
        assertThat(companies).isGreaterThanOrEqualTo(3);

        fs.resetAll();
        stubBase("");
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/departments")).withQueryParam("page", equalTo("2"))
                .willReturn(aResponse().withStatus(500).withBody("{\"message\":\"Internal error\"}")));
        JsonNode job = awaitJob(startJob("/sync/psa"));
        assertThat(job.get("status").asString()).isEqualTo("failed");
        assertThat(job.get("success").asBoolean()).isFalse();
        assertThat(job.get("error").asString()).contains("companies").contains("HTTP 500");
        assertThat(count("SELECT count(*) FROM companies WHERE external_source = 'freshservice' AND external_id IS NOT NULL")).isEqualTo(companies);
        assertThat(count("SELECT count(*) FROM companies WHERE account_number = '100603'")).isEqualTo(1);
        // three attempts at the failing page, then the job gave up
        assertThat(fs.findAll(getRequestedFor(urlPathEqualTo("/api/v2/departments")).withQueryParam("page", equalTo("2")))).hasSize(3);
    }

    @Test
    void aRateLimitIsWaitedOutAsRetryAfterSays() {
        stubBase("");
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/departments")).withQueryParam("page", equalTo("1")).inScenario("limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{\"message\":\"Rate limit exceeded\"}"))
                .willSetStateTo("open"));
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/departments")).withQueryParam("page", equalTo("1")).inScenario("limit")
                .whenScenarioStateIs("open")
                .willReturn(okJson("{\"departments\": [" + department(701, "Echo Ltd", "100701", null, null, null) + "]}")));
        JsonNode job = awaitJob(startJob("/sync/psa"));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("completed");
        assertThat(count("SELECT count(*) FROM companies WHERE account_number = '100701'")).isEqualTo(1);
        List<ServeEvent> calls = fs.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/api/v2/departments?page=1")).toList();
        assertThat(calls).hasSize(2);
        long gap = Math.abs(calls.get(0).getRequest().getLoggedDate().getTime() - calls.get(1).getRequest().getLoggedDate().getTime());
        assertThat(gap).as("waited for Retry-After").isGreaterThanOrEqualTo(950);
    }

    @Test
    void aRejectedKeyFailsTheJobWithAClearMessage() {
        jdbc.sql("INSERT INTO companies (account_number, name, external_id, external_source) VALUES ('100801', 'Kept Co', 801, 'freshservice') ON CONFLICT DO NOTHING").update();
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/departments")).willReturn(aResponse().withStatus(401)
                .withBody("{\"code\":\"access_denied\",\"message\":\"You are not authorized to perform this action.\"}")));
        JsonNode job = awaitJob(startJob("/sync/psa"));
        assertThat(job.get("status").asString()).isEqualTo("failed");
        assertThat(job.get("error").asString()).contains("rejected the API key (HTTP 401)");
        assertThat(count("SELECT count(*) FROM companies WHERE account_number = '100801'")).isEqualTo(1);
        // authentication failures are not retried, and the sync stops there
        assertThat(fs.findAll(getRequestedFor(urlPathEqualTo("/api/v2/departments")))).hasSize(1);
        assertThat(fs.findAll(getRequestedFor(urlPathEqualTo("/api/v2/requesters")))).isEmpty();
    }

    @Test
    void ticketTiersSaveWhatEachFetchesAndLightSyncFetchesRealStatus() {
        jdbc.sql("INSERT INTO companies (account_number, name, external_id, external_source) VALUES ('100901', 'Ticket Co', 901, 'freshservice') ON CONFLICT DO NOTHING").update();
        jdbc.sql("""
                INSERT INTO contacts (external_id, external_source, name, email, primary_email) VALUES (9901, 'freshservice', 'Rita Requester', 'rita@ticket.example', 'rita@ticket.example')
                ON CONFLICT DO NOTHING""").update();
        // stored tickets: one now closed in FS, one gone from FS, one spam
        jdbc.sql("""
                INSERT INTO ticket_details (external_id, external_source, subject, status, status_id, priority, last_updated_at) VALUES
                  (3001, 'freshservice', 'was open, closed since', 'open', 2, 'low', now() - interval '2 days'),
                  (3002, 'freshservice', 'deleted in FS', 'pending', 3, 'low', now() - interval '2 days'),
                  (3003, 'freshservice', 'now spam', 'open', 2, 'low', now() - interval '2 days')""").update();

        // tier 1: light
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/tickets/filter")).withQueryParam("query", equalTo(
                "\"(status:2 OR status:3 OR status:8 OR status:9 OR status:10 OR status:13 OR status:19 OR status:23 OR status:26 OR status:27)\""))
                .withQueryParam("page", equalTo("1"))
                .willReturn(okJson("{\"tickets\": [" + String.join(",", ticket(4001, 2, 4, 901, 9901, "2025-11-20T10:00:00Z"),
                        ticket(4002, 26, 2, 999, 7001, "2025-11-20T11:00:00Z"), ticket(3003, 6, 1, 901, 9901, "2025-11-20T11:00:00Z")) + "]}")));
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/tickets/3001"))
                .willReturn(okJson("{\"ticket\": " + ticket(3001, 5, 1, 901, 9901, "2025-11-19T10:00:00Z") + "}")));
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/tickets/3002")).willReturn(aResponse().withStatus(404)));
        jdbc.sql("""
                INSERT INTO psa_agents (external_id, external_source, first_name, last_name, email) VALUES (7001, 'freshservice', 'Tara', 'Tech', 'tara@msp.test')
                ON CONFLICT DO NOTHING""").update();

        JsonNode light = awaitJob(startJob("/sync/tickets/light"));
        assertThat(light.get("status").asString()).as(light.toString()).isEqualTo("completed");
        assertThat(light.get("sync_type").asString()).isEqualTo("tickets");
        Map<String, Object> t1 = jdbc.sql("""
                SELECT company_account_number, status, priority, status_id, requester_name, requester_email, description_text, subject,
                       ticket_number, conversations, total_hours_spent::float8 AS hours FROM ticket_details WHERE external_id = 4001""").query().singleRow();
        assertThat(t1).containsEntry("company_account_number", "100901").containsEntry("status", "open").containsEntry("priority", "urgent")
                .containsEntry("status_id", 2).containsEntry("requester_name", "Rita Requester").containsEntry("requester_email", "rita@ticket.example")
                .containsEntry("description_text", "Printer is down").containsEntry("subject", "Ticket 4001 <b>subject</b>")
                .containsEntry("ticket_number", "4001").containsEntry("hours", 0.0);
        // an agent as requester, an unknown department: no company, but the agent's name
        assertThat(jdbc.sql("SELECT requester_name, company_account_number, status FROM ticket_details WHERE external_id = 4002").query().singleRow())
                .containsEntry("requester_name", "Tara Tech").containsEntry("company_account_number", null).containsEntry("status", "customer_replied");
        assertThat(jdbc.sql("SELECT status, closed_at IS NOT NULL AS closed FROM ticket_details WHERE external_id = 3001").query().singleRow())
                .containsEntry("status", "closed").containsEntry("closed", true);
        assertThat(jdbc.sql("SELECT status FROM ticket_details WHERE external_id = 3002").query(String.class).single()).isEqualTo("deleted");
        assertThat(count("SELECT count(*) FROM ticket_details WHERE external_id = 3003")).isZero();

        // tier 2: detail
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/tickets/filter")).withQueryParam("query", com.github.tomakehurst.wiremock.client.WireMock.matching("\"updated_at:>'\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ'\""))
                .withQueryParam("page", equalTo("1"))
                .willReturn(okJson("{\"tickets\": [" + ticket(4001, 3, 4, 901, 9901, "2025-11-21T10:00:00Z") + "]}")));
        String detailed = ticket(4001, 3, 4, 901, 9901, "2025-11-21T10:00:00Z");
        detailed = detailed.substring(0, detailed.lastIndexOf('}')) + """
                , "stats": {"first_responded_at": "2025-11-01T09:30:00Z", "agent_responded_at": "2025-11-21T09:00:00Z"},
                  "requester": {"id": 9901, "name": "Rita R. (FS)", "email": "rita.fs@ticket.example"},
                  "conversations": [
                    {"id": 1, "body": "<p>Any update?</p>", "body_text": "Any update?", "incoming": true, "private": false, "user_id": 9901,
                     "from_email": "rita@ticket.example", "to_emails": ["help@msp.test"], "created_at": "2025-11-20T09:00:00Z", "updated_at": "2025-11-20T09:00:00Z"},
                    {"id": 2, "body": "<p>Ordered toner</p>", "body_text": "Ordered toner", "incoming": false, "private": true, "user_id": 7001,
                     "from_email": null, "to_emails": [], "created_at": "2025-11-21T09:00:00Z", "updated_at": "2025-11-21T09:00:00Z"}]}""";
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/tickets/4001")).withQueryParam("include", equalTo("stats,conversations,requester"))
                .willReturn(okJson("{\"ticket\": " + detailed + "}")));
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/tickets/4001/time_entries")).willReturn(okJson("""
                {"time_entries": [{"id": 1, "time_spent": "01:30", "billable": true}, {"id": 2, "time_spent": "00:15:00", "billable": true}]}""")));
        Response techStart = post("/sync/tickets", null, TECH);
        assertThat(techStart.status()).as(techStart.body()).isEqualTo(200);
        JsonNode detail = awaitJob(techStart.json().get("job_id").asString());
        assertThat(detail.get("status").asString()).as(detail.toString()).isEqualTo("completed");
        assertThat(detail.get("sync_type").asString()).isEqualTo("tickets-detail");
        Map<String, Object> t2 = jdbc.sql("""
                SELECT status, requester_name, requester_email, total_hours_spent::float8 AS hours, first_responded_at IS NOT NULL AS responded,
                       jsonb_array_length(conversations) AS conversations, jsonb_array_length(notes) AS notes, conversations->0->>'body' AS body,
                       notes->0->>'body' AS note FROM ticket_details WHERE external_id = 4001""").query().singleRow();
        assertThat(t2).containsEntry("status", "pending").containsEntry("requester_name", "Rita R. (FS)")
                .containsEntry("requester_email", "rita.fs@ticket.example").containsEntry("hours", 1.75).containsEntry("responded", true)
                .containsEntry("conversations", 1).containsEntry("notes", 1).containsEntry("body", "Any update?").containsEntry("note", "Ordered toner");

        // tier 1 again: the detail fields survive a light sync
        assertThat(awaitJob(startJob("/sync/tickets/light")).get("status").asString()).isEqualTo("completed");
        assertThat(jdbc.sql("""
                SELECT total_hours_spent::float8 AS hours, jsonb_array_length(conversations) AS conversations, requester_email, status
                FROM ticket_details WHERE external_id = 4001""").query().singleRow())
                .containsEntry("hours", 1.75).containsEntry("conversations", 1).containsEntry("requester_email", "rita.fs@ticket.example")
                .containsEntry("status", "open");
        // the Beacon feed sees the tickets
        assertThat(get("/api/tickets/active", LEDGER).body()).contains("\"id\":4001");
    }

    @Test
    void permissionsConfigurationAndOverlap() {
        assertThat(post("/sync/psa", null, TECH).status()).isEqualTo(403);
        assertThat(post("/sync/tickets/full-history", null, TECH).status()).isEqualTo(403);
        assertThat(post("/sync/tickets", null, CLIENT).status()).isEqualTo(403);

        JsonNode config = get("/api/psa/config", NEXUS).json();
        assertThat(config.get("default_provider").asString()).isEqualTo("freshservice");
        JsonNode fsConfig = config.get("providers").get("freshservice");
        assertThat(fsConfig.get("ticket_url_template").asString()).isEqualTo("https://support.acme.test/a/tickets/{ticket_id}");
        assertThat(fsConfig.get("company_url_template").asString()).isEqualTo("https://support.acme.test/a/admin/departments/{company_id}");
        assertThat(fsConfig.get("group_ids").get("professional_services").isNull()).isTrue();
        settings.put("freshservice.group_ids.professional_services", "19000234009");
        assertThat(get("/api/psa/config", NEXUS).json().get("providers").get("freshservice").get("group_ids").get("professional_services").asLong())
                .isEqualTo(19000234009L);
        // the API key is stored encrypted, never in clear
        assertThat(jdbc.sql("SELECT value FROM app_settings WHERE key = 'freshservice.api_key'").query(String.class).single())
                .startsWith("v1:").doesNotContain("fs-key");

        // one run per kind: a second start while the first runs answers with the running job
        stubBase("");
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/departments")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("{\"departments\": []}").withFixedDelay(1500)));
        String first = startJob("/sync/psa");
        Response second = post("/sync/psa", null, ADMIN);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("job_id").asString()).isEqualTo(first);
        awaitJob(first);

        settings.put("freshservice.domain", "");
        Response unconfigured = post("/sync/psa", null, ADMIN);
        assertThat(unconfigured.status()).isEqualTo(400);
        assertThat(unconfigured.json().get("error").asString()).contains("not configured");
        assertThat(get("/api/psa/config", NEXUS).json().get("providers").has("freshservice")).isFalse();
    }

    @Test
    void aTicketMissingLocallyIsFetchedLiveAndStored() {
        jdbc.sql("INSERT INTO companies (account_number, name, external_id, external_source) VALUES ('101001', 'Live Co', 1001, 'freshservice') ON CONFLICT DO NOTHING").update();
        String detailed = ticket(5501, 2, 3, 1001, 9999, "2025-11-21T10:00:00Z");
        detailed = detailed.substring(0, detailed.lastIndexOf('}')) + """
                , "stats": {"first_responded_at": null}, "requester": {"id": 9999, "name": "Lou Live", "email": "lou@live.example"},
                  "conversations": []}""";
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/tickets/5501")).willReturn(okJson("{\"ticket\": " + detailed + "}")));
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/tickets/5501/time_entries")).willReturn(okJson("{\"time_entries\": []}")));
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/tickets/5502")).willReturn(aResponse().withStatus(404)));
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/tickets/5503")).willReturn(aResponse().withStatus(502)));

        Response live = get("/api/ticket/5501", LEDGER);
        assertThat(live.status()).as(live.body()).isEqualTo(200);
        JsonNode t = live.json();
        assertThat(t.get("id").asLong()).isEqualTo(5501);
        assertThat(t.get("company_id").asString()).isEqualTo("101001");
        assertThat(t.get("company_name").asString()).isEqualTo("Live Co");
        assertThat(t.get("priority_text").asString()).isEqualTo("High");
        assertThat(t.get("requester_name").asString()).isEqualTo("Lou Live");
        assertThat(t.get("conversations").isArray()).isTrue();
        assertThat(count("SELECT count(*) FROM ticket_details WHERE external_id = 5501")).isEqualTo(1);
        // now a local hit: Freshservice is not asked again
        assertThat(get("/api/ticket/5501", LEDGER).status()).isEqualTo(200);
        fs.verify(1, getRequestedFor(urlPathEqualTo("/api/v2/tickets/5501")));

        Response missing = get("/api/ticket/5502", LEDGER);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("error").asString()).isEqualTo("Ticket not found");
        Response failing = get("/api/ticket/5503", LEDGER);
        assertThat(failing.status()).isEqualTo(500);
        assertThat(failing.json().get("error").asString()).isEqualTo("Failed to fetch ticket from PSA");
    }

    @Test
    void anAdminRunsASyncFromTheSyncCentreAndWatchesIt() {
        assertThat(page("/admin/", TECH).status()).isEqualTo(403);
        stubBase("");
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/departments")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("{\"departments\": [" + department(1101, "Watch Co", "101101", null, null, null) + "]}").withFixedDelay(1500)));
        Response started = form("/admin/sync/psa", Map.of(), ADMIN);
        assertThat(started.status()).as(started.body()).isEqualTo(302);
        String location = started.raw().headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/codex/admin/?job=");
        String jobId = location.substring(location.indexOf("job=") + 4);

        Response running = page("/admin/?job=" + jobId, ADMIN);
        assertThat(running.status()).isEqualTo(200);
        assertThat(running.body()).contains("[Freshservice] Sync").contains("data-job-status=\"running\"")
                .contains("data-stream=\"/codex/sync/status/" + jobId + "/stream\"").contains("/codex/js/sync-progress.js")
                .doesNotContain("http-equiv=\"refresh\"");
        awaitJob(jobId);
        Response done = page("/admin/?job=" + jobId, ADMIN);
        assertThat(done.body()).contains("data-job-status=\"completed\"").contains("Success").doesNotContain("data-stream=")
                .contains("Companies: 1 saved");

        // a second start while one runs says so instead of starting another
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/departments")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("{\"departments\": []}").withFixedDelay(1500)));
        String first = form("/admin/sync/psa", Map.of(), ADMIN).raw().headers().firstValue("Location").orElseThrow();
        Response again = form("/admin/sync/psa", Map.of(), ADMIN);
        assertThat(again.raw().headers().firstValue("Location").orElseThrow()).contains("sync_error=").contains(first.substring(first.indexOf("job=") + 4));
        awaitJob(first.substring(first.indexOf("job=") + 4));
    }

    /** The server-sent events of one stream, read to its end: [event name, data JSON] pairs and comment lines. */
    record Sse(List<String[]> events, List<String> comments, String contentType) {
    }

    Sse readStream(String path, String token) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build();
        var response = HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String[]> events = new java.util.ArrayList<>();
        List<String> comments = new java.util.ArrayList<>();
        String[] name = {"message"};
        response.body().forEach(line -> {
            if (line.startsWith(":")) {
                comments.add(line.substring(1).trim());
            } else if (line.startsWith("event:")) {
                name[0] = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                events.add(new String[] {name[0], line.substring(5).trim()});
                name[0] = "message";
            }
        });
        return new Sse(events, comments, response.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void syncProgressIsStreamedAsServerSentEventsUntilTheJobEnds() throws Exception {
        stubBase("");
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/requesters")).withQueryParam("page", equalTo("1"))
                .willReturn(okJson("{\"requesters\": [" + requester(9101, "Sam", "Slow", "sam@alpha.example", "[]") + "]}")
                        .withFixedDelay(2500)));
        String jobId = startJob("/sync/psa");

        Sse sse = readStream("/sync/status/" + jobId + "/stream", TECH);
        assertThat(sse.contentType()).startsWith("text/event-stream");
        assertThat(sse.events()).isNotEmpty();
        // while the slow page is fetched nothing changes: the stream sends keep-alive comments
        assertThat(sse.comments()).contains("keep-alive");
        List<JsonNode> progress = sse.events().stream().filter(e -> e[0].equals("progress")).map(e -> JSON.readTree(e[1])).toList();
        assertThat(progress).isNotEmpty().allSatisfy(e -> {
            assertThat(e.get("job_id").asString()).isEqualTo(jobId);
            assertThat(e.get("status").asString()).isEqualTo("running");
            assertThat(e.get("done").asBoolean()).isFalse();
            assertThat(e.has("phase") && e.has("processed") && e.has("total") && e.has("percent")).isTrue();
        });
        assertThat(progress.stream().map(e -> e.get("phase").asString()).distinct().count()).isGreaterThan(1);
        String[] last = sse.events().get(sse.events().size() - 1);
        assertThat(last[0]).isEqualTo("done");
        JsonNode done = JSON.readTree(last[1]);
        assertThat(done.get("done").asBoolean()).isTrue();
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("success").asBoolean()).isTrue();
        assertThat(done.get("phase").asString()).isEqualTo("done");
        assertThat(done.get("output").asString()).contains("Companies: 2 saved");

        // a finished job's stream is its single "done" event
        Sse again = readStream("/sync/status/" + jobId + "/stream", LEDGER);
        assertThat(again.events()).hasSize(1);
        assertThat(again.events().get(0)[0]).isEqualTo("done");

        assertThat(get("/sync/status/" + jobId + "/stream", CLIENT).status()).isEqualTo(403);
        assertThat(get("/sync/status/" + jobId + "/stream", null).status()).isEqualTo(401);
        Response missing = get("/sync/status/no-such-job/stream", ADMIN);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).startsWith("application/problem+json");
    }

    @Test
    void providerSettingsAreValidatedAndSecretsNeverShownBack() {
        Response bad = form("/admin/update-freshservice", Map.of("fs_domain", "not a host/..", "fs_api_key", "", "fs_group_professional_services", "abc"), ADMIN);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("must be a host name such as acme.freshservice.com").contains("must be a group id (digits)")
                .contains("value=\"not a host/..\"");
        assertThat(settings.get("freshservice.domain").orElseThrow()).isEqualTo("acme.freshservice.com");

        Response ok = form("/admin/update-freshservice", Map.of("fs_domain", "other.freshservice.com", "fs_web_domain", "help.other.test",
                "fs_api_key", "brand-new-key-123", "fs_group_professional_services", "19000234009", "fs_group_helpdesk", ""), ADMIN);
        assertThat(ok.status()).isEqualTo(302);
        assertThat(settings.get("freshservice.api_key").orElseThrow()).isEqualTo("brand-new-key-123");
        assertThat(jdbc.sql("SELECT value FROM app_settings WHERE key = 'freshservice.api_key'").query(String.class).single())
                .doesNotContain("brand-new-key-123");
        Response shown = page("/admin/?saved=freshservice", ADMIN);
        assertThat(shown.body()).contains("API key configured").contains("other.freshservice.com").doesNotContain("brand-new-key-123");
        assertThat(get("/api/psa/config", NEXUS).json().get("providers").get("freshservice").get("group_ids").get("professional_services").asLong())
                .isEqualTo(19000234009L);
        // a blank key keeps the stored one
        form("/admin/update-freshservice", Map.of("fs_domain", "other.freshservice.com", "fs_api_key", ""), ADMIN);
        assertThat(settings.get("freshservice.api_key").orElseThrow()).isEqualTo("brand-new-key-123");

        jdbc.sql("DELETE FROM app_settings WHERE key = 'webhooks.secret'").update();
        Response noSecret = form("/admin/update-webhooks", Map.of("enabled", "true", "secret", "", "allowed_ips", "10.0.0.1, 10.0.0.2"), ADMIN);
        assertThat(noSecret.status()).isEqualTo(422);
        assertThat(noSecret.body()).contains("is required before webhooks can be enabled");
        Response hooks = form("/admin/update-webhooks", Map.of("enabled", "true", "secret", "a-long-shared-secret-value", "allowed_ips", ""), ADMIN);
        assertThat(hooks.status()).isEqualTo(302);
        assertThat(get("/webhooks/health", null).json().get("webhooks_enabled").asBoolean()).isTrue();
        assertThat(page("/admin/", ADMIN).body()).doesNotContain("a-long-shared-secret-value");
    }

    /** A zone in which {@code now} reads as the given local time. */
    static String zoneAt(java.time.Instant now, int hour, int minute) {
        int utc = now.atZone(java.time.ZoneOffset.UTC).getHour() * 60 + now.atZone(java.time.ZoneOffset.UTC).getMinute();
        int offset = Math.floorMod(hour * 60 + minute - utc + 720, 1440) - 720;
        return java.time.ZoneOffset.ofTotalSeconds(offset * 60).getId();
    }

    @Test
    void theScheduleStartsEachSyncOnceWhenDueAndCatchesUpOnlyBriefly() {
        stubBase("");
        jdbc.sql("UPDATE sync_jobs SET status = 'completed' WHERE status = 'running'").update();
        jdbc.sql("DELETE FROM sync_jobs WHERE kind IN ('psa-base', 'psa-tickets-light', 'psa-tickets-detail')").update();
        java.time.Instant now = java.time.Instant.now();

        // 09:00 local: the 02:00 and 02:30 runs are too far back to catch up; only the 5-minute light sync starts
        settings.put("scheduler.time_zone", zoneAt(now, 9, 0));
        List<String> morning = scheduler.tick(now);
        assertThat(morning).hasSize(1);
        assertThat(jdbc.sql("SELECT kind FROM sync_jobs WHERE id = ?").param(morning.get(0)).query(String.class).single()).isEqualTo("psa-tickets-light");

        // 02:40 local: base (02:00) and detail (02:30) are due; light ran less than 5 minutes ago
        settings.put("scheduler.time_zone", zoneAt(now, 2, 40));
        List<String> night = scheduler.tick(now);
        assertThat(night).hasSize(2);
        assertThat(jdbc.sql("SELECT kind || ':' || sync_type FROM sync_jobs WHERE id IN (?, ?) ORDER BY kind").params(night.get(0), night.get(1))
                .query(String.class).list()).containsExactly("psa-base:base", "psa-tickets-detail:tickets");
        // the next tick finds everything done or running: nothing starts twice
        assertThat(scheduler.tick(now)).isEmpty();
        morning.forEach(this::awaitJob);
        night.forEach(this::awaitJob);
        assertThat(scheduler.tick(now)).isEmpty();

        // switched off in settings, without a restart
        settings.put("scheduler.sync_tickets_enabled", "false");
        settings.put("scheduler.sync_psa_schedule", "hourly");
        jdbc.sql("UPDATE sync_jobs SET started_at = started_at - interval '2 hours' WHERE kind IS NOT NULL").update();
        List<String> hourly = scheduler.tick(now);
        assertThat(hourly).hasSize(1);
        assertThat(jdbc.sql("SELECT kind FROM sync_jobs WHERE id = ?").param(hourly.get(0)).query(String.class).single()).isEqualTo("psa-base");
        hourly.forEach(this::awaitJob);
        settings.put("scheduler.sync_tickets_enabled", "true");
        settings.put("scheduler.sync_psa_schedule", "daily");
    }
}
