package com.hivematrix.brainhair.tool;

import java.util.regex.Pattern;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The knowledge base in KnowledgeTree, per its API contract (search takes {@code query}, node ids
 * are strings). Reads are immediate; every change needs approval.
 */
@Configuration
public class KnowledgeTools {

    static final String KT = "knowledgetree";
    /**
     * ServiceClient hands the path to RestClient as a URI template, which encodes it once (so a
     * value must go in raw: a pre-encoded "%2F" arrived as "%252F") and cannot carry these
     * characters literally (query syntax or template variables). Search words lose them (the
     * full-text index ignores punctuation anyway); a browse path with them is refused.
     */
    private static final Pattern QUERY_SYNTAX = Pattern.compile("[&#+{}]");

    @Bean
    ReadTool searchKnowledge() {
        return Tools.read("search_knowledge", "Search knowledge-base articles and folders by words.",
                Schema.object().string("query", "Search words", true),
                (ctx, args) -> new ToolOutput(ctx.services().get(KT, "/api/search?query="
                        + QUERY_SYNTAX.matcher(Args.text(args, "query")).replaceAll(" ").strip(), JsonNode.class), null));
    }

    @Bean
    ReadTool browseKnowledge() {
        return Tools.read("browse_knowledge", "List the folders and articles at a knowledge-base path such as /Clients/Example.",
                Schema.object().string("path", "Folder path of names, '/' for the root", true), (ctx, args) -> {
                    String path = Args.text(args, "path");
                    if (path.contains("..")) {
                        throw new ToolException("Argument 'path' must not contain '..'");
                    }
                    if (QUERY_SYNTAX.matcher(path).find()) {
                        throw new ToolException("Argument 'path' cannot contain &, #, +, { or }: browse the parent folder or search instead");
                    }
                    return new ToolOutput(ctx.services().get(KT, "/api/browse?path=" + path, JsonNode.class), null);
                });
    }

    @Bean
    ReadTool readKnowledge() {
        return Tools.read("read_knowledge", "Read one knowledge-base article by id.", Schema.object().string("id", "Node id", true),
                (ctx, args) -> new ToolOutput(ctx.services().get(KT, "/api/node/" + Args.pathSafe(args, "id"), JsonNode.class), null));
    }

    @Bean
    WriteTool createKnowledge() {
        return Tools.write("create_knowledge", "Create an article (or a folder) under a parent folder (needs approval).",
                Schema.object().string("parent_id", "Parent folder id", true).string("name", "Title", true)
                        .string("content", "Markdown content", false).bool("is_folder", "Create a folder instead", false),
                WriteTool.Approval.TECHNICIAN, (ctx, args) -> {
                    Args.pathSafe(args, "parent_id");
                    ObjectNode after = JsonNodeFactory.instance.objectNode().put("name", Args.text(args, "name"))
                            .put("content", Args.optText(args, "content"));
                    return new WriteTool.Proposal("Create knowledge " + (Args.optBool(args, "is_folder", false) ? "folder" : "article")
                            + " '" + Args.text(args, "name") + "'", null, null, after);
                }, (ctx, args) -> {
                    ObjectNode body = JsonNodeFactory.instance.objectNode().put("parent_id", Args.pathSafe(args, "parent_id"))
                            .put("name", Args.text(args, "name")).put("is_folder", Args.optBool(args, "is_folder", false));
                    JsonNode created = ctx.services().post(KT, "/api/node", body, JsonNode.class);
                    String content = Args.optText(args, "content");
                    if (content != null && created.hasNonNull("id")) {
                        ctx.services().put(KT, "/api/node/" + created.path("id").asString(),
                                JsonNodeFactory.instance.objectNode().put("content", content), JsonNode.class);
                    }
                    return new ToolOutput(created, null);
                });
    }

    @Bean
    WriteTool updateKnowledge() {
        return Tools.write("update_knowledge", "Replace an article's content and optionally its name (needs approval).",
                Schema.object().string("id", "Node id", true).string("content", "New markdown content", true).string("name", "New name", false),
                WriteTool.Approval.TECHNICIAN, (ctx, args) -> {
                    String id = Args.pathSafe(args, "id");
                    JsonNode current = Tools.bestEffort(() -> ctx.services().get(KT, "/api/node/" + id, JsonNode.class));
                    ObjectNode before = current == null ? null : JsonNodeFactory.instance.objectNode()
                            .put("name", current.path("name").asString(null)).put("content", current.path("content").asString(null));
                    ObjectNode after = JsonNodeFactory.instance.objectNode().put("name", Args.optText(args, "name"))
                            .put("content", Args.text(args, "content"));
                    return new WriteTool.Proposal("Update knowledge article " + id, null, before, after);
                }, (ctx, args) -> {
                    ObjectNode body = JsonNodeFactory.instance.objectNode().put("content", Args.text(args, "content"));
                    if (Args.optText(args, "name") != null) {
                        body.put("name", Args.optText(args, "name"));
                    }
                    return new ToolOutput(ctx.services().put(KT, "/api/node/" + Args.pathSafe(args, "id"), body, JsonNode.class), null);
                });
    }

    @Bean
    WriteTool deleteKnowledge() {
        return Tools.write("delete_knowledge", "Delete an article or folder and everything under it (needs approval).",
                Schema.object().string("id", "Node id", true), WriteTool.Approval.TECHNICIAN,
                (ctx, args) -> new WriteTool.Proposal("Delete knowledge node " + Args.pathSafe(args, "id") + " and its children", null,
                        Tools.bestEffort(() -> ctx.services().get(KT, "/api/node/" + Args.pathSafe(args, "id"), JsonNode.class)), null),
                (ctx, args) -> {
                    ctx.services().delete(KT, "/api/node/" + Args.pathSafe(args, "id"));
                    return new ToolOutput(JsonNodeFactory.instance.objectNode().put("deleted", true), null);
                });
    }
}
