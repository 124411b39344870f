package com.hivematrix.helm.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.hivematrix.helm.HelmTestBase;
import com.hivematrix.shared.testsupport.RepoRoot;

import tools.jackson.databind.JsonNode;

/**
 * The backups page and API run the launcher's real {@code deploy/hivematrix backup} against the
 * machine's PostgreSQL (a database of this test's own) and list what it wrote.
 */
class BackupPageTest extends HelmTestBase {

    private static final String DB = "helm_bk_page";
    private static final String PG = System.getenv().getOrDefault("HIVEMATRIX_PG_TEST_BASE", "jdbc:postgresql://127.0.0.1:5432/");
    private static Path dir;

    @DynamicPropertySource
    static void backupDir(DynamicPropertyRegistry registry) throws IOException {
        dir = Files.createTempDirectory("helm-backups");
        registry.add("hivematrix.helm.backup.dir", dir::toString);
        registry.add("hivematrix.helm.backup.command", () -> RepoRoot.get().resolve("deploy/hivematrix") + " backup --no-graph --db " + DB);
    }

    @BeforeAll
    static void database() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        admin("CREATE DATABASE " + DB);
        try (Connection c = DriverManager.getConnection(PG + DB, "postgres", ""); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (id int PRIMARY KEY)");
            st.execute("INSERT INTO t SELECT generate_series(1, 100)");
        }
    }

    @AfterAll
    static void drop() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
    }

    @Test
    void adminStartsABackupAndSeesItListed() throws IOException {
        Files.createDirectories(dir.resolve("safety"));
        Files.writeString(dir.resolve("safety/hivematrix-20250101T000000.000Z.tar"), "x");
        assertThat(send("GET", "/backups", null, ADMIN, Map.of("Accept", "text/html")).body()).contains("Back up now");

        Response started = post("/api/backups", null, ADMIN);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> !get("/api/backups", ADMIN).json().get("running").asBoolean());

        JsonNode list = get("/api/backups", ADMIN).json();
        assertThat(list.get("last_run").get("state").asString()).as(list.toString()).isEqualTo("succeeded");
        String archive = list.get("last_run").get("archive").asString();
        assertThat(archive).matches("hivematrix-\\d{8}T\\d{6}\\.\\d{3}Z\\.tar");
        assertThat(dir.resolve(archive)).exists();
        assertThat(list.get("archives").get(0).get("name").asString()).isEqualTo(archive);
        assertThat(list.get("archives").get(0).get("safety").asBoolean()).isFalse();
        assertThat(list.get("archives").get(0).get("size_bytes").asLong()).isPositive();
        assertThat(list.get("archives").get(1).get("safety").asBoolean()).isTrue();

        Response page = send("GET", "/backups", null, ADMIN, Map.of("Accept", "text/html"));
        assertThat(page.body()).contains("data-name=\"" + archive + "\"").contains("succeeded").contains("safety (before a restore)");
    }

    @Test
    void onlyAdminsSeeOrStartBackups() {
        assertProblem(get("/api/backups", TECH), 403);
        assertProblem(post("/api/backups", null, TECH), 403);
        assertProblem(post("/api/backups", null, null), 401);
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG + "postgres", "postgres", ""); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
