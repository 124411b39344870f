package com.hivematrix.codex.rmm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.hivematrix.codex.CodexTestBase;
import com.hivematrix.codex.settings.SettingsService;
import com.hivematrix.codex.vendor.superops.SuperOpsTestAccount;

import tools.jackson.databind.JsonNode;

/**
 * SuperOps as the RMM, end to end: WireMock plays SuperOps' GraphQL endpoint as its MSP API
 * reference shapes it (getClientList / getAssetList with ListInfoInput paging until
 * listInfo.hasMore is false, JSON-valued client/site/assetClass fields, the account number in a
 * client custom field, updateClient, 429 with Retry-After, 401); Codex runs the real RMM jobs into
 * PostgreSQL behind the same RMM interface as Datto, chosen in settings.
 */
class SuperOpsRmmSyncTest extends CodexTestBase {

    /** Started before and reset before every test by the extension. */
    @RegisterExtension
    static WireMockExtension so = WireMockExtension.newInstance().options(options().dynamicPort()).build();

    @Autowired
    SettingsService settings;

    @BeforeEach
    void configure() {
        jdbc.sql("TRUNCATE assets, asset_contact_link, rmm_site_links, sync_jobs RESTART IDENTITY CASCADE").update();
        jdbc.sql("DELETE FROM companies WHERE account_number LIKE '3100%'").update();
        company("310001", "Alpha Dental", "Gold");
        company("310002", "Alpha", "Gold");
        company("310003", "Beta Law", "Silver");
        settings.put("rmm.default_provider", "superops");
        SuperOpsTestAccount.configure(settings, so.baseUrl());
        settings.put("superops.max_attempts", "3");
    }

    /** Other test classes share the database: they expect Datto as the default RMM. */
    @AfterEach
    void restoreDefaultProvider() {
        settings.put("rmm.default_provider", "datto");
    }

    // ---- payloads shaped like SuperOps' MSP GraphQL API ---------------------------------------

    static String client(String id, String name, String acct) {
        return """
                {"accountId": "%s", "name": "%s", "customFields": {"udf1text": %s, "udf2text": "Gold"}}"""
                .formatted(id, name, acct == null ? "null" : '"' + acct + '"');
    }

    static String asset(String id, String host, String clientId, String clientName, String platformCategory, String deviceCategory,
            String patch, String status) {
        return """
                {"assetId": "%s", "name": "%s", "assetClass": {"classId": "1", "name": "Windows Machine"},
                 "client": {"accountId": "%s", "name": "%s"}, "site": {"id": "8%s", "name": "Austin"},
                 "loggedInUser": "ACME\\\\jdoe", "hostName": "%s", "publicIp": "203.0.113.9",
                 "platform": "Microsoft Windows 11 Pro", "domain": "acme.local", "status": "%s",
                 "lastCommunicatedTime": "2025-12-01T12:00:00.270", "lastReportedTime": "2025-12-01T06:30:00",
                 "platformCategory": "%s", "patchStatus": "%s", "deviceCategory": %s}"""
                .formatted(id, host, clientId, clientName, clientId, host, status, platformCategory, patch,
                        deviceCategory == null ? "null" : "{\"id\": \"7642345678456\", \"name\": \"" + deviceCategory + "\"}");
    }

    static MappingBuilder graphql(String operation) {
        return WireMock.post(urlPathEqualTo("/msp")).withRequestBody(matchingJsonPath("$.query", containing(operation + "(input")));
    }

    static String list(String operation, String key, String items, int page, boolean hasMore) {
        return """
                {"data": {"%s": {"%s": [%s], "listInfo": {"page": %d, "pageSize": 100, "hasMore": %s, "totalCount": 3}}}}"""
                .formatted(operation, key, items, page, hasMore);
    }

    void stubClients(int page, String items, boolean hasMore) {
        so.stubFor(graphql("getClientList").withRequestBody(matchingJsonPath("$.variables.input.page", equalTo(String.valueOf(page))))
                .willReturn(okJson(list("getClientList", "clients", items, page, hasMore))));
    }

    MappingBuilder assetsOf(String clientName, int page) {
        return graphql("getAssetList").withRequestBody(matchingJsonPath("$.variables.input.condition.value", equalTo(clientName)))
                .withRequestBody(matchingJsonPath("$.variables.input.page", equalTo(String.valueOf(page))));
    }

    void stubAssets(String clientName, int page, String items, boolean hasMore) {
        so.stubFor(assetsOf(clientName, page).willReturn(okJson(list("getAssetList", "assets", items, page, hasMore))));
    }

    /** Three clients over two pages: Alpha Dental's, Beta Law's, and one without an account number. */
    void stubSites() {
        stubClients(1, client("7001", "Alpha Dental - Main Office", "310001") + "," + client("7003", "Beta Law", "310003"), true);
        stubClients(2, client("7099", "Lab (unassigned)", null), false);
    }

