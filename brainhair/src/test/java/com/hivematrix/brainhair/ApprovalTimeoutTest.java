package com.hivematrix.brainhair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import com.hivematrix.brainhair.support.ModelScript;
import com.hivematrix.brainhair.support.ModelScript.Format;
import com.hivematrix.brainhair.support.ModelScript.Reply;
import com.hivematrix.brainhair.support.TestPlatform;

import tools.jackson.databind.JsonNode;

/** No decision in time = denied: nothing runs, and a late approval is refused. */
@TestPropertySource(properties = "brainhair.approval-timeout=2s")
class ApprovalTimeoutTest extends BrainhairTestBase {

    @Test
    void anUndecidedApprovalExpiresAsDenied() throws Exception {
        ModelScript.script(MODEL, Format.ANTHROPIC,
                Reply.tool(null, "toolu_w", "update_billing_rates", "{\"account_number\":\"100200\",\"per_server_cost\":99}"),
                Reply.text("Nobody approved, so nothing changed."));
        JsonNode sent = send(TestPlatform.ADMIN, "Lower the server rate", null);
        String responseId = sent.path("response_id").asString();
        String approvalId = awaitApproval(TestPlatform.ADMIN, responseId);
        awaitDone(TestPlatform.ADMIN, responseId);
        assertThat(jdbc.sql("SELECT status FROM approvals WHERE id = ?").param(approvalId).query(String.class).single()).isEqualTo("expired");
        JsonNode result = ToolLoopAnthropicTest.toolResults(modelRequests().get(1)).get(0);
        assertThat(result.path("content").asString()).isEqualTo("No decision within 2 s; the action was treated as denied and not performed.");
        problem(http.post("/api/approval/respond/" + approvalId, TestPlatform.ADMIN, Map.of("approved", true)), 409);
        assertThat(ToolLoopAnthropicTest.ledgerOverrides().path("overrides").isNull()).isTrue();
        assertThat(ToolLoopAnthropicTest.auditActors()).isEmpty();
    }
}
