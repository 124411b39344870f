package com.hivematrix.shared.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The work behind {@link DatabaseProvisioning}; usable on its own (tools, tests). */
public final class DatabaseProvisioner {

    private static final Logger log = LoggerFactory.getLogger(DatabaseProvisioner.class);

    /** jdbc:postgresql://host[:port][,host2...]/database[?params] */
    private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^/?]*)/([^?]*)(\\?.*)?$");
    public static final Pattern NAME = Pattern.compile("^[a-z_][a-z0-9_]*$");
    private static final String DUPLICATE_DATABASE = "42P04";

    private DatabaseProvisioner() {
    }

    /** The database name of a PostgreSQL JDBC URL, or null if the URL names none. */
    public static String databaseName(String jdbcUrl) {
        Matcher m = jdbcUrl == null ? null : URL.matcher(jdbcUrl);
        return m != null && m.matches() && !m.group(2).isEmpty() ? m.group(2) : null;
    }

    /** The same server and parameters, pointed at another database. */
    static String withDatabase(String jdbcUrl, String database) {
        Matcher m = URL.matcher(jdbcUrl);
        if (!m.matches()) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL");
        }
        return "jdbc:postgresql://" + m.group(1) + "/" + database + (m.group(3) == null ? "" : m.group(3));
    }

    /**
     * Creates the URL's database unless it exists. Returns true if it was created by this call.
     * Problems reaching the server are logged, not thrown: the DataSource then fails with its own
     * clearer error. An invalid database name is thrown, because no later step would explain it.
     */
    public static boolean createIfMissing(String jdbcUrl, String user, String password) {
        String name = databaseName(jdbcUrl);
        if (name == null) {
            log.warn("hivematrix.db.create-if-missing: no database name in the datasource URL; nothing provisioned");
            return false;
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalStateException("Database name '" + name + "' must match " + NAME.pattern());
        }
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        SQLException last = null;
        for (String maintenance : new String[] {"postgres", "template1"}) {
            try (Connection c = DriverManager.getConnection(withDatabase(jdbcUrl, maintenance), props)) {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    ps.setString(1, name);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            return false;
                        }
                    }
                }
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE \"" + name + "\"");
                    log.info("Created database {}", name);
                    return true;
                } catch (SQLException e) {
                    if (DUPLICATE_DATABASE.equals(e.getSQLState())) {
                        return false; // another replica won the race
                    }
                    throw e;
                }
            } catch (SQLException e) {
                last = e;
            }
        }
        log.warn("Could not provision database {}: {}", name, last == null ? "unknown error" : last.getMessage());
        return false;
    }
}
