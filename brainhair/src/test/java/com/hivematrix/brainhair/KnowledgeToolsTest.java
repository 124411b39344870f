package com.hivematrix.brainhair;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.hivematrix.brainhair.support.Http;
import com.hivematrix.brainhair.support.ModelScript;
import com.hivematrix.brainhair.support.ModelScript.Format;
import com.hivematrix.brainhair.support.ModelScript.Reply;
import com.hivematrix.brainhair.support.ServiceProcess;
import com.hivematrix.brainhair.support.TestPlatform;

import tools.jackson.databind.JsonNode;

/**
 * The knowledge-base tools against a real KnowledgeTree (its jar, on a local Neo4j): search, browse
 * and read answer at once; create, update and delete each wait for an approval and then change
 * KnowledgeTree once, as the approving technician; a denied delete changes nothing.
 */
class KnowledgeToolsTest extends BrainhairTestBase {

    Http kt;
    String folderId;
    String articleId;

    @BeforeEach
    void knowledgeBase() {
        kt = new Http(ServiceProcess.knowledgetree().url());
        for (JsonNode child : ok(kt.get("/api/node/root/children", TestPlatform.ADMIN)).json()) {
            ok(kt.delete("/api/node/" + child.path("id").asString(), TestPlatform.ADMIN));
        }
        folderId = ok(kt.post("/api/node", TestPlatform.TECH, Map.of("parent_id", "root", "name", "Clients", "is_folder", true)))
                .json().path("id").asString();
        articleId = ok(kt.post("/api/node", TestPlatform.TECH, Map.of("parent_id", folderId, "name", "VPN setup"))).json().path("id").asString();
        ok(kt.put("/api/node/" + articleId, TestPlatform.TECH, Map.of("content", "Use the WireGuard profile named dental-vpn.")));
    }

    @Test
    void searchBrowseAndReadAnswerWithoutApproval() {
        ModelScript.script(MODEL, Format.ANTHROPIC,
                new Reply("Looking it up.", List.of(new String[] {"toolu_s", "search_knowledge", "{\"query\":\"WireGuard profile\"}"},
                        new String[] {"toolu_b", "browse_knowledge", "{\"path\":\"/Clients\"}"},
                        new String[] {"toolu_r", "read_knowledge", "{\"id\":\"" + articleId + "\"}"})),
                Reply.text("Use the WireGuard profile."));
        JsonNode sent = send(TestPlatform.TECH, "How do I connect to the VPN?", null);
        assertThat(text(awaitDone(TestPlatform.TECH, sent.path("response_id").asString()))).endsWith("Use the WireGuard profile.");

        List<JsonNode> results = ToolLoopAnthropicTest.toolResults(modelRequests().get(1));
        assertThat(results).hasSize(3);
        assertThat(results).allSatisfy(r -> assertThat(r.path("is_error").asBoolean()).as(r.toString()).isFalse());
        assertThat(results.get(0).path("content").asString()).contains(articleId, "VPN setup");
        assertThat(results.get(1).path("content").asString()).contains("VPN setup");
        JsonNode article = Http.JSON.readTree(results.get(2).path("content").asString());
        assertThat(article.path("name").asString()).isEqualTo("VPN setup");
        assertThat(article.path("content").asString()).isEqualTo("Use the WireGuard profile named dental-vpn.");
        assertThat(jdbc.sql("SELECT count(*) FROM approvals").query(Long.class).single()).isZero();
    }

    @Test
    void createUpdateAndDeleteEachRunOnceAfterApprovalAndADeniedDeleteChangesNothing() {
        // create
        String createId = approveTurn("Write down the printer reset", "create_knowledge",
                "{\"parent_id\":\"" + folderId + "\",\"name\":\"Printer reset\",\"content\":\"Hold the reset button for ten seconds.\"}", true);
        assertThat(decision(createId)).isEqualTo("executed");
        JsonNode created = find("Printer reset");
        assertThat(created).as("the new article is in the Clients folder").isNotNull();
        String newId = created.path("id").asString();
        assertThat(ok(kt.get("/api/node/" + newId, TestPlatform.TECH)).json().path("content").asString())
                .isEqualTo("Hold the reset button for ten seconds.");

        // update: the approval shows before and after
        String updateId = approveTurn("Fix the VPN article", "update_knowledge",
                "{\"id\":\"" + articleId + "\",\"content\":\"Use the WireGuard profile named clinic-vpn.\"}", true);
        JsonNode preview = Http.JSON.readTree(jdbc.sql("SELECT preview::text FROM approvals WHERE id = ?").param(updateId).query(String.class).single());
        assertThat(preview.path("before").path("content").asString()).isEqualTo("Use the WireGuard profile named dental-vpn.");
        assertThat(preview.path("after").path("content").asString()).isEqualTo("Use the WireGuard profile named clinic-vpn.");
        assertThat(ok(kt.get("/api/node/" + articleId, TestPlatform.TECH)).json().path("content").asString())
                .isEqualTo("Use the WireGuard profile named clinic-vpn.");

        // delete, denied: still there
        String deniedId = approveTurn("Remove the printer article", "delete_knowledge", "{\"id\":\"" + newId + "\"}", false);
        assertThat(decision(deniedId)).isEqualTo("denied");
        assertThat(kt.get("/api/node/" + newId, TestPlatform.TECH).status()).isEqualTo(200);

        // delete, approved: gone
        approveTurn("Remove the printer article", "delete_knowledge", "{\"id\":\"" + newId + "\"}", true);
        assertThat(kt.get("/api/node/" + newId, TestPlatform.TECH).status()).isEqualTo(404);
        assertThat(kt.get("/api/node/" + articleId, TestPlatform.TECH).status()).isEqualTo(200);
    }

    /** One chat turn whose model asks for {@code tool}; nothing changes until it is decided; returns the approval id. */
    String approveTurn(String message, String tool, String argsJson, boolean approve) {
        MODEL.resetAll();
        ModelScript.script(MODEL, Format.ANTHROPIC, Reply.tool(null, "toolu_" + tool, tool, argsJson), Reply.text("Done."));
        String before = ok(kt.get("/api/node/" + folderId + "/children", TestPlatform.TECH)).body()
                + ok(kt.get("/api/node/" + articleId, TestPlatform.TECH)).json().path("content").asString();
        JsonNode sent = send(TestPlatform.TECH, message, null);
        String responseId = sent.path("response_id").asString();
        String approvalId = awaitApproval(TestPlatform.TECH, responseId);
        String pending = ok(kt.get("/api/node/" + folderId + "/children", TestPlatform.TECH)).body()
                + ok(kt.get("/api/node/" + articleId, TestPlatform.TECH)).json().path("content").asString();
        assertThat(pending).as("nothing changes before the decision").isEqualTo(before);
        JsonNode decided = ok(http.post("/api/approval/respond/" + approvalId, TestPlatform.TECH, Map.of("approved", approve))).json();
        assertThat(decided.path("status").asString()).isEqualTo(approve ? "executed" : "denied");
        awaitDone(TestPlatform.TECH, responseId);
        return approvalId;
    }

    String decision(String approvalId) {
        return jdbc.sql("SELECT status FROM approvals WHERE id = ?").param(approvalId).query(String.class).single();
    }

    JsonNode find(String name) {
        for (JsonNode child : ok(kt.get("/api/node/" + folderId + "/children", TestPlatform.TECH)).json()) {
            if (name.equals(child.path("name").asString())) {
                return child;
            }
        }
        return null;
    }
}
