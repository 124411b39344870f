package com.hivematrix.codex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.shared.security.SessionStatus;
import com.hivematrix.shared.testsupport.TestTokenIssuer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Full-context tests against the machine's PostgreSQL, database {@code codex_test} (created by
 * shared-lib's DatabaseProvisioning, migrated by Flyway), emptied once per test class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=${HIVEMATRIX_PG_URL_CODEX_TEST:jdbc:postgresql://127.0.0.1:5432/codex_test}",
        "hivematrix.registry-file=src/test/resources/test-services.json",
        "hivematrix.logs.ship-to-helm=false",
        "codex.scheduler.enabled=false",
        "codex.sync.stream.keep-alive-ms=1000"})
@Import(CodexTestBase.TestSecurity.class)
public abstract class CodexTestBase {

    protected static final TestTokenIssuer ISSUER = new TestTokenIssuer();
    protected static final HttpClient HTTP = HttpClient.newHttpClient();
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    protected static final String ADMIN = ISSUER.userToken("admin");
    protected static final String TECH = ISSUER.userToken("technician");
    protected static final String BILLING = ISSUER.userToken("billing");
    protected static final String CLIENT = ISSUER.userToken("client");
    protected static final String LEDGER = ISSUER.serviceToken("ledger", "codex");
    protected static final String NEXUS = ISSUER.serviceToken("nexus", "codex");

    private static boolean cleaned;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @TestConfiguration
    static class TestSecurity {
        @Bean
        SessionStatus sessionStatus() {
            return jwt -> true;
        }
    }

    @DynamicPropertySource
    static void jwks(DynamicPropertyRegistry registry) {
        registry.add("hivematrix.security.jwks-uri", ISSUER::jwksUri);
    }

    @BeforeAll
    static void markDirty() {
        cleaned = false;
    }

    @BeforeEach
    void cleanOncePerClass() {
        if (!cleaned) {
            jdbc.sql("""
                    TRUNCATE companies, contacts, contact_company_link, assets, asset_contact_link, company_feature_overrides,
                      locations, rmm_site_links, psa_agents, ticket_details, sync_jobs, billing_plans, plan_features,
                      feature_options, agents, app_settings RESTART IDENTITY CASCADE""").update();
            jdbc.sql("""
                    INSERT INTO feature_options (feature_category, option_value, display_name)
                    SELECT feature_key, 'Not Included', 'Not Included' FROM feature_category_config""").update();
            cleaned = true;
        }
    }

    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String contentType() {
            return raw.headers().firstValue("Content-Type").orElse("");
        }
    }

    protected Response get(String path, String token) {
        return send("GET", path, null, token, "application/json");
    }

    protected Response put(String path, Object body, String token) {
        return send("PUT", path, body, token, "application/json");
    }

    protected Response post(String path, Object body, String token) {
        return send("POST", path, body, token, "application/json");
    }

    protected Response delete(String path, String token) {
        return send("DELETE", path, null, token, "application/json");
    }

    protected Response send(String method, String path, Object body, String token, String contentType) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", "application/json");
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String s = body instanceof String str ? str : JSON.writeValueAsString(body);
                b.method(method, HttpRequest.BodyPublishers.ofString(s)).header("Content-Type", contentType);
            }
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page as Nexus fetches it: bearer token, Accept text/html, X-Forwarded-Prefix /codex. */
    protected Response page(String path, String token) {
        return html("GET", path, null, token);
    }

    /** A form post through the gateway (application/x-www-form-urlencoded). */
    protected Response form(String path, Map<String, String> fields, String token) {
        String body = fields.entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        return html("POST", path, body, token);
    }

    private Response html(String method, String path, String form, String token) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Accept", "text/html").header("X-Forwarded-Prefix", "/codex")
                    .header("Authorization", "Bearer " + token);
            if (form == null) {
                b.GET();
            } else {
                b.POST(HttpRequest.BodyPublishers.ofString(form)).header("Content-Type", "application/x-www-form-urlencoded");
            }
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    protected static void assertProblem(Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    /** Inserts a company row directly (test fixture). */
    protected void company(String acct, String name, String plan) {
        jdbc.sql("INSERT INTO companies (account_number, name, plan_selected, billing_plan, contract_term_length) VALUES (?, ?, ?, ?, 'Month to Month')")
                .params(acct, name, plan, plan).update();
    }

    /** Starts a sync job through its admin endpoint; returns the job id. */
    protected String startJob(String path) {
        Response r = post(path, null, ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("job_id").asString();
    }

    /** Waits until the job is no longer running; returns its final status document. */
    protected JsonNode awaitJob(String id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !"running".equals(get("/sync/status/" + id, ADMIN).json().get("status").asString()));
        return get("/sync/status/" + id, ADMIN).json();
    }

    protected long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    protected long assetId(String hostname) {
        return jdbc.sql("SELECT id FROM assets WHERE hostname = ?").param(hostname).query(Long.class).single();
    }
}
