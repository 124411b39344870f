package com.hivematrix.helm.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import com.hivematrix.shared.problem.ProblemException;
import com.zaxxer.hikari.HikariDataSource;

/** PostgreSQL unreachable: the real store answers 503 (clients keep their spool) and stores nothing. */
class LogStoreUnavailableTest {

    @Test
    void unreachableDatabaseIsA503WithRetryAfter() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort();
        }
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + deadPort + "/helm");
            ds.setUsername("postgres");
            ds.setConnectionTimeout(500);
            ds.setInitializationFailTimeout(-1);
            LogStore store = new LogStore(ds, new NamedParameterJdbcTemplate(ds), true);
            NewLogEntry e = new NewLogEntry(Instant.now(), "INFO", "m", null, null, null, null, null, null);

            ProblemException ingest = catchThrowableOfType(ProblemException.class, () -> store.insert("codex", List.of(e)));
            assertThat(ingest.getStatusCode().value()).isEqualTo(503);
            assertThat(ingest.getHeaders().getFirst("Retry-After")).isEqualTo("5");

            ProblemException read = catchThrowableOfType(ProblemException.class, () -> store.query(LogQuery.newest(10)));
            assertThat(read.getStatusCode().value()).isEqualTo(503);
        }
    }
}
