package com.hivematrix.helm.logs;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import com.hivematrix.shared.problem.ProblemException;

/**
 * The append-only {@code log_entries} table. Batches go in with one {@code COPY … FROM STDIN} in
 * one transaction (all or nothing). Ingests are serialised around id reservation and COPY, so ids
 * become visible in increasing order and {@code after_id} is an exact tail cursor.
 */
@Repository
public class LogStore {

    static final String COLUMNS = "id, ts, service_name, level, message, context, trace_id, user_id, username, hostname, process_id";

    private static final RowMapper<LogEntryView> ROW = (rs, i) -> new LogEntryView(
            rs.getLong("id"), rs.getTimestamp("ts").toInstant(), rs.getString("service_name"), rs.getString("level"),
            rs.getString("message"), rs.getString("context"), rs.getString("trace_id"), rs.getString("user_id"),
            rs.getString("username"), rs.getString("hostname"), (Integer) rs.getObject("process_id"));

    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final ReentrantLock writeOrder = new ReentrantLock(true);

    private final boolean synchronousCommit;

    public LogStore(DataSource dataSource, NamedParameterJdbcTemplate jdbc,
            @org.springframework.beans.factory.annotation.Value("${hivematrix.helm.logs.synchronous-commit:true}") boolean synchronousCommit) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.synchronousCommit = synchronousCommit;
    }

    /** Stores the batch; returns the ids given to the entries, in order. */
    public long[] insert(String service, List<NewLogEntry> entries) {
        if (entries.isEmpty()) {
            return new long[0];
        }
        // the rows without their ids are built outside the lock
        String[] rows = new String[entries.size()];
        StringBuilder sb = new StringBuilder(256);
        for (int i = 0; i < rows.length; i++) {
            sb.setLength(0);
            row(sb, service, entries.get(i));
            rows[i] = sb.toString();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            if (!synchronousCommit) {
                // a log batch need not wait for the WAL flush: only a PostgreSQL or OS crash can lose
                // the last few hundred ms of acknowledged entries, and nothing is ever half-stored
                try (java.sql.Statement st = c.createStatement()) {
                    st.execute("SET LOCAL synchronous_commit TO OFF");
                }
            }
            writeOrder.lock();
            try {
                long[] ids = reserveIds(c, rows.length);
                StringBuilder data = new StringBuilder(rows.length * 200);
                for (int i = 0; i < rows.length; i++) {
                    data.append(ids[i]).append('\t').append(rows[i]).append('\n');
                }
                c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY log_entries (" + COLUMNS + ") FROM STDIN", new StringReader(data.toString()));
                c.commit();
                return ids;
            } catch (SQLException | IOException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                writeOrder.unlock();
            }
        } catch (SQLException e) {
            throw translate(e);
        } catch (IOException e) {
            throw unavailable(e);
        }
    }

    private static long[] reserveIds(Connection c, int n) throws SQLException {
        long[] ids = new long[n];
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT nextval(pg_get_serial_sequence('log_entries', 'id')) FROM generate_series(1, ?)")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                int i = 0;
                while (rs.next()) {
                    ids[i++] = rs.getLong(1);
                }
            }
        }
        java.util.Arrays.sort(ids);
        return ids;
    }

    public Optional<LogEntryView> find(long id) {
        return guarded(() -> jdbc.query("SELECT " + COLUMNS + " FROM log_entries WHERE id = :id",
                new MapSqlParameterSource("id", id), ROW).stream().findFirst());
    }

    public List<LogEntryView> query(LogQuery q) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = where(q, p);
        String sql;
        if (q.tail()) {
            sql = "SELECT " + COLUMNS + " FROM log_entries" + where + " ORDER BY id LIMIT :limit";
        } else {
            sql = "SELECT " + COLUMNS + " FROM log_entries" + where + " ORDER BY ts DESC, id DESC LIMIT :limit OFFSET :offset";
        }
        p.addValue("limit", q.limit()).addValue("offset", q.offset());
        return guarded(() -> jdbc.query(sql, p, ROW));
    }

    /** Rows matching the filters, counted up to {@code cap + 1} (so "more than cap" is visible). */
    public long count(LogQuery q, int cap) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = where(q, p);
        p.addValue("cap", cap + 1);
        return guarded(() -> jdbc.queryForObject(
                "SELECT count(*) FROM (SELECT 1 FROM log_entries" + where + " LIMIT :cap) t", p, Long.class));
    }

    /** Deletes up to {@code batch} entries older than {@code cutoff}; returns how many. */
    public int deleteOlderThan(java.time.Instant cutoff, int batch) {
        return jdbc.update("""
                DELETE FROM log_entries WHERE id IN (
                  SELECT id FROM log_entries WHERE ts < :cutoff ORDER BY ts, id LIMIT :batch)""",
                new MapSqlParameterSource("cutoff", Timestamp.from(cutoff)).addValue("batch", batch));
    }

    /** Entries per service and level since {@code since} (dashboard). */
    public List<java.util.Map<String, Object>> levelCounts(java.time.Instant since) {
        return guarded(() -> jdbc.queryForList("""
                SELECT service_name, level, count(*) AS n FROM log_entries WHERE ts >= :since
                GROUP BY service_name, level ORDER BY service_name, level""",
                new MapSqlParameterSource("since", Timestamp.from(since))));
    }

    private static String where(LogQuery q, MapSqlParameterSource p) {
        List<String> c = new ArrayList<>();
        if (q.service() != null) {
            c.add("service_name = :service");
            p.addValue("service", q.service());
        }
        if (q.levels() != null && !q.levels().isEmpty()) {
            c.add("level IN (:levels)");
            p.addValue("levels", q.levels());
        }
        if (q.traceId() != null) {
            c.add("trace_id = :trace");
            p.addValue("trace", q.traceId());
        }
        if (q.user() != null) {
            c.add("(user_id = :user OR username = :user)");
            p.addValue("user", q.user());
        }
        if (q.text() != null) {
            c.add("message ILIKE :text ESCAPE '\\'");
            p.addValue("text", "%" + q.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (q.start() != null) {
            c.add("ts >= :start");
            p.addValue("start", Timestamp.from(q.start()));
        }
        if (q.end() != null) {
            c.add("ts <= :end");
            p.addValue("end", Timestamp.from(q.end()));
        }
        if (q.afterId() != null) {
            c.add("id > :after");
            p.addValue("after", q.afterId());
        }
        if (q.beforeId() != null) {
            c.add("id < :before");
            p.addValue("before", q.beforeId());
        }
        return c.isEmpty() ? "" : " WHERE " + String.join(" AND ", c);
    }

    // ---------------------------------------------------------------- COPY text format

    private static void row(StringBuilder sb, String service, NewLogEntry e) {
        sb.append(e.timestamp().toString()).append('\t');
        field(sb, service);
        field(sb, e.level());
        field(sb, e.message());
        field(sb, e.contextJson());
        field(sb, e.traceId());
        field(sb, e.userId());
        field(sb, e.username());
        field(sb, e.hostname());
        if (e.processId() == null) {
            sb.append("\\N");
        } else {
            sb.append(e.processId().intValue());
        }
    }

    private static void field(StringBuilder sb, String v) {
        if (v == null) {
            sb.append("\\N");
        } else {
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                switch (ch) {
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> sb.append(ch);
                }
            }
        }
        sb.append('\t');
    }

    // ---------------------------------------------------------------- errors

    private static <T> T guarded(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessResourceFailureException | TransientDataAccessResourceException e) {
            throw unavailable(e);
        }
    }

    private static RuntimeException translate(SQLException e) {
        String state = e.getSQLState();
        if (e instanceof SQLTransientConnectionException || (state != null && (state.startsWith("08") || state.startsWith("57P")))) {
            return unavailable(e);
        }
        return new IllegalStateException("Storing the log batch failed (nothing stored): " + e.getMessage(), e);
    }

    static ProblemException unavailable(Exception cause) {
        ProblemException p = new ProblemException(org.springframework.http.HttpStatus.SERVICE_UNAVAILABLE,
                "The log store (PostgreSQL) is unavailable; nothing was stored. Retry later.", cause);
        p.getHeaders().set(org.springframework.http.HttpHeaders.RETRY_AFTER, "5");
        return p.with("retry_after", 5).with("error", "Log store unavailable");
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; nothing was committed
        }
    }
}
