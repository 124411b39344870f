package com.hivematrix.knowledgetree.graph;

import java.time.Instant;
import java.util.Map;

import org.neo4j.driver.Driver;
import org.neo4j.driver.Session;
import org.neo4j.driver.exceptions.ServiceUnavailableException;
import org.neo4j.driver.exceptions.SessionExpiredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * What the original never created: a uniqueness constraint on ContextItem.id (and File.id) and a
 * full-text index over name and content. Plus the root node, merged on its id alone so a renamed
 * root no longer produces a second one. Run at start-up and, if Neo4j was down then, on the first
 * request that finds it up.
 */
@Component
public class GraphSchema implements ApplicationRunner {

    public static final String ROOT_ID = "root";
    public static final String ROOT_NAME = "KnowledgeTree Root";
    public static final String FULLTEXT_INDEX = "context_item_text";

    private static final Logger log = LoggerFactory.getLogger(GraphSchema.class);

    private final Driver driver;
    private volatile boolean ready;

    public GraphSchema(Driver driver) {
        this.driver = driver;
    }

    @Override
    public void run(ApplicationArguments args) {
        try {
            ensure();
        } catch (ServiceUnavailableException | SessionExpiredException e) {
            log.warn("Neo4j is not reachable yet ({}); the schema is created on the first request that finds it", e.getMessage());
        }
    }

    public void ensure() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            try (Session session = driver.session()) {
                session.run("CREATE CONSTRAINT context_item_id IF NOT EXISTS FOR (n:ContextItem) REQUIRE n.id IS UNIQUE").consume();
                session.run("CREATE CONSTRAINT file_id IF NOT EXISTS FOR (f:File) REQUIRE f.id IS UNIQUE").consume();
                session.run("CREATE CONSTRAINT revision_id IF NOT EXISTS FOR (r:Revision) REQUIRE r.id IS UNIQUE").consume();
                session.run("CREATE FULLTEXT INDEX " + FULLTEXT_INDEX + " IF NOT EXISTS FOR (n:ContextItem) ON EACH [n.name, n.content]").consume();
                session.run("CALL db.awaitIndexes(60)").consume();
                session.executeWrite(tx -> tx.run("""
                        MERGE (r:ContextItem {id: $id})
                        ON CREATE SET r.name = $name, r.content = '# Welcome to KnowledgeTree', r.is_folder = true,
                                      r.is_attached = false, r.read_only = false, r.created_at = $now, r.updated_at = $now
                        """, Map.of("id", ROOT_ID, "name", ROOT_NAME, "now", Instant.now().toString())).consume());
            }
            ready = true;
        }
    }
}
