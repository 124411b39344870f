package com.hivematrix.knowledgetree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.shared.testsupport.CodexProcess;
import com.hivematrix.shared.testsupport.CorePeer;

import tools.jackson.databind.JsonNode;

/**
 * The Codex sync against the real Codex (its jar as a child process on PostgreSQL, seeded over
 * JDBC), called with KnowledgeTree's service token from the Core stand-in: the B9 layout as
 * read-only nodes, incremental runs, pruning, a user's node never overwritten, the ticket sync.
 */
class CodexSyncTest extends KtTestBase {

    static final CorePeer CORE = new CorePeer(ISSUER);

    @DynamicPropertySource
    static void codex(DynamicPropertyRegistry registry) {
        registry.add("hivematrix.service-secret", () -> "test-secret");
        registry.add("hivematrix.registry-file", () -> {
            try {
                java.nio.file.Path file = java.nio.file.Files.createTempFile("kt-services-", ".json");
                java.nio.file.Files.writeString(file, """
                        {
                          "core": {"url": "%s", "port": 0, "visible": false, "type": "spring-boot", "health": "/health"},
                          "codex": {"url": "%s", "port": 0, "visible": true, "type": "spring-boot", "health": "/health"},
                          "knowledgetree": {"url": "http://127.0.0.1:5020", "port": 5020, "visible": true, "type": "spring-boot", "health": "/health"}
                        }""".formatted(CORE.url(), CodexProcess.get("knowledgetree", ISSUER, CORE).url()));
                file.toFile().deleteOnExit();
                return file.toString();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @BeforeEach
    void seedCodex() throws SQLException {
        try (Connection c = CodexProcess.get("knowledgetree", ISSUER, CORE).connect(); Statement s = c.createStatement()) {
            s.execute("TRUNCATE ticket_details, contact_company_link, contacts, assets, companies CASCADE");
            s.execute("INSERT INTO companies (account_number, name, description, email_system) VALUES "
                    + "('KT1', 'Acme Corp', 'Widgets', 'Microsoft 365'), ('KT2', 'Globex/West', 'Gadgets', 'Google')");
            s.execute("INSERT INTO contacts (id, name, primary_email, email, title, active) VALUES "
                    + "(9001, 'Alice Admin', 'alice@acme.test', 'alice@acme.test', 'IT lead', true), "
                    + "(9002, 'Bob Builder', 'bob@acme.test', 'bob@acme.test', 'Engineer', true), "
                    + "(9003, 'Carol', 'carol@globex.test', 'carol@globex.test', 'CEO', false)");
            s.execute("INSERT INTO contact_company_link (contact_id, company_account_number) VALUES (9001, 'KT1'), (9002, 'KT1'), (9003, 'KT2')");
            s.execute("INSERT INTO assets (hostname, company_account_number, operating_system, online) VALUES "
                    + "('acme-pc-01', 'KT1', 'Windows 11', true), ('gx-srv', 'KT2', 'Ubuntu 24.04', false)");
            s.execute("INSERT INTO ticket_details (external_id, company_account_number, ticket_number, subject, description_text, status, "
                    + "priority, requester_name, requester_email, created_at, last_updated_at, conversations, notes) VALUES "
                    + "(77001, 'KT1', '1042', 'Printer jammed', 'The printer on floor 2 jams.', 'Open', 'High', 'Alice Admin', "
                    + "'alice@acme.test', now(), now(), "
                    + "'[{\"from_email\": \"alice@acme.test\", \"created_at\": \"2026-11-30T10:00:00Z\", \"body\": \"<p>Still <b>jammed</b></p>\", \"incoming\": true}]', "
                    + "'[{\"from_email\": \"tech@msp.test\", \"created_at\": \"2026-11-30T11:00:00Z\", \"body\": \"Ordered a roller\"}]')");
        }
    }

    @Test
    void syncBuildsTheCompanyTreeIncrementallyAndNeverOverwritesAPersonsNode() throws SQLException {
        // a person's own folder where the sync would put Globex (its '/' becomes '-')
        String companies = create("root", "Companies", true);
        String mine = create(companies, "Globex-West", true);
        String myNote = create(mine, "My notes", false);
        write(myNote, "mine");

        assertThat(post("/admin/sync/codex", null, TECH).status()).isEqualTo(403);
        Response started = post("/admin/sync/codex", null, ADMIN);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode job = awaitJob();
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("done");
        assertThat(job.get("companies_total").asInt()).isEqualTo(2);
        assertThat(job.get("changed").asInt()).isEqualTo(1);
        assertThat(job.get("conflicts").toString()).contains("/Companies/Globex-West");

        JsonNode acme = get("/api/browse?path=/Companies/Acme%20Corp", CLIENT).json();
        assertThat(acme.get("categories").findValuesAsString("name")).containsExactlyInAnyOrder("Users", "Assets", "Tickets");
        assertThat(acme.get("articles").findValuesAsString("title")).containsExactly("Overview.md");
        JsonNode overview = get("/api/node/" + acme.get("articles").get(0).get("id").asString(), CLIENT).json();
        assertThat(overview.get("read_only").asBoolean()).isTrue();
        assertThat(overview.get("content_html").asString()).contains("Acme Corp", "KT1", "Microsoft 365");
        JsonNode alice = get("/api/browse?path=/Companies/Acme%20Corp/Users/Alice%20Admin", CLIENT).json();
        String aliceCard = alice.get("articles").get(0).get("id").asString();
        assertThat(get("/api/node/" + aliceCard, CLIENT).json().get("content").asString()).contains("alice@acme.test", "IT lead");
        assertThat(put("/api/node/" + aliceCard, map("content", "hijack"), TECH).status()).isEqualTo(403);
        JsonNode assets = get("/api/browse?path=/Companies/Acme%20Corp/Assets", CLIENT).json();
        assertThat(assets.get("articles").findValuesAsString("title")).containsExactly("acme-pc-01.md");
        // the person's folder and article are untouched
        assertThat(get("/api/node/" + myNote, CLIENT).json().get("content").asString()).isEqualTo("mine");
        assertThat(get("/api/node/" + mine, CLIENT).json().get("read_only").asBoolean()).isFalse();

        // nothing changed in Codex: nothing rewritten
        post("/admin/sync/codex", null, ADMIN);
        job = awaitJob();
        assertThat(job.get("changed").asInt()).isZero();
        assertThat(job.get("unchanged").asInt()).isEqualTo(1);

        // Alice's title changes, Bob leaves: only Acme is rewritten, Bob's nodes are pruned
        try (Connection c = CodexProcess.get("knowledgetree", ISSUER, CORE).connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE contacts SET title = 'CTO' WHERE id = 9001");
            s.execute("DELETE FROM contacts WHERE id = 9002");
        }
        post("/admin/sync/codex", null, ADMIN);
        job = awaitJob();
        assertThat(job.get("changed").asInt()).isEqualTo(1);
        assertThat(job.get("pruned").asInt()).isEqualTo(1);
        assertThat(get("/api/node/" + aliceCard, CLIENT).json().get("content").asString()).contains("CTO");
        JsonNode users = get("/api/browse?path=/Companies/Acme%20Corp/Users", CLIENT).json();
        assertThat(users.get("categories").findValuesAsString("name")).containsExactly("Alice Admin");

        // the ticket sync (the original's never started): the ticket as an article in the attached Tickets folder
        Response ticketRun = post("/admin/sync/tickets", map("overwrite", true), ADMIN);
        assertThat(ticketRun.status()).as(ticketRun.body()).isEqualTo(202);
        job = awaitJob();
        assertThat(job.get("state").asString()).as(job.toString()).isEqualTo("done");
        JsonNode ticketFolder = get("/api/browse?path=/Companies/Acme%20Corp/Tickets", CLIENT).json();
        assertThat(ticketFolder.get("articles").findValuesAsString("title")).containsExactly("Ticket_1042.md");
        String ticket = get("/api/node/" + ticketFolder.get("articles").get(0).get("id").asString(), CLIENT).json().get("content").asString();
        assertThat(ticket).startsWith("# Ticket #1042: Printer jammed").contains("Still jammed", "Ordered a roller", "Hours spent:** 0.00",
                "Ticket data synced from Codex/PSA");
        JsonNode status = get("/admin/sync/status", ADMIN).json();
        assertThat(status.get("ticket_count").asInt()).isEqualTo(1);
        assertThat(status.get("company_items").asInt()).isPositive();
    }

    private JsonNode awaitJob() {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = get("/admin/sync/job", ADMIN).json().get("job");
            return last[0] != null && !"running".equals(last[0].get("state").asString());
        });
        return last[0];
    }
}
