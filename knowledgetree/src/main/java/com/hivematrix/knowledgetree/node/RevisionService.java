package com.hivematrix.knowledgetree.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Record;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Service;

import com.hivematrix.knowledgetree.content.MarkdownRenderer;
import com.hivematrix.knowledgetree.graph.Graph;
import com.hivematrix.shared.problem.ProblemException;

/**
 * Version history the original's README promised: each change of an article's content or name
 * keeps the previous state as a {@code (:Revision)} linked by {@code HAS_REVISION}; any one can
 * be viewed and restored (restoring is itself a change, so nothing is lost).
 */
@Service
public class RevisionService {

    private final Graph graph;
    private final NodeService nodes;
    private final MarkdownRenderer markdown;

    public RevisionService(Graph graph, NodeService nodes, MarkdownRenderer markdown) {
        this.graph = graph;
        this.nodes = nodes;
        this.markdown = markdown;
    }

    /** Current version first, then older ones, newest first. */
    public List<Map<String, Object>> list(String nodeId) {
        return graph.read(tx -> {
            Record n = NodeService.requireExists(tx, nodeId);
            List<Map<String, Object>> out = new java.util.ArrayList<>();
            Value node = n.get("n");
            Map<String, Object> current = new LinkedHashMap<>();
            current.put("id", null);
            current.put("version", node.get("version").asLong(1));
            current.put("name", node.get("name").asString(""));
            current.put("content_format", node.get("content_format").asString("markdown"));
            current.put("saved_at", node.get("updated_at").asString(null));
            current.put("saved_by", node.get("updated_by").asString(null));
            current.put("current", true);
            out.add(current);
            out.addAll(tx.run("""
                    MATCH (:ContextItem {id: $id})-[:HAS_REVISION]->(r:Revision)
                    RETURN r ORDER BY r.version DESC, r.replaced_at DESC
                    """, Map.of("id", nodeId)).list(r -> summary(r.get("r"))));
            return out;
        });
    }

    public Map<String, Object> get(String nodeId, String revisionId) {
        Map<String, Object> out = graph.read(tx -> {
            Value r = find(tx, nodeId, revisionId);
            Map<String, Object> m = summary(r);
            m.put("content", r.get("content").asString(""));
            return m;
        });
        out.put("content_html", markdown.render((String) out.get("content"), (String) out.get("content_format")));
        return out;
    }

    public void restore(String nodeId, String revisionId, String actor) {
        Map<String, Object> r = get(nodeId, revisionId);
        String content = (String) r.get("content");
        boolean html = "html".equals(r.get("content_format"));
        nodes.update(nodeId, null, html ? null : content, html ? content : null, actor);
    }

    private static Value find(org.neo4j.driver.TransactionContext tx, String nodeId, String revisionId) {
        var result = tx.run("MATCH (:ContextItem {id: $id})-[:HAS_REVISION]->(r:Revision {id: $rev}) RETURN r",
                Map.of("id", nodeId, "rev", revisionId));
        if (!result.hasNext()) {
            throw ProblemException.notFound("Revision not found: " + revisionId);
        }
        return result.next().get("r");
    }

    private static Map<String, Object> summary(Value r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.get("id").asString());
        m.put("version", r.get("version").asLong(1));
        m.put("name", r.get("name").asString(""));
        m.put("content_format", r.get("content_format").asString("markdown"));
        m.put("saved_at", r.get("saved_at").asString(null));
        m.put("saved_by", r.get("saved_by").asString(null));
        m.put("current", false);
        return m;
    }
}
