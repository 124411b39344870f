package com.hivematrix.codex.company;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

import com.hivematrix.codex.web.Rows;

import tools.jackson.core.JsonGenerator;

/**
 * {@code /api/companies/bulk} written straight to the response: every company with its assets,
 * contacts, locations and (optionally) tickets, without holding the result in memory. One
 * read-only REPEATABLE READ transaction (a consistent snapshot) opens one cursor per table, each
 * ordered by company account number in the same collation as the company cursor; the writer walks
 * the companies and drains from each child cursor the rows of the current company (a merge join).
 * Children always belong to an existing company (foreign keys), so each child cursor's accounts
 * are a subsequence of the company cursor's.
 */
@Component
public class BulkExport {

    static final int FETCH = 2000;

    private final DataSource dataSource;

    public BulkExport(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write(boolean includeTickets, Integer year, OutputStream out) throws IOException, SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try (JsonGenerator g = Rows.JSON.createGenerator(out)) {
                writeAll(c, includeTickets, year, g);
            } finally {
                c.rollback();
                c.setReadOnly(false);
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private void writeAll(Connection c, boolean includeTickets, Integer year, JsonGenerator g) throws SQLException {
        List<Child> children = new ArrayList<>();
        try (PreparedStatement companies = cursor(c, CompanyQueries.SUMMARY + " ORDER BY c.account_number")) {
            children.add(new Child("assets", cursor(c, CompanyQueries.BILLING_ASSET
                    + ", a.company_account_number AS _acct FROM assets a ORDER BY a.company_account_number, a.hostname, a.id")));
            children.add(new Child("contacts", cursor(c, CompanyQueries.CONTACT + """
                    , l.company_account_number AS _acct FROM contacts ct JOIN contact_company_link l ON l.contact_id = ct.id
                    ORDER BY l.company_account_number, ct.name, ct.id""")));
            children.add(new Child("locations", cursor(c, CompanyQueries.LOCATION
                    + ", l.company_account_number AS _acct FROM locations l ORDER BY l.company_account_number, l.name, l.id")));
            if (includeTickets) {
                PreparedStatement tickets = cursor(c, CompanyQueries.BILLING_TICKET + ", t.company_account_number AS _acct "
                        + "FROM ticket_details t WHERE t.company_account_number IS NOT NULL"
                        + (year == null ? "" : " AND t.last_updated_at >= ? AND t.last_updated_at < ?")
                        + " ORDER BY t.company_account_number, t.last_updated_at DESC NULLS LAST, t.id");
                if (year != null) {
                    Map<String, Object> range = CompanyQueries.yearParams(year);
                    tickets.setObject(1, (OffsetDateTime) range.get("from"));
                    tickets.setObject(2, (OffsetDateTime) range.get("to"));
                }
                children.add(new Child("tickets", tickets));
            }
            try (ResultSet rs = companies.executeQuery()) {
                for (Child child : children) {
                    child.open();
                }
                g.writeStartArray();
                int n = 0;
                while (rs.next()) {
                    Map<String, Object> summary = Rows.map(rs, n++);
                    String acct = (String) summary.get("account_number");
                    g.writeStartObject();
                    g.writeName("company");
                    g.writePOJO(summary);
                    for (Child child : children) {
                        g.writeName(child.key);
                        g.writeStartArray();
                        child.drain(acct, g);
                        g.writeEndArray();
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        } finally {
            for (Child child : children) {
                child.close();
            }
        }
    }

    private static PreparedStatement cursor(Connection c, String sql) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        ps.setFetchSize(FETCH);
        return ps;
    }

    /**
     * One child table's cursor, one row ahead of the writer. Rows go from the result set straight to
     * the generator (no map per row; jsonb copied as raw JSON), with the value conventions of
     * {@link Rows#map}: ISO-8601 UTC times, {@code YYYY-MM-DD} dates, numerics as doubles, and the
     * ticket lists {@code conversations}/{@code notes} as arrays ({@code []} for NULL).
     */
    private static final class Child {
        final String key;
        final PreparedStatement statement;
        ResultSet rs;
        String[] labels;
        String[] types;
        int acctColumn;
        String nextAcct;

        Child(String key, PreparedStatement statement) {
            this.key = key;
            this.statement = statement;
        }

        void open() throws SQLException {
            rs = statement.executeQuery();
            ResultSetMetaData md = rs.getMetaData();
            labels = new String[md.getColumnCount() + 1];
            types = new String[md.getColumnCount() + 1];
            for (int i = 1; i <= md.getColumnCount(); i++) {
                labels[i] = md.getColumnLabel(i);
                types[i] = md.getColumnTypeName(i);
                if ("_acct".equals(labels[i])) {
                    acctColumn = i;
                }
            }
            advance();
        }

        private void advance() throws SQLException {
            nextAcct = rs.next() ? rs.getString(acctColumn) : null;
        }

        void drain(String acct, JsonGenerator g) throws SQLException {
            while (nextAcct != null && acct.equals(nextAcct)) {
                g.writeStartObject();
                for (int i = 1; i < labels.length; i++) {
                    if (i != acctColumn) {
                        g.writeName(labels[i]);
                        writeValue(g, i);
                    }
                }
                g.writeEndObject();
                advance();
            }
        }

        private void writeValue(JsonGenerator g, int i) throws SQLException {
            switch (types[i]) {
                case "timestamptz", "timestamp" -> {
                    Timestamp ts = rs.getTimestamp(i);
                    writeString(g, ts == null ? null : Rows.iso(ts.toInstant()));
                }
                case "date" -> {
                    Date d = rs.getDate(i);
                    writeString(g, d == null ? null : d.toLocalDate().toString());
                }
                case "jsonb", "json" -> {
                    String json = rs.getString(i);
                    boolean list = "conversations".equals(labels[i]) || "notes".equals(labels[i]);
                    if (list && (json == null || !json.stripLeading().startsWith("["))) {
                        g.writeRawValue("[]");
                    } else if (json == null) {
                        g.writeNull();
                    } else {
                        g.writeRawValue(json);
                    }
                }
                default -> {
                    Object v = rs.getObject(i);
                    if (v == null) {
                        g.writeNull();
                    } else if (v instanceof String str) {
                        g.writeString(str);
                    } else if (v instanceof Boolean b) {
                        g.writeBoolean(b);
                    } else if (v instanceof Integer n) {
                        g.writeNumber(n);
                    } else if (v instanceof Long n) {
                        g.writeNumber(n);
                    } else if (v instanceof BigDecimal bd) {
                        g.writeNumber(bd.doubleValue());
                    } else if (v instanceof Number n) {
                        g.writeNumber(n.doubleValue());
                    } else {
                        g.writePOJO(v);
                    }
                }
            }
        }

        private static void writeString(JsonGenerator g, String s) {
            if (s == null) {
                g.writeNull();
            } else {
                g.writeString(s);
            }
        }

        void close() throws SQLException {
            try {
                if (rs != null) {
                    rs.close();
                }
            } finally {
                statement.close();
            }
        }
    }
}
