package com.hivematrix.codex.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hivematrix.codex.CodexTestBase;

import tools.jackson.databind.JsonNode;

class ContactAssetApiTest extends CodexTestBase {

    long ann;
    long bob;
    long ws;

    @BeforeEach
    void data() {
        if (jdbc.sql("SELECT count(*) FROM companies").query(Long.class).single() == 0) {
            company("300001", "Foxtrot LLC", "Gold");
            company("300002", "Golf Inc", "Gold");
            jdbc.sql("INSERT INTO contacts (name, email, primary_email) VALUES ('Ann Able', 'ann@f.test', 'ann@f.test')").update();
            jdbc.sql("INSERT INTO contacts (name, email, primary_email, active) VALUES ('Bob Gone', 'bob@f.test', 'bob@f.test', false)").update();
            jdbc.sql("INSERT INTO contact_company_link SELECT id, '300001' FROM contacts").update();
            jdbc.sql("INSERT INTO assets (hostname, company_account_number, online, udf2, udf9) VALUES ('FOX-WS1', '300001', true, 'BITLOCKER', 'WINKEY')").update();
        }
        ann = jdbc.sql("SELECT id FROM contacts WHERE email = 'ann@f.test'").query(Long.class).single();
        bob = jdbc.sql("SELECT id FROM contacts WHERE email = 'bob@f.test'").query(Long.class).single();
        ws = jdbc.sql("SELECT id FROM assets WHERE hostname = 'FOX-WS1'").query(Long.class).single();
    }

    @Test
    void contactSearchHidesInactiveUnlessAsked() {
        JsonNode r = get("/contacts/api/search", TECH).json();
        assertThat(r.get("contacts").findValuesAsString("name")).containsExactly("Ann Able");
        assertThat(r.get("contacts").get(0).propertyNames()).containsExactly("id", "name", "email", "mobile_phone_number",
                "work_phone_number", "active", "company_count");
        assertThat(r.get("contacts").get(0).get("company_count").asInt()).isEqualTo(1);
        assertThat(get("/contacts/api/search?show_inactive=1&sort_by=name&order=desc", TECH).json().get("contacts")
                .findValuesAsString("name")).containsExactly("Bob Gone", "Ann Able");
    }

    @Test
    void contactUpdateReplacesLinksAndValidates() {
        Response ok = put("/contacts/" + ann + "/update", map("first_name", "Ann", "last_name", "Baker", "secondary_emails", "a@x.test, b@x.test",
                "company_account_numbers", List.of("300002"), "asset_ids", List.of(ws), "job_title", "CEO"), TECH);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        JsonNode c = get("/api/contact/" + ann, LEDGER).json();
        assertThat(c.get("name").asString()).isEqualTo("Ann Baker");
        assertThat(c.get("title").asString()).isEqualTo("CEO");
        assertThat(c.get("secondary_emails").asString()).isEqualTo("[\"a@x.test\",\"b@x.test\"]");
        assertThat(c.get("companies").findValuesAsString("account_number")).containsExactly("300002");
        assertThat(c.get("asset_ids").get(0).asLong()).isEqualTo(ws);
        Response bad = put("/contacts/" + ann + "/update", map("email", "not-an-email", "company_account_numbers", List.of("nope")), TECH);
        assertProblem(bad, 422);
        assertThat(bad.json().get("errors").findValuesAsString("field")).contains("email");
        assertProblem(put("/contacts/999999/update", map("first_name", "x"), TECH), 404);
        assertProblem(put("/contacts/" + ann + "/update", map("first_name", "x"), LEDGER), 403);
        assertThat(get("/api/contact/999999", LEDGER).json().get("error").asString()).isEqualTo("Contact not found");
        put("/contacts/" + ann + "/update", map("company_account_numbers", List.of("300001"), "first_name", "Ann", "last_name", "Able"), TECH);
    }

    @Test
    void brainhairListsArePaginated() {
        JsonNode contacts = get("/api/contacts?company_id=300001&per_page=1", LEDGER).json();
        assertThat(contacts.get("pagination").get("total").asInt()).isEqualTo(2);
        assertThat(contacts.get("contacts")).hasSize(1);
        assertThat(contacts.get("contacts").get(0).get("company_account_numbers").get(0).asString()).isEqualTo("300001");
        JsonNode assets = get("/api/assets?company_id=300001", LEDGER).json();
        assertThat(assets.get("assets").get(0).get("company_name").asString()).isEqualTo("Foxtrot LLC");
        assertThat(get("/api/asset/" + ws, LEDGER).json().has("udf2")).isFalse();
        assertThat(get("/api/asset/" + ws, ADMIN).json().get("udf2").asString()).isEqualTo("BITLOCKER");
        assertThat(get("/api/asset/999999", LEDGER).status()).isEqualTo(404);
    }

    @Test
    void assetSearchContactsAndRmmViews() {
        JsonNode s = get("/assets/api/search?search=foxtrot", TECH).json();
        assertThat(s.get("assets").get(0).get("company_account_number").asString()).isEqualTo("300001");
        assertThat(put("/assets/" + ws + "/update-contacts", map("contact_ids", List.of(ann, bob)), TECH).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM asset_contact_link WHERE asset_id = ?").param(ws).query(Long.class).single()).isEqualTo(2);
        assertProblem(put("/assets/" + ws + "/update-contacts", map("contact_ids", List.of(424242)), TECH), 422);
        assertProblem(put("/assets/" + ws + "/update-contacts", map(), TECH), 400);
        JsonNode devices = get("/api/rmm/devices?status=ONLINE", LEDGER).json();
        assertThat(devices.get("count").asInt()).isEqualTo(1);
        assertThat(devices.get("devices").get(0).get("id").asString()).isEqualTo("device-" + ws);
        JsonNode device = get("/api/rmm/device/device-" + ws, LEDGER).json();
        assertThat(device.has("health")).isFalse();
        assertThat(device.has("installed_software")).isFalse();
        assertThat(get("/api/rmm/device/" + ws, LEDGER).json().get("error").asString()).isEqualTo("Invalid device ID format");
        assertThat(get("/api/rmm/device/device-x", LEDGER).json().get("error").asString()).isEqualTo("Invalid device ID");
        assertThat(get("/api/rmm/device/device-999999", LEDGER).status()).isEqualTo(404);
    }
}
