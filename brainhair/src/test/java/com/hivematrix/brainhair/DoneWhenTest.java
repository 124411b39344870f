package com.hivematrix.brainhair;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The "Done when": with the scripted model, a technician asks for a company's bill, sees the
 * redacted answer stream in, asks for a rate change, approves it, and Ledger shows the change with
 * the technician as its author. Ledger lets only billing and admin users read bills and change rates,
 * so this technician is also in the Keycloak billing group (permission_level stays technician, the
 * group adds the billing role); a plain technician's approval of a billing write is refused
 * (ToolLoopAnthropicTest).
 */
class DoneWhenTest extends BrainhairTestBase {

    @Test
    void billRedactedStreamedThenRateChangeApprovedAndAuthoredInLedger() throws Exception {
        ModelScript.script(MODEL, Format.ANTHROPIC,
                Reply.tool("Fetching the bill.", "toolu_bill", "get_billing", "{\"account_number\":\"100200\"}"),
                Reply.text("Example Dental is billed for Jennifer W. and Zorion Q. at 125 per user."),
                Reply.tool("Requesting the change.", "toolu_rate", "update_billing_rates",
                        "{\"account_number\":\"100200\",\"per_user_cost\":130}"),
                Reply.text("Done: the per-user rate is 130."));

        JsonNode ask = send(TestPlatform.TECH_IN_BILLING, "What is Example Dental's bill this month?", null);
        String session = ask.path("db_session_id").asString();
        String stream = sse("/api/chat/stream/" + ask.path("response_id").asString());
        assertThat(stream).contains("event:text", "event:tool_call", "event:tool_result", "event:done");
        assertThat(stream).contains("Jennifer W.").doesNotContain("Jennifer Walsh").doesNotContain("Zorion Quaye");

        JsonNode billSeen = Http.JSON.readTree(ToolLoopAnthropicTest.toolResults(modelRequests().get(1)).get(0).path("content").asString());
        assertThat(billSeen.path("account_number").asString()).isEqualTo("100200");
        List<String> users = new ArrayList<>();
        billSeen.path("receipt").path("billed_users").forEach(u -> users.add(u.path("name").asString()));
        assertThat(users).containsExactlyInAnyOrder("Jennifer W.", "Zorion Q.");

        JsonNode change = send(TestPlatform.TECH_IN_BILLING, "Change the per-user rate to 130", session);
        String approvalId = awaitApproval(TestPlatform.TECH_IN_BILLING, change.path("response_id").asString());
        JsonNode approval = ok(http.get("/api/chat/history/" + session, TestPlatform.TECH_IN_BILLING)).json().path("approvals").get(0);
        assertThat(approval.path("preview").path("after").path("per_user_cost").decimalValue()).isEqualByComparingTo("130");
        assertThat(approval.path("status").asString()).isEqualTo("pending");
        ok(http.post("/api/approval/respond/" + approvalId, TestPlatform.TECH_IN_BILLING, Map.of("approved", true)));
        assertThat(text(awaitDone(TestPlatform.TECH_IN_BILLING, change.path("response_id").asString()))).endsWith("Done: the per-user rate is 130.");

        Http ledger = new Http(ServiceProcess.ledger().url());
        JsonNode bill = ledger.get("/api/billing/100200", TestPlatform.BILLING).json();
        assertThat(bill.path("effective_rates").path("per_user_cost").decimalValue()).isEqualByComparingTo("130");
        assertThat(ToolLoopAnthropicTest.auditActors()).containsExactly("tess.tech@example.test");
    }

    String sse(String path) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + TestPlatform.TECH_IN_BILLING)
                    .header("Accept", "text/event-stream").timeout(java.time.Duration.ofSeconds(60)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            return r.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
