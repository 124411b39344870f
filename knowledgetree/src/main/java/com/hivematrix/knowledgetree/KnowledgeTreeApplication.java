package com.hivematrix.knowledgetree;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** KnowledgeTree: the knowledge base (folders, articles, attachments) on Neo4j. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KnowledgeTreeApplication {

    public static void main(String[] args) {
        SpringApplication.run(KnowledgeTreeApplication.class, args);
    }
}
