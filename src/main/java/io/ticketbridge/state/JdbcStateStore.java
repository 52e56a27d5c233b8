package io.ticketbridge.state;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state store on JDBC: an H2 file under {@code data/} by default (nothing to install), PostgreSQL when a
 * {@code jdbc:postgresql:} URL is configured (shared deployments). Plain portable SQL: upserts are
 * update-then-insert in one transaction, so the same code runs on both. The schema is created and upgraded by
 * {@link Migrations} on start.
 */
public class JdbcStateStore implements StateStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStateStore.class);

    private String url = "jdbc:h2:file:./data/state/ticketbridge";
    private String username = "";
    private String password = "";
    private int maxConnections = 4;
    private volatile HikariDataSource dataSource;

    public JdbcStateStore() {
    }

    public JdbcStateStore(String url, String username, String password) {
        this.url = url;
        this.username = username;
        this.password = password;
    }

    /** Opens the pool and migrates the schema; called by Camel on bean init, or lazily on first use. */
    public synchronized void start() {
        if (dataSource != null) return;
        if (url == null || !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("state store url must be a JDBC URL (jdbc:h2:file:... or jdbc:postgresql://...), got '" + url + "'");
        }
        String jdbcUrl = h2FileUrl(url);
        createH2Directory(jdbcUrl);
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setUsername(username == null ? "" : username);
        cfg.setPassword(password == null ? "" : password);
        cfg.setMaximumPoolSize(maxConnections);
        cfg.setPoolName("ticketbridge-state");
        cfg.setConnectionTimeout(10_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(cfg);
        } catch (RuntimeException e) {
            // the JDBC URL is not a secret, the password is never part of the message
            throw new IllegalStateException("cannot open the state store at " + url + ": " + rootMessage(e), e);
        }
        try {
            Migrations.migrate(ds);
        } catch (SQLException e) {
            ds.close();
            throw new IllegalStateException("cannot migrate the state store at " + url + ": " + e.getMessage(), e);
        }
        dataSource = ds;
        LOG.info("State store ready at {}", url);
    }

    /**
     * H2 refuses a file path relative to the working directory unless it starts with "./"; operators write
     * {@code data/state/ticketbridge}, so such a path is made absolute (same file, no surprise).
     */
    static String h2FileUrl(String url) {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) return url;
        String[] parts = url.substring(prefix.length()).split(";", 2);
        String file = parts[0];
        if (file.startsWith("~") || Path.of(file).isAbsolute()) return url;
        return prefix + Path.of(file).toAbsolutePath().normalize() + (parts.length > 1 ? ";" + parts[1] : "");
    }

    private static void createH2Directory(String url) {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) return;
        String file = url.substring(prefix.length()).split(";", 2)[0];
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the state store directory " + parent + ": " + e.getMessage(), e);
        }
    }

    DataSource dataSource() {
        if (dataSource == null) start();
        return dataSource;
    }

    @Override
    public Optional<String> cursor(String key) {
        return query("SELECT cursor_value FROM tb_cursor WHERE state_key = ?", rs -> rs.getString(1), key);
    }

    @Override
    public void saveCursor(String key, String value) {
        upsert("UPDATE tb_cursor SET cursor_value = ?, updated_at = ? WHERE state_key = ?",
                new Object[] {value, now(), key},
                "INSERT INTO tb_cursor (state_key, cursor_value, updated_at) VALUES (?, ?, ?)",
                new Object[] {key, value, now()});
    }

    @Override
    public Optional<Delivery> delivered(String flow, String ticketId) {
        return query("SELECT version, fingerprint FROM tb_ledger WHERE flow = ? AND ticket_id = ?",
                rs -> new Delivery(rs.getString(1), rs.getString(2)), flow, ticketId);
    }

    @Override
    public void markDelivered(String flow, String ticketId, Delivery d) {
        upsert("UPDATE tb_ledger SET version = ?, fingerprint = ?, delivered_at = ? WHERE flow = ? AND ticket_id = ?",
                new Object[] {d.version(), d.fingerprint(), now(), flow, ticketId},
                "INSERT INTO tb_ledger (flow, ticket_id, version, fingerprint, delivered_at) VALUES (?, ?, ?, ?, ?)",
                new Object[] {flow, ticketId, d.version(), d.fingerprint(), now()});
    }

    @Override
    public Optional<String> targetTicket(String sink, String sourceSystem, String sourceTicketId) {
        return ticketMapColumn("target_ticket_id", sink, sourceSystem, sourceTicketId);
    }

    @Override
    public void mapTicket(String sink, String sourceSystem, String sourceTicketId, String targetTicketId) {
        clearIntent(sink, sourceSystem, sourceTicketId, "ticket");
        upsert("UPDATE tb_ticket_map SET target_ticket_id = ? WHERE sink = ? AND source_system = ? AND source_ticket_id = ?",
                new Object[] {targetTicketId, sink, sourceSystem, sourceTicketId},
                "INSERT INTO tb_ticket_map (sink, source_system, source_ticket_id, target_ticket_id, created_at) VALUES (?, ?, ?, ?, ?)",
                new Object[] {sink, sourceSystem, sourceTicketId, targetTicketId, now()});
    }

    @Override
    public Optional<String> lastStatus(String sink, String sourceSystem, String sourceTicketId) {
        return ticketMapColumn("last_status", sink, sourceSystem, sourceTicketId);
    }

    /** One column of a ticket mapping; {@code column} is a constant of this class, never user input. */
    private Optional<String> ticketMapColumn(String column, String sink, String sourceSystem, String sourceTicketId) {
        return query("SELECT " + column + " FROM tb_ticket_map WHERE sink = ? AND source_system = ? AND source_ticket_id = ?",
                rs -> rs.getString(1), sink, sourceSystem, sourceTicketId);
    }

    @Override
    public void recordStatus(String sink, String sourceSystem, String sourceTicketId, String status) {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE tb_ticket_map SET last_status = ? WHERE sink = ? AND source_system = ? AND source_ticket_id = ?")) {
            bind(ps, status, sink, sourceSystem, sourceTicketId);
            if (ps.executeUpdate() == 0) {
                throw new IllegalStateException("state store: no ticket mapping for " + sourceSystem + " ticket "
                        + sourceTicketId + " in sink " + sink);
            }
        } catch (SQLException e) {
            throw failure("record status", e);
        }
    }

    @Override
    public Map<String, MessageMapping> messages(String sink, String sourceSystem, String sourceTicketId) {
        Map<String, MessageMapping> out = new LinkedHashMap<>();
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT source_message_id, target_message_id, outcome FROM tb_message_map "
                     + "WHERE sink = ? AND source_system = ? AND source_ticket_id = ? ORDER BY created_at, source_message_id")) {
            bind(ps, sink, sourceSystem, sourceTicketId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new MessageMapping(rs.getString(2), Outcome.valueOf(rs.getString(3))));
                }
            }
        } catch (SQLException e) {
            throw failure("read message map", e);
        }
        return out;
    }

    @Override
    public void mapMessage(String sink, String sourceSystem, String sourceTicketId, String sourceMessageId, MessageMapping m) {
        clearIntent(sink, sourceSystem, sourceTicketId, "message:" + sourceMessageId);
        upsert("UPDATE tb_message_map SET target_message_id = ?, outcome = ? WHERE sink = ? AND source_system = ? "
                        + "AND source_ticket_id = ? AND source_message_id = ?",
                new Object[] {m.targetMessageId(), m.outcome().name(), sink, sourceSystem, sourceTicketId, sourceMessageId},
                "INSERT INTO tb_message_map (sink, source_system, source_ticket_id, source_message_id, target_message_id, "
                        + "outcome, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                new Object[] {sink, sourceSystem, sourceTicketId, sourceMessageId, m.targetMessageId(), m.outcome().name(), now()});
    }

    // TEMP (lead's branch): replaced by the store helper's implementation on merge
    private final Map<String, java.time.Instant> tmpIntents = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Map<String, java.time.Instant> intents(String sink, String sourceSystem, String sourceTicketId) {
        Map<String, java.time.Instant> out = new LinkedHashMap<>();
        String p = sink + "|" + sourceSystem + "|" + sourceTicketId + "|";
        tmpIntents.forEach((k, v) -> { if (k.startsWith(p)) out.put(k.substring(p.length()), v); });
        return out;
    }

    @Override
    public void recordIntent(String sink, String sourceSystem, String sourceTicketId, String step) {
        tmpIntents.put(sink + "|" + sourceSystem + "|" + sourceTicketId + "|" + step, Instant.now());
    }

    @Override
    public void clearIntent(String sink, String sourceSystem, String sourceTicketId, String step) {
        tmpIntents.remove(sink + "|" + sourceSystem + "|" + sourceTicketId + "|" + step);
    }

    @Override
    public Optional<String> sourceOfTarget(String sink, String sourceSystem, String targetTicketId) {
        return query("SELECT source_ticket_id FROM tb_ticket_map WHERE sink = ? AND source_system = ? AND target_ticket_id = ?",
                rs -> rs.getString(1), sink, sourceSystem, targetTicketId);
    }

    @Override
    public synchronized void close() {
        if (dataSource != null) {
            dataSource.close();
            dataSource = null;
        }
    }

    // ---- plumbing ----

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> Optional<T> query(String sql, Row<T> row, Object... args) {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(row.read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("query", e);
        }
    }

    /** Update, else insert; a concurrent insert of the same key (unique violation) is retried as an update. */
    private void upsert(String update, Object[] updateArgs, String insert, Object[] insertArgs) {
        for (int attempt = 0; ; attempt++) {
            try (Connection c = dataSource().getConnection()) {
                c.setAutoCommit(false);
                try {
                    int n;
                    try (PreparedStatement ps = c.prepareStatement(update)) {
                        bind(ps, updateArgs);
                        n = ps.executeUpdate();
                    }
                    if (n == 0) {
                        try (PreparedStatement ps = c.prepareStatement(insert)) {
                            bind(ps, insertArgs);
                            ps.executeUpdate();
                        }
                    }
                    c.commit();
                    return;
                } catch (SQLException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            } catch (SQLException e) {
                boolean duplicate = "23505".equals(e.getSQLState());
                if (!duplicate || attempt >= 2) throw failure("write", e);
            }
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("state store (" + url + "): cannot " + what + ": " + e.getMessage(), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage();
    }

    // ---- bean properties (camel.beans.stateStore.*) ----

    public String getUrl() { return url; }
    public void setUrl(String url) { this.url = url; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public void setPassword(String password) { this.password = password; }
    public int getMaxConnections() { return maxConnections; }
    public void setMaxConnections(int maxConnections) { this.maxConnections = maxConnections; }

    @Override
    public String toString() {
        return "JdbcStateStore[" + url + "]"; // never the password
    }
}
