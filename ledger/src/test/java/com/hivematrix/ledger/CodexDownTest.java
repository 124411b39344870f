package com.hivematrix.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.ledger.support.Http;
import com.hivematrix.ledger.support.TestPlatform;

import tools.jackson.databind.JsonNode;

/** Codex unreachable (nothing listens on its port): every read is a 503 problem and no snapshot is half-written. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/ledger_test", "hivematrix.logs.ship-to-helm=false",
        "hivematrix.service-secret=test-secret", "hivematrix.client.max-attempts=1"})
class CodexDownTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    Http http;

    @DynamicPropertySource
    static void platform(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closed;
        registry.add("hivematrix.security.jwks-uri", TestPlatform.ISSUER::jwksUri);
        registry.add("hivematrix.registry-file", () -> TestPlatform.registry(url).toString());
    }

    @BeforeEach
    void setUp() {
        http = new Http("http://127.0.0.1:" + port);
    }

    @Test
    void codexDownIs503Problem() {
        long before = jdbc.sql("SELECT count(*) FROM billing_snapshots").query(Long.class).single();
        for (String path : new String[] {"/api/billing/100200?year=2025&month=10", "/api/billing/dashboard", "/api/plans",
                "/invoice/100200/pdf?year=2025&month=10"}) {
            Http.Response r = http.get(path, TestPlatform.BILLING);
            assertThat(r.status()).as(path + " " + r.body()).isEqualTo(503);
            JsonNode p = r.json();
            assertThat(p.get("type").asString()).isEqualTo("about:blank#service-unavailable");
        }
        Http.Response accept = http.post("/api/bill/accept", TestPlatform.BILLING,
                java.util.Map.of("account_number", "100200", "year", 2025, "month", 10));
        assertThat(accept.status()).isEqualTo(503);
        assertThat(jdbc.sql("SELECT count(*) FROM billing_snapshots").query(Long.class).single()).isEqualTo(before);
    }
}
