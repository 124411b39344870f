package com.hivematrix.brainhair;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hivematrix.brainhair.support.Http;
import com.hivematrix.brainhair.support.ModelScript;
import com.hivematrix.brainhair.support.ModelScript.Format;
import com.hivematrix.brainhair.support.ModelScript.Reply;
import com.hivematrix.brainhair.support.ServiceProcess;
import com.hivematrix.brainhair.support.TestPlatform;

import tools.jackson.databind.JsonNode;

/** The tool loop against a scripted Anthropic Messages API model, with the real Codex and Ledger. */
class ToolLoopAnthropicTest extends BrainhairTestBase {

    /** The tool_result contents of one Anthropic request, in order. */
    static List<JsonNode> toolResults(JsonNode request) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : request.path("messages")) {
            for (JsonNode block : m.path("content")) {
                if ("tool_result".equals(block.path("type").asString())) {
                    out.add(block);
                }
            }
        }
        return out;
    }

    @Test
    void readToolResultsAreRedactedByEachCompanysOwnLevel() {
        ModelScript.script(MODEL, Format.ANTHROPIC,
                new Reply("Looking at both.", List.of(new String[] {"toolu_1", "list_tickets", "{\"account_number\":\"100200\"}"},
                        new String[] {"toolu_2", "list_tickets", "{\"account_number\":\"100300\"}"})),
                Reply.text("Both companies have one open ticket."));
        JsonNode sent = send(TestPlatform.TECH, "What is open at the dentist and the bookshop?", null);
        List<JsonNode> chunks = awaitDone(TestPlatform.TECH, sent.path("response_id").asString());
        assertThat(text(chunks)).isEqualTo("Looking at both.Both companies have one open ticket.");

        List<JsonNode> requests = modelRequests();
        assertThat(requests).hasSize(2);
        MODEL.verify(postRequestedFor(urlEqualTo("/v1/messages")).withHeader("x-api-key", equalTo("sk-ant-test-key"))
                .withHeader("anthropic-version", equalTo("2023-06-01")));
        JsonNode first = requests.get(0);
        assertThat(first.path("stream").asBoolean()).isTrue();
        List<String> toolNames = new ArrayList<>();
        first.path("tools").forEach(t -> toolNames.add(t.path("name").asString()));
        assertThat(toolNames).contains("list_companies", "get_billing", "update_billing_rates", "list_tickets", "search_knowledge",
                "set_chat_title");
        assertThat(first.path("tools").get(0).has("input_schema")).isTrue();

        List<JsonNode> results = toolResults(requests.get(1));
        assertThat(results).hasSize(2);
        JsonNode hipaa = Http.JSON.readTree(results.get(0).path("content").asString()).get(0);
        assertThat(results.get(0).path("tool_use_id").asString()).isEqualTo("toolu_1");
        assertThat(hipaa.path("subject").asString()).isEqualTo("Call back Zorion Q. at <PHONE_NUMBER> re SSN <US_SSN>");
        assertThat(hipaa.path("requester_name").asString()).isEqualTo("Jennifer W.");
        assertThat(hipaa.path("ticket_number").asString()).isEqualTo("T1");
        assertThat(hipaa.path("last_updated_at").asString()).startsWith("2025-10-03");
        JsonNode standard = Http.JSON.readTree(results.get(1).path("content").asString()).get(0);
        assertThat(standard.path("subject").asString()).isEqualTo("Call back Jennifer Walsh at 555-201-3344 re SSN <US_SSN>");
        assertThat(standard.path("requester_name").asString()).isEqualTo("Books Owner");

        String sessionId = sent.path("db_session_id").asString();
        List<Map<String, Object>> stored = jdbc.sql("SELECT role, was_filtered, filter_type, tool_calls::text AS calls FROM chat_messages "
                + "WHERE session_id = ? ORDER BY seq").param(sessionId).query().listOfRows();
        assertThat(stored).extracting(m -> m.get("role")).containsExactly("user", "assistant", "tool", "assistant");
        assertThat((String) stored.get(1).get("calls")).contains("toolu_1", "list_tickets");
        assertThat(stored.get(2).get("was_filtered")).isEqualTo(true);
        assertThat(stored.get(2).get("filter_type")).isEqualTo("phi");
    }

    @Test
    void approvedBillingWriteRunsOnceAsTheApproverAndLedgerRecordsThem() throws Exception {
        ModelScript.script(MODEL, Format.ANTHROPIC,
                Reply.tool("I will raise the per-user rate.", "toolu_w", "update_billing_rates",
                        "{\"account_number\":\"100200\",\"per_user_cost\":130}"),
                Reply.text("The per-user rate is now 130."));
        JsonNode sent = send(TestPlatform.ADMIN, "Set Example Dental's per-user rate to 130", null);
        String responseId = sent.path("response_id").asString();
        String approvalId = awaitApproval(TestPlatform.ADMIN, responseId);
        assertThat(ledgerOverrides().path("overrides").isNull()).as("nothing written before approval").isTrue();

        JsonNode decided = ok(http.post("/api/approval/respond/" + approvalId, TestPlatform.ADMIN, Map.of("approved", true))).json();
        assertThat(decided.path("status").asString()).isEqualTo("executed");
        problem(http.post("/api/approval/respond/" + approvalId, TestPlatform.ADMIN, Map.of("approved", true)), 409);

        List<JsonNode> chunks = awaitDone(TestPlatform.ADMIN, responseId);
        assertThat(text(chunks)).endsWith("The per-user rate is now 130.");
        assertThat(ledgerOverrides().path("overrides").path("per_user_cost").decimalValue()).isEqualByComparingTo("130");
        assertThat(auditActors()).containsExactly("admin@example.test");
        String result = toolResults(modelRequests().get(1)).get(0).path("content").asString();
        assertThat(result).startsWith("Approved by user-admin and executed.");
        Map<String, Object> row = jdbc.sql("SELECT status, requested_by, decided_by, decided_at, outcome::text AS outcome FROM approvals WHERE id = ?")
                .param(approvalId).query().singleRow();
        assertThat(row.get("status")).isEqualTo("executed");
        assertThat(row.get("requested_by")).isEqualTo("user-admin");
        assertThat(row.get("decided_by")).isEqualTo("user-admin");
        assertThat(row.get("decided_at")).isNotNull();
        assertThat((String) row.get("outcome")).contains("Overrides updated for 100200");
    }

    @Test
    void deniedActionIsNotPerformedAndTheModelHearsSo() throws Exception {
        ModelScript.script(MODEL, Format.ANTHROPIC,
                Reply.tool(null, "toolu_t", "update_ticket", "{\"ticket_id\":\"1\",\"status\":\"Closed\"}"),
                Reply.text("Understood, I left it open."));
        JsonNode sent = send(TestPlatform.TECH, "Close ticket T1", null);
        String responseId = sent.path("response_id").asString();
        String approvalId = awaitApproval(TestPlatform.TECH, responseId);
        JsonNode decided = ok(http.post("/api/approval/respond/" + approvalId, TestPlatform.TECH, Map.of("approved", false))).json();
        assertThat(decided.path("status").asString()).isEqualTo("denied");
        awaitDone(TestPlatform.TECH, responseId);
        JsonNode result = toolResults(modelRequests().get(1)).get(0);
        assertThat(result.path("content").asString()).isEqualTo("The user denied this action; it was not performed.");
        assertThat(result.path("is_error").asBoolean()).isTrue();
        assertThat(codexTicketStatus(5001)).isEqualTo("Open");
    }

    @Test
    void technicianMayNotApproveABillingWriteAndTechnicianToolErrorsReachTheModel() throws Exception {
        ModelScript.script(MODEL, Format.ANTHROPIC,
                Reply.tool(null, "toolu_b", "get_billing", "{\"account_number\":\"100200\"}"),
                Reply.tool(null, "toolu_w", "update_billing_rates", "{\"account_number\":\"100200\",\"per_user_cost\":1}"),
                Reply.text("Ok."));
        JsonNode sent = send(TestPlatform.TECH, "Make Example Dental cheaper", null);
        String responseId = sent.path("response_id").asString();
        String approvalId = awaitApproval(TestPlatform.TECH, responseId);
        JsonNode refused = problem(http.post("/api/approval/respond/" + approvalId, TestPlatform.TECH, Map.of("approved", true)), 403);
        assertThat(refused.path("detail").asString()).contains("admin,billing");
        assertThat(jdbc.sql("SELECT status FROM approvals WHERE id = ?").param(approvalId).query(String.class).single()).isEqualTo("pending");
        ok(http.post("/api/approval/respond/" + approvalId, TestPlatform.TECH, Map.of("approved", false)));
        awaitDone(TestPlatform.TECH, responseId);
        JsonNode billResult = toolResults(modelRequests().get(1)).get(0);
        assertThat(billResult.path("is_error").asBoolean()).isTrue();
        assertThat(billResult.path("content").asString()).startsWith("Error: ").contains("ledger");
        assertThat(ledgerOverrides().path("overrides").isNull()).isTrue();
        assertThat(auditActors()).isEmpty();
    }

    @Test
    void toolErrorsGoBackToTheModelAsToolErrors() {
        ModelScript.script(MODEL, Format.ANTHROPIC,
                Reply.tool(null, "toolu_x", "get_company", "{\"account_number\":\"999999\"}"),
                Reply.text("That company does not exist."));
        JsonNode sent = send(TestPlatform.TECH, "Show company 999999", null);
        List<JsonNode> chunks = awaitDone(TestPlatform.TECH, sent.path("response_id").asString());
        assertThat(text(chunks)).isEqualTo("That company does not exist.");
        JsonNode result = toolResults(modelRequests().get(1)).get(0);
        assertThat(result.path("is_error").asBoolean()).isTrue();
        assertThat(result.path("content").asString()).isEqualTo("Error: Service codex answered: Not Found");
    }

    @Test
    void modelRateLimitIsAClearMessageAndAFailedTurn() {
        MODEL.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(429)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of requests has exceeded your rate limit\"}}")));
        JsonNode sent = send(TestPlatform.TECH, "Hello", null);
        List<JsonNode> chunks = awaitDone(TestPlatform.TECH, sent.path("response_id").asString());
        assertThat(text(chunks)).isEqualTo("[Error: The model provider is rate limiting requests; try again shortly.]");
        assertThat(jdbc.sql("SELECT status FROM chat_responses WHERE id = ?").param(sent.path("response_id").asString()).query(String.class)
                .single()).isEqualTo("failed");
        assertThat(jdbc.sql("SELECT status FROM chat_messages WHERE session_id = ? AND role = 'assistant'")
                .param(sent.path("db_session_id").asString()).query(String.class).single()).isEqualTo("failed");
    }

    @Test
    void stopCancelsASlowModelCall() {
        MODEL.stubFor(post(urlEqualTo("/v1/messages")).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream")
                .withChunkedDribbleDelay(40, 60_000).withBody(ModelScript.body(Format.ANTHROPIC, Reply.text("A very slow answer that never ends in time.")))));
        JsonNode sent = send(TestPlatform.TECH, "Take your time", null);
        String responseId = sent.path("response_id").asString();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> !MODEL.getAllServeEvents().isEmpty());
        ok(http.post("/api/chat/stop/" + responseId, TestPlatform.TECH, Map.of()));
        List<JsonNode> chunks = awaitDone(TestPlatform.TECH, responseId);
        assertThat(text(chunks)).endsWith("_Response stopped by user._");
        assertThat(jdbc.sql("SELECT status FROM chat_responses WHERE id = ?").param(responseId).query(String.class).single()).isEqualTo("stopped");
        problem(http.post("/api/chat/stop/" + responseId, TestPlatform.TECH, Map.of()), 400);
    }

    @Test
    void sseStreamCarriesTextToolCallsResultsAndDone() {
        ModelScript.script(MODEL, Format.ANTHROPIC,
                Reply.tool("Let me check.", "toolu_c", "list_companies", "{}"),
                Reply.text("You have three companies."));
        JsonNode sent = send(TestPlatform.TECH, "How many companies?", null);
        String stream = sse("/api/chat/stream/" + sent.path("response_id").asString(), TestPlatform.TECH);
        assertThat(stream).contains("event:text", "event:tool_call", "event:tool_result", "event:done");
        assertThat(stream.indexOf("event:tool_call")).isLessThan(stream.indexOf("event:tool_result"));
        assertThat(stream).contains("\"name\":\"list_companies\"").contains("Sheriff").contains("ee companies.");
    }

    String sse(String path, String token) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream").timeout(java.time.Duration.ofSeconds(60)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode ledgerOverrides() {
        return new Http(ServiceProcess.ledger().url()).get("/api/overrides/client/100200", TestPlatform.BILLING).json();
    }

    static List<String> auditActors() throws Exception {
        List<String> actors = new ArrayList<>();
        try (Connection c = ServiceProcess.ledger().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT actor FROM audit_log ORDER BY id")) {
            while (rs.next()) {
                actors.add(rs.getString(1));
            }
        }
        return actors;
    }

    static String codexTicketStatus(long externalId) throws Exception {
        try (Connection c = ServiceProcess.codex().connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT status FROM ticket_details WHERE external_id = " + externalId)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
