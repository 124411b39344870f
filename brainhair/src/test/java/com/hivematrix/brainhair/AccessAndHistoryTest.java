package com.hivematrix.brainhair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.hivematrix.brainhair.support.ModelScript;
import com.hivematrix.brainhair.support.ModelScript.Format;
import com.hivematrix.brainhair.support.ModelScript.Reply;
import com.hivematrix.brainhair.support.TestPlatform;

import tools.jackson.databind.JsonNode;

/** Who may chat, ownership of every id, bad input, history, search, resume, title and delete. */
class AccessAndHistoryTest extends BrainhairTestBase {

    @Test
    void onlyTechniciansAndAdminsMayChat() {
        for (String token : List.of(TestPlatform.CLIENT, TestPlatform.BILLING)) {
            problem(http.post("/api/chat", token, Map.of("message", "hi")), 403);
            assertThat(http.get("/chat", token).status()).isEqualTo(403);
            problem(http.get("/api/chat/history", token), 403);
        }
        problem(http.post("/api/chat", null, Map.of("message", "hi")), 401);
        problem(http.put("/api/settings/model", TestPlatform.TECH, Map.of("provider", "OPENAI")), 403);
    }

    @Test
    void badMessagesAreProblemsNamingTheField() {
        JsonNode empty = problem(http.post("/api/chat", TestPlatform.TECH, Map.of("message", "   ")), 400);
        assertThat(empty.path("field").asString()).isEqualTo("message");
        JsonNode big = problem(http.post("/api/chat", TestPlatform.TECH, Map.of("message", "x".repeat(20001))), 413);
        assertThat(big.path("field").asString()).isEqualTo("message");
        problem(http.post("/api/chat", TestPlatform.TECH, null), 400);
        assertThat(jdbc.sql("SELECT count(*) FROM chat_sessions").query(Long.class).single()).isZero();
        problem(http.get("/api/chat/history/search", TestPlatform.TECH), 400);
        problem(http.post("/api/approval/respond/x", TestPlatform.TECH, Map.of()), 400);
    }

    @Test
    void anotherUsersSessionResponseAndApprovalAreNotFound() {
        ModelScript.script(MODEL, Format.ANTHROPIC,
                Reply.tool(null, "toolu_t", "update_ticket", "{\"ticket_id\":\"1\",\"note\":\"called back\"}"),
                Reply.text("Noted."));
        JsonNode sent = send(TestPlatform.TECH, "Add a note to T1", null);
        String session = sent.path("db_session_id").asString();
        String response = sent.path("response_id").asString();
        String approval = awaitApproval(TestPlatform.TECH, response);
        String other = TestPlatform.OTHER_TECH;
        problem(http.get("/api/chat/history/" + session, other), 404);
        problem(http.get("/api/chat/poll/" + response, other), 404);
        problem(http.get("/api/chat/stream/" + response, other), 404);
        problem(http.post("/api/chat/stop/" + response, other, Map.of()), 404);
        problem(http.post("/api/approval/respond/" + approval, other, Map.of("approved", true)), 404);
        problem(http.put("/api/chat/session/" + session + "/title", other, Map.of("title", "Mine now")), 404);
        problem(http.delete("/api/chat/session/" + session, other), 404);
        problem(http.post("/api/chat", other, Map.of("message", "continue", "db_session_id", session)), 404);
        assertThat(ok(http.get("/api/chat/history", other)).json().path("sessions")).isEmpty();
        assertThat(jdbc.sql("SELECT status FROM approvals WHERE id = ?").param(approval).query(String.class).single()).isEqualTo("pending");
        ok(http.post("/api/approval/respond/" + approval, TestPlatform.TECH, Map.of("approved", true)));
        awaitDone(TestPlatform.TECH, response);
    }

    @Test
    void historySearchResumeTitleAndDelete() {
        ModelScript.script(MODEL, Format.ANTHROPIC,
                Reply.tool("Sure.", "toolu_title", "set_chat_title", "{\"title\":\"Printer trouble at the bookshop\"}"),
                Reply.text("The printer needs toner."),
                Reply.text("Yes, order cartridges."));
        JsonNode first = send(TestPlatform.TECH, "Why is the bookshop printer blank?", null);
        String session = first.path("db_session_id").asString();
        awaitDone(TestPlatform.TECH, first.path("response_id").asString());

        JsonNode history = ok(http.get("/api/chat/history", TestPlatform.TECH)).json();
        assertThat(history.path("total").asInt()).isEqualTo(1);
        JsonNode s = history.path("sessions").get(0);
        assertThat(s.path("title").asString()).isEqualTo("Printer trouble at the bookshop");
        assertThat(s.path("summary").asString()).isEqualTo("Why is the bookshop printer blank?");
        assertThat(s.path("message_count").asInt()).isEqualTo(4);
        JsonNode found = ok(http.get("/api/chat/history/search?q=toner", TestPlatform.TECH)).json();
        assertThat(found.path("count").asInt()).isEqualTo(1);
        assertThat(ok(http.get("/api/chat/history/search?q=100%25", TestPlatform.TECH)).json().path("count").asInt()).isZero();

        JsonNode again = send(TestPlatform.TECH, "Should I order more?", session);
        assertThat(again.path("db_session_id").asString()).isEqualTo(session);
        awaitDone(TestPlatform.TECH, again.path("response_id").asString());
        JsonNode resumed = modelRequests().get(2);
        List<String> roles = new java.util.ArrayList<>();
        resumed.path("messages").forEach(m -> roles.add(m.path("role").asString()));
        assertThat(roles).containsExactly("user", "assistant", "user", "assistant", "user");
        assertThat(resumed.path("messages").get(1).path("content").get(1).path("type").asString()).isEqualTo("tool_use");
        assertThat(resumed.path("messages").get(4).path("content").get(0).path("text").asString()).isEqualTo("Should I order more?");

        JsonNode detail = ok(http.get("/api/chat/history/" + session, TestPlatform.TECH)).json();
        assertThat(detail.path("messages")).hasSize(6);
        ok(http.put("/api/chat/session/" + session + "/title", TestPlatform.TECH, Map.of("title", "Toner")));
        problem(http.put("/api/chat/session/" + session + "/title", TestPlatform.TECH, Map.of("title", "x")), 400);
        ok(http.delete("/api/chat/session/" + session, TestPlatform.TECH));
        problem(http.get("/api/chat/history/" + session, TestPlatform.TECH), 404);
        assertThat(jdbc.sql("SELECT count(*) FROM chat_messages").query(Long.class).single()).isZero();
    }

    @Test
    void pagesRenderForTechniciansWithEscapedContext() {
        com.hivematrix.brainhair.support.Http.Response page = http.get("/chat?session=%3Cscript%3E", TestPlatform.TECH);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Brainhair Chat", "id=\"bh-input\"", "autofocus").doesNotContain("<script>");
        String resume = "0f8fad5b-d9cb-469f-a165-70867728950e";
        assertThat(http.get("/chat?session=" + resume, TestPlatform.TECH).body()).contains("data-session=\"" + resume + "\"");
        assertThat(http.get("/chat", TestPlatform.TECH).body()).doesNotContain("data-session");
        assertThat(http.get("/history", TestPlatform.TECH).body()).contains("Chat History");
        assertThat(http.get("/", TestPlatform.TECH).body()).contains("Chat History");
        assertThat(http.get("/settings", TestPlatform.TECH).status()).isEqualTo(403);
        assertThat(http.get("/settings", TestPlatform.ADMIN).body()).contains("Model settings");
        assertThat(http.get("/static/brainhair/markdown.js", null).body()).contains("BrainhairMarkdown");
    }
}
