package com.hivematrix.knowledgetree.search;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jsoup.Jsoup;
import org.neo4j.driver.Value;
import org.springframework.stereotype.Service;

import com.hivematrix.knowledgetree.graph.Graph;
import com.hivematrix.knowledgetree.graph.GraphSchema;
import com.hivematrix.knowledgetree.node.Names;

/**
 * Search through the full-text index over name and content, ranked by score with name matches
 * boosted, scoped to a subtree, paged. Each hit carries the original's fields (id, name,
 * is_folder, path_names, folder_path, url_path) plus score and a plain-text snippet.
 */
@Service
public class SearchService {

    /** {@code total} is exact unless {@code capped}: then at least that many hits exist. */
    public record Page(List<Map<String, Object>> results, long total, boolean capped) {
    }

    /** Whole-tree totals are counted up to here; beyond, the count says "at least this many". */
    static final int TOTAL_CAP = 1000;

    private final Graph graph;

    public SearchService(Graph graph) {
        this.graph = graph;
    }

    public Page search(String query, String startNodeId, int limit, int offset) {
        List<String> terms = terms(query);
        if (terms.isEmpty()) {
            return new Page(List.of(), 0, false);
        }
        Map<String, Object> p = new HashMap<>();
        p.put("index", GraphSchema.FULLTEXT_INDEX);
        p.put("lucene", lucene(terms));
        p.put("start", startNodeId);
        p.put("skip", offset);
        p.put("limit", limit);
        p.put("cap", TOTAL_CAP + 1);
        // Whole-tree searches (the usual case) read no property of the hits until the page is cut:
        // root is excluded by identity, pages are ordered by score and then the internal id (stable,
        // so consecutive pages neither overlap nor skip hits of equal score; within a page equal
        // scores are shown by name), totals are counted up to TOTAL_CAP, and paths are computed for
        // the returned page only. On 20,000 matching articles, sorting by name and counting every
        // hit were most of a request. A subtree scope must check every hit's path first.
        boolean scoped = !GraphSchema.ROOT_ID.equals(startNodeId);
        String hitsQuery = """
                CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score
                WHERE node.id <> 'root'
                """;
        String scopeFilter = """
                MATCH p = shortestPath((:ContextItem {id: 'root'})-[:PARENT_OF*1..]->(node))
                WITH node, score, p
                WHERE any(x IN nodes(p) WHERE x.id = $start)
                """;
        String page = scoped
                ? hitsQuery + scopeFilter + " WITH node, score, p ORDER BY score DESC, node.name SKIP $skip LIMIT $limit\n"
                : """
                        MATCH (root:ContextItem {id: 'root'})
                        CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score
                        WHERE node <> root
                        WITH node, score ORDER BY score DESC, id(node) SKIP $skip LIMIT $limit
                        MATCH p = shortestPath((:ContextItem {id: 'root'})-[:PARENT_OF*1..]->(node))
                        """;
        String count = scoped ? hitsQuery + scopeFilter + " RETURN count(node) AS total" : """
                MATCH (root:ContextItem {id: 'root'})
                CALL db.index.fulltext.queryNodes($index, $lucene, {limit: $cap}) YIELD node
                WHERE node <> root
                RETURN count(node) AS total
                """;
        return graph.read(tx -> {
            long counted = tx.run(count, p).single().get("total").asLong();
            boolean capped = !scoped && counted > TOTAL_CAP;
            long total = capped ? TOTAL_CAP : counted;
            List<Map<String, Object>> hits = new ArrayList<>();
            if (total > offset) {
                tx.run(page + """
                        RETURN node.id AS id, node.name AS name, coalesce(node.is_folder, false) AS is_folder,
                               [x IN nodes(p)[1..] | x.name] AS path_names, score,
                               left(coalesce(node.content, ''), 4000) AS content
                        ORDER BY score DESC, node.name
                        """, p).forEachRemaining(r -> hits.add(hit(r.get("id").asString(), r.get("name").asString(""),
                        r.get("is_folder").asBoolean(), r.get("path_names").asList(Value::asString), r.get("score").asDouble(),
                        r.get("content").asString(""), terms)));
            }
            return new Page(hits, total, capped);
        });
    }

    private static Map<String, Object> hit(String id, String name, boolean folder, List<String> pathNames, double score,
            String content, List<String> terms) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("is_folder", folder);
        m.put("path_names", pathNames);
        m.put("folder_path", pathNames.isEmpty() ? "root" : String.join(" / ", pathNames));
        m.put("url_path", String.join("/", pathNames.stream().map(Names::quote).toList()));
        m.put("score", score);
        m.put("snippet", snippet(content, terms));
        return m;
    }

    /**
     * Up to 160 characters of plain text around the first matching term: HTML reduced to its
     * text, markdown images dropped, links reduced to their text, heading marks removed.
     */
    static String snippet(String content, List<String> terms) {
        String markdown = content.replaceAll("!\\[[^\\]]*\\]\\([^)]*\\)", " ")
                .replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
                .replaceAll("(?m)^\\s{0,3}#{1,6}\\s+", "");
        String text = Jsoup.parse(markdown).text().replaceAll("\\s+", " ").strip();
        String lower = text.toLowerCase(Locale.ROOT);
        int at = -1;
        for (String t : terms) {
            int i = lower.indexOf(t);
            if (i >= 0 && (at < 0 || i < at)) {
                at = i;
            }
        }
        int from = Math.max(0, at - 60);
        int to = Math.min(text.length(), from + 160);
        return (from > 0 ? "…" : "") + text.substring(from, to) + (to < text.length() ? "…" : "");
    }

    static List<String> terms(String query) {
        if (query == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String t : query.toLowerCase(Locale.ROOT).split("[\\s]+")) {
            String cleaned = t.replaceAll("[^\\p{L}\\p{N}_.@-]", "");
            if (!cleaned.isEmpty() && out.size() < 10) {
                out.add(cleaned);
            }
        }
        return out;
    }

    /**
     * Every term must match, as a word or a word prefix, in name or content; a name match
     * weighs three times as much. Terms are reduced to letters, digits and {@code _.@-} and then
     * escaped, so no user input is Lucene syntax.
     */
    static String lucene(List<String> terms) {
        List<String> clauses = new ArrayList<>();
        for (String t : terms) {
            String e = t.replaceAll("([.@\\-])", "\\\\$1");
            clauses.add("(name:" + e + "^3 OR name:" + e + "*^2 OR content:" + e + " OR content:" + e + "*)");
        }
        return String.join(" AND ", clauses);
    }
}
