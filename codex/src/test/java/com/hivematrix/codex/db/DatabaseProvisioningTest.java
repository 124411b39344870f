package com.hivematrix.codex.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.hivematrix.shared.db.DatabaseProvisioner;

/** shared-lib's DatabaseProvisioner against the machine's PostgreSQL (tested here: Codex is its first user). */
class DatabaseProvisioningTest {

    static final String SERVER = System.getenv().getOrDefault("HIVEMATRIX_PG_URL_CODEX_TEST", "jdbc:postgresql://127.0.0.1:5432/codex_test")
            .replaceAll("/[^/?]*(\\?.*)?$", "");
    static final String SCRATCH = "codex_provision_probe";

    @AfterEach
    void drop() throws Exception {
        exec("DROP DATABASE IF EXISTS " + SCRATCH);
    }

    @Test
    void createsAMissingDatabaseOnceAndRefusesUnsafeNames() throws Exception {
        exec("DROP DATABASE IF EXISTS " + SCRATCH);
        String url = SERVER + "/" + SCRATCH + "?ApplicationName=probe";
        assertThat(DatabaseProvisioner.databaseName(url)).isEqualTo(SCRATCH);
        assertThat(DatabaseProvisioner.createIfMissing(url, "postgres", null)).isTrue();
        assertThat(exists()).isTrue();
        assertThat(DatabaseProvisioner.createIfMissing(url, "postgres", null)).isFalse();
        assertThatThrownBy(() -> DatabaseProvisioner.createIfMissing(SERVER + "/bad\"name", "postgres", null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must match");
        assertThat(DatabaseProvisioner.createIfMissing("jdbc:postgresql://127.0.0.1:1/" + SCRATCH, "postgres", null)).isFalse();
    }

    static boolean exists() throws Exception {
        try (Connection c = connect(); ResultSet rs = c.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + SCRATCH + "'")) {
            return rs.next();
        }
    }

    static void exec(String sql) throws Exception {
        try (Connection c = connect()) {
            c.createStatement().execute(sql);
        }
    }

    static Connection connect() throws Exception {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        return DriverManager.getConnection(SERVER + "/postgres", p);
    }
}
