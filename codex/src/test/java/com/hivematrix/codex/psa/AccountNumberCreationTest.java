package com.hivematrix.codex.psa;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.hivematrix.codex.CodexTestBase;
import com.hivematrix.codex.settings.SettingsService;

import tools.jackson.databind.JsonNode;

/** Account-number creation (spec §7) against WireMock playing Freshservice: numbers written back as integers, failures counted. */
class AccountNumberCreationTest extends CodexTestBase {

    /** Started before and reset before every test by the extension. */
    @RegisterExtension
    static WireMockExtension fs = WireMockExtension.newInstance().options(options().dynamicPort()).build();

    @Autowired
    SettingsService settings;

    @Test
    void departmentsWithoutNumbersGetFreeSixDigitNumbersWrittenBack() {
        settings.put("psa.default_provider", "freshservice");
        settings.put("freshservice.domain", "acme.freshservice.com");
        settings.put("freshservice.base_url", fs.baseUrl() + "/api/v2");
        settings.putSecret("freshservice.api_key", "fs-key");
        settings.put("freshservice.pacing_ms", "0");
        fs.stubFor(WireMock.get(urlPathEqualTo("/api/v2/departments")).willReturn(okJson("""
                {"departments": [
                  {"id": 601, "name": "Numbered Co", "custom_fields": {"account_number": 500601}},
                  {"id": 602, "name": "New Client", "custom_fields": {"account_number": null}},
                  {"id": 603, "name": "Locked Client", "custom_fields": {"account_number": ""}}]}""")));
        fs.stubFor(WireMock.put(urlPathEqualTo("/api/v2/departments/602")).willReturn(okJson("{\"department\": {\"id\": 602}}")));
        fs.stubFor(WireMock.put(urlPathEqualTo("/api/v2/departments/603")).willReturn(aResponse().withStatus(500)));

        Response r = post("/sync/create-account-numbers", null, ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String id = r.json().get("job_id").asString();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !"running".equals(get("/sync/status/" + id, ADMIN).json().get("status").asString()));
        JsonNode job = get("/sync/status/" + id, ADMIN).json();
        assertThat(job.get("script").asString()).isEqualTo("create-account-numbers");
        assertThat(job.get("success").asBoolean()).as("the refused write is a failure").isFalse();
        assertThat(job.get("output").asString()).contains("Account numbers: 1 created, 1 failed, 1 companies already numbered");
        assertThat(job.get("error").asString()).contains("Locked Client (603): account number not written");

        fs.verify(putRequestedFor(urlPathEqualTo("/api/v2/departments/602"))
                .withRequestBody(matchingJsonPath("$.custom_fields.account_number", matching("[1-9][0-9]{5}"))));
        LoggedRequest put = fs.findAll(putRequestedFor(urlPathEqualTo("/api/v2/departments/602"))).get(0);
        assertThat(put.getBodyAsString()).as("sent as a number, not a string").doesNotContain("\"account_number\":\"");
        assertThat(put.getBodyAsString()).doesNotContain("500601");
        assertThat(post("/sync/create-account-numbers", null, TECH).status()).isEqualTo(403);
        assertThat(fs.findAll(putRequestedFor(urlPathEqualTo("/api/v2/departments/601")))).as("numbered departments are left alone").isEmpty();
    }
}
