package com.hivematrix.brainhair;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.hivematrix.brainhair.support.Http;
import com.hivematrix.brainhair.support.ServiceProcess;
import com.hivematrix.brainhair.support.TestPlatform;

import tools.jackson.databind.JsonNode;

/**
 * Brainhair on a random port against PostgreSQL {@code brainhair_test}, calling the real Codex
 * and Ledger processes (their own test databases), with the model played by WireMock.
 * Codex holds a HIPAA dental practice, a standard bookshop and a CJIS sheriff's office.
 */
@SpringBootTest(classes = BrainhairApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/brainhair_test", "hivematrix.logs.ship-to-helm=false",
        "hivematrix.service-secret=test-secret", "brainhair.model.provider=ANTHROPIC", "brainhair.model.model=claude-test",
        "brainhair.model.api-key=sk-ant-test-key", "brainhair.model.max-retries=0", "brainhair.keep-alive=1s"})
public abstract class BrainhairTestBase {

    protected static final WireMockServer MODEL = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        MODEL.start();
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;
    protected Http http;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("hivematrix.security.jwks-uri", TestPlatform.ISSUER::jwksUri);
        registry.add("hivematrix.registry-file",
                () -> TestPlatform.registry(ServiceProcess.codex().url(), ServiceProcess.ledger().url()).toString());
        registry.add("brainhair.model.base-url", MODEL::baseUrl);
    }

    static boolean seeded;

    @BeforeAll
    static synchronized void seedCodex() throws Exception {
        if (seeded) {
            return;
        }
        try (Connection c = ServiceProcess.codex().connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE ticket_details, contact_company_link, contacts, assets, locations, plan_features, billing_plans, companies "
                    + "RESTART IDENTITY CASCADE");
            s.execute("""
                    INSERT INTO billing_plans (plan_name, term_length, support_level, per_user_cost, per_workstation_cost, per_server_cost,
                      per_vm_cost, per_switch_cost, per_firewall_cost, per_hour_ticket_cost, backup_base_fee_workstation,
                      backup_base_fee_server, backup_included_tb, backup_per_tb_fee)
                    VALUES ('Premium', '1 Year', 'All Inclusive', 125, 0, 125, 75, 25, 25, 150, 10, 50, 1, 100),
                           ('Basic', 'Month to Month', 'Billed Hourly', 10, 5, 50, 20, 0, 0, 100, 0, 0, 1, 0)""");
            s.execute("""
                    INSERT INTO companies (account_number, name, plan_selected, contract_term_length, contract_start_date, support_level,
                                           compliance_level)
                    VALUES ('100200', 'Example Dental', 'Premium', '1 Year', '2025-01-15', 'All Inclusive', 'hipaa'),
                           ('100300', 'Basic Books', 'Basic', 'Month to Month', NULL, 'Billed Hourly', 'standard'),
                           ('100400', 'County Sheriff', 'Basic', 'Month to Month', NULL, 'Billed Hourly', 'cjis')""");
            s.execute("""
                    INSERT INTO assets (id, hostname, company_account_number, device_type, int_ip_address)
                    VALUES (101, 'DENTAL-SRV1', '100200', 'Server', '10.20.0.5'), (102, 'DENTAL-WS1', '100200', 'Workstation', '10.20.0.21'),
                           (201, 'BOOKS-WS1', '100300', 'Workstation', '192.168.1.20'), (301, 'SHERIFF-WS1', '100400', 'Workstation', '172.16.4.9')""");
            s.execute("""
                    INSERT INTO contacts (id, name, primary_email, email, active, mobile_phone_number)
                    VALUES (1, 'Zorion Quaye', 'zq@exampledental.test', 'zq@exampledental.test', true, '555-201-3344'),
                           (2, 'Jennifer Walsh', 'jw@exampledental.test', 'jw@exampledental.test', true, '555-201-9000'),
                           (3, 'Books Owner', 'owner@books.test', 'owner@books.test', true, NULL),
                           (4, 'Dale Marsh', 'dale.marsh@sheriff.test', 'dale.marsh@sheriff.test', true, '555-404-1000')""");
            s.execute("INSERT INTO contact_company_link (contact_id, company_account_number) VALUES (1, '100200'), (2, '100200'), "
                    + "(3, '100300'), (4, '100400')");
            s.execute("INSERT INTO locations (name, address, phone_number, company_account_number) VALUES "
                    + "('Harbor Clinic', '12 Harbor Street', '555-201-0000', '100200')");
            s.execute("""
                    INSERT INTO ticket_details (external_id, company_account_number, ticket_number, subject, status, priority, requester_name,
                                                last_updated_at, total_hours_spent)
                    VALUES (5001, '100200', 'T1', 'Call back Zorion Quaye at 555-201-3344 re SSN 123-45-6789', 'Open', 'High',
                            'Jennifer Walsh', '2025-10-03T10:00:00Z', 1.5),
                           (5002, '100300', 'B1', 'Call back Jennifer Walsh at 555-201-3344 re SSN 123-45-6789', 'Open', 'Low',
                            'Books Owner', '2025-10-10T12:00:00Z', 0.5)""");
        }
        seeded = true;
    }

    @BeforeEach
    void clean() throws Exception {
        http = new Http("http://127.0.0.1:" + port);
        MODEL.resetAll();
        jdbc.sql("TRUNCATE chat_sessions, model_settings CASCADE").update();
        try (Connection c = ServiceProcess.ledger().connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE client_billing_overrides, client_feature_overrides, manual_assets, audit_log RESTART IDENTITY CASCADE");
        }
    }

    protected JsonNode send(String token, String message, String sessionId) {
        Map<String, Object> body = new HashMap<>();
        body.put("message", message);
        if (sessionId != null) {
            body.put("db_session_id", sessionId);
        }
        Http.Response r = http.post("/api/chat", token, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** All chunks of a response once it is done, through the original's poll endpoint. */
    protected List<JsonNode> awaitDone(String token, String responseId) {
        List<JsonNode> chunks = new ArrayList<>();
        int[] offset = {0};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode poll = ok(http.get("/api/chat/poll/" + responseId + "?offset=" + offset[0], token)).json();
            poll.path("chunks").forEach(chunks::add);
            offset[0] = poll.path("offset").asInt();
            return poll.path("done").asBoolean();
        });
        return chunks;
    }

    /** Waits for the response's pending approval and returns its id. */
    protected String awaitApproval(String token, String responseId) {
        String[] id = {null};
        int[] offset = {0};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode poll = ok(http.get("/api/chat/poll/" + responseId + "?offset=" + offset[0], token)).json();
            offset[0] = poll.path("offset").asInt();
            poll.path("chunks").forEach(c -> {
                if ("approval_request".equals(c.path("type").asString())) {
                    id[0] = c.path("approval_id").asString();
                }
            });
            return id[0] != null;
        });
        return id[0];
    }

    protected static String text(List<JsonNode> chunks) {
        StringBuilder b = new StringBuilder();
        chunks.stream().filter(c -> "chunk".equals(c.path("type").asString())).forEach(c -> b.append(c.path("content").asString()));
        return b.toString();
    }

    /** The bodies the model received, in order. */
    protected static List<JsonNode> modelRequests() {
        List<LoggedRequest> requests = new ArrayList<>(MODEL.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl())));
        requests.sort((a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
        return requests.stream().map(r -> Http.JSON.readTree(r.getBodyAsString())).toList();
    }

    protected static Http.Response ok(Http.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 201);
        return r;
    }

    protected static JsonNode problem(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).startsWith("application/problem+json");
        return r.json();
    }
}
