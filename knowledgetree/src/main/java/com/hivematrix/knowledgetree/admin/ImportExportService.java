package com.hivematrix.knowledgetree.admin;

import static com.hivematrix.knowledgetree.graph.GraphSchema.ROOT_ID;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.neo4j.driver.TransactionContext;
import org.springframework.stereotype.Service;

import com.hivematrix.knowledgetree.attachment.AttachmentStore;
import com.hivematrix.knowledgetree.graph.Graph;
import com.hivematrix.shared.problem.ProblemException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The original's export/import format (B10): a JSON array of {path, content, is_folder,
 * is_attached} for every node whose whole path is user-authored (not read-only). Exports add
 * {@code content_format}, which the original's importer ignores and ours honours. Imports are
 * validated first (400 with the first errors, nothing written), then run in one transaction:
 * existing nodes are matched by name under their parent and updated, others created.
 */
@Service
public class ImportExportService {

    private static final int MAX_ERRORS = 10;

    public record Result(int created, int updated, int skippedReadOnly, boolean dryRun) {
        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("success", true);
            m.put("dry_run", dryRun);
            m.put("created", created);
            m.put("updated", updated);
            m.put("skipped_read_only", skippedReadOnly);
            m.put("message", (dryRun ? "Dry run: would create " : "Import successful: created ") + created + ", "
                    + (dryRun ? "would update " : "updated ") + updated + (skippedReadOnly > 0 ? ", read-only skipped " + skippedReadOnly : ""));
            return m;
        }
    }

    /** Runs inside the import's transaction once every entry is written, with the node id of each imported path. */
    @FunctionalInterface
    interface AfterImport {
        void apply(TransactionContext tx, Map<String, String> idsByPath);
    }

    record Entry(String path, List<String> segments, String content, boolean folder, boolean attached, String format) {
    }

    private final Graph graph;
    private final AttachmentStore store;
    private final JsonMapper json = JsonMapper.builder().build();

    public ImportExportService(Graph graph, AttachmentStore store) {
        this.graph = graph;
        this.store = store;
    }

    public List<Map<String, Object>> export() {
        return graph.read(tx -> tx.run("""
                MATCH p = (:ContextItem {id: 'root'})-[:PARENT_OF*1..]->(n:ContextItem)
                WHERE ALL(x IN nodes(p)[1..] WHERE x.read_only IS NULL OR x.read_only = false)
                WITH [x IN nodes(p)[1..] | x.name] AS names, n
                RETURN names, n.content AS content, coalesce(n.is_folder, false) AS is_folder,
                       coalesce(n.is_attached, false) AS is_attached, coalesce(n.content_format, 'markdown') AS content_format
                """).list(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", String.join("/", r.get("names").asList(v -> v.asString(""))));
            m.put("content", r.get("content").asString(""));
            m.put("is_folder", r.get("is_folder").asBoolean());
            m.put("is_attached", r.get("is_attached").asBoolean());
            m.put("content_format", r.get("content_format").asString());
            return m;
        })).stream().sorted(Comparator.comparing(m -> (String) m.get("path"))).toList();
    }

    public Result importJson(String body, boolean dryRun, String actor) {
        return importEntries(parse(body), dryRun, actor, (tx, ids) -> { });
    }

    Result importEntries(List<Entry> entries, boolean dryRun, String actor, AfterImport after) {
        return dryRun ? graph.rehearse(tx -> apply(tx, entries, actor, true, after)) : graph.write(tx -> apply(tx, entries, actor, false, after));
    }

    List<Entry> parse(String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (RuntimeException e) {
            throw invalid(List.of("The file is not valid JSON"));
        }
        if (root == null || !root.isArray()) {
            throw invalid(List.of("The file must be a JSON array of {path, content, is_folder, is_attached}"));
        }
        List<String> errors = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        int i = 0;
        for (JsonNode e : root) {
            String where = "entry " + i++;
            JsonNode path = e.get("path");
            if (path == null || !path.isString() || path.asString().isBlank()) {
                errors.add(where + ": path is required");
                continue;
            }
            List<String> segments = List.of(path.asString().split("/", -1));
            if (segments.stream().anyMatch(s -> s.isBlank() || !s.equals(s.strip()) || s.length() > 255)) {
                errors.add(where + " (" + path.asString() + "): empty, padded or overlong path segment");
                continue;
            }
            JsonNode folder = e.get("is_folder");
            JsonNode attached = e.get("is_attached");
            JsonNode content = e.get("content");
            JsonNode format = e.get("content_format");
            if ((folder != null && !folder.isNull() && !folder.isBoolean()) || (attached != null && !attached.isNull() && !attached.isBoolean())) {
                errors.add(where + " (" + path.asString() + "): is_folder and is_attached must be true or false");
                continue;
            }
            if (content != null && !content.isNull() && !content.isString()) {
                errors.add(where + " (" + path.asString() + "): content must be a string");
                continue;
            }
            String fmt = format == null || format.isNull() ? "markdown" : format.asString("");
            if (!fmt.equals("markdown") && !fmt.equals("html")) {
                errors.add(where + " (" + path.asString() + "): content_format must be markdown or html");
                continue;
            }
            boolean isFolder = folder != null && folder.asBoolean(false);
            entries.add(new Entry(path.asString(), segments, isFolder || content == null || content.isNull() ? "" : content.asString(),
                    isFolder, isFolder && attached != null && attached.asBoolean(false), fmt));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        entries.sort(Comparator.comparing(Entry::path));
        return entries;
    }

    private Result apply(TransactionContext tx, List<Entry> entries, String actor, boolean dryRun, AfterImport after) {
        Map<String, String> ids = new HashMap<>();
        ids.put("", ROOT_ID);
        int created = 0;
        int updated = 0;
        int skipped = 0;
        List<String> errors = new ArrayList<>();
        String now = Instant.now().toString();
        for (Entry e : entries) {
            String parentPath = String.join("/", e.segments().subList(0, e.segments().size() - 1));
            String parentId = ids.computeIfAbsent(parentPath, k -> resolve(tx, e.segments().subList(0, e.segments().size() - 1)));
            if (parentId == null) {
                if (errors.size() < MAX_ERRORS) {
                    errors.add(e.path() + ": parent folder '" + parentPath + "' not found");
                }
                continue;
            }
            String name = e.segments().get(e.segments().size() - 1);
            var existing = tx.run("""
                    MATCH (:ContextItem {id: $parent})-[:PARENT_OF]->(c:ContextItem {name: $name})
                    RETURN c.id AS id, coalesce(c.read_only, false) AS read_only LIMIT 1
                    """, Map.of("parent", parentId, "name", name));
            Map<String, Object> p = new HashMap<>();
            p.put("name", name);
            p.put("folder", e.folder());
            p.put("attached", e.attached());
            p.put("content", e.content());
            p.put("format", e.format());
            p.put("now", now);
            p.put("actor", actor);
            if (existing.hasNext()) {
                var row = existing.next();
                String id = row.get("id").asString();
                ids.put(e.path(), id);
                if (row.get("read_only").asBoolean()) {
                    skipped++;
                    continue;
                }
                p.put("id", id);
                tx.run("""
                        MATCH (n:ContextItem {id: $id})
                        SET n.is_folder = $folder, n.is_attached = $attached, n.content = $content, n.content_format = $format,
                            n.updated_at = $now, n.updated_by = $actor
                        """, p).consume();
                updated++;
            } else {
                String id = UUID.randomUUID().toString();
                p.put("id", id);
                p.put("parent", parentId);
                tx.run("""
                        MATCH (parent:ContextItem {id: $parent})
                        CREATE (parent)-[:PARENT_OF]->(:ContextItem {id: $id, name: $name, is_folder: $folder, is_attached: $attached,
                                content: $content, content_format: $format, read_only: false, created_at: $now, updated_at: $now,
                                created_by: $actor, updated_by: $actor, version: 1})
                        """, p).consume();
                ids.put(e.path(), id);
                created++;
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        after.apply(tx, ids);
        return new Result(created, updated, skipped, dryRun);
    }

    private static String resolve(TransactionContext tx, List<String> names) {
        String current = ROOT_ID;
        for (String name : names) {
            var r = tx.run("MATCH (:ContextItem {id: $id})-[:PARENT_OF]->(c:ContextItem {name: $name}) RETURN c.id AS id LIMIT 1",
                    Map.of("id", current, "name", name));
            if (!r.hasNext()) {
                return null;
            }
            current = r.next().get("id").asString();
        }
        return current;
    }

    /** Deletes KnowledgeTree's own nodes only (ContextItem, File, Revision) and their bytes; recreates root. */
    public Map<String, Object> wipe() {
        List<String> files = graph.write(tx -> {
            List<String> names = new ArrayList<>(tx.run("MATCH (f:File) RETURN f.filename AS filename").list(r -> r.get("filename").asString(null)));
            tx.run("MATCH (n) WHERE n:ContextItem OR n:File OR n:Revision DETACH DELETE n").consume();
            tx.run("""
                    CREATE (:ContextItem {id: 'root', name: 'KnowledgeTree Root', content: '# Welcome to KnowledgeTree', is_folder: true,
                            is_attached: false, read_only: false, created_at: $now, updated_at: $now})
                    """, Map.of("now", Instant.now().toString())).consume();
            return names;
        });
        files.removeIf(f -> f == null);
        store.deleteAll(files);
        return Map.of("success", true, "message", "Database wiped and re-initialized.");
    }

    public Map<String, Object> status() {
        return graph.read(tx -> {
            var r = tx.run("""
                    CALL { MATCH (n:ContextItem) WHERE n.is_folder = true RETURN count(n) AS folders }
                    CALL { MATCH (n:ContextItem) WHERE NOT coalesce(n.is_folder, false) RETURN count(n) AS articles }
                    CALL { MATCH (f:File) RETURN count(f) AS files }
                    CALL { MATCH (r:Revision) RETURN count(r) AS revisions }
                    CALL { MATCH (n:ContextItem {read_only: true}) WHERE n.id STARTS WITH 'root_Companies' OR n.codex_key IS NOT NULL
                           RETURN count(n) AS company_items }
                    CALL { MATCH (n:ContextItem) WHERE n.id STARTS WITH 'ticket_' OR n.codex_key STARTS WITH 'ticket:' RETURN count(n) AS ticket_count }
                    RETURN folders, articles, files, revisions, company_items, ticket_count
                    """).single();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("company_items", r.get("company_items").asLong());
            m.put("ticket_count", r.get("ticket_count").asLong());
            m.put("folders", r.get("folders").asLong());
            m.put("articles", r.get("articles").asLong());
            m.put("files", r.get("files").asLong());
            m.put("revisions", r.get("revisions").asLong());
            return m;
        });
    }

    static ProblemException invalid(List<String> errors) {
        List<String> first = errors.subList(0, Math.min(MAX_ERRORS, errors.size()));
        return ProblemException.badRequest("The import file is invalid; nothing was imported").with("errors", first).with("field", "file");
    }
}
