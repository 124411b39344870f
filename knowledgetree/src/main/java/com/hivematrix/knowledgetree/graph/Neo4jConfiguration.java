package com.hivematrix.knowledgetree.graph;

import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.hivematrix.knowledgetree.KnowledgeTreeProperties;

import java.util.concurrent.TimeUnit;

@Configuration(proxyBeanMethods = false)
public class Neo4jConfiguration {

    /**
     * The driver connects lazily, so KnowledgeTree starts (and answers 503) while Neo4j is down,
     * and recovers on its own once Neo4j is back.
     */
    @Bean(destroyMethod = "close")
    Driver neo4jDriver(KnowledgeTreeProperties props) {
        KnowledgeTreeProperties.Neo4j n = props.getNeo4j();
        AuthToken auth = n.getPassword() == null || n.getPassword().isEmpty()
                ? AuthTokens.none() : AuthTokens.basic(n.getUser(), n.getPassword());
        Config config = Config.builder()
                .withConnectionTimeout(10, TimeUnit.SECONDS)
                .withConnectionAcquisitionTimeout(30, TimeUnit.SECONDS)
                .withMaxConnectionPoolSize(50)
                .build();
        return GraphDatabase.driver(n.getUri(), auth, config);
    }
}