    static String ws(String host) {
        return asset("9001", host, "7001", "Alpha Dental - Main Office", "WORKSTATION", "Windows Workstation", "Fully Patched", "ONLINE");
    }

    static final String SRV = asset("9002", "ALPHA-SRV01", "7001", "Alpha Dental - Main Office", "SERVER", null, "Patches Available", "OFFLINE");
    static final String LT1 = asset("9003", "BETA-LT01", "7003", "Beta Law", "WORKSTATION", "Windows Laptop", "Fully Patched", "ONLINE");
    static final String LT2 = asset("9004", "BETA-LT02", "7003", "Beta Law", "WORKSTATION", "Windows Laptop", "Fully Patched", "ONLINE");

    // ---- tests --------------------------------------------------------------------------------

    @Test
    void syncLinksClientsByTheAccountNumberFieldAndSavesTheirAssetsOverPages() {
        stubSites();
        // Alpha's assets over two pages; the second also carries another client's asset (an ignored filter must not move it to Alpha)
        stubAssets("Alpha Dental - Main Office", 1, ws("ALPHA-WS01"), true);
        stubAssets("Alpha Dental - Main Office", 2, SRV + "," + asset("9099", "STRAY-PC", "7777", "Alpha Dental Annex", "WORKSTATION", null,
                "Fully Patched", "ONLINE"), false);
        stubAssets("Beta Law", 1, LT1, false);

        JsonNode job = awaitJob(startJob("/sync/datto"));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("success").asBoolean()).as(job.toString()).isTrue();
        assertThat(job.get("provider").asString()).isEqualTo("superops");
        assertThat(job.get("output").asString()).contains("Fetching sites from SuperOps RMM").contains("Sites: 3")
                .contains("Skipping site Lab (unassigned): no AccountNumber variable")
                .contains("Account numbers: 0 set, 2 already right")
                .contains("Assets: 3 created, 0 updated, 0 deleted");

        Map<String, Object> ws = jdbc.sql("""
                SELECT company_account_number, rmm_device_uid, rmm_site_uid, rmm_provider, hardware_type, device_type, operating_system,
                       last_logged_in_user, rmm_site_name, ext_ip_address, int_ip_address, domain, online, patch_status,
                       last_seen::text AS last_seen, last_audit_date::text AS last_audit, portal_url, udf1
                FROM assets WHERE hostname = 'ALPHA-WS01'""").query().singleRow();
        assertThat(ws).containsEntry("company_account_number", "310001").containsEntry("rmm_device_uid", "9001")
                .containsEntry("rmm_site_uid", "7001").containsEntry("rmm_provider", "superops")
                .containsEntry("hardware_type", "Windows Workstation").containsEntry("device_type", "workstation")
                .containsEntry("operating_system", "Microsoft Windows 11 Pro").containsEntry("last_logged_in_user", "ACME\\jdoe")
                .containsEntry("rmm_site_name", "Alpha Dental - Main Office").containsEntry("ext_ip_address", "203.0.113.9")
                .containsEntry("int_ip_address", null).containsEntry("domain", "acme.local").containsEntry("online", true)
                .containsEntry("patch_status", "up_to_date").containsEntry("portal_url", null).containsEntry("udf1", null);
        assertThat((String) ws.get("last_seen")).startsWith("2025-12-01 12:00:00.27");
        assertThat((String) ws.get("last_audit")).startsWith("2025-12-01 06:30:00");
        // no device category: SuperOps' asset class is the hardware type; SERVER normalises to server
        assertThat(jdbc.sql("SELECT hardware_type || '|' || device_type || '|' || patch_status || '|' || online FROM assets WHERE hostname = 'ALPHA-SRV01'")
                .query(String.class).single()).isEqualTo("Windows Machine|server|missing_patches|false");
        assertThat(jdbc.sql("SELECT company_account_number FROM assets WHERE hostname = 'BETA-LT01'").query(String.class).single()).isEqualTo("310003");
        assertThat(count("SELECT count(*) FROM assets WHERE rmm_device_uid = '9099'")).as("another client's asset").isZero();
        assertThat(jdbc.sql("SELECT rmm_site_uid || '>' || company_account_number || '>' || rmm_provider FROM rmm_site_links ORDER BY 1")
                .query(String.class).list()).containsExactly("7001>310001>superops", "7003>310003>superops");
        assertThat(page("/admin/", ADMIN).body()).contains("[SuperOps] Sync");

