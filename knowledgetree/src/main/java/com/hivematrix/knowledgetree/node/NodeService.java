package com.hivematrix.knowledgetree.node;

import static com.hivematrix.knowledgetree.graph.GraphSchema.ROOT_ID;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.neo4j.driver.Record;
import org.neo4j.driver.TransactionContext;
import org.neo4j.driver.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.hivematrix.knowledgetree.attachment.AttachmentStore;
import com.hivematrix.knowledgetree.content.HtmlSanitizer;
import com.hivematrix.knowledgetree.content.MarkdownRenderer;
import com.hivematrix.knowledgetree.graph.Graph;
import com.hivematrix.shared.problem.ProblemException;

/**
 * Folders and articles: the original's routes with the integrity it lacked (B14 §5) — 404 for
 * unknown ids, root protected, read-only nodes refused, sibling names unique on create, rename
 * and move, attachments deleted with their nodes, timestamps and authors, and a revision kept
 * whenever an article's content or name changes.
 */
@Service
public class NodeService {

    private final Graph graph;
    private final MarkdownRenderer markdown;
    private final HtmlSanitizer sanitizer;
    private final AttachmentStore store;

    public NodeService(Graph graph, MarkdownRenderer markdown, HtmlSanitizer sanitizer, AttachmentStore store) {
        this.graph = graph;
        this.markdown = markdown;
        this.sanitizer = sanitizer;
        this.store = store;
    }

    public String create(String parentId, String name, boolean folder, boolean attached, String actor) {
        return graph.write(tx -> {
            Record parent = one(tx, "MATCH (p:ContextItem {id: $id}) RETURN p.is_folder AS is_folder", Map.of("id", parentId));
            if (parent == null) {
                throw ProblemException.notFound("Parent not found: " + parentId).with("field", "parent_id");
            }
            if (!parent.get("is_folder").asBoolean(false)) {
                throw ProblemException.badRequest("The parent is not a folder").with("field", "parent_id");
            }
            requireNoSibling(tx, parentId, name, null);
            String id = UUID.randomUUID().toString();
            String now = Instant.now().toString();
            Map<String, Object> p = new HashMap<>();
            p.put("parent", parentId);
            p.put("id", id);
            p.put("name", name);
            p.put("folder", folder);
            p.put("attached", folder && attached);
            p.put("actor", actor);
            p.put("now", now);
            tx.run("""
                    MATCH (parent:ContextItem {id: $parent})
                    CREATE (child:ContextItem {id: $id, name: $name, is_folder: $folder, content: '', is_attached: $attached,
                            read_only: false, content_format: 'markdown', created_at: $now, updated_at: $now,
                            created_by: $actor, updated_by: $actor, version: 1})
                    CREATE (parent)-[:PARENT_OF]->(child)
                    """, p).consume();
            return id;
        });
    }

    /** GET /api/node/{id}: the original's fields plus timestamps, authors, version and file details. */
    public Map<String, Object> get(String id) {
        Map<String, Object> node = graph.read(tx -> {
            Record r = one(tx, """
                    MATCH (n:ContextItem {id: $id})
                    OPTIONAL MATCH (n)-[:HAS_FILE]->(f:File)
                    WITH n, f ORDER BY coalesce(f.uploaded_at, ''), f.id
                    RETURN n, collect(f) AS files
                    """, Map.of("id", id));
            if (r == null) {
                return null;
            }
            Map<String, Object> out = nodeJson(r.get("n"));
            List<Map<String, Object>> files = new ArrayList<>();
            for (Value f : r.get("files").values()) {
                files.add(AttachmentStore.fileJson(f));
            }
            out.put("files", files);
            return out;
        });
        if (node == null) {
            throw notFound(id);
        }
        String content = (String) node.get("content");
        String format = (String) node.get("content_format");
        node.put("content_html", markdown.render(content, format));
        if (!"html".equals(format)) {
            node.put("content_markdown", content);
        }
        return node;
    }

