package com.hivematrix.codex.company;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hivematrix.codex.CodexTestBase;

import tools.jackson.databind.JsonNode;

class CompanyApiTest extends CodexTestBase {

    @BeforeEach
    void data() {
        if (jdbc.sql("SELECT count(*) FROM companies").query(Long.class).single() > 0) {
            return;
        }
        company("100001", "Acme Dental", "Gold");
        company("100002", "Bravo Law", "Inactive");
        jdbc.sql("UPDATE companies SET contract_start_date = DATE '2024-03-01', domains = '[\"acme.test\"]' WHERE account_number = '100001'").update();
        jdbc.sql("INSERT INTO assets (hostname, company_account_number, hardware_type, online, backup_usage_tb, last_seen) "
                + "VALUES ('ACME-WS1', '100001', 'Desktop', true, 1.25, TIMESTAMPTZ '2025-06-01 10:00:00+00')").update();
        jdbc.sql("INSERT INTO contacts (name, email, primary_email, external_id) VALUES ('Ann Smith', 'ann@acme.test', 'ann@acme.test', 501)").update();
        jdbc.sql("INSERT INTO contact_company_link (contact_id, company_account_number) SELECT id, '100001' FROM contacts").update();
        jdbc.sql("INSERT INTO locations (name, address, company_account_number) VALUES ('Branch', '1 Main St', '100001')").update();
        jdbc.sql("INSERT INTO ticket_details (external_id, ticket_number, subject, status, company_account_number, last_updated_at, total_hours_spent, conversations) "
                + "VALUES (9001, '9001', 'Printer', 'closed', '100001', TIMESTAMPTZ '2024-12-31 23:00:00+00', 1.5, '[{\"body\":\"hi\"}]'), "
                + "(9002, '9002', 'VPN', 'open', '100001', TIMESTAMPTZ '2025-01-02 08:00:00+00', 0, NULL)").update();
    }

    @Test
    void companySummaryHasTheExactFieldsLedgerReads() {
        Response r = get("/api/companies/100001", LEDGER);
        assertThat(r.status()).isEqualTo(200);
        JsonNode c = r.json();
        assertThat(c.propertyNames()).containsExactly("account_number", "name", "description", "compliance_level", "billing_plan",
                "contract_term_length", "contract_start_date", "contract_end_date", "support_level", "profit_or_non_profit",
                "company_main_number", "company_start_date", "domains", "phone_system", "email_system");
        assertThat(c.get("billing_plan").asString()).isEqualTo("Gold");
        assertThat(c.get("compliance_level").asString()).isEqualTo("standard");
        assertThat(c.get("contract_start_date").asString()).isEqualTo("2024-03-01");
        assertThat(c.get("domains").asString()).isEqualTo("[\"acme.test\"]");
        assertThat(get("/api/company/100001", LEDGER).json().get("name").asString()).isEqualTo("Acme Dental");
    }

