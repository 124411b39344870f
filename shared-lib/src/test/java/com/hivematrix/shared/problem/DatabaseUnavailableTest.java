package com.hivematrix.shared.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

class DatabaseUnavailableTest {

    @Test
    void aPoolTimeoutOrALostConnectionAnywhereInTheCausesIsAnOutage() {
        assertThat(ProblemExceptionHandler.databaseUnavailable(new IllegalStateException("wrapped",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(ProblemExceptionHandler.databaseUnavailable(new RuntimeException(new SQLException("refused", "08001")))).isTrue();
        assertThat(ProblemExceptionHandler.databaseUnavailable(new SQLException("shutting down", "57P01"))).isTrue();
        // a rollback on a connection the server dropped, as seen when PostgreSQL stopped mid-write
        assertThat(ProblemExceptionHandler.databaseUnavailable(new IllegalStateException("Unable to rollback against JDBC Connection",
                new SQLException("Connection is closed")))).isTrue();
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertThat(ProblemExceptionHandler.databaseUnavailable(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(ProblemExceptionHandler.databaseUnavailable(new IllegalStateException("boom"))).isFalse();
    }
}
