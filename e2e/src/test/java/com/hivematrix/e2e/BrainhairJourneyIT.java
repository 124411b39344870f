package com.hivematrix.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.hivematrix.e2e.support.Journey;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Brainhair in the browser behind Nexus, with the model scripted on WireMock (Anthropic Messages
 * stream format): a technician-level admin asks to resolve a ticket, the model's write tool call
 * becomes an approval card, it is approved in the page, Codex changes the ticket, and the result
 * streams into the chat. Screenshots in e2e/target/screenshots/.
 */
class BrainhairJourneyIT extends Journey {

    static final String CODEX_DB = "jdbc:postgresql://127.0.0.1:5432/codex_e2e";
    @Override
    protected String prefix() {
        return "brainhair";
    }

    /** A company and an open ticket of its own in Codex's e2e database; returns the ticket's Codex id. */
    static long seedTicket() throws Exception {
        try (Connection c = DriverManager.getConnection(CODEX_DB, System.getenv().getOrDefault("HIVEMATRIX_PG_USER", "postgres"),
                System.getenv().getOrDefault("HIVEMATRIX_PG_PASSWORD", "")); Statement s = c.createStatement()) {
            s.execute("INSERT INTO companies (account_number, name, compliance_level) VALUES ('E2E-BH', 'Brainhair Journey Ltd', 'hipaa') "
                    + "ON CONFLICT (account_number) DO NOTHING");
            s.execute("DELETE FROM ticket_details WHERE external_id = 990001");
            s.execute("INSERT INTO ticket_details (external_id, company_account_number, ticket_number, subject, status) "
                    + "VALUES (990001, 'E2E-BH', 'T-E2E', 'Printer jammed', 'Open')");
            try (ResultSet rs = s.executeQuery("SELECT id FROM ticket_details WHERE external_id = 990001")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    static String ticketStatus() throws Exception {
        try (Connection c = DriverManager.getConnection(CODEX_DB, System.getenv().getOrDefault("HIVEMATRIX_PG_USER", "postgres"),
                System.getenv().getOrDefault("HIVEMATRIX_PG_PASSWORD", ""));
                PreparedStatement p = c.prepareStatement("SELECT status FROM ticket_details WHERE external_id = 990001");
                ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    static String sse(String... events) {
        StringBuilder b = new StringBuilder();
        for (String e : events) {
            String type = e.substring(e.indexOf("\"type\":\"") + 8, e.indexOf('"', e.indexOf("\"type\":\"") + 8));
            b.append("event: ").append(type).append("\ndata: ").append(e).append("\n\n");
        }
        return b.toString();
    }

    static void script(long ticketId) {
        String first = sse("{\"type\":\"message_start\",\"message\":{\"id\":\"m1\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[]}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"I will resolve it once you approve.\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_e2e\",\"name\":\"update_ticket\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"ticket_id\\\":\\\""
                        + ticketId + "\\\",\\\"status\\\":\\\"Resolved\\\"}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"}}",
                "{\"type\":\"message_stop\"}");
        String second = sse("{\"type\":\"message_start\",\"message\":{\"id\":\"m2\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[]}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Ticket **T-E2E** is now resolved.\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"}}",
                "{\"type\":\"message_stop\"}");
        platform.model.stubFor(post(urlEqualTo("/v1/messages")).inScenario("journey").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("approved")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(first)));
        platform.model.stubFor(post(urlEqualTo("/v1/messages")).inScenario("journey").whenScenarioStateIs("approved")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(second)));
    }

    @Test
    void approvalCardApprovedInTheBrowserRunsTheActionAndTheResultStreamsIn() throws Exception {
        assumeTrue(platform.brainhair, "brainhair.jar and codex.jar must be built and PostgreSQL reachable");
        script(seedTicket());
        String[] user = platform.keycloak.createUser("admins");
        BrowserContext context = freshContext();
        Page page = context.newPage();
        // the browser's side of a failure, in the test output
        page.onConsoleMessage(m -> System.out.println("browser console: " + m.text()));
        page.onResponse(r -> {
            if (r.url().contains("/brainhair/api/")) {
                System.out.println("browser fetch: " + r.status() + " " + r.url());
            }
        });
        page.navigate(platform.origin + "/brainhair/chat");
        page.waitForSelector("#username");
        page.fill("#username", user[0]);
        page.fill("#password", user[1]);
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(platform.origin + "/brainhair/chat"));
        assertThat(page.locator("#bh-input")).isFocused();

        page.fill("#bh-input", "Please resolve the printer ticket T-E2E");
        page.press("#bh-input", "Enter");
        // a turn under load (model call, Codex read, approval record) may take more than Playwright's 5 s default
        assertThat(page.locator(".bh-approval")).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                .setTimeout(60_000));
        assertThat(page.locator(".bh-approval .card__title")).containsText("Update ticket");
        assertThat(ticketStatus()).isEqualTo("Open");
        shot(page, "01-approval");

        page.click(".bh-approval .btn--success");
        assertThat(page.locator("#bh-messages")).containsText("is now resolved.",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(60_000));
        assertThat(page.locator("#bh-messages strong")).hasText("T-E2E");
        assertThat(page.locator(".bh-approval__status")).containsText("executed");
        assertThat(ticketStatus()).isEqualTo("Resolved");
        shot(page, "02-result");
        context.close();
    }
}
