package com.hivematrix.codex.psa;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.hivematrix.codex.CodexTestBase;
import com.hivematrix.codex.settings.SettingsService;
import com.hivematrix.codex.vendor.superops.SuperOpsTestAccount;

import tools.jackson.databind.JsonNode;

/**
 * SuperOps PSA end to end: WireMock plays SuperOps' GraphQL endpoint (ListInfoInput paging with
 * listInfo.hasMore, JSON-valued client/requester/technician fields, 429 with Retry-After, GraphQL
 * errors in a 200); Codex runs the real sync jobs into PostgreSQL behind the same PSA interface as
 * Freshservice, chosen in settings.
 */
class SuperOpsSyncTest extends CodexTestBase {

    /** Started before and reset before every test by the extension. */
    @RegisterExtension
    static WireMockExtension so = WireMockExtension.newInstance().options(options().dynamicPort()).build();

    @Autowired
    SettingsService settings;

    @BeforeEach
    void configure() {
        jdbc.sql("DELETE FROM ticket_details WHERE external_source = 'superops'").update();
        jdbc.sql("DELETE FROM contacts WHERE external_source = 'superops'").update();
        jdbc.sql("DELETE FROM companies WHERE external_source = 'superops'").update();
        jdbc.sql("DELETE FROM psa_agents WHERE external_source = 'superops'").update();
        settings.put("psa.default_provider", "superops");
        SuperOpsTestAccount.configure(settings, so.baseUrl());
    }

    /** Other test classes share the database: they expect Freshservice as the default PSA. */
    @AfterEach
    void restoreDefaultProvider() {
        settings.put("psa.default_provider", "freshservice");
    }

    void stubList(String query, int page, String key, String items, boolean hasMore) {
        so.stubFor(WireMock.post(urlPathEqualTo("/msp")).withRequestBody(matchingJsonPath("$.query", containing(query + "(input")))
                .withRequestBody(matchingJsonPath("$.variables.input.page", equalTo(String.valueOf(page))))
                .willReturn(okJson("""
                        {"data": {"%s": {"%s": [%s], "listInfo": {"page": %d, "pageSize": 100, "hasMore": %s, "totalCount": 3}}}}"""
                        .formatted(query, key, items, page, hasMore))));
    }

    static String client(String id, String name, String acct) {
        return """
                {"accountId": "%s", "name": "%s", "stage": "Active", "status": "Paid", "emailDomains": ["%s.example"],
                 "primaryContact": {"userId": "8100", "name": "Pat Primary"}, "secondaryContact": null,
                 "hqSite": {"id": "1", "name": "HQ", "address": "5 Long Road"}, "customFields": {"udf1text": %s, "udf2text": "Gold"},
                 "createdTime": "2024-01-02T10:00:00", "updatedTime": "2025-06-01T08:00:00"}"""
                .formatted(id, name, name.toLowerCase().replace(' ', '-'), acct == null ? "null" : '"' + acct + '"');
    }

    static String ticket(String id, String status, String priority, String clientId) {
        return """
                {"ticketId": "%s", "displayId": "T-%s", "subject": "Printer down", "ticketType": "INCIDENT", "source": "EMAIL",
                 "status": "%s", "priority": "%s", "client": {"accountId": "%s", "name": "Client"}, "site": null,
                 "requester": {"userId": "8101", "name": "Rae Requester", "email": "rae@north.example"},
                 "technician": {"userId": "7100", "name": "Tom Tech", "email": "tom@msp.example"},
                 "techGroup": {"groupId": "19000234009", "name": "Pro Services"},
                 "createdTime": "2025-11-01T09:00:00", "updatedTime": "2025-11-02T09:00:00",
                 "firstResponseDueTime": "2025-11-01T13:00:00", "firstResponseTime": null,
                 "resolutionDueTime": "2025-11-05T09:00:00", "resolutionTime": null}"""
                .formatted(id, id, status, priority, clientId);
    }

    @Test
    void baseSyncPagesClientsUsersAndTechniciansIntoCodex() {
        stubList("getClientList", 1, "clients", client("4001", "North Clinic", "400001") + "," + client("4002", "No Number Ltd", null), true);
        stubList("getClientList", 2, "clients", client("4003", "South Law", "400003"), false);
        stubList("getClientUserList", 1, "userList", """
                {"userId": "8100", "firstName": "Pat", "lastName": "Primary", "name": "Pat Primary", "email": "pat@north.example",
                 "contactNumber": "555-0100", "designation": "Owner", "client": {"accountId": "4001", "name": "North Clinic"},
                 "site": {"id": "1", "name": "HQ"}, "customFields": {}},
                {"userId": "8102", "firstName": "No", "lastName": "Mail", "name": "No Mail", "email": null,
                 "client": {"accountId": "4003", "name": "South Law"}, "customFields": {}}""", false);
        stubList("getTechnicianList", 1, "userList", """
                {"userId": "7100", "firstName": "Tom", "lastName": "Tech", "name": "Tom Tech", "email": "tom@msp.example",
                 "contactNumber": null, "designation": "Engineer", "groups": [{"groupId": "19000234009", "name": "Pro Services"}]}""", false);

        JsonNode job = awaitJob(startJob("/sync/psa"));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("provider").asString()).isEqualTo("superops");
        assertThat(job.get("output").asString()).contains("Companies: 2 saved, 1 skipped without account number");