        so.verify(postRequestedFor(urlPathEqualTo("/msp")).withHeader("Authorization", equalTo("Bearer so-token"))
                .withHeader("CustomerSubDomain", equalTo("acme"))
                .withRequestBody(matchingJsonPath("$.variables.input.condition.attribute", equalTo("client.name")))
                .withRequestBody(matchingJsonPath("$.variables.input.condition.operator", equalTo("is"))));
        // the push and the sync each list the clients once (two pages); variables come from that list, never one call per client
        so.verify(4, postRequestedFor(urlPathEqualTo("/msp")).withRequestBody(matchingJsonPath("$.query", containing("getClientList(input"))));
        so.verify(0, postRequestedFor(urlPathEqualTo("/msp")).withRequestBody(matchingJsonPath("$.query", containing("getClient(input"))));
    }

    @Test
    void reRunsAreIdempotentRenamesKeepTheAssetAndAClientWhoseAssetsFailKeepsThem() {
        stubSites();
        stubAssets("Alpha Dental - Main Office", 1, ws("ALPHA-WS01") + "," + SRV, false);
        stubAssets("Beta Law", 1, LT1 + "," + LT2, false);
        assertThat(awaitJob(startJob("/sync/datto")).get("success").asBoolean()).isTrue();
        long workstation = assetId("ALPHA-WS01");
        assertThat(count("SELECT count(*) FROM assets")).isEqualTo(4);

        JsonNode again = awaitJob(startJob("/sync/datto"));
        assertThat(again.get("output").asString()).contains("Assets: 0 created, 4 updated, 0 deleted");
        assertThat(count("SELECT count(*) FROM assets")).isEqualTo(4);
        assertThat(assetId("ALPHA-WS01")).isEqualTo(workstation);

        // Alpha renames its workstation and drops the server (complete list: deleted); Beta's second page fails (its assets are kept)
        so.resetMappings();
        stubSites();
        stubAssets("Alpha Dental - Main Office", 1, ws("ALPHA-RECEPTION"), false);
        stubAssets("Beta Law", 1, LT1, true);
        so.stubFor(assetsOf("Beta Law", 2).willReturn(aResponse().withStatus(503)));
        JsonNode partial = awaitJob(startJob("/sync/datto"));
        assertThat(partial.get("status").asString()).as(partial.toString()).isEqualTo("completed");
        assertThat(partial.get("success").asBoolean()).isFalse();
        assertThat(partial.get("error").asString()).contains("Site Beta Law: devices not fetched (SuperOps error HTTP 503)")
                .contains("its assets are kept");
        assertThat(partial.get("output").asString()).contains("Assets: 0 created, 1 updated, 1 deleted");
        assertThat(assetId("ALPHA-RECEPTION")).isEqualTo(workstation);
        assertThat(count("SELECT count(*) FROM assets WHERE hostname = 'ALPHA-SRV01'")).isZero();
        assertThat(count("SELECT count(*) FROM assets WHERE hostname IN ('BETA-LT01', 'BETA-LT02')")).isEqualTo(2);
        so.verify(3, postRequestedFor(urlPathEqualTo("/msp")).withRequestBody(matchingJsonPath("$.query", containing("getAssetList(input")))
                .withRequestBody(matchingJsonPath("$.variables.input.condition.value", equalTo("Beta Law")))
                .withRequestBody(matchingJsonPath("$.variables.input.page", equalTo("2"))));
    }

    @Test
    void rateLimitIsWaitedOutAndARefusedTokenFailsTheJobKeepingAssets() {
        stubClients(1, client("7001", "Alpha Dental - Main Office", "310001"), false);
        so.stubFor(assetsOf("Alpha Dental - Main Office", 1).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{\"message\":\"Too Many Requests\"}"))
                .willSetStateTo("open"));
        so.stubFor(assetsOf("Alpha Dental - Main Office", 1).inScenario("limit").whenScenarioStateIs("open")
                .willReturn(okJson(list("getAssetList", "assets", ws("ALPHA-WS01"), 1, false))));
        JsonNode job = awaitJob(startJob("/sync/datto"));
        assertThat(job.get("success").asBoolean()).as(job.toString()).isTrue();
        assertThat(count("SELECT count(*) FROM assets WHERE hostname = 'ALPHA-WS01'")).isEqualTo(1);
        List<ServeEvent> assetCalls = so.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getBodyAsString().contains("getAssetList(input"))
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate())).toList();
        assertThat(assetCalls).hasSize(2);
        assertThat(assetCalls.get(1).getRequest().getLoggedDate().getTime() - assetCalls.get(0).getRequest().getLoggedDate().getTime())
                .as("waited the Retry-After second, not the 10 ms backoff").isGreaterThanOrEqualTo(900);

        // a token without the asset permission: refused mid-run, it stops the whole RMM job (an RMM authentication
        // failure, not a per-site error that would let the run carry on and report "completed")
        so.stubFor(graphql("getAssetList").willReturn(aResponse().withStatus(403).withBody("{\"message\":\"Forbidden\"}")));
        JsonNode forbidden = awaitJob(startJob("/sync/datto"));
        assertThat(forbidden.get("status").asString()).as(forbidden.toString()).isEqualTo("failed");
        assertThat(forbidden.get("error").asString()).contains("SuperOps rejected the API token (HTTP 403)");
        assertThat(count("SELECT count(*) FROM assets WHERE hostname = 'ALPHA-WS01'")).isEqualTo(1);

        // the token is revoked: the job fails with that reason and nothing is deleted
        so.stubFor(WireMock.post(urlPathEqualTo("/msp")).willReturn(aResponse().withStatus(401).withBody("{\"message\":\"Unauthorized\"}")));
        JsonNode refused = awaitJob(startJob("/sync/datto"));
        assertThat(refused.get("status").asString()).isEqualTo("failed");
        assertThat(refused.get("error").asString()).contains("SuperOps rejected the API token (HTTP 401)");
        assertThat(count("SELECT count(*) FROM assets WHERE hostname = 'ALPHA-WS01'")).isEqualTo(1);
    }

    @Test
    void pushWritesTheAccountNumberFieldAndCountsAnUnstoredValueAsAFailure() {
        stubClients(1, String.join(",", client("7001", "Alpha Dental - Main Office", null), client("7003", "Beta Law", "999999"),
                client("7005", "Alpha Branch", "310003"), client("7099", "Unknown Co", null)), false);
        so.stubFor(graphql("updateClient").withRequestBody(matchingJsonPath("$.variables.input.accountId", equalTo("7001")))
                .willReturn(okJson("""
                        {"data": {"updateClient": {"accountId": "7001", "name": "Alpha Dental - Main Office",
                         "customFields": {"udf1text": "310001", "udf2text": "Gold"}}}}""")));
        // SuperOps answers without storing the value (a field it does not know): a refusal, not a success
        so.stubFor(graphql("updateClient").withRequestBody(matchingJsonPath("$.variables.input.accountId", equalTo("7003")))
                .willReturn(okJson("""
                        {"data": {"updateClient": {"accountId": "7003", "name": "Beta Law", "customFields": {"udf1text": "999999"}}}}""")));

        JsonNode job = awaitJob(startJob("/sync/push-to-datto"));
        assertThat(job.get("provider").asString()).isEqualTo("superops");
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("success").asBoolean()).as("an unstored write is a failure").isFalse();
        assertThat(job.get("error").asString()).contains("Site Beta Law: account number not set (SuperOps did not store the client custom field udf1text");
        assertThat(job.get("output").asString()).contains("Site Alpha Dental - Main Office → 310001")
                .contains("Site Alpha Branch keeps account number 310003")
                .contains("Account numbers: 1 set, 0 already right, 1 linked to another company, 1 sites without a matching company, 1 failed");
        so.verify(postRequestedFor(urlPathEqualTo("/msp")).withRequestBody(matchingJsonPath("$.query", containing("updateClient(input")))
                .withRequestBody(matchingJsonPath("$.variables.input.accountId", equalTo("7001")))
                .withRequestBody(matchingJsonPath("$.variables.input.customFields.udf1text", equalTo("310001"))));
        so.verify(postRequestedFor(urlPathEqualTo("/msp")).withRequestBody(matchingJsonPath("$.variables.input.accountId", equalTo("7003")))
                .withRequestBody(matchingJsonPath("$.variables.input.customFields.udf1text", equalTo("310003"))));
        so.verify(0, postRequestedFor(urlPathEqualTo("/msp")).withRequestBody(matchingJsonPath("$.variables.input.accountId", equalTo("7005"))));
        assertThat(page("/admin/", ADMIN).body()).contains("[SuperOps] Push Account Numbers");
    }

    @Test
    void superopsIsSelectableAsTheRmmAndNeedsItsSettings() {
        settings.put("rmm.default_provider", "datto");
        Response chosen = form("/admin/update-providers", Map.of("psa_provider", "freshservice", "rmm_provider", "superops"), ADMIN);
        assertThat(chosen.status()).isEqualTo(302);
        assertThat(settings.get("rmm.default_provider")).contains("superops");
        Response admin = page("/admin/", ADMIN);
        assertThat(admin.body()).contains("SuperOps (PSA and RMM)").contains("API token configured").doesNotContain("so-token");

        settings.put("superops.subdomain", "");
        Response r = post("/sync/datto", null, ADMIN);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asString()).contains("SuperOps is not configured");
        assertThat(count("SELECT count(*) FROM sync_jobs")).isZero();
        so.verify(0, postRequestedFor(urlPathEqualTo("/msp")));
    }
}