    /**
     * PUT /api/node/{id}: {@code content_html} (sanitised, format html) or {@code content}
     * (markdown), optionally {@code name}. The previous state becomes a revision.
     */
    public void update(String id, String name, String content, String contentHtml, String actor) {
        String newContent = contentHtml != null ? sanitizer.clean(contentHtml) : content;
        String newFormat = contentHtml != null ? "html" : content != null ? "markdown" : null;
        graph.write(tx -> {
            Record r = requireWritable(tx, id);
            if (name != null) {
                if (ROOT_ID.equals(id)) {
                    throw ProblemException.badRequest("The root cannot be renamed").with("field", "name");
                }
                Record parent = one(tx, "MATCH (p:ContextItem)-[:PARENT_OF]->(:ContextItem {id: $id}) RETURN p.id AS id LIMIT 1", Map.of("id", id));
                if (parent != null) {
                    requireNoSibling(tx, parent.get("id").asString(), name, id);
                }
            }
            Value n = r.get("n");
            boolean nameChanged = name != null && !name.equals(n.get("name").asString(""));
            boolean contentChanged = newContent != null && (!newContent.equals(n.get("content").asString(""))
                    || !newFormat.equals(n.get("content_format").asString("markdown")));
            if (!nameChanged && !contentChanged) {
                return null;
            }
            Map<String, Object> p = new HashMap<>();
            p.put("id", id);
            p.put("rev", UUID.randomUUID().toString());
            p.put("name", nameChanged ? name : null);
            p.put("content", contentChanged ? newContent : null);
            p.put("format", contentChanged ? newFormat : null);
            p.put("actor", actor);
            p.put("now", Instant.now().toString());
            tx.run("""
                    MATCH (n:ContextItem {id: $id})
                    CREATE (n)-[:HAS_REVISION]->(:Revision {id: $rev, version: coalesce(n.version, 1), name: n.name,
                            content: coalesce(n.content, ''), content_format: coalesce(n.content_format, 'markdown'),
                            saved_at: n.updated_at, saved_by: n.updated_by, replaced_at: $now, replaced_by: $actor})
                    SET n.name = coalesce($name, n.name), n.content = coalesce($content, n.content),
                        n.content_format = coalesce($format, n.content_format, 'markdown'),
                        n.version = coalesce(n.version, 1) + 1, n.updated_at = $now, n.updated_by = $actor
                    """, p).consume();
            return null;
        });
    }

    /** Deletes the node, its subtree, their revisions and attachments (bytes after commit). */
    public void delete(String id) {
        if (ROOT_ID.equals(id)) {
            throw ProblemException.badRequest("The root cannot be deleted").with("field", "id");
        }
        List<String> storedFiles = graph.write(tx -> {
            requireWritable(tx, id);
            Record readOnly = one(tx, """
                    MATCH (:ContextItem {id: $id})-[:PARENT_OF*1..]->(d:ContextItem {read_only: true}) RETURN d.name AS name LIMIT 1
                    """, Map.of("id", id));
            if (readOnly != null) {
                throw ProblemException.forbidden("The folder contains read-only (synced) items: " + readOnly.get("name").asString());
            }
            return deleteSubtree(tx, id);
        });
        store.deleteAll(storedFiles);
    }

    /** Detach-deletes the subtree of {@code id} with revisions and File nodes; returns stored file names. */
    public static List<String> deleteSubtree(TransactionContext tx, String id) {
        List<String> files = new ArrayList<>(tx.run("""
                MATCH (:ContextItem {id: $id})-[:PARENT_OF*0..]->(d:ContextItem)-[:HAS_FILE]->(f:File)
                RETURN DISTINCT f.filename AS filename
                """, Map.of("id", id)).list(r -> r.get("filename").asString(null)));
        tx.run("""
                MATCH (:ContextItem {id: $id})-[:PARENT_OF*0..]->(d:ContextItem)
                WITH collect(DISTINCT d) AS items
                UNWIND items AS item
                OPTIONAL MATCH (item)-[:HAS_FILE|HAS_REVISION]->(x)
                DETACH DELETE x, item
                """, Map.of("id", id)).consume();
        files.removeIf(f -> f == null);
        return files;
    }

