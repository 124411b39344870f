package com.hivematrix.codex.rmm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.hivematrix.codex.CodexTestBase;
import com.hivematrix.codex.settings.SettingsService;

import tools.jackson.databind.JsonNode;

/**
 * Datto RMM sync end to end: WireMock plays the Datto RMM API v2 (OAuth token, paged sites,
 * site variables, paged devices, as its API documentation shapes them); Codex runs the real jobs
 * into PostgreSQL.
 */
class DattoSyncTest extends CodexTestBase {

    /** Started before and reset before every test by the extension. */
    @RegisterExtension
    static WireMockExtension datto = WireMockExtension.newInstance().options(options().dynamicPort()).build();

    @Autowired
    SettingsService settings;

    @BeforeEach
    void configure() {
        jdbc.sql("TRUNCATE assets, asset_contact_link, rmm_site_links, sync_jobs RESTART IDENTITY CASCADE").update();
        jdbc.sql("DELETE FROM companies WHERE account_number LIKE '3000%'").update();
        company("300001", "Alpha Dental", "Gold");
        company("300002", "Alpha", "Gold");
        company("300003", "Beta Law", "Silver");
        settings.put("rmm.default_provider", "datto");
        settings.put("datto.base_url", datto.baseUrl());
        settings.putSecret("datto.api_key", "datto-public");
        settings.putSecret("datto.api_secret", "datto-secret");
        settings.put("datto.retry_backoff_ms", "10");
        settings.put("datto.max_attempts", "3");
        datto.stubFor(WireMock.post(urlPathEqualTo("/auth/oauth/token")).willReturn(okJson("""
                {"access_token": "tok-1", "token_type": "bearer", "refresh_token": "r", "expires_in": 359999, "scope": "default"}""")));
    }

    // ---- payloads shaped like Datto RMM API v2 ------------------------------------------------

    static String site(String uid, String name) {
        return """
                {"id": %d, "uid": "%s", "accountUid": "acc-1", "name": "%s", "description": "Site %s", "notes": null, "onDemand": false,
                 "splashtopAutoInstall": false, "proxy": null, "devicesStatus": {"numberOfDevices": 2, "numberOfOnlineDevices": 1,
                 "numberOfOfflineDevices": 1}, "autotaskCompanyName": null, "autotaskCompanyId": null,
                 "portalUrl": "https://merlot.centrastage.net/csm/site/%s"}""".formatted(uid.hashCode() & 0xffff, uid, name, name, uid);
    }

