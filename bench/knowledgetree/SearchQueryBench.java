import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * A/B of KnowledgeTree's whole-tree search Cypher on a database KtBench filled (20,000 articles):
 * the previous queries (exact count of every hit, page sorted by score then name) against the
 * current ones (count capped at 1,001 hits, page sorted by score then internal id, no property
 * read before the page is cut). Each random query runs both versions back to back, alternating
 * which goes first, so both see the same machine load. Times are Neo4j round trips through Bolt
 * (count + page, results consumed), without KnowledgeTree's HTTP layer.
 *
 *   unzip -q -o knowledgetree/target/knowledgetree.jar 'BOOT-INF/lib/*' -d target/kt-lib
 *   java -cp 'target/kt-lib/BOOT-INF/lib/*' bench/knowledgetree/SearchQueryBench.java bolt://127.0.0.1:17689 [queries]
 */
public class SearchQueryBench {

    static final String[] WORDS = ("printer vpn firewall backup restore mailbox license onboarding offboarding password reset "
            + "switch router wifi laptop desktop server domain certificate antivirus patch update driver scanner phone teams "
            + "sharepoint onedrive outlook calendar quota storage raid snapshot replication dns dhcp proxy gateway").split(" ");

    static final String OLD_COUNT = """
            CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score
            WHERE node.id <> 'root'
            RETURN count(node) AS total""";
    static final String OLD_PAGE = """
            CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score
            WHERE node.id <> 'root'
            WITH node, score ORDER BY score DESC, node.name SKIP 0 LIMIT 15
            MATCH p = shortestPath((:ContextItem {id: 'root'})-[:PARENT_OF*1..]->(node))
            RETURN node.id AS id, node.name AS name, [x IN nodes(p)[1..] | x.name] AS path_names, score,
                   left(coalesce(node.content, ''), 4000) AS content
            ORDER BY score DESC, node.name""";
    static final String NEW_COUNT = """
            MATCH (root:ContextItem {id: 'root'})
            CALL db.index.fulltext.queryNodes($index, $lucene, {limit: 1001}) YIELD node
            WHERE node <> root
            RETURN count(node) AS total""";
    static final String NEW_PAGE = """
            MATCH (root:ContextItem {id: 'root'})
            CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score
            WHERE node <> root
            WITH node, score ORDER BY score DESC, id(node) SKIP 0 LIMIT 15
            MATCH p = shortestPath((:ContextItem {id: 'root'})-[:PARENT_OF*1..]->(node))
            RETURN node.id AS id, node.name AS name, [x IN nodes(p)[1..] | x.name] AS path_names, score,
                   left(coalesce(node.content, ''), 4000) AS content
            ORDER BY score DESC, node.name""";

    public static void main(String[] args) {
        String uri = args.length > 0 ? args[0] : "bolt://127.0.0.1:17689";
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Random random = new Random(42);
        List<Double> old = new ArrayList<>();
        List<Double> current = new ArrayList<>();
        try (Driver driver = GraphDatabase.driver(uri, AuthTokens.none()); Session session = driver.session()) {
            for (int i = 0; i < n + 20; i++) {
                String q = WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? " " + WORDS[random.nextInt(WORDS.length)] : "");
                Map<String, Object> p = Map.of("index", "context_item_text", "lucene", lucene(q));
                boolean oldFirst = i % 2 == 0;
                double a = oldFirst ? time(session, OLD_COUNT, OLD_PAGE, p) : 0;
                double b = time(session, NEW_COUNT, NEW_PAGE, p);
                if (!oldFirst) {
                    a = time(session, OLD_COUNT, OLD_PAGE, p);
                }
                if (i >= 20) {
                    old.add(a);
                    current.add(b);
                }
            }
        }
        report("previous (exact count, sort by name)", old);
        report("current (capped count, sort by id)", current);
    }

    static double time(Session session, String count, String page, Map<String, Object> p) {
        long t0 = System.nanoTime();
        session.executeRead(tx -> {
            tx.run(count, p).consume();
            return tx.run(page, p).list().size();
        });
        return (System.nanoTime() - t0) / 1e6;
    }

    static String lucene(String query) {
        List<String> clauses = new ArrayList<>();
        for (String t : query.split(" ")) {
            clauses.add("(name:" + t + "^3 OR name:" + t + "*^2 OR content:" + t + " OR content:" + t + "*)");
        }
        return String.join(" AND ", clauses);
    }

    static void report(String name, List<Double> ms) {
        List<Double> s = new ArrayList<>(ms);
        Collections.sort(s);
        System.out.printf("%-40s n=%d  p50=%.1f ms  p95=%.1f ms  max=%.1f ms%n", name, s.size(), s.get(s.size() / 2),
                s.get((int) Math.ceil(s.size() * 0.95) - 1), s.get(s.size() - 1));
    }
}