    public void move(String id, String newParentId, String actor) {
        if (ROOT_ID.equals(id)) {
            throw ProblemException.badRequest("Cannot move root or non-existent node").with("field", "id");
        }
        graph.write(tx -> {
            Record node = one(tx, "MATCH (n:ContextItem {id: $id}) RETURN n", Map.of("id", id));
            if (node == null) {
                throw ProblemException.badRequest("Cannot move root or non-existent node").with("field", "id");
            }
            if (node.get("n").get("read_only").asBoolean(false)) {
                throw ProblemException.forbidden("This item is read-only (synced from Codex)");
            }
            Record parent = one(tx, "MATCH (p:ContextItem {id: $id}) RETURN p.is_folder AS is_folder", Map.of("id", newParentId));
            if (parent == null) {
                throw ProblemException.notFound("Parent folder not found").with("field", "new_parent_id");
            }
            if (!parent.get("is_folder").asBoolean(false)) {
                throw ProblemException.badRequest("Target must be a folder").with("field", "new_parent_id");
            }
            Record cycle = one(tx, """
                    MATCH (:ContextItem {id: $id})-[:PARENT_OF*0..]->(:ContextItem {id: $parent}) RETURN true AS cycle LIMIT 1
                    """, Map.of("id", id, "parent", newParentId));
            if (cycle != null) {
                throw ProblemException.badRequest("Cannot move a folder into itself or its descendants").with("field", "new_parent_id");
            }
            requireNoSibling(tx, newParentId, node.get("n").get("name").asString(), id);
            tx.run("""
                    MATCH (n:ContextItem {id: $id})
                    OPTIONAL MATCH (:ContextItem)-[r:PARENT_OF]->(n)
                    DELETE r
                    WITH DISTINCT n
                    MATCH (p:ContextItem {id: $parent})
                    CREATE (p)-[:PARENT_OF]->(n)
                    SET n.updated_at = $now, n.updated_by = $actor
                    """, Map.of("id", id, "parent", newParentId, "now", Instant.now().toString(), "actor", actor)).consume();
            return null;
        });
    }

    /** Children, folders first then by name (the original's order). */
    public List<Map<String, Object>> children(String id) {
        return graph.read(tx -> {
            requireExists(tx, id);
            return childrenOf(tx, id);
        });
    }

