package com.hivematrix.knowledgetree.graph;

import org.neo4j.driver.Driver;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code checks.neo4j} in /health, as in the original's health object. */
@Component("neo4j")
public class Neo4jHealthIndicator implements HealthIndicator {

    private final Driver driver;

    public Neo4jHealthIndicator(Driver driver) {
        this.driver = driver;
    }

    @Override
    public Health health() {
        try {
            driver.verifyConnectivity();
            return Health.up().build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("message", "Neo4j unreachable").build();
        }
    }
}
