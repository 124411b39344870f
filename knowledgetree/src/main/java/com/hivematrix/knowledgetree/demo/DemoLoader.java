package com.hivematrix.knowledgetree.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.hivematrix.knowledgetree.admin.ImportExportService;
import com.hivematrix.knowledgetree.graph.Graph;

/**
 * {@code --load-demo} or {@code hivematrix.demo.load=true} (HIVEMATRIX_DEMO_LOAD, set by
 * {@code deploy/hivematrix up --demo}): imports the sample knowledge base, in the original's
 * export format, through the regular importer — only when the tree holds nothing but the root.
 */
@Component
public class DemoLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    static final String RESOURCE = "demo/knowledgetree-demo.json";

    private final Environment env;
    private final Graph graph;
    private final ImportExportService io;

    public DemoLoader(Environment env, Graph graph, ImportExportService io) {
        this.env = env;
        this.graph = graph;
        this.io = io;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!args.containsOption("load-demo") && !env.getProperty("hivematrix.demo.load", Boolean.class, false)) {
            return;
        }
        long items = graph.read(tx -> tx.run("MATCH (n:ContextItem) WHERE n.id <> 'root' RETURN count(n) AS c").single().get("c").asLong());
        if (items > 0) {
            log.info("Demo knowledge base not loaded: KnowledgeTree already has {} items", items);
            return;
        }
        try (InputStream in = new ClassPathResource(RESOURCE).getInputStream()) {
            var result = io.importJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), false, "demo");
            log.info("Demo knowledge base loaded: {} items", result.created());
        }
    }
}