    @Test
    void unknownCompanyIsThe404ErrorBodyCallersRead() {
        for (String path : List.of("/api/companies/999", "/api/companies/999/assets", "/api/companies/999/contacts",
                "/api/companies/999/tickets", "/api/company/999")) {
            Response r = get(path, LEDGER);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.json().get("error").asString()).isEqualTo("Company not found");
        }
    }

    @Test
    void bulkGroupsChildrenAndFiltersTicketsByYear() {
        JsonNode all = get("/api/companies/bulk", LEDGER).json();
        assertThat(all.size()).isGreaterThanOrEqualTo(2);
        JsonNode acme = find(all, "100001");
        assertThat(acme.propertyNames()).containsExactly("company", "assets", "contacts", "locations");
        JsonNode asset = acme.get("assets").get(0);
        assertThat(asset.propertyNames()).containsExactly("id", "hostname", "hardware_type", "operating_system", "device_type",
                "last_logged_in_user", "antivirus_product", "ext_ip_address", "int_ip_address", "domain", "online", "last_seen",
                "backup_usage_tb", "backup_data_bytes");
        assertThat(asset.get("backup_usage_tb").asString()).isEqualTo("1.25");
        assertThat(asset.get("backup_data_bytes").asLong()).isEqualTo((long) (1.25 * 1099511627776L));
        assertThat(asset.get("last_seen").asString()).isEqualTo("2025-06-01T10:00:00Z");
        assertThat(acme.get("contacts").get(0).propertyNames()).containsExactly("id", "name", "email", "title", "employment_type",
                "active", "mobile_phone_number", "work_phone_number", "secondary_emails");
        assertThat(acme.get("locations").get(0).propertyNames()).containsExactly("id", "name", "address", "phone_number");
        assertThat(find(all, "100002").get("assets")).isEmpty();

        JsonNode withTickets = get("/api/companies/bulk?include_tickets=true&year=2024", LEDGER).json();
        JsonNode tickets = find(withTickets, "100001").get("tickets");
        assertThat(tickets).hasSize(1);
        JsonNode t = tickets.get(0);
        assertThat(t.propertyNames()).containsExactly("ticket_id", "ticket_number", "subject", "description", "description_text",
                "status", "priority", "requester_email", "requester_name", "created_at", "last_updated_at", "closed_at",
                "total_hours_spent", "conversations", "notes");
        assertThat(t.get("total_hours_spent").asDouble()).isEqualTo(1.5);
        assertThat(t.get("conversations").get(0).get("body").asString()).isEqualTo("hi");
        assertThat(t.get("notes").isArray()).isTrue();
        assertThat(get("/api/companies/100001/tickets?year=2025", LEDGER).json()).hasSize(1)
                .first().satisfies(x -> assertThat(x.get("ticket_number").asString()).isEqualTo("9002"));
    }

    @Test
    void searchPaginatesSortsAndIsUsersOnly() {
        JsonNode r = get("/companies/api/search?search=acme&per_page=1", TECH).json();
        assertThat(r.get("success").asBoolean()).isTrue();
        assertThat(r.get("companies")).hasSize(1);
        assertThat(r.get("companies").get(0).propertyNames()).containsExactly("account_number", "name", "description",
                "plan_selected", "email_system", "phone_system", "contract_end_date");
        assertThat(r.get("pagination").propertyNames()).containsExactly("page", "pages", "total", "has_prev", "has_next", "prev_num", "next_num");

        List<String> names = jdbc.sql("SELECT name FROM companies ORDER BY lower(name) DESC").query(String.class).list();
        JsonNode desc = get("/companies/api/search?sort_by=name&order=desc&per_page=1&page=" + names.size(), TECH).json();
        assertThat(desc.get("companies").get(0).get("name").asString()).isEqualTo(names.get(names.size() - 1));
        assertThat(get("/companies/api/search?sort_by=name&order=desc&per_page=1", TECH).json().get("companies").get(0)
                .get("name").asString()).isEqualTo(names.get(0));
        assertThat(desc.get("pagination").get("has_prev").asBoolean()).isTrue();
        assertThat(desc.get("pagination").get("next_num").isNull()).isTrue();
        assertThat(get("/companies/api/search?search=100%25", TECH).json().get("companies")).isEmpty();
        assertProblem(get("/companies/api/search", LEDGER), 403);
        assertProblem(get("/companies/api/search", null), 401);
    }

    @Test
    void updateValidatesNamesFieldsAndKeepsTermVocabulary() {
        company("100005", "Echo Clinic", "Gold");
        Response bad = put("/companies/100005/update", map("compliance_level", "secret", "contract_start_date", "03/01/2024"), TECH);
        assertProblem(bad, 422);
        assertThat(bad.json().get("errors").findValuesAsString("field")).containsExactly("compliance_level", "contract_start_date");

        Response ok = put("/companies/100005/update", map("compliance_level", "hipaa", "billing_plan", "Platinum",
                "contract_term_length", "2-Year", "contract_start_date", "2024-03-01", "description", "",
                "domains", "a.test\nb.test", "head_user_id", 501, "feature_overrides", map("soc", "Included", "sat", "")), TECH);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        JsonNode c = get("/api/companies/100005", LEDGER).json();
        assertThat(c.get("billing_plan").asString()).isEqualTo("Platinum");
        assertThat(c.get("compliance_level").asString()).isEqualTo("hipaa");
        assertThat(c.get("contract_term_length").asString()).isEqualTo("2 Year");
        assertThat(c.get("contract_end_date").asString()).isEqualTo("2026-02-28");
        assertThat(c.get("description").isNull()).isTrue();
        assertThat(c.get("domains").asString()).isEqualTo("[\"a.test\",\"b.test\"]");
        assertThat(jdbc.sql("SELECT head_name FROM companies WHERE account_number='100005'").query(String.class).single()).isEqualTo("Ann Smith");
        assertThat(jdbc.sql("SELECT feature_key || '=' || value FROM company_feature_overrides").query(String.class).list()).containsExactly("soc=Included");
    }

    @Test
    void mutationsNeedATechnicianUserAndKnownIds() {
        assertProblem(put("/companies/100001/update", map("name", "X"), LEDGER), 403);
        assertProblem(put("/companies/100001/update", map("name", "X"), CLIENT), 403);
        assertProblem(put("/companies/nope/update", map("name", "X"), ADMIN), 404);
        Response empty = put("/companies/100001/update", map(), TECH);
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().get("error").asString()).isEqualTo("No data provided");
    }

    @Test
    void locationsCanBeAddedListedAndDeleted() {
        Response missing = post("/companies/100002/locations", map("name", "HQ"), TECH);
        assertProblem(missing, 422);
        assertThat(missing.json().get("error").asString()).isEqualTo("Name and address are required");
        assertThat(missing.json().get("errors").findValuesAsString("field")).containsExactly("address");

        Response added = post("/companies/100002/locations", map("name", "HQ", "address", "2 Side St", "phone_number", "555"), TECH);
        assertThat(added.status()).isEqualTo(200);
        long id = added.json().get("location").get("id").asLong();
        assertThat(get("/companies/100002/locations", TECH).json().get("locations")).hasSize(1);
        assertProblem(delete("/companies/100001/locations/" + id, TECH), 404);
        assertThat(delete("/companies/100002/locations/" + id, TECH).status()).isEqualTo(200);
        assertThat(get("/api/companies/100002/locations", LEDGER).json()).isEmpty();
        assertProblem(get("/companies/nope/locations", TECH), 404);
    }

    @Test
    void deletingACompanyKeepsItsTicketsAndRemovesItsChildren() {
        jdbc.sql("INSERT INTO companies (account_number, name) VALUES ('100009', 'Gone Inc')").update();
        jdbc.sql("INSERT INTO assets (hostname, company_account_number) VALUES ('GONE-1', '100009')").update();
        jdbc.sql("INSERT INTO ticket_details (external_id, company_account_number) VALUES (777, '100009')").update();
        jdbc.sql("DELETE FROM companies WHERE account_number = '100009'").update();
        assertThat(jdbc.sql("SELECT count(*) FROM assets WHERE hostname = 'GONE-1'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT company_account_number FROM ticket_details WHERE external_id = 777").query(String.class).optional()).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM ticket_details WHERE external_id = 777").query(Long.class).single()).isEqualTo(1);
    }

    static JsonNode find(JsonNode bulk, String acct) {
        for (JsonNode e : bulk) {
            if (e.get("company").get("account_number").asString().equals(acct)) {
                return e;
            }
        }
        throw new AssertionError("no company " + acct);
    }
}
