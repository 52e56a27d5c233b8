package io.ticketbridge.state;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: {@code db/migration/V<n>__<what>.sql} on the classpath, applied in order, each in
 * one transaction, recorded in {@code tb_schema_version}. A store newer than this build is refused rather than
 * silently used.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** In order; add a line (and a file) for each new version, never edit an applied one. */
    static final List<String> SCRIPTS = List.of("V1__state.sql", "V2__intents.sql", "V3__webhook_inbox.sql");

    private Migrations() {
    }

    public static int latest() {
        return SCRIPTS.size();
    }

    static void migrate(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS tb_schema_version (version INTEGER PRIMARY KEY, "
                        + "script VARCHAR(200) NOT NULL, applied_at TIMESTAMP NOT NULL)");
            }
            int current = current(c);
            if (current > latest()) {
                throw new SQLException("the state store is at schema version " + current + " but this TicketBridge knows "
                        + latest() + "; upgrade TicketBridge or point it at another store");
            }
            for (int v = current + 1; v <= latest(); v++) {
                apply(c, v, SCRIPTS.get(v - 1));
            }
        }
    }

    static int current(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MAX(version) FROM tb_schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void apply(Connection c, int version, String script) throws SQLException {
        String sql = read(script);
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (String statement : sql.split(";")) {
                String s = statement.lines().filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + "\n" + b).strip();
                if (!s.isEmpty()) st.execute(s);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tb_schema_version (version, script, applied_at) VALUES (?, ?, ?)")) {
                ps.setInt(1, version);
                ps.setString(2, script);
                ps.setTimestamp(3, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
            c.commit();
            LOG.info("State store migrated to version {} ({})", version, script);
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("migration " + script + " failed: " + e.getMessage(), e.getSQLState(), e);
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static String read(String script) throws SQLException {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + script)) {
            if (in == null) throw new SQLException("migration script db/migration/" + script + " is missing from the jar");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SQLException("cannot read migration " + script + ": " + e.getMessage(), e);
        }
    }
}
