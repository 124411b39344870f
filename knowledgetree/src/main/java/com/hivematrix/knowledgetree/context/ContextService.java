package com.hivematrix.knowledgetree.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Service;

import com.hivematrix.knowledgetree.graph.Graph;
import com.hivematrix.knowledgetree.node.NodeService;

/**
 * The context export for AI prompts (spec B8), byte-compatible with the original: for each node
 * on the root→target path at depth d, a block "{'#' * d} Context: {name}" with the node's direct
 * articles and the articles under its attached child folders (unless excluded), each as
 * "File: {name}[ (from attached folder: {folder})]\n\n{content or '> No content.'}"; then the
 * target's attachments. The original left the order of items to Neo4j; here direct articles come
 * first by name, then attached folders by name with their articles by name.
 */
@Service
public class ContextService {

    private final Graph graph;

    public ContextService(Graph graph) {
        this.graph = graph;
    }

    /** Attached folders that are direct children of any node on the root→target path. */
    public List<Map<String, Object>> attachedFolders(String nodeId) {
        return graph.read(tx -> {
            List<Value> path = path(tx, nodeId);
            List<String> ids = path.stream().map(v -> v.get("id").asString()).toList();
            return tx.run("""
                    UNWIND $ids AS aid
                    MATCH (:ContextItem {id: aid})-[:PARENT_OF]->(a:ContextItem {is_attached: true})
                    RETURN DISTINCT a.id AS id, a.name AS name ORDER BY name
                    """, Map.of("ids", ids)).list(r -> Map.<String, Object>of("id", r.get("id").asString(), "name", r.get("name").asString("")));
        });
    }

    public String export(String nodeId, List<String> excluded) {
        return graph.read(tx -> {
            List<Value> path = path(tx, nodeId);
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < path.size(); i++) {
                Value node = path.get(i);
                List<String> items = new ArrayList<>();
                for (Record r : tx.run("""
                        MATCH (:ContextItem {id: $id})-[:PARENT_OF]->(c:ContextItem)
                        WHERE NOT c.is_folder AND (c.is_attached IS NULL OR c.is_attached = false)
                        RETURN c.name AS name, c.content AS content ORDER BY c.name, c.id
                        """, Map.of("id", node.get("id").asString())).list()) {
                    items.add(item(r.get("name").asString(""), r.get("content"), ""));
                }
                for (Record r : tx.run("""
                        MATCH (:ContextItem {id: $id})-[:PARENT_OF]->(a:ContextItem {is_attached: true})
                        WHERE NOT a.id IN $excluded
                        MATCH (a)-[:PARENT_OF*1..]->(article:ContextItem)
                        WHERE NOT article.is_folder
                        RETURN DISTINCT a.name AS folder, a.id AS fid, article.name AS name, article.content AS content, article.id AS aid
                        ORDER BY folder, fid, name, aid
                        """, Map.of("id", node.get("id").asString(), "excluded", excluded)).list()) {
                    items.add(item(r.get("name").asString(""), r.get("content"), r.get("folder").asString("")));
                }
                if (!items.isEmpty()) {
                    parts.add("#".repeat(i + 1) + " Context: " + node.get("name").asString(""));
                    parts.add(String.join("\n\n", items));
                }
            }
            List<String> files = new ArrayList<>(tx.run("""
                    MATCH (:ContextItem {id: $id})-[:HAS_FILE]->(f:File)
                    RETURN f.filename AS filename ORDER BY coalesce(f.uploaded_at, ''), f.id
                    """, Map.of("id", nodeId)).list(r -> r.get("filename").asString(null)));
            files.removeIf(f -> f == null);
            if (!files.isEmpty()) {
                parts.add("## Attached Files for " + path.get(path.size() - 1).get("name").asString(""));
                parts.add(String.join("\n", files.stream().map(f -> "- " + f).toList()));
            }
            return String.join("\n\n", parts);
        });
    }

    private static String item(String name, Value content, String folder) {
        String header = "File: " + name + (folder.isEmpty() ? "" : " (from attached folder: " + folder + ")");
        String body = content.isNull() || content.asString().isEmpty() ? "> No content." : content.asString();
        return header + "\n\n" + body;
    }

    private static List<Value> path(org.neo4j.driver.TransactionContext tx, String nodeId) {
        var result = tx.run("""
                MATCH p = shortestPath((:ContextItem {id: 'root'})-[:PARENT_OF*0..]->(:ContextItem {id: $id}))
                RETURN [x IN nodes(p) | {id: x.id, name: x.name}] AS path
                """, Map.of("id", nodeId));
        if (!result.hasNext()) {
            throw NodeService.notFound(nodeId);
        }
        return result.next().get("path").asList(v -> v);
    }
}
