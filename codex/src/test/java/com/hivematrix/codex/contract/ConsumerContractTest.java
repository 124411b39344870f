package com.hivematrix.codex.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hivematrix.codex.CodexTestBase;

import tools.jackson.databind.JsonNode;

/**
 * The JSON shapes other services parse as-is (spec §2.5–2.9, §10.2, §11.3), one test per consumer,
 * each called with that consumer's service token. Field sets are exact (order is free, as in JSON): a renamed, missing or
 * extra field fails here before it breaks Ledger, Beacon, Brainhair or KnowledgeTree.
 */
class ConsumerContractTest extends CodexTestBase {

    static final String[] COMPANY_SUMMARY = {"account_number", "name", "description", "compliance_level", "billing_plan",
            "contract_term_length", "contract_start_date", "contract_end_date", "support_level", "profit_or_non_profit",
            "company_main_number", "company_start_date", "domains", "phone_system", "email_system"};
    static final String[] BILLING_ASSET = {"id", "hostname", "hardware_type", "operating_system", "device_type", "last_logged_in_user",
            "antivirus_product", "ext_ip_address", "int_ip_address", "domain", "online", "last_seen", "backup_usage_tb", "backup_data_bytes"};
    static final String[] CONTACT = {"id", "name", "email", "title", "employment_type", "active", "mobile_phone_number",
            "work_phone_number", "secondary_emails"};
    static final String[] LOCATION = {"id", "name", "address", "phone_number"};
    static final String[] BILLING_TICKET = {"ticket_id", "ticket_number", "subject", "description", "description_text", "status",
            "priority", "requester_email", "requester_name", "created_at", "last_updated_at", "closed_at", "total_hours_spent",
            "conversations", "notes"};
    static final String[] COSTS = {"per_user_cost", "per_workstation_cost", "per_server_cost", "per_vm_cost", "per_switch_cost",
            "per_firewall_cost", "per_hour_ticket_cost", "backup_base_fee_workstation", "backup_base_fee_server", "backup_included_tb",
            "backup_per_tb_fee"};

    static final String BEACON = ISSUER.serviceToken("beacon", "codex");
    static final String BRAINHAIR = ISSUER.serviceToken("brainhair", "codex");
    static final String KNOWLEDGETREE = ISSUER.serviceToken("knowledgetree", "codex");

    long assetId;
    long contactId;

    @BeforeEach
    void data() {
        if (jdbc.sql("SELECT count(*) FROM companies").query(Long.class).single() == 0) {
            company("600001", "Contract Co", "Gold");
            jdbc.sql("INSERT INTO assets (hostname, company_account_number, hardware_type, online, backup_usage_tb) VALUES ('CC-WS1', '600001', 'Desktop', true, 0.5)").update();
            jdbc.sql("INSERT INTO contacts (name, email, primary_email, external_id, active) VALUES ('Cara Contract', 'cara@cc.test', 'cara@cc.test', 801, true)").update();
            jdbc.sql("INSERT INTO contact_company_link (contact_id, company_account_number) SELECT id, '600001' FROM contacts").update();
            jdbc.sql("INSERT INTO locations (name, address, company_account_number) VALUES ('HQ', '2 Side St', '600001')").update();
            jdbc.sql("INSERT INTO psa_agents (external_id, external_source, first_name, last_name, email, active) VALUES (91, 'freshservice', 'Ada', 'Agent', 'ada@msp.test', true)").update();
            jdbc.sql("""
                    INSERT INTO ticket_details (external_id, external_source, ticket_number, subject, status, status_id, priority, priority_id,
                        company_account_number, requester_id, responder_id, group_id, created_at, last_updated_at, total_hours_spent, notes)
                    VALUES (7001, 'freshservice', '7001', 'Laptop', 'open', 2, 'medium', 2, '600001', 801, 91, 5, now() - interval '2 days',
                            now() - interval '1 hour', 1.25, '[]')""").update();
            jdbc.sql("INSERT INTO billing_plans (plan_name, term_length, support_level) VALUES ('Gold', 'Month to Month', 'Unlimited')").update();
            jdbc.sql("INSERT INTO plan_features (plan_id, feature_type, feature_value) SELECT id, 'antivirus', 'SentinelOne' FROM billing_plans").update();
        }
        assetId = jdbc.sql("SELECT id FROM assets").query(Long.class).single();
        contactId = jdbc.sql("SELECT id FROM contacts").query(Long.class).single();
    }

    static JsonNode only(JsonNode array) {
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(1);
        return array.get(0);
    }