    static List<Map<String, Object>> childrenOf(TransactionContext tx, String id) {
        return tx.run("""
                MATCH (:ContextItem {id: $id})-[:PARENT_OF]->(c:ContextItem)
                RETURN c.id AS id, c.name AS name, coalesce(c.is_folder, false) AS is_folder,
                       coalesce(c.is_attached, false) AS is_attached, coalesce(c.read_only, false) AS read_only
                ORDER BY is_folder DESC, c.name
                """, Map.of("id", id)).list(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.get("id").asString());
            m.put("name", r.get("name").asString(""));
            m.put("is_folder", r.get("is_folder").asBoolean());
            m.put("is_attached", r.get("is_attached").asBoolean());
            m.put("read_only", r.get("read_only").asBoolean());
            return m;
        });
    }

    /** Children with their raw content, for /api/browse's summaries. */
    public List<Map<String, Object>> childrenWithContent(String id) {
        return graph.read(tx -> tx.run("""
                MATCH (:ContextItem {id: $id})-[:PARENT_OF]->(c:ContextItem)
                RETURN c.id AS id, c.name AS name, coalesce(c.is_folder, false) AS is_folder, coalesce(c.content, '') AS content
                ORDER BY is_folder DESC, c.name
                """, Map.of("id", id)).list(r -> Map.<String, Object>of("id", r.get("id").asString(), "name", r.get("name").asString(""),
                "is_folder", r.get("is_folder").asBoolean(), "content", r.get("content").asString(""))));
    }

    /** GET /api/node/{id}/browse: the folder, its children, breadcrumb (root first) and url_path. */
    public Map<String, Object> browse(String id) {
        return graph.read(tx -> {
            Record r = one(tx, """
                    MATCH (n:ContextItem {id: $id})
                    OPTIONAL MATCH p = shortestPath((:ContextItem {id: 'root'})-[:PARENT_OF*0..]->(n))
                    RETURN n, [x IN coalesce(nodes(p), [n]) | {id: x.id, name: x.name}] AS crumbs
                    """, Map.of("id", id));
            if (r == null) {
                throw notFound(id);
            }
            if (!r.get("n").get("is_folder").asBoolean(false)) {
                throw ProblemException.badRequest("Not a folder").with("field", "id");
            }
            List<Map<String, Object>> crumbs = r.get("crumbs").asList(v -> Map.<String, Object>of("id", v.get("id").asString(), "name", v.get("name").asString("")));
            List<String> names = crumbs.stream().skip(1).map(c -> (String) c.get("name")).toList();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            out.put("name", r.get("n").get("name").asString(""));
            out.put("children", childrenOf(tx, id));
            out.put("breadcrumb", crumbs);
            out.put("url_path", String.join("/", names.stream().map(Names::quote).toList()));
            return out;
        });
    }

    /** GET /api/folders/tree: every folder in one query, nested and sorted by name. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> folderTree() {
        List<Record> rows = graph.read(tx -> tx.run("""
                MATCH (p:ContextItem)-[:PARENT_OF]->(f:ContextItem)
                WHERE f.is_folder = true AND p.is_folder = true
                RETURN p.id AS parent, f.id AS id, f.name AS name, coalesce(f.is_attached, false) AS is_attached
                ORDER BY f.name
                """).list());
        Map<String, List<Map<String, Object>>> byParent = new HashMap<>();
        for (Record r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.get("id").asString());
            m.put("name", r.get("name").asString(""));
            m.put("is_attached", r.get("is_attached").asBoolean());
            m.put("children", byParent.computeIfAbsent(r.get("id").asString(), k -> new ArrayList<>()));
            byParent.computeIfAbsent(r.get("parent").asString(), k -> new ArrayList<>()).add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("id", ROOT_ID);
        root.put("name", com.hivematrix.knowledgetree.graph.GraphSchema.ROOT_NAME);
        root.put("is_attached", false);
        root.put("children", byParent.getOrDefault(ROOT_ID, List.of()));
        return root;
    }

    /** Resolves a name path ({@code /A/B}) from root; null when a segment does not exist. */
    public String resolvePath(List<String> names) {
        return graph.read(tx -> {
            String current = ROOT_ID;
            for (String name : names) {
                Record r = one(tx, """
                        MATCH (:ContextItem {id: $id})-[:PARENT_OF]->(c:ContextItem {name: $name})
                        RETURN c.id AS id ORDER BY coalesce(c.is_folder, false) DESC, c.id LIMIT 1
                        """, Map.of("id", current, "name", name));
                if (r == null) {
                    return null;
                }
                current = r.get("id").asString();
            }
            return current;
        });
    }

    /** Names from root (excluded) to the node (included), or null if unreachable from root. */
    public List<String> pathNames(String id) {
        return graph.read(tx -> {
            Record r = one(tx, """
                    MATCH p = shortestPath((:ContextItem {id: 'root'})-[:PARENT_OF*0..]->(:ContextItem {id: $id}))
                    RETURN [x IN nodes(p)[1..] | x.name] AS names
                    """, Map.of("id", id));
            return r == null ? null : r.get("names").asList(Value::asString);
        });
    }

    static Record one(TransactionContext tx, String cypher, Map<String, Object> params) {
        var result = tx.run(cypher, params);
        return result.hasNext() ? result.next() : null;
    }

    static Record requireExists(TransactionContext tx, String id) {
        Record r = one(tx, "MATCH (n:ContextItem {id: $id}) RETURN n", Map.of("id", id));
        if (r == null) {
            throw notFound(id);
        }
        return r;
    }

    public static Record requireWritable(TransactionContext tx, String id) {
        Record r = requireExists(tx, id);
        if (r.get("n").get("read_only").asBoolean(false)) {
            throw ProblemException.forbidden("This item is read-only (synced from Codex)");
        }
        return r;
    }

    private static void requireNoSibling(TransactionContext tx, String parentId, String name, String exceptId) {
        Record dup = one(tx, """
                MATCH (:ContextItem {id: $parent})-[:PARENT_OF]->(e:ContextItem {name: $name})
                WHERE $except IS NULL OR e.id <> $except
                RETURN e.id AS id LIMIT 1
                """, mapOf("parent", parentId, "name", name, "except", exceptId));
        if (dup != null) {
            throw new ProblemException(HttpStatus.CONFLICT, "A node with this name already exists in this location")
                    .with("error", "A node with this name already exists in this location")
                    .with("existing_id", dup.get("id").asString())
                    .with("field", "name");
        }
    }

    static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    public static ProblemException notFound(String id) {
        return ProblemException.notFound("Node not found: " + id).with("error", "Node not found");
    }

    static Map<String, Object> nodeJson(Value n) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", n.get("id").asString());
        out.put("name", n.get("name").asString(""));
        out.put("content", n.get("content").asString(""));
        out.put("is_folder", n.get("is_folder").asBoolean(false));
        out.put("is_attached", n.get("is_attached").asBoolean(false));
        out.put("read_only", n.get("read_only").asBoolean(false));
        out.put("content_format", n.get("content_format").asString("markdown"));
        out.put("created_at", n.get("created_at").asString(null));
        out.put("updated_at", n.get("updated_at").asString(null));
        out.put("created_by", n.get("created_by").asString(null));
        out.put("updated_by", n.get("updated_by").asString(null));
        out.put("version", n.get("version").asLong(1));
        return out;
    }
}
