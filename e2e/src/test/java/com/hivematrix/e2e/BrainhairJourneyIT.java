package com.hivematrix.e2e;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.hivematrix.e2e.support.Journey;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Brainhair in the browser behind Nexus, with the model scripted on WireMock (Anthropic Messages
 * stream format). The "Done when": a technician who is also in the billing group asks for a
 * HIPAA company's bill, the redacted answer streams in, asks for a rate change, approves it in the
 * page, and Ledger's settings page (through Nexus) shows the change with the technician as author.
 * Also: an admin resolves a Codex ticket through an approval card. Each journey's model stubs match
 * only its own conversation. Screenshots in e2e/target/screenshots/.
 */
class BrainhairJourneyIT extends Journey {

    static final String CODEX_DB = "jdbc:postgresql://127.0.0.1:5432/codex_e2e";
    static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
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

    static final LocatorAssertions.IsVisibleOptions TURN = new LocatorAssertions.IsVisibleOptions().setTimeout(60_000);
    static final LocatorAssertions.ContainsTextOptions TURN_TEXT = new LocatorAssertions.ContainsTextOptions().setTimeout(60_000);

    /** A HIPAA company of the demo MSP that Ledger bills, and one of its active contacts (first, last). */
    record Patient(String account, String company, String first, String last) {
        String raw() {
            return first + " " + last;
        }

        /** The "First L." style Brainhair's redaction gives a HIPAA company's people. */
        String redacted() {
            String[] parts = raw().trim().split("\\s+");
            return parts[0] + " " + Character.toUpperCase(parts[parts.length - 1].charAt(0)) + ".";
        }
    }