    @Test
    void ledgerShapes() {
        int year = java.time.Year.now(java.time.ZoneOffset.UTC).getValue();
        JsonNode bulk = get("/api/companies/bulk?include_tickets=true&year=" + year, ISSUER.serviceToken("ledger", "codex")).json();
        JsonNode entry = only(bulk);
        assertThat(entry.propertyNames()).containsExactlyInAnyOrder("company", "assets", "contacts", "locations", "tickets");
        assertThat(entry.get("company").propertyNames()).containsExactlyInAnyOrder(COMPANY_SUMMARY);
        assertThat(only(entry.get("assets")).propertyNames()).containsExactlyInAnyOrder(BILLING_ASSET);
        assertThat(only(entry.get("assets")).get("backup_usage_tb").isString()).isTrue();
        assertThat(only(entry.get("assets")).get("backup_data_bytes").asLong()).isEqualTo(549755813888L);
        assertThat(only(entry.get("contacts")).propertyNames()).containsExactlyInAnyOrder(CONTACT);
        assertThat(only(entry.get("locations")).propertyNames()).containsExactlyInAnyOrder(LOCATION);
        JsonNode ticket = only(entry.get("tickets"));
        assertThat(ticket.propertyNames()).containsExactlyInAnyOrder(BILLING_TICKET);
        assertThat(ticket.get("conversations").isArray()).isTrue();
        assertThat(ticket.get("total_hours_spent").isNumber()).isTrue();
        assertThat(only(get("/api/companies/bulk", LEDGER).json()).propertyNames()).containsExactlyInAnyOrder("company", "assets", "contacts", "locations");
        assertThat(only(get("/api/companies", LEDGER).json()).propertyNames()).containsExactlyInAnyOrder(COMPANY_SUMMARY);
        assertThat(only(get("/api/companies/600001/tickets?year=" + year, LEDGER).json()).propertyNames()).containsExactlyInAnyOrder(BILLING_TICKET);

        JsonNode plans = get("/billing-plans/api/plans", LEDGER).json();
        assertThat(plans.propertyNames()).containsExactlyInAnyOrder("status", "plans", "count");
        JsonNode plan = only(plans.get("plans"));
        assertThat(plan.propertyNames()).contains("id", "plan_name", "term_length", "support_level", "features", "feature_display_names").contains(COSTS);
        assertThat(plan.get("features").get("antivirus").asString()).isEqualTo("SentinelOne");
        for (String cost : COSTS) {
            assertThat(plan.get(cost).isNumber()).as(cost).isTrue();
        }
        JsonNode one = get("/billing-plans/api/plans/Gold/Month%20to%20Month", LEDGER).json();
        assertThat(one.propertyNames()).containsExactlyInAnyOrder("status", "plan");
        assertThat(one.get("plan").get("id").asLong()).isEqualTo(plan.get("id").asLong());
        Response missing = get("/billing-plans/api/plans/Gold/2%20Year", LEDGER);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().propertyNames()).containsExactlyInAnyOrder("status", "message");
        assertThat(get("/billing-plans/api/feature-options", LEDGER).json().propertyNames()).containsExactlyInAnyOrder("status", "features", "categories");
        assertThat(get("/billing-plans/api/feature-categories", LEDGER).json().propertyNames()).containsExactlyInAnyOrder("status", "categories", "count");
    }

    @Test
    void beaconShapes() {
        JsonNode feed = get("/api/tickets/active", BEACON).json();
        assertThat(feed.propertyNames()).containsExactlyInAnyOrder("section1", "section2", "section3", "section4", "total_active", "last_updated", "last_sync_time");
        assertThat(only(feed.get("section1")).get("agent_name").asString()).isEqualTo("Ada Agent");

        assertThat(only(get("/api/psa/tickets", BEACON).json()).propertyNames()).containsExactlyInAnyOrder("id", "external_id", "source",
                "ticket_number", "subject", "status", "priority", "company_id", "company_name", "requester_name", "requester_email",
                "responder_id", "group_id", "created_at", "updated_at", "total_hours");
        assertThat(only(get("/api/psa/tickets/active", BEACON).json()).propertyNames()).containsExactlyInAnyOrder("id", "external_id", "source",
                "ticket_number", "subject", "status", "priority", "company_id", "company_name", "requester_name", "responder_id",
                "responder_name", "group_id", "created_at", "updated_at", "fr_due_by", "due_by");
        assertThat(only(get("/api/psa/agents", BEACON).json()).propertyNames()).containsExactlyInAnyOrder("id", "external_id", "source", "name",
                "email", "job_title", "active");
        assertThat(get("/api/psa/config", BEACON).json().propertyNames()).containsExactlyInAnyOrder("providers", "default_provider");
    }

    @Test
    void brainhairShapes() {
        JsonNode tickets = get("/api/tickets?company_id=600001", BRAINHAIR).json();
        assertThat(tickets.propertyNames()).containsExactlyInAnyOrder("tickets", "count", "total", "offset", "limit");
        assertThat(only(tickets.get("tickets")).propertyNames()).containsExactlyInAnyOrder("id", "ticket_number", "subject", "description_text",
                "status", "priority", "company_id", "company_compliance_level", "requester_email", "requester_name", "created_at",
                "last_updated_at", "closed_at", "total_hours_spent");
        assertThat(get("/api/ticket/7001", BRAINHAIR).json().propertyNames()).containsExactlyInAnyOrder("id", "ticket_number", "subject",
                "description", "description_text", "status", "status_text", "priority", "priority_text", "company_id", "company_name",
                "company_compliance_level", "requester_email", "requester_name", "created_at", "last_updated_at", "closed_at",
                "total_hours_spent", "conversations", "notes", "source");

        JsonNode devices = get("/api/rmm/devices", BRAINHAIR).json();
        assertThat(devices.propertyNames()).containsExactlyInAnyOrder("devices", "count");
        assertThat(only(devices.get("devices")).propertyNames()).containsExactlyInAnyOrder("id", "name", "company_id", "company_name", "status",
                "os", "device_type", "ip_address", "last_seen", "last_logged_in_user");
        assertThat(get("/api/rmm/device/device-" + assetId, BRAINHAIR).json().propertyNames()).contains("id", "name", "company_id",
                "company_name", "status", "os", "device_type", "ip_address", "last_seen", "domain", "antivirus", "patch_status", "last_reboot")
                .doesNotContain("health", "installed_software", "hardware", "mac_address");

        JsonNode company = get("/api/company/600001", BRAINHAIR).json();
        assertThat(company.propertyNames()).containsExactlyInAnyOrder(COMPANY_SUMMARY);
        assertThat(only(get("/api/companies/600001/contacts", BRAINHAIR).json()).propertyNames()).containsExactlyInAnyOrder(CONTACT);
        assertThat(only(get("/api/companies/600001/locations", BRAINHAIR).json()).propertyNames()).containsExactlyInAnyOrder(LOCATION);
        assertThat(only(get("/api/companies/600001/assets", BRAINHAIR).json()).propertyNames()).containsExactlyInAnyOrder(BILLING_ASSET);

        JsonNode contacts = get("/api/contacts?company_id=600001", BRAINHAIR).json();
        assertThat(contacts.propertyNames()).containsExactlyInAnyOrder("contacts", "pagination");
        assertThat(contacts.get("pagination").propertyNames()).containsExactlyInAnyOrder("page", "pages", "total", "has_prev", "has_next", "prev_num", "next_num");
        assertThat(only(contacts.get("contacts")).propertyNames()).containsExactlyInAnyOrder(concat(CONTACT, "company_account_numbers"));
        JsonNode contact = get("/api/contact/" + contactId, BRAINHAIR).json();
        assertThat(contact.propertyNames()).contains("id", "name", "email", "title", "employment_type", "active", "companies", "asset_ids");
        assertThat(only(contact.get("companies")).propertyNames()).containsExactlyInAnyOrder("account_number", "name", "compliance_level");

        JsonNode assets = get("/api/assets?company_id=600001", BRAINHAIR).json();
        assertThat(assets.propertyNames()).containsExactlyInAnyOrder("assets", "pagination");
        assertThat(only(assets.get("assets")).propertyNames()).containsExactlyInAnyOrder(concat(BILLING_ASSET, "company_account_number", "company_name"));
        JsonNode asset = get("/api/asset/" + assetId, BRAINHAIR).json();
        assertThat(asset.propertyNames()).contains("id", "hostname", "company_account_number", "company_name", "backup_usage_tb", "contact_ids")
                .doesNotContain("udf2", "udf9");
        assertThat(get("/api/contact/999999", BRAINHAIR).json().propertyNames()).containsExactlyInAnyOrder("error");
        assertThat(get("/api/asset/999999", BRAINHAIR).json().propertyNames()).containsExactlyInAnyOrder("error");
    }

    @Test
    void knowledgeTreeShapes() {
        assertThat(only(get("/api/companies/600001/users", KNOWLEDGETREE).json()).propertyNames()).containsExactlyInAnyOrder(CONTACT);
        assertThat(only(get("/api/companies/600001/tickets", KNOWLEDGETREE).json()).propertyNames()).containsExactlyInAnyOrder(BILLING_TICKET);
    }

    @Test
    void listPagesShapes() {
        JsonNode assets = get("/assets/api/search", TECH).json();
        assertThat(assets.propertyNames()).containsExactlyInAnyOrder("success", "assets", "pagination");
        assertThat(only(assets.get("assets")).propertyNames()).containsExactlyInAnyOrder("id", "hostname", "description", "hardware_type",
                "operating_system", "antivirus_product", "online", "last_logged_in_user", "web_remote_url", "int_ip_address",
                "ext_ip_address", "domain", "last_seen", "patch_status", "company_name", "company_account_number");
        JsonNode companies = get("/companies/api/search", TECH).json();
        assertThat(only(companies.get("companies")).propertyNames()).containsExactlyInAnyOrder("account_number", "name", "description",
                "plan_selected", "email_system", "phone_system", "contract_end_date");
        JsonNode contacts = get("/contacts/api/search", TECH).json();
        assertThat(only(contacts.get("contacts")).propertyNames()).containsExactlyInAnyOrder("id", "name", "email", "mobile_phone_number",
                "work_phone_number", "active", "company_count");
    }

    static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
