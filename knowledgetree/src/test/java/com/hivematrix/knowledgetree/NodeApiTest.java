package com.hivematrix.knowledgetree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

class NodeApiTest extends KtTestBase {

    @Autowired
    Driver driver;

    @Test
    void createGetUpdateDeleteWithAuthorAndTimestamps() {
        String folder = create("root", "Procedures", true);
        String article = create(folder, "Onboarding", false);
        write(article, "# Onboarding\n\n| a | b |\n|---|---|\n| 1 | ~~2~~ |\n\n- [x] done\nline two");

        JsonNode n = get("/api/node/" + article, CLIENT).json();
        assertThat(n.get("name").asString()).isEqualTo("Onboarding");
        assertThat(n.get("content_format").asString()).isEqualTo("markdown");
        assertThat(n.get("content_markdown").asString()).startsWith("# Onboarding");
        assertThat(n.get("content_html").asString()).contains("<h1>Onboarding</h1>", "<table>", "<del>2</del>", "type=\"checkbox\"", "done<br>");
        assertThat(n.get("created_by").asString()).isEqualTo("user-technician");
        assertThat(n.get("updated_at").asString()).isNotBlank();
        assertThat(n.get("is_folder").asBoolean()).isFalse();
        assertThat(n.get("files").isArray()).isTrue();

        assertThat(put("/api/node/" + article, map("content_html", "<p>Hi<script>alert(1)</script><img src=x onerror=alert(1)></p>"), TECH).status()).isEqualTo(200);
        JsonNode html = get("/api/node/" + article, TECH).json();
        assertThat(html.get("content_format").asString()).isEqualTo("html");
        assertThat(html.get("content").asString()).doesNotContain("script", "onerror");
        assertThat(html.has("content_markdown")).isFalse();

        assertThat(delete("/api/node/" + folder, TECH).json().get("success").asBoolean()).isTrue();
        assertProblem(get("/api/node/" + article, TECH), 404);
        assertProblem(get("/api/node/" + folder, TECH), 404);
    }

    @Test
    void duplicateSiblingIs409WithExistingIdOnCreateRenameAndMove() {
        String a = create("root", "A", true);
        String b = create("root", "B", true);
        Response dup = post("/api/node", map("parent_id", "root", "name", "A", "is_folder", false), TECH);
        assertProblem(dup, 409);
        assertThat(dup.json().get("existing_id").asString()).isEqualTo(a);
        assertThat(dup.json().get("error").asString()).contains("already exists");

        assertProblem(put("/api/node/" + b, map("name", "A"), TECH), 409);

        String inner = create(b, "A", false);
        assertProblem(post("/api/node/" + inner + "/move", map("new_parent_id", "root"), TECH), 409);
    }

    @Test
    void unknownIdsMissingFieldsAndRootAreRefused() {
        assertProblem(get("/api/node/nope", TECH), 404);
        assertProblem(put("/api/node/nope", map("content", "x"), TECH), 404);
        assertProblem(delete("/api/node/nope", TECH), 404);
        assertProblem(post("/api/node", map("parent_id", "nope", "name", "X"), TECH), 404);
        Response missing = post("/api/node", map("parent_id", "root"), TECH);
        assertProblem(missing, 400);
        assertThat(missing.json().get("field").asString()).isEqualTo("name");
        assertProblem(post("/api/node", map("parent_id", "root", "name", "a/b"), TECH), 400);
        assertProblem(delete("/api/node/root", ADMIN), 400);
        assertProblem(put("/api/node/root", map("name", "Renamed"), ADMIN), 400);
        assertProblem(post("/api/node/root/move", map("new_parent_id", "root"), ADMIN), 400);
        String article = create("root", "Article", false);
        assertProblem(post("/api/node", map("parent_id", article, "name", "Child"), TECH), 400);
    }

    @Test
    void moveRefusesCyclesAndNonFolders() {
        String a = create("root", "A", true);
        String b = create(a, "B", true);
        String c = create(b, "C", true);
        String art = create("root", "Art", false);

        assertProblem(post("/api/node/" + a + "/move", map("new_parent_id", c), TECH), 400);
        assertProblem(post("/api/node/" + a + "/move", map("new_parent_id", a), TECH), 400);
        assertProblem(post("/api/node/" + b + "/move", map("new_parent_id", art), TECH), 400);
        assertProblem(post("/api/node/" + b + "/move", map("new_parent_id", "missing"), TECH), 404);

        assertThat(post("/api/node/" + c + "/move", map("new_parent_id", "root"), TECH).status()).isEqualTo(200);
        JsonNode tree = get("/api/folders/tree", CLIENT).json();
        assertThat(names(tree.get("children"))).containsExactly("A", "C");
        assertThat(names(tree.get("children").get(0).get("children"))).containsExactly("B");
        try (var s = driver.session()) {
            long parents = s.run("MATCH (p)-[:PARENT_OF]->(:ContextItem {id: $id}) RETURN count(p) AS c", Map.of("id", c)).single().get("c").asLong();
            assertThat(parents).isEqualTo(1);
        }
    }

