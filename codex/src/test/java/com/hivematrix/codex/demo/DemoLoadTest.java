package com.hivematrix.codex.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import com.hivematrix.codex.CodexTestBase;

import tools.jackson.databind.JsonNode;

class DemoLoadTest extends CodexTestBase {

    @Autowired
    DemoLoader loader;

    @TempDir
    Path dir;

    @Test
    void sampleMspLoadsThroughTheImportsOnceAndIsUsable() throws Exception {
        Map<String, Object> result = loader.load(dir, 1);
        assertThat(Files.exists(dir.resolve("tickets.csv"))).isTrue();
        assertThat(result).containsEntry("companies", 25).containsEntry("contacts", 400).containsEntry("assets", 800).containsEntry("tickets", 3000);
        assertThat(jdbc.sql("SELECT count(*) FROM billing_plans").query(Long.class).single()).isEqualTo(16);
        long years = jdbc.sql("SELECT count(DISTINCT date_trunc('year', last_updated_at)) FROM ticket_details").query(Long.class).single();
        assertThat(years).isGreaterThanOrEqualTo(2);
        JsonNode active = get("/api/tickets/active", LEDGER).json();
        assertThat(active.get("total_active").asInt()).isPositive();
        JsonNode bulk = get("/api/companies/bulk", LEDGER).json();
        assertThat(bulk).hasSize(25);
        JsonNode gold = get("/billing-plans/api/plans/Gold/1%20Year", LEDGER).json();
        assertThat(gold.get("plan").get("features").get("antivirus").asString()).isEqualTo("SentinelOne");
        assertThat(loader.load(dir, 1)).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM companies").query(Long.class).single()).isEqualTo(25);
    }
}