        assertThat(jdbc.sql("SELECT name || '|' || external_id || '|' || coalesce(domains, '') || '|' || address || '|' || head_name FROM companies WHERE account_number = '400001'")
                .query(String.class).single()).isEqualTo("North Clinic|4001|[\"north-clinic.example\"]|5 Long Road|Pat Primary");
        assertThat(jdbc.sql("SELECT external_source FROM companies WHERE account_number = '400003'").query(String.class).single()).isEqualTo("superops");
        assertThat(jdbc.sql("SELECT c.name || '|' || l.company_account_number FROM contacts c JOIN contact_company_link l ON l.contact_id = c.id WHERE c.external_id = 8100 AND c.external_source = 'superops'")
                .query(String.class).single()).isEqualTo("Pat Primary|400001");
        assertThat(jdbc.sql("SELECT count(*) FROM contacts WHERE external_id = 8102").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT group_ids FROM psa_agents WHERE external_id = 7100 AND external_source = 'superops'").query(String.class).single())
                .isEqualTo("[19000234009]");
        so.verify(postRequestedFor(urlPathEqualTo("/msp")).withHeader("Authorization", equalTo("Bearer so-token"))
                .withHeader("CustomerSubDomain", equalTo("acme")).withRequestBody(matchingJsonPath("$.variables.input.pageSize", equalTo("100"))));
    }

    @Test
    void ticketsMapStatusesAndPrioritiesWaitOutRateLimitsAndGraphqlErrorsFailTheJob() {
        stubList("getClientList", 1, "clients", client("4001", "North Clinic", "400001"), false);
        stubList("getClientUserList", 1, "userList", "", false);
        stubList("getTechnicianList", 1, "userList", "", false);
        assertThat(awaitJob(startJob("/sync/psa")).get("status").asString()).isEqualTo("completed");

        // first page answers 429 once, then the tickets
        so.stubFor(WireMock.post(urlPathEqualTo("/msp")).withRequestBody(matchingJsonPath("$.query", containing("getTicketList(input")))
                .inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("open"));
        so.stubFor(WireMock.post(urlPathEqualTo("/msp")).withRequestBody(matchingJsonPath("$.query", containing("getTicketList(input")))
                .inScenario("limit").whenScenarioStateIs("open")
                .willReturn(okJson("""
                        {"data": {"getTicketList": {"tickets": [%s, %s, %s], "listInfo": {"page": 1, "pageSize": 100, "hasMore": false, "totalCount": 3}}}}"""
                        .formatted(ticket("9001", "Customer Replied", "Critical", "4001"), ticket("9002", "In Progress", "Low", "4001"),
                                ticket("9003", "Waiting on Third Party", "High", "4001")))));
        JsonNode job = awaitJob(startJob("/sync/tickets/full-history"));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("completed");
        assertThat(jdbc.sql("""
                SELECT external_id || '|' || status || '|' || priority || '|' || company_account_number || '|' || requester_name || '|' || responder_id || '|' || group_id
                FROM ticket_details WHERE external_source = 'superops' ORDER BY external_id""").query(String.class).list())
                .containsExactly("9001|customer_replied|urgent|400001|Rae Requester|7100|19000234009",
                        "9002|under_investigation|low|400001|Rae Requester|7100|19000234009",
                        "9003|waiting_third_party|high|400001|Rae Requester|7100|19000234009");

        // the light sync filters on SuperOps' active statuses
        so.resetAll();
        so.stubFor(WireMock.post(urlPathEqualTo("/msp")).withRequestBody(matchingJsonPath("$.query", containing("getTicketList(input")))
                .willReturn(okJson("""
                        {"errors": [{"message": "Invalid condition attribute", "path": ["getTicketList"]}], "data": null}""")));
        JsonNode failed = awaitJob(startJob("/sync/tickets/light"));
        assertThat(failed.get("status").asString()).isEqualTo("failed");
        assertThat(failed.get("error").asString()).contains("SuperOps GraphQL error: Invalid condition attribute");
        so.verify(postRequestedFor(urlPathEqualTo("/msp")).withRequestBody(matchingJsonPath("$.variables.input.condition.attribute", equalTo("status"))));
        assertThat(jdbc.sql("SELECT count(*) FROM ticket_details WHERE external_source = 'superops'").query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void rejectedTokenFailsClearlyAndTheAdminFormValidates() {
        so.stubFor(WireMock.post(urlPathEqualTo("/msp")).willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Unauthorized\"}")));
        JsonNode job = awaitJob(startJob("/sync/psa"));
        assertThat(job.get("status").asString()).isEqualTo("failed");
        assertThat(job.get("error").asString()).contains("SuperOps rejected the API token (HTTP 401)");

        Response bad = form("/admin/update-superops", Map.of("superops_region", "mars", "superops_subdomain", "Not A Host!",
                "superops_api_key", "", "superops_account_number_field", "udf1text"), ADMIN);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("must be us or eu").contains("must be your SuperOps subdomain");
        Response ok = form("/admin/update-superops", Map.of("superops_region", "eu", "superops_subdomain", "acme-msp",
                "superops_api_key", "so-new-token-123", "superops_account_number_field", "udf1text"), ADMIN);
        assertThat(ok.status()).isEqualTo(302);
        assertThat(settings.get("superops.api_key")).contains("so-new-token-123");
        assertThat(page("/admin/", ADMIN).body()).contains("API token configured").doesNotContain("so-new-token-123");
        Response providers = form("/admin/update-providers", Map.of("psa_provider", "freshservice", "rmm_provider", "datto"), ADMIN);
        assertThat(providers.status()).isEqualTo(302);
        assertThat(settings.get("psa.default_provider")).contains("freshservice");
    }
}
