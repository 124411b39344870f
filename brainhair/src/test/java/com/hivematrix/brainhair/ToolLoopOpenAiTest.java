package com.hivematrix.brainhair;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hivematrix.brainhair.support.Http;
import com.hivematrix.brainhair.support.ModelScript;
import com.hivematrix.brainhair.support.ModelScript.Format;
import com.hivematrix.brainhair.support.ModelScript.Reply;
import com.hivematrix.brainhair.support.TestPlatform;

import tools.jackson.databind.JsonNode;

/** The same loop against an OpenAI-compatible chat-completions endpoint, chosen in settings. */
class ToolLoopOpenAiTest extends BrainhairTestBase {

    @BeforeEach
    void useOpenAi() {
        ok(http.put("/api/settings/model", TestPlatform.ADMIN, Map.of("provider", "OPENAI", "base_url", MODEL.baseUrl() + "/v1",
                "model", "gpt-test", "api_key", "sk-openai-secret", "max_retries", 0)));
    }

    static List<JsonNode> toolMessages(JsonNode request) {
        List<JsonNode> out = new ArrayList<>();
        request.path("messages").forEach(m -> {
            if ("tool".equals(m.path("role").asString())) {
                out.add(m);
            }
        });
        return out;
    }

    @Test
    void readToolForAHipaaCompanyReachesTheModelRedacted() {
        ModelScript.script(MODEL, Format.OPENAI,
                Reply.tool(null, "call_1", "list_contacts", "{\"account_number\":\"100200\"}"),
                Reply.text("Two contacts."));
        JsonNode sent = send(TestPlatform.TECH, "Who works at Example Dental?", null);
        assertThat(text(awaitDone(TestPlatform.TECH, sent.path("response_id").asString()))).isEqualTo("Two contacts.");
        MODEL.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withHeader("Authorization", equalTo("Bearer sk-openai-secret")));
        List<JsonNode> requests = modelRequests();
        JsonNode first = requests.get(0);
        assertThat(first.path("model").asString()).isEqualTo("gpt-test");
        assertThat(first.path("messages").get(0).path("role").asString()).isEqualTo("system");
        assertThat(first.path("tools").get(0).path("type").asString()).isEqualTo("function");
        JsonNode second = requests.get(1);
        JsonNode assistant = second.path("messages").get(2);
        assertThat(assistant.path("tool_calls").get(0).path("function").path("name").asString()).isEqualTo("list_contacts");
        JsonNode tool = toolMessages(second).get(0);
        assertThat(tool.path("tool_call_id").asString()).isEqualTo("call_1");
        JsonNode contacts = Http.JSON.readTree(tool.path("content").asString());
        assertThat(contacts.get(0).path("name").asString()).isEqualTo("Jennifer W.");
        assertThat(contacts.get(0).path("email").asString()).isEqualTo("<EMAIL_ADDRESS>");
        assertThat(contacts.get(0).path("mobile_phone_number").asString()).isEqualTo("<PHONE_NUMBER>");
        assertThat(contacts.get(1).path("name").asString()).isEqualTo("Zorion Q.");
    }

    @Test
    void writeToolWaitsForApprovalAndRunsOnce() {
        ModelScript.script(MODEL, Format.OPENAI,
                Reply.tool("Adding it.", "call_w", "add_network_equipment",
                        "{\"account_number\":\"100300\",\"hostname\":\"BOOKS-FW1\",\"type\":\"Firewall\"}"),
                Reply.text("Firewall added."));
        JsonNode sent = send(TestPlatform.ADMIN, "Add the bookshop's firewall", null);
        String approvalId = awaitApproval(TestPlatform.ADMIN, sent.path("response_id").asString());
        Http ledger = new Http(com.hivematrix.brainhair.support.ServiceProcess.ledger().url());
        assertThat(ledger.get("/api/overrides/manual-assets/100300", TestPlatform.BILLING).json().path("manual_assets")).isEmpty();
        ok(http.post("/api/approval/respond/" + approvalId, TestPlatform.ADMIN, Map.of("approved", true)));
        assertThat(text(awaitDone(TestPlatform.ADMIN, sent.path("response_id").asString()))).isEqualTo("Adding it.Firewall added.");
        JsonNode assets = ledger.get("/api/overrides/manual-assets/100300", TestPlatform.BILLING).json().path("manual_assets");
        assertThat(assets).hasSize(1);
        assertThat(assets.get(0).path("hostname").asString()).isEqualTo("BOOKS-FW1");
        assertThat(toolMessages(modelRequests().get(1)).get(0).path("content").asString()).startsWith("Approved by user-admin and executed.");
    }
}
