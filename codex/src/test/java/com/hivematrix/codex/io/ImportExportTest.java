package com.hivematrix.codex.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.hivematrix.codex.CodexTestBase;

import tools.jackson.databind.JsonNode;

class ImportExportTest extends CodexTestBase {

    Response csv(String path, String body, String token) {
        return send("POST", path, body, token, "text/csv");
    }

    long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    @Test
    void templateListsTheColumns() {
        Response t = get("/api/import/companies/template", TECH);
        assertThat(t.status()).isEqualTo(200);
        assertThat(t.body()).startsWith("account_number,name,description,plan_selected");
        assertThat(get("/api/import/widgets/template", TECH).status()).isEqualTo(404);
    }

    @Test
    void dryRunReportsRowErrorsAndWritesNothingThenCommitWritesAll() {
        String bad = """
                account_number,name,contract_term_length,contract_start_date,compliance_level
                700001,Kilo Co,1-Year,2024-01-15,standard
                700002,,Month to Month,,
                700001,Kilo Again,,,
                bad acct!,Lima,5 Year,15/01/2024,secret
                """;
        Response dry = csv("/api/import/companies", bad, ADMIN);
        assertThat(dry.status()).isEqualTo(422);
        JsonNode body = dry.json();
        assertThat(body.get("total_rows").asInt()).isEqualTo(4);
        assertThat(body.get("valid_rows").asInt()).isEqualTo(1);
        assertThat(body.get("errors").findValuesAsString("field")).containsExactly("name", "account_number", "account_number",
                "contract_term_length", "contract_start_date", "compliance_level");
        assertThat(body.get("errors").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(body.get("errors").get(1).get("message").asString()).isEqualTo("duplicate key in this file");
        assertThat(csv("/api/import/companies?dry_run=false", bad, ADMIN).status()).isEqualTo(422);
        assertThat(count("companies WHERE account_number LIKE '7000%'")).isZero();

        String good = """
                account_number,name,contract_term_length,contract_start_date,plan_selected,domains
                700001,Kilo Co,1-Year,2024-01-15,Gold,kilo.test;kilo.example
                700002,"Lima, Inc",Month to Month,,Silver,
                """;
        JsonNode preview = csv("/api/import/companies", good, ADMIN).json();
        assertThat(preview.get("success").asBoolean()).isTrue();
        assertThat(preview.get("committed").asBoolean()).isFalse();
        assertThat(preview.get("created").asInt()).isEqualTo(2);
        assertThat(preview.get("preview").get(1).get("name").asString()).isEqualTo("Lima, Inc");
        assertThat(count("companies WHERE account_number LIKE '7000%'")).isZero();

        JsonNode committed = csv("/api/import/companies?dry_run=false", good, ADMIN).json();
        assertThat(committed.get("committed").asBoolean()).isTrue();
        JsonNode kilo = get("/api/companies/700001", LEDGER).json();
        assertThat(kilo.get("contract_term_length").asString()).isEqualTo("1 Year");
        assertThat(kilo.get("contract_end_date").asString()).isEqualTo("2025-01-14");
        assertThat(kilo.get("domains").asString()).isEqualTo("[\"kilo.test\",\"kilo.example\"]");
        JsonNode again = csv("/api/import/companies?dry_run=false", good.replace("Kilo Co", "Kilo Company"), ADMIN).json();
        assertThat(again.get("updated").asInt()).isEqualTo(2);
        assertThat(get("/api/companies/700001", LEDGER).json().get("name").asString()).isEqualTo("Kilo Company");

        String contacts = """
                email,first_name,last_name,company_account_numbers,active
                mia@kilo.test,Mia,Ng,700001;700002,true
                noa@kilo.test,Noa,Ek,700001,no
                """;
        assertThat(csv("/api/import/contacts?dry_run=false", contacts, ADMIN).json().get("created").asInt()).isEqualTo(2);
        assertThat(get("/api/companies/700002/contacts", LEDGER).json().findValuesAsString("name")).containsExactly("Mia Ng");
        Response unknownCompany = csv("/api/import/contacts?dry_run=false", "email,company_account_numbers\nzed@x.test,999\n", ADMIN);
        assertThat(unknownCompany.json().get("errors").get(0).get("message").asString()).isEqualTo("unknown company 999");

        String assets = "hostname,company_account_number,online,last_seen,backup_usage_tb\nKILO-WS1,700001,true,2025-05-01T08:00:00Z,0.5\n";
        assertThat(csv("/api/import/assets?dry_run=false", assets, ADMIN).status()).isEqualTo(200);
        assertThat(get("/api/companies/700001/assets", LEDGER).json().get(0).get("backup_data_bytes").asLong()).isEqualTo(549755813888L);

        String tickets = "external_id,company_account_number,subject,status,priority,last_updated_at,total_hours_spent\n"
                + "88001,700001,Printer,closed,low,2025-02-01T10:00:00Z,1.25\n";
        assertThat(csv("/api/import/tickets?dry_run=false", tickets, LEDGER).status()).isEqualTo(200);
        assertThat(get("/api/companies/700001/tickets?year=2025", LEDGER).json().get(0).get("total_hours_spent").asDouble()).isEqualTo(1.25);
    }

    @Test
    void malformedFilesAndWrongColumnsAreRowErrors() {
        JsonNode unterminated = csv("/api/import/companies", "account_number,name\n1,\"open", ADMIN).json();
        assertThat(unterminated.get("errors").get(0).get("message").asString()).contains("Unterminated");
        JsonNode wrongCols = csv("/api/import/companies", "acct,name\n1,x\n", ADMIN).json();
        assertThat(wrongCols.get("errors").findValuesAsString("field")).containsExactly("acct", "account_number");
        JsonNode ragged = csv("/api/import/companies", "account_number,name\n1,x,extra\n", ADMIN).json();
        assertThat(ragged.get("errors").get(0).get("message").asString()).isEqualTo("has 3 cells, the header has 2");
        assertThat(csv("/api/import/companies", "", ADMIN).json().get("errors").get(0).get("message").asString()).contains("empty");
    }

    @Test
    void importIsAdminOnlyAndExportNeutralisesFormulasWithFilters() {
        assertProblem(csv("/api/import/companies", "account_number,name\n1,x\n", TECH), 403);
        jdbc.sql("INSERT INTO companies (account_number, name, description) VALUES ('710001', 'Mike Ltd', '=cmd|calc'), ('710002', 'November', 'plain')").update();
        Response all = get("/api/export/companies?search=mike", TECH);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.contentType()).startsWith("text/csv");
        assertThat(all.raw().headers().firstValue("Content-Disposition")).contains("attachment; filename=companies.csv");
        assertThat(all.body()).contains("710001,Mike Ltd,'=cmd|calc").doesNotContain("November");
        assertProblem(get("/api/export/companies", CLIENT), 403);
        String reimport = all.body().replace("Mike Ltd", "Mike Limited");
        assertThat(csv("/api/import/companies?dry_run=false", reimport, ADMIN).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT description FROM companies WHERE account_number = '710001'").query(String.class).single()).isEqualTo("=cmd|calc");
    }
}
