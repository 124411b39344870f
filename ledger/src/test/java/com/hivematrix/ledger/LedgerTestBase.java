package com.hivematrix.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.ledger.support.Http;
import com.hivematrix.ledger.support.TestPlatform;
import com.hivematrix.shared.testsupport.CodexProcess;

import tools.jackson.databind.JsonNode;

/**
 * Ledger on a random port against PostgreSQL database {@code ledger_test}, reading the real Codex
 * process (database {@code ledger_codex_test}) seeded with the §A6 worked example and a few
 * companies the dashboard must not lose.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/ledger_test", "hivematrix.logs.ship-to-helm=false",
        "hivematrix.service-secret=test-secret", "ledger.allowed-services=brainhair", "ledger.snapshot.cron=-"})
public abstract class LedgerTestBase {

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcClient jdbc;
    protected Http http;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) {
        registry.add("hivematrix.security.jwks-uri", TestPlatform.ISSUER::jwksUri);
        registry.add("hivematrix.registry-file", () -> TestPlatform.registry(CodexProcess.get("ledger", TestPlatform.ISSUER, TestPlatform.CORE).url()).toString());
    }

    static boolean seeded;

    @BeforeAll
    static synchronized void seedCodex() throws Exception {
        if (seeded) {
            return;
        }
        try (Connection c = CodexProcess.get("ledger", TestPlatform.ISSUER, TestPlatform.CORE).connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE ticket_details, contact_company_link, contacts, assets, locations, plan_features, billing_plans, companies "
                    + "RESTART IDENTITY CASCADE");
            s.execute("""
                    INSERT INTO billing_plans (plan_name, term_length, support_level, per_user_cost, per_workstation_cost, per_server_cost,
                      per_vm_cost, per_switch_cost, per_firewall_cost, per_hour_ticket_cost, backup_base_fee_workstation,
                      backup_base_fee_server, backup_included_tb, backup_per_tb_fee)
                    VALUES ('Premium', '1 Year', 'All Inclusive', 125, 0, 125, 75, 25, 25, 150, 10, 50, 1, 100),
                           ('Basic', 'Month to Month', 'Billed Hourly', 10, 5, 50, 20, 0, 0, 100, 0, 0, 1, 0)""");
            s.execute("INSERT INTO plan_features (plan_id, feature_type, feature_value) VALUES (1, 'antivirus', 'Defender')");
            s.execute("""
                    INSERT INTO companies (account_number, name, plan_selected, contract_term_length, contract_start_date, support_level)
                    VALUES ('100200', 'Example Dental', 'Premium', '1 Year', '2025-01-15', 'All Inclusive'),
                           ('100300', 'Basic Books', 'Basic', 'Month to Month', NULL, 'Billed Hourly'),
                           ('100400', 'No Plan Co', NULL, NULL, NULL, NULL),
                           ('100500', 'Ghost Plan LLC', 'Platinum', '2 Year', '2024-03-01', NULL),
                           ('100600', 'Gone Away Inc', 'Inactive', NULL, NULL, NULL)""");
            StringBuilder assets = new StringBuilder("INSERT INTO assets (id, hostname, company_account_number, device_type, backup_usage_tb) VALUES ");
            for (int id = 101; id <= 112; id++) {
                boolean server = id <= 102;
                assets.append(id == 101 ? "" : ", ").append("(").append(id).append(", 'HOST-").append(id).append("', '100200', '")
                        .append(server ? "Server" : "Workstation").append("', ").append(id == 101 ? "2.0" : id == 102 ? "1.5" : "NULL").append(")");
            }
            assets.append(", (201, 'BB-WS1', '100300', 'Workstation', NULL), (202, 'BB-SRV', '100300', 'Server', NULL)");
            s.execute(assets.toString());
            StringBuilder contacts = new StringBuilder("INSERT INTO contacts (id, name, primary_email, email, active) VALUES ");
            for (int id = 1; id <= 10; id++) {
                contacts.append(id == 1 ? "" : ", ").append("(").append(id).append(", 'Person ").append(String.format("%02d", id))
                        .append("', 'p").append(id).append("@x.test', 'p").append(id).append("@x.test', true)");
            }
            contacts.append(", (11, 'Books Owner', 'o@b.test', 'o@b.test', true), (12, 'Books Leaver', 'l@b.test', 'l@b.test', false)");
            s.execute(contacts.toString());
            s.execute("INSERT INTO contact_company_link (contact_id, company_account_number) SELECT id, '100200' FROM contacts WHERE id <= 10");
            // Person 01 is also linked to Basic Books: billed once, by its home company 100200
            s.execute("INSERT INTO contact_company_link (contact_id, company_account_number) VALUES (11, '100300'), (12, '100300'), (1, '100300')");
            s.execute("""
                    INSERT INTO ticket_details (external_id, company_account_number, ticket_number, subject, last_updated_at, total_hours_spent)
                    VALUES (1, '100200', 'T1', 'Printer', '2025-10-03T10:00:00Z', 3.5),
                           (2, '100200', 'T2', 'VPN', '2025-10-20T09:30:00Z', 2.0),
                           (3, '100200', 'T3', 'Late', '2025-10-31T23:00:00Z', 1.25),
                           (4, '100200', 'T4', 'September', '2025-09-30T12:00:00Z', 5.0),
                           (5, '100300', 'B1', 'Books', '2025-10-10T12:00:00Z', 1.5),
                           (6, '100300', 'B2', 'No date', NULL, 4.0)""");
        }
        seeded = true;
    }

    @BeforeEach
    void cleanLedger() {
        http = new Http("http://127.0.0.1:" + port);
        jdbc.sql("TRUNCATE client_billing_overrides, asset_billing_overrides, user_billing_overrides, manual_assets, manual_users, "
                + "custom_line_items, client_feature_overrides, audit_log, snapshot_line_items, billing_snapshots, snapshot_jobs "
                + "RESTART IDENTITY CASCADE").update();
    }

    /** The §A6 worked example's Ledger data, entered through Ledger's own API. */
    protected void enterWorkedExampleAdjustments() {
        ok(http.put("/api/overrides/client/100200", TestPlatform.BILLING, java.util.Map.of("prepaid_hours_monthly", 4)));
        ok(http.put("/api/overrides/asset/101", TestPlatform.BILLING, java.util.Map.of("billing_type", "Server")));
        ok(http.put("/api/overrides/asset/102", TestPlatform.BILLING, java.util.Map.of("billing_type", "server")));
        ok(http.put("/api/overrides/asset/112", TestPlatform.BILLING, java.util.Map.of("billing_type", "No Charge")));
        ok(http.put("/api/overrides/user/9", TestPlatform.BILLING, java.util.Map.of("billing_type", "No Charge")));
        ok(http.put("/api/overrides/user/10", TestPlatform.BILLING, java.util.Map.of("billing_type", "Custom", "custom_cost", 50)));
        ok(http.post("/api/overrides/manual-assets/100200", TestPlatform.BILLING, java.util.Map.of("hostname", "CORE-SW1", "billing_type", "Switch")));
        ok(http.post("/api/overrides/line-items/100200", TestPlatform.BILLING, java.util.Map.of("name", "M365 Licenses", "monthly_fee", 500)));
        ok(http.post("/api/overrides/line-items/100200", TestPlatform.BILLING,
                java.util.Map.of("name", "Domain renewal", "yearly_fee", 120, "yearly_bill_month", 10)));
        ok(http.post("/api/overrides/line-items/100200", TestPlatform.BILLING,
                java.util.Map.of("name", "Onboarding", "one_off_fee", 720, "one_off_year", 2025, "one_off_month", 9)));
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
