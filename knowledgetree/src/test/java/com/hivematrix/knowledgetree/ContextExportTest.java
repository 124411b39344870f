package com.hivematrix.knowledgetree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The context export must stay byte-compatible with the original (spec B8). */
class ContextExportTest extends KtTestBase {

    @Test
    void matchesTheOriginalFormatExactly() {
        write(create("root", "Root Note", false), "root text");
        String templates = create("root", "Templates", true, true);
        write(create(templates, "Reply", false), "hello");
        String docs = create("root", "Docs", true);
        create(docs, "Guide", false);
        String sub = create(docs, "Sub", true);
        String target = create(sub, "Target", false);
        write(target, "target body");
        Response up = upload("/api/upload/" + target, "file", "notes.txt", "text/plain", "plain notes".getBytes(StandardCharsets.UTF_8), TECH);
        assertThat(up.status()).as(up.body()).isEqualTo(200);
        String stored = up.json().get("stored_filename").asString();

        String expected = "# Context: KnowledgeTree Root\n\n"
                + "File: Root Note\n\nroot text\n\n"
                + "File: Reply (from attached folder: Templates)\n\nhello\n\n"
                + "## Context: Docs\n\n"
                + "File: Guide\n\n> No content.\n\n"
                + "### Context: Sub\n\n"
                + "File: Target\n\ntarget body\n\n"
                + "## Attached Files for Target\n\n"
                + "- " + stored;
        assertThat(get("/api/context/" + target, CLIENT).json().get("context").asString()).isEqualTo(expected);
        assertThat(post("/api/node/" + target + "/context", map("excluded_ids", java.util.List.of()), CLIENT).json().get("context").asString())
                .isEqualTo(expected);

        JsonNode tree = get("/api/context/tree/" + target, CLIENT).json();
        assertThat(tree.get("attached_folders")).hasSize(1);
        assertThat(tree.get("attached_folders").get(0).get("id").asString()).isEqualTo(templates);

        String withoutTemplates = post("/api/context/" + target, map("excluded_ids", java.util.List.of(templates)), CLIENT)
                .json().get("context").asString();
        assertThat(withoutTemplates).startsWith("# Context: KnowledgeTree Root\n\nFile: Root Note\n\nroot text\n\n## Context: Docs")
                .doesNotContain("Reply");

        assertProblem(get("/api/context/missing", CLIENT), 404);
        assertProblem(post("/api/context/" + target, map("excluded_ids", "nope"), CLIENT), 400);
    }
}