    static Patient hipaaContact() throws Exception {
        try (Connection c = DriverManager.getConnection(CODEX_DB, System.getenv().getOrDefault("HIVEMATRIX_PG_USER", "postgres"),
                System.getenv().getOrDefault("HIVEMATRIX_PG_PASSWORD", ""));
                PreparedStatement p = c.prepareStatement("SELECT co.account_number, co.name, ct.first_name, ct.last_name FROM companies co "
                        + "JOIN contact_company_link l ON l.company_account_number = co.account_number JOIN contacts ct ON ct.id = l.contact_id "
                        + "WHERE co.compliance_level = 'hipaa' AND co.plan_selected IS NOT NULL AND co.plan_selected <> 'Inactive' AND ct.active "
                        + "AND ct.first_name ~ '^[A-Z][a-z]+$' AND ct.last_name ~ '^[A-Z][a-z]+$' ORDER BY co.account_number, ct.id LIMIT 1");
                ResultSet rs = p.executeQuery()) {
            assertThat(rs.next()).as("a HIPAA company with an active contact in the demo MSP").isTrue();
            return new Patient(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
        }
    }

    static String text(String id, String text) {
        return sse("{\"type\":\"message_start\",\"message\":{\"id\":\"" + id + "\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[]}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"}}",
                "{\"type\":\"message_stop\"}");
    }

    static String toolUse(String id, String text, String tool, String inputJson) {
        return sse("{\"type\":\"message_start\",\"message\":{\"id\":\"" + id + "\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[]}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text + "\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_" + id
                        + "\",\"name\":\"" + tool + "\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
                        + JSON.writeValueAsString(inputJson) + "}}",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"}}",
                "{\"type\":\"message_stop\"}");
    }

    /** The bill conversation: read the bill, answer (with the redacted name), then the rate change and its confirmation. */
    static void scriptBill(Patient p, String rate) {
        String[][] steps = {
                {Scenario.STARTED, "bill-read", toolUse("b1", "Fetching the bill.", "get_billing", "{\"account_number\":\"" + p.account() + "\"}")},
                {"bill-read", "bill-answered", text("b2", p.company() + " bills " + p.redacted() + " among its users.")},
                {"bill-answered", "change-requested", toolUse("b3", "Requesting the change.", "update_billing_rates",
                        "{\"account_number\":\"" + p.account() + "\",\"per_user_cost\":" + rate + "}")},
                {"change-requested", "done", text("b4", "Done: the per-user rate is now " + rate + ".")}};
        for (String[] step : steps) {
            platform.model.stubFor(post(urlEqualTo("/v1/messages")).withRequestBody(containing(p.company()))
                    .inScenario("bill").whenScenarioStateIs(step[0]).willSetStateTo(step[1])
                    .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(step[2])));
        }
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
        platform.model.stubFor(post(urlEqualTo("/v1/messages")).withRequestBody(containing("T-E2E"))
                .inScenario("journey").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("approved")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(first)));
        platform.model.stubFor(post(urlEqualTo("/v1/messages")).withRequestBody(containing("T-E2E"))
                .inScenario("journey").whenScenarioStateIs("approved")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(second)));
    }

    @Test
    void technicianInBillingGetsARedactedBillApprovesARateChangeAndLedgerShowsThemAsAuthor() throws Exception {
        assumeTrue(platform.brainhair && platform.ledger, "brainhair.jar, ledger.jar and codex.jar must be built and PostgreSQL reachable");
        Patient patient = hipaaContact();
        // a rate the database has not seen from an earlier run, so the newest change is this one
        String rate = Integer.toString(131 + (int) Math.floorMod(System.nanoTime(), 500L));
        scriptBill(patient, rate);
        String[] tech = platform.keycloak.createUserInGroups("technicians", "billing");
        BrowserContext context = freshContext();
        Page page = context.newPage();
        page.onConsoleMessage(m -> System.out.println("browser console: " + m.text()));
        page.navigate(platform.origin + "/brainhair/chat");
        page.waitForSelector("#username");
        page.fill("#username", tech[0]);
        page.fill("#password", tech[1]);
        page.click("#kc-login");
        page.waitForURL(url -> url.startsWith(platform.origin + "/brainhair/chat"));
        // the extra group shows Ledger in the side panel; the admin-only services stay hidden
        assertThat(page.locator(".side-panel__link[href='/ledger/']")).isVisible();
        assertThat(page.locator(".side-panel__link[href='/helm/']")).hasCount(0);

        // 1. the bill: the answer streams in with the patient's name redacted; the raw name is nowhere on the page
        page.fill("#bh-input", "What is " + patient.company() + "'s bill this month?");
        page.press("#bh-input", "Enter");
        assertThat(page.locator("#bh-messages")).containsText("bills " + patient.redacted() + " among its users.", TURN_TEXT);
        assertThat(page.locator("#bh-messages .bh-tool").filter(new Locator.FilterOptions().setHasText("(redacted)"))).hasCount(1);
        assertThat(page.locator("#bh-messages")).containsText(patient.redacted());
        assertThat(page.locator("#bh-messages")).not().containsText(patient.raw());
        assertThat(page.locator(".bh-msg__avatar svg.icon--brain").first()).isVisible();
        // what the model was sent: the redacted bill, never the raw name
        List<String> sent = platform.model.findAll(postRequestedFor(urlEqualTo("/v1/messages")).withRequestBody(containing(patient.company())))
                .stream().sorted(java.util.Comparator.comparing(com.github.tomakehurst.wiremock.verification.LoggedRequest::getLoggedDate)).map(r -> r.getBodyAsString()).toList();
        assertThat(sent).hasSizeGreaterThanOrEqualTo(2);
        assertThat(sent.get(1)).contains(patient.redacted()).doesNotContain(patient.raw());
        shot(page, "03-bill-redacted");

        // 2. the rate change: an approval card, approved in the page, runs once as this technician
        page.fill("#bh-input", "Set the per-user rate to " + rate);
        page.press("#bh-input", "Enter");
        assertThat(page.locator(".bh-approval")).isVisible(TURN);
        assertThat(page.locator(".bh-approval .card__title")).containsText("Change billing overrides of " + patient.account());
        assertThat(page.locator(".bh-approval")).containsText(rate);
        shot(page, "04-rate-approval");
        page.click(".bh-approval .btn--success");
        assertThat(page.locator("#bh-messages")).containsText("the per-user rate is now " + rate + ".", TURN_TEXT);
        assertThat(page.locator(".bh-approval__status")).containsText("executed");
        shot(page, "05-rate-changed");

        // 3. Ledger, through Nexus, shows the change with the technician as author
        page.click(".side-panel__link[href='/ledger/']");
        page.waitForURL(url -> url.startsWith(platform.origin + "/ledger/"));
        page.navigate(platform.origin + "/ledger/client/" + patient.account() + "/settings");
        Locator latest = page.locator("#changes tr[data-testid=change]").first();
        assertThat(latest.locator("[data-testid=change-author]")).containsText(tech[0]);
        assertThat(latest).containsText("client_override");
        assertThat(latest).containsText("per_user_cost");
        assertThat(latest).containsText(rate);
        assertThat(page.locator("#per_user_cost")).hasValue(rate + ".00");
        page.locator("#changes").scrollIntoViewIfNeeded();
        shot(page, "06-ledger-change-history");
        context.close();
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
