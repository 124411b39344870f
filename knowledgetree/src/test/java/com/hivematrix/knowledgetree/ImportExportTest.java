package com.hivematrix.knowledgetree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

class ImportExportTest extends KtTestBase {

    @Autowired
    Driver driver;

    /** An export as the original wrote it: no ids, no content_format, parents not necessarily first. */
    static final String ORIGINAL_EXPORT = """
            [
              {"path": "Procedures/Onboarding", "content": "# Onboarding\\n\\n- [ ] account", "is_folder": false, "is_attached": false},
              {"path": "Procedures", "content": "", "is_folder": true, "is_attached": false},
              {"path": "Procedures/Templates", "content": "", "is_folder": true, "is_attached": true},
              {"path": "Procedures/Templates/Reply", "content": "<p>Hello <strong>there</strong></p>", "is_folder": false, "is_attached": false},
              {"path": "Network", "content": "", "is_folder": true, "is_attached": false},
              {"path": "Network/VPN", "content": "Use the client.", "is_folder": false, "is_attached": false},
              {"path": "Top level note", "content": "", "is_folder": false, "is_attached": false}
            ]
            """;

    @Test
    void restoringAnExportInTheOriginalFormatGivesTheSameTree() {
        Response r = upload("/admin/import", "file", "knowledgetree_export.json", "application/json",
                ORIGINAL_EXPORT.getBytes(StandardCharsets.UTF_8), ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("created").asInt()).isEqualTo(7);

        Set<String> expected = entries(JSON.readTree(ORIGINAL_EXPORT));
        Response export = get("/admin/export", ADMIN);
        assertThat(export.header("Content-Disposition")).contains("knowledgetree_export.json");
        assertThat(entries(export.json())).isEqualTo(expected);

        JsonNode tree = get("/api/folders/tree", CLIENT).json();
        assertThat(NodeApiTest.names(tree.get("children"))).containsExactly("Network", "Procedures");
        JsonNode templates = tree.get("children").get(1).get("children").get(0);
        assertThat(templates.get("name").asString()).isEqualTo("Templates");
        assertThat(templates.get("is_attached").asBoolean()).isTrue();

        // the export of this service, wiped and restored, gives the same again (round trip)
        String ours = export.body();
        io.wipe();
        assertThat(upload("/admin/import", "file", "e.json", "application/json", ours.getBytes(StandardCharsets.UTF_8), ADMIN).status()).isEqualTo(200);
        assertThat(entries(get("/admin/export", ADMIN).json())).isEqualTo(expected);

        // importing again updates in place instead of duplicating
        Response again = upload("/admin/import", "file", "e.json", "application/json", ORIGINAL_EXPORT.getBytes(StandardCharsets.UTF_8), ADMIN);
        assertThat(again.json().get("created").asInt()).isZero();
        assertThat(again.json().get("updated").asInt()).isEqualTo(7);
    }

    @Test
    void malformedImportsAre400WithTheFirstErrorsAndWriteNothing() {
        Response notJson = upload("/admin/import", "file", "x.json", "application/json", "{oops".getBytes(StandardCharsets.UTF_8), ADMIN);
        assertProblem(notJson, 400);
        Response bad = upload("/admin/import", "file", "x.json", "application/json", """
                [{"path": "Good", "content": "", "is_folder": true},
                 {"content": "no path"},
                 {"path": "A//B", "is_folder": false},
                 {"path": "C", "is_folder": "yes"}]
                """.getBytes(StandardCharsets.UTF_8), ADMIN);
        assertProblem(bad, 400);
        assertThat(bad.json().get("errors")).hasSize(3);
        Response orphan = upload("/admin/import", "file", "x.json", "application/json", """
                [{"path": "Fine", "content": "", "is_folder": true}, {"path": "Missing/Child", "content": "x", "is_folder": false}]
                """.getBytes(StandardCharsets.UTF_8), ADMIN);
        assertProblem(orphan, 400);
        assertThat(orphan.json().get("errors").get(0).asString()).contains("Missing");
        assertThat(get("/api/node/root/children", CLIENT).json()).isEmpty();
    }

    @Test
    void dryRunPreviewsWithoutWritingAndImportIsAdminOnly() {
        Response dry = upload("/admin/import?dry_run=true", "file", "x.json", "application/json", ORIGINAL_EXPORT.getBytes(StandardCharsets.UTF_8), ADMIN);
        assertThat(dry.status()).as(dry.body()).isEqualTo(200);
        assertThat(dry.json().get("dry_run").asBoolean()).isTrue();
        assertThat(dry.json().get("created").asInt()).isEqualTo(7);
        assertThat(get("/api/node/root/children", CLIENT).json()).isEmpty();
        assertProblem(upload("/admin/import", "file", "x.json", "application/json", ORIGINAL_EXPORT.getBytes(StandardCharsets.UTF_8), TECH), 403);
        assertProblem(get("/admin/export", TECH), 403);
        assertThat(get("/admin/export/template", ADMIN).json().get(0).get("path").asString()).isEqualTo("Procedures");
    }

    @Test
    void wipeRemovesOnlyKnowledgeTreeNodesAndStatusCounts() {
        create("root", "Folder", true);
        write(create("root", "Doc", false), "x");
        JsonNode status = get("/admin/sync/status", ADMIN).json();
        assertThat(status.get("folders").asLong()).isEqualTo(2);
        assertThat(status.get("articles").asLong()).isEqualTo(1);
        assertThat(status.get("ticket_count").asLong()).isZero();
        try (var s = driver.session()) {
            s.run("CREATE (:Unrelated {name: 'keep'})").consume();
            assertThat(post("/admin/wipe", null, ADMIN).json().get("success").asBoolean()).isTrue();
            long kept = s.run("MATCH (n:Unrelated) RETURN count(n) AS c").single().get("c").asLong();
            s.run("MATCH (n:Unrelated) DELETE n").consume();
            assertThat(kept).isEqualTo(1);
        }
        assertThat(get("/api/node/root/children", CLIENT).json()).isEmpty();
        assertThat(get("/api/node/root", CLIENT).json().get("name").asString()).isEqualTo("KnowledgeTree Root");
    }

    static Set<String> entries(JsonNode array) {
        Set<String> out = new HashSet<>();
        for (JsonNode e : array) {
            out.add(String.join("|", List.of(e.get("path").asString(), e.get("content").asString(),
                    Boolean.toString(e.get("is_folder").asBoolean()), Boolean.toString(e.get("is_attached").asBoolean()))));
        }
        return out;
    }
}