    @Test
    void childrenBrowseAndPathBrowseHaveTheOriginalShapes() {
        String kb = create("root", "IT Docs", true);
        create(kb, "Zeta", false);
        String alpha = create(kb, "Alpha", false);
        create(kb, "Sub", true);
        write(alpha, "x".repeat(250));

        JsonNode children = get("/api/node/" + kb + "/children", CLIENT).json();
        assertThat(names(children)).containsExactly("Sub", "Alpha", "Zeta");
        assertThat(children.get(0).get("is_folder").asBoolean()).isTrue();

        JsonNode browse = get("/api/node/" + kb + "/browse", CLIENT).json();
        assertThat(browse.get("url_path").asString()).isEqualTo("IT%20Docs");
        assertThat(names(browse.get("breadcrumb"))).containsExactly("KnowledgeTree Root", "IT Docs");
        assertProblem(get("/api/node/" + alpha + "/browse", CLIENT), 400);

        JsonNode byPath = get("/api/browse?path=/IT%20Docs/", BRAINHAIR).json();
        assertThat(byPath.get("path").asString()).isEqualTo("/IT Docs");
        assertThat(byPath.get("current_node").get("id").asString()).isEqualTo(kb);
        assertThat(byPath.get("categories").get(0).get("path").asString()).isEqualTo("/IT Docs/Sub");
        assertThat(byPath.get("articles").get(0).get("title").asString()).isEqualTo("Alpha");
        assertThat(byPath.get("articles").get(0).get("summary").asString()).hasSize(203).endsWith("...");
        Response missing = get("/api/browse?path=/Nope", BRAINHAIR);
        assertProblem(missing, 404);
        assertThat(missing.json().get("path").asString()).isEqualTo("/Nope");
    }

    @Test
    void readOnlyNodesRefuseChanges() {
        String folder = create("root", "Companies", true);
        String synced = create(folder, "Acme", true);
        try (var s = driver.session()) {
            s.run("MATCH (n:ContextItem {id: $id}) SET n.read_only = true", Map.of("id", synced)).consume();
        }
        assertProblem(put("/api/node/" + synced, map("content", "x"), ADMIN), 403);
        assertProblem(delete("/api/node/" + synced, ADMIN), 403);
        assertProblem(delete("/api/node/" + folder, ADMIN), 403);
        assertProblem(post("/api/node/" + synced + "/move", map("new_parent_id", "root"), ADMIN), 403);
        assertThat(get("/api/node/" + synced, CLIENT).json().get("read_only").asBoolean()).isTrue();
    }

    @Test
    void permissionsReadForEveryoneWriteForStaff() {
        String id = create("root", "Doc", false);
        assertThat(get("/api/node/" + id, CLIENT).status()).isEqualTo(200);
        assertThat(get("/api/node/" + id, BILLING).status()).isEqualTo(200);
        assertThat(get("/api/node/" + id, BRAINHAIR).status()).isEqualTo(200);
        assertProblem(put("/api/node/" + id, map("content", "x"), CLIENT), 403);
        assertProblem(post("/api/node", map("parent_id", "root", "name", "New"), BILLING), 403);
        assertProblem(delete("/api/node/" + id, CLIENT), 403);
        assertProblem(post("/admin/wipe", null, TECH), 403);
        assertThat(get("/api/node/" + id, null).status()).isEqualTo(401);
    }

    @Test
    void everyChangeKeepsAVersionThatCanBeViewedAndRestored() {
        String id = create("root", "Runbook", false);
        write(id, "first");
        write(id, "second");
        assertThat(put("/api/node/" + id, map("name", "Runbook v2"), ADMIN).status()).isEqualTo(200);

        JsonNode versions = get("/api/node/" + id + "/versions", CLIENT).json();
        assertThat(versions).hasSize(4);
        assertThat(versions.get(0).get("current").asBoolean()).isTrue();
        assertThat(versions.get(0).get("version").asLong()).isEqualTo(4);
        String firstRev = versions.get(2).get("id").asString();
        JsonNode first = get("/api/node/" + id + "/versions/" + firstRev, CLIENT).json();
        assertThat(first.get("content").asString()).isEqualTo("first");
        assertThat(first.get("saved_by").asString()).isEqualTo("user-technician");

        assertProblem(post("/api/node/" + id + "/versions/" + firstRev + "/restore", null, CLIENT), 403);
        assertThat(post("/api/node/" + id + "/versions/" + firstRev + "/restore", null, TECH).status()).isEqualTo(200);
        JsonNode now = get("/api/node/" + id, CLIENT).json();
        assertThat(now.get("content").asString()).isEqualTo("first");
        assertThat(now.get("name").asString()).isEqualTo("Runbook v2");
        assertThat(get("/api/node/" + id + "/versions", CLIENT).json()).hasSize(5);
        assertProblem(get("/api/node/" + id + "/versions/nope", CLIENT), 404);
    }

    @Test
    void schemaHasTheUniquenessConstraintAndFullTextIndex() {
        try (var s = driver.session()) {
            List<String> constraints = s.run("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN labelsOrTypes[0] + '.' + properties[0] + ':' + type AS c")
                    .list(r -> r.get("c").asString());
            assertThat(constraints).contains("ContextItem.id:UNIQUENESS");
            List<String> indexes = s.run("SHOW FULLTEXT INDEXES YIELD name, properties RETURN name + ':' + reduce(s = '', p IN properties | s + p + ',') AS i")
                    .list(r -> r.get("i").asString());
            assertThat(indexes).contains("context_item_text:name,content,");
            long roots = s.run("MATCH (n:ContextItem {id: 'root'}) RETURN count(n) AS c").single().get("c").asLong();
            assertThat(roots).isEqualTo(1);
        }
    }

    static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get("name").asString()));
        return out;
    }
}