    static String device(String uid, String hostname, String category, String patch, String udf6, String udf7, String siteName) {
        StringBuilder udf = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            String v = switch (i) {
                case 1 -> "\"tenant-" + hostname + "\"";
                case 2 -> "\"BITLOCKER-KEY-" + hostname + "\"";
                case 4 -> "\"Administrator, itadmin\"";
                case 6 -> udf6 == null ? "null" : '"' + udf6 + '"';
                case 7 -> udf7 == null ? "null" : '"' + udf7 + '"';
                case 30 -> "\"last-udf\"";
                default -> "null";
            };
            udf.append(i == 1 ? "" : ", ").append("\"udf").append(i).append("\": ").append(v);
        }
        return """
                {"id": %d, "uid": "%s", "siteId": 1, "siteUid": "s", "siteName": "%s", "deviceType": {"category": "%s", "type": "Desktop"},
                 "hostname": "%s", "intIpAddress": "10.0.0.5", "operatingSystem": "Microsoft Windows 11 Pro 23H2", "lastLoggedInUser": "ACME\\\\jdoe",
                 "domain": "acme.local", "cagVersion": "4.4", "displayVersion": "23H2", "extIpAddress": "203.0.113.9",
                 "description": "Reception PC", "a64Bit": true, "rebootRequired": false, "online": true, "suspended": false, "deleted": false,
                 "lastSeen": 1764590400000, "lastReboot": 1764504000000, "lastAuditDate": 1764547200000, "creationDate": 1700000000000,
                 "udf": {%s}, "snmpEnabled": false, "deviceClass": "device", "portalUrl": "https://merlot.centrastage.net/csm/search?qs=uid%%3A%s",
                 "warrantyDate": null, "antivirus": {"antivirusProduct": "Microsoft Defender Antivirus", "antivirusStatus": "RunningAndUpToDate"},
                 "patchManagement": {"patchStatus": "%s", "patchesApprovedPending": 0, "patchesNotApproved": 0, "patchesInstalled": 120},
                 "softwareStatus": "Compliant", "webRemoteUrl": "https://merlot.centrastage.net/csm/remote/%s", "networkProbe": false,
                 "onboardedViaNetworkMonitor": false}""".formatted(Math.abs(uid.hashCode()), uid, siteName, category, hostname, udf, uid, patch, uid);
    }

    void stubPage(String path, String key, String items, String nextPath, String page) {
        String next = nextPath == null ? "null" : "\"" + datto.baseUrl() + nextPath + "\"";
        var get = WireMock.get(urlPathEqualTo(path));
        get = page == null ? get.withQueryParam("page", WireMock.absent()) : get.withQueryParam("page", equalTo(page));
        datto.stubFor(get.willReturn(okJson("""
                {"pageDetails": {"count": 1, "totalCount": 3, "prevPageUrl": null, "nextPageUrl": %s}, "%s": [%s]}"""
                .formatted(next, key, items))));
    }

    void stubVariables(String siteUid, String accountNumber) {
        String vars = accountNumber == null ? """
                {"id": 11, "name": "Region", "value": "North", "masked": false}"""
                : """
                {"id": 10, "name": "AccountNumber", "value": "%s", "masked": false},
                {"id": 11, "name": "Region", "value": "North", "masked": false}""".formatted(accountNumber);
        stubPage("/api/v2/site/" + siteUid + "/variables", "variables", vars, null, null);
    }

    /** Three sites over two pages: Alpha Dental's, Beta Law's, and one without an account number. */
    void stubSites() {
        stubPage("/api/v2/account/sites", "sites", String.join(",", site("site-a", "Alpha Dental - Main Office"), site("site-b", "Beta Law")),
                "/api/v2/account/sites?max=250&page=1", null);
        stubPage("/api/v2/account/sites", "sites", site("site-x", "Lab (unassigned)"), null, "1");
        stubVariables("site-a", "300001");
        stubVariables("site-b", "300003");
        stubVariables("site-x", null);
    }

    // ---- tests --------------------------------------------------------------------------------

    @Test
    void syncLinksSitesByAccountNumberAndSavesDevicesWithNormalisedFields() {
        stubSites();
        // 1.5 TiB of backup in UDF6; devices of site A over two pages
        stubPage("/api/v2/site/site-a/devices", "devices", device("dev-1", "ALPHA-WS01", "Desktop", "FullyPatched", "1649267441664", null,
                "Alpha Dental - Main Office"), "/api/v2/site/site-a/devices?max=250&page=1", null);
        stubPage("/api/v2/site/site-a/devices", "devices", device("dev-2", "ALPHA-SRV01", "ESXi Host", "RebootRequired", null, "Server",
                "Alpha Dental - Main Office"), null, "1");
        stubPage("/api/v2/site/site-b/devices", "devices", device("dev-3", "BETA-LT01", "Laptop", "ApprovedPending", "abc", null, "Beta Law"),
                null, null);

        JsonNode job = awaitJob(startJob("/sync/datto"));
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("completed");
        assertThat(job.get("success").asBoolean()).as(job.toString()).isTrue();
        assertThat(job.get("script").asString()).isEqualTo("rmm");
        assertThat(job.get("provider").asString()).isEqualTo("datto");
        assertThat(job.get("output").asString()).contains("Skipping site Lab (unassigned): no AccountNumber variable")
                .contains("Assets: 3 created, 0 updated, 0 deleted");

        Map<String, Object> ws = jdbc.sql("""
                SELECT company_account_number, rmm_device_uid, rmm_site_uid, rmm_provider, hardware_type, device_type, operating_system,
                       last_logged_in_user, rmm_site_name, antivirus_product, ext_ip_address, int_ip_address, domain, online, patch_status,
                       backup_usage_tb, enabled_administrators, udf1, udf2, udf6, udf30, last_seen::text AS last_seen, portal_url, web_remote_url
                FROM assets WHERE hostname = 'ALPHA-WS01'""").query().singleRow();
        assertThat(ws).containsEntry("company_account_number", "300001").containsEntry("rmm_device_uid", "dev-1")
                .containsEntry("rmm_site_uid", "site-a").containsEntry("rmm_provider", "datto").containsEntry("hardware_type", "Desktop")
                .containsEntry("device_type", "workstation").containsEntry("operating_system", "Microsoft Windows 11 Pro 23H2")
                .containsEntry("last_logged_in_user", "ACME\\jdoe").containsEntry("rmm_site_name", "Alpha Dental - Main Office")
                .containsEntry("antivirus_product", "Microsoft Defender Antivirus").containsEntry("ext_ip_address", "203.0.113.9")
                .containsEntry("int_ip_address", "10.0.0.5").containsEntry("domain", "acme.local").containsEntry("online", true)
                .containsEntry("patch_status", "up_to_date").containsEntry("backup_usage_tb", new BigDecimal("1.50"))
                .containsEntry("enabled_administrators", "Administrator, itadmin").containsEntry("udf1", "tenant-ALPHA-WS01")
                .containsEntry("udf2", "BITLOCKER-KEY-ALPHA-WS01").containsEntry("udf6", "1649267441664").containsEntry("udf30", "last-udf")
                .containsEntry("web_remote_url", "https://merlot.centrastage.net/csm/remote/dev-1");
        assertThat((String) ws.get("last_seen")).startsWith("2025-12-01 12:00:00");
        // UDF7 (the MSP's own type) wins over the category; ESXi would otherwise be "server"
        assertThat(jdbc.sql("SELECT device_type || '|' || hardware_type || '|' || patch_status FROM assets WHERE hostname = 'ALPHA-SRV01'")
                .query(String.class).single()).isEqualTo("Server|ESXi Host|reboot_required");
        assertThat(jdbc.sql("SELECT device_type || '|' || patch_status || '|' || coalesce(backup_usage_tb::text, 'null') FROM assets WHERE hostname = 'BETA-LT01'")
                .query(String.class).single()).isEqualTo("laptop|missing_patches|null");
        // pages show the normalised keys as words
        Response detail = page("/assets/" + assetId("ALPHA-WS01"), TECH);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.body()).contains("<dd>Workstation</dd>").contains("<dd>Up to date</dd>");
        assertThat(page("/assets/?search=ALPHA-SRV01", TECH).body()).contains("Reboot required");
        assertThat(jdbc.sql("SELECT rmm_site_uid || '>' || company_account_number FROM rmm_site_links ORDER BY 1").query(String.class).list())
                .containsExactly("site-a>300001", "site-b>300003");

        datto.verify(postRequestedFor(urlPathEqualTo("/auth/oauth/token")).withBasicAuth(new BasicCredentials("public-client", "public"))
                .withRequestBody(containing("grant_type=password")).withRequestBody(containing("username=datto-public"))
                .withRequestBody(containing("password=datto-secret")));
        datto.verify(getRequestedFor(urlPathEqualTo("/api/v2/account/sites")).withHeader("Authorization", equalTo("Bearer tok-1"))
                .withQueryParam("page", equalTo("1")));
    }

    @Test
    void renamesKeepTheAssetReRunsAreIdempotentAndOnlyCompletelyFetchedSitesLoseDevices() {
        stubSites();
        // an asset imported before the RMM knew it: adopted by hostname, not duplicated
        jdbc.sql("INSERT INTO assets (hostname, company_account_number, hardware_type) VALUES ('alpha-ws01', '300001', 'Desktop')").update();
        long imported = assetId("alpha-ws01");
        String ws = device("dev-1", "ALPHA-WS01", "Desktop", "FullyPatched", null, null, "Alpha Dental - Main Office");
        String ws2 = device("dev-2", "ALPHA-WS02", "Desktop", "FullyPatched", null, null, "Alpha Dental - Main Office");
        stubPage("/api/v2/site/site-a/devices", "devices", ws + "," + ws2, null, null);
        stubPage("/api/v2/site/site-b/devices", "devices", device("dev-3", "BETA-LT01", "Laptop", "NoData", null, null, "Beta Law"), null, null);
        assertThat(awaitJob(startJob("/sync/datto")).get("success").asBoolean()).isTrue();
        assertThat(assetId("ALPHA-WS01")).isEqualTo(imported);
        assertThat(count("SELECT count(*) FROM assets")).isEqualTo(3);

        // a contact link (local-only) on the workstation; then it is renamed in Datto
        jdbc.sql("INSERT INTO contacts (name, email, primary_email) VALUES ('Jo Doe', 'jo@alpha.example', 'jo@alpha.example')").update();
        jdbc.sql("INSERT INTO asset_contact_link (asset_id, contact_id) SELECT ?, id FROM contacts WHERE email = 'jo@alpha.example'")
                .param(imported).update();
        datto.resetMappings();
        configureToken();
        stubSites();
        stubPage("/api/v2/site/site-a/devices", "devices", device("dev-1", "ALPHA-RECEPTION", "Desktop", "FullyPatched", null, null,
                "Alpha Dental - Main Office") + "," + ws2, null, null);
        stubPage("/api/v2/site/site-b/devices", "devices", device("dev-3", "BETA-LT01", "Laptop", "NoData", null, null, "Beta Law"), null, null);
        JsonNode renamed = awaitJob(startJob("/sync/datto"));
        assertThat(renamed.get("output").asString()).contains("Assets: 0 created, 3 updated, 0 deleted");
        assertThat(assetId("ALPHA-RECEPTION")).isEqualTo(imported);
        assertThat(count("SELECT count(*) FROM asset_contact_link WHERE asset_id = ?", imported)).isEqualTo(1);

        // idempotent: the same answers change nothing
        JsonNode again = awaitJob(startJob("/sync/datto"));
        assertThat(again.get("output").asString()).contains("Assets: 0 created, 3 updated, 0 deleted");
        assertThat(count("SELECT count(*) FROM assets")).isEqualTo(3);

        // site A drops ALPHA-WS02 (complete fetch: deleted); site B's device list fails (its laptop is kept)
        datto.resetMappings();
        configureToken();
        stubSites();
        stubPage("/api/v2/site/site-a/devices", "devices", device("dev-1", "ALPHA-RECEPTION", "Desktop", "FullyPatched", null, null,
                "Alpha Dental - Main Office"), null, null);
        datto.stubFor(WireMock.get(urlPathEqualTo("/api/v2/site/site-b/devices")).willReturn(aResponse().withStatus(503)));
        JsonNode partial = awaitJob(startJob("/sync/datto"));
        assertThat(partial.get("status").asString()).isEqualTo("completed");
        assertThat(partial.get("success").asBoolean()).isFalse();
        assertThat(partial.get("error").asString()).contains("Site Beta Law: devices not fetched").contains("its assets are kept");
        assertThat(count("SELECT count(*) FROM assets WHERE hostname = 'ALPHA-WS02'")).isZero();
        assertThat(count("SELECT count(*) FROM assets WHERE hostname = 'BETA-LT01'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM assets WHERE hostname = 'ALPHA-RECEPTION'")).isEqualTo(1);
    }

    @Test
    void rateLimitIsWaitedOutAndRejectedCredentialsFailTheJobKeepingAssets() {
        stubSites();
        datto.stubFor(WireMock.get(urlPathEqualTo("/api/v2/site/site-a/devices")).inScenario("limit").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("{\"message\":\"Too Many Requests\"}"))
                .willSetStateTo("open"));
        datto.stubFor(WireMock.get(urlPathEqualTo("/api/v2/site/site-a/devices")).inScenario("limit").whenScenarioStateIs("open")
                .willReturn(okJson("""
                        {"pageDetails": {"count": 1, "totalCount": 1, "prevPageUrl": null, "nextPageUrl": null}, "devices": [%s]}"""
                        .formatted(device("dev-1", "ALPHA-WS01", "Desktop", "FullyPatched", null, null, "Alpha Dental")))));
        stubPage("/api/v2/site/site-b/devices", "devices", "", null, null);
        JsonNode job = awaitJob(startJob("/sync/datto"));
        assertThat(job.get("success").asBoolean()).as(job.toString()).isTrue();
        assertThat(count("SELECT count(*) FROM assets WHERE hostname = 'ALPHA-WS01'")).isEqualTo(1);
        datto.verify(2, getRequestedFor(urlPathEqualTo("/api/v2/site/site-a/devices")));

        // the key is revoked: the token request is refused, the job fails with that reason and nothing is deleted
        datto.stubFor(WireMock.post(urlPathEqualTo("/auth/oauth/token")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"unauthorized\",\"error_description\":\"Bad credentials\"}")));
        JsonNode refused = awaitJob(startJob("/sync/datto"));
        assertThat(refused.get("status").asString()).isEqualTo("failed");
        assertThat(refused.get("error").asString()).contains("Datto RMM rejected the API key and secret (HTTP 401)");
        assertThat(count("SELECT count(*) FROM assets WHERE hostname = 'ALPHA-WS01'")).isEqualTo(1);
    }

    @Test
    void pushSetsAccountNumbersByLongestNameAndCountsFailures() {
        stubPage("/api/v2/account/sites", "sites", String.join(",", site("site-a", "Alpha Dental - Main Office"), site("site-b", "Beta Law"),
                site("site-c", "Alpha Branch"), site("site-x", "Unknown Co")), null, null);
        stubVariables("site-a", null);            // no number yet: created (PUT)
        stubVariables("site-b", "999999");         // a number no company has: updated (POST by id)
        stubVariables("site-c", "300003");         // another company's number: left alone
        datto.stubFor(WireMock.put(urlPathEqualTo("/api/v2/site/site-a/variable")).willReturn(okJson("{}")));
        datto.stubFor(WireMock.post(urlPathEqualTo("/api/v2/site/site-b/variable/10")).willReturn(aResponse().withStatus(500)));

        JsonNode job = awaitJob(startJob("/sync/push-to-datto"));
        assertThat(job.get("script").asString()).isEqualTo("push-to-datto");
        assertThat(job.get("status").asString()).isEqualTo("completed");
        assertThat(job.get("success").asBoolean()).as("a failed write is a failure").isFalse();
        assertThat(job.get("error").asString()).contains("Site Beta Law: account number not set");
        assertThat(job.get("output").asString()).contains("Site Alpha Dental - Main Office → 300001")
                .contains("Site Alpha Branch keeps account number 300003")
                .contains("Account numbers: 1 set, 0 already right, 1 linked to another company, 1 sites without a matching company, 1 failed");
        // "Alpha Dental" (longest name contained), not "Alpha"
        datto.verify(putRequestedFor(urlPathEqualTo("/api/v2/site/site-a/variable"))
                .withRequestBody(equalToJson("{\"name\": \"AccountNumber\", \"value\": \"300001\", \"masked\": false}")));
        datto.verify(postRequestedFor(urlPathEqualTo("/api/v2/site/site-b/variable/10"))
                .withRequestBody(equalToJson("{\"name\": \"AccountNumber\", \"value\": \"300003\"}")));
    }

    @Test
    void rmmSyncIsAdminOnlyAndNeedsConfiguration() {
        assertProblemOrStatus(post("/sync/datto", null, TECH), 403);
        assertProblemOrStatus(post("/sync/push-to-datto", null, BILLING), 403);
        settings.put("datto.base_url", "");
        settings.put("datto.region", "");
        Response r = post("/sync/datto", null, ADMIN);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asString()).contains("Datto RMM is not configured");
        assertThat(List.of(count("SELECT count(*) FROM sync_jobs"))).containsExactly(0L);
    }

    @Test
    void adminSavesDattoSettingsByRegionWithoutShowingTheKeys() {
        Response bad = form("/admin/update-datto", Map.of("datto_region", "attacker.example.com", "datto_api_key", "k"), ADMIN);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body()).contains("must be one of zinfandel");
        assertThat(settings.get("datto.region")).isEmpty();

        Response ok = form("/admin/update-datto", Map.of("datto_region", "merlot", "datto_api_key", "pub-123456",
                "datto_api_secret", "sec-abcdef"), ADMIN);
        assertThat(ok.status()).isEqualTo(302);
        assertThat(settings.get("datto.region")).contains("merlot");
        assertThat(settings.get("datto.api_secret")).contains("sec-abcdef");
        assertThat(jdbc.sql("SELECT value FROM app_settings WHERE key = 'datto.api_secret'").query(String.class).single())
                .as("stored encrypted").doesNotContain("sec-abcdef");
        Response admin = page("/admin/", ADMIN);
        assertThat(admin.body()).contains("API keys configured").doesNotContain("sec-abcdef").doesNotContain("pub-123456");

        Response providers = form("/admin/update-providers", Map.of("psa_provider", "nope", "rmm_provider", "datto"), ADMIN);
        assertThat(providers.status()).isEqualTo(422);
        assertThat(providers.body()).contains("must be one of freshservice, superops");
        assertThat(form("/admin/update-datto", Map.of("datto_region", "merlot"), TECH).status()).isEqualTo(403);
    }

    private void assertProblemOrStatus(Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
    }

    private void configureToken() {
        datto.stubFor(WireMock.post(urlPathEqualTo("/auth/oauth/token")).willReturn(okJson("""
                {"access_token": "tok-2", "token_type": "bearer", "expires_in": 359999, "scope": "default"}""")));
    }
}
