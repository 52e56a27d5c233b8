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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state store on JDBC: an H2 file under {@code data/} by default (nothing to install), PostgreSQL when a
 * {@code jdbc:postgresql:} URL is configured (shared deployments). An upsert is one statement: a SQL-standard
 * {@code MERGE} on H2, {@code INSERT … ON CONFLICT} on PostgreSQL ({@link Upsert}). A write of one statement runs
 * as it is (auto-commit); a mapping write and the removal of its intent share one transaction — on PostgreSQL one
 * statement, the delete in a {@code WITH} clause, so a write costs one round trip. H2 files keep parsed
 * statements per connection ({@code QUERY_CACHE_SIZE}, see {@link #h2FileUrl}); the PostgreSQL driver prepares
 * repeated statements on the server by itself. The schema is created and upgraded by {@link Migrations} on start.
 *
 * <p>Durability, as {@link StateStore} promises it: on H2 a commit would otherwise wait in memory for up to
 * {@code WRITE_DELAY} ms (default 500) and a kill -9 in that window loses it, so file URLs get
 * {@code WRITE_DELAY=0} unless they set it (and stay open during JVM shutdown, see {@link #h2FileUrl}). On PostgreSQL we rely on the server's {@code synchronous_commit}: where
 * it is {@code off} (a crash of the server loses the last acknowledged commits) the store's own sessions turn it
 * {@code on}, with a warning; {@code local} and the replication levels are left alone, and a
 * {@code synchronous_commit} the URL sets itself is the operator's choice (warned about if {@code off}).
 *
 * <p>What an H2 commit costs (measured with strace and JFR, H2 2.4.240): with {@code WRITE_DELAY=0} every commit
 * makes MVStore serialise the pages changed since the last one into a new chunk and {@code pwrite} it (about one
 * write call per commit); it does not fsync (7 fsyncs in 6,000 commits: open, close, housekeeping). The bytes are in
 * the OS when the commit returns, which is what a kill -9 needs; a power loss can lose the last commits, as H2 never
 * forces them — where that matters, use PostgreSQL (fsync and {@code synchronous_commit} on). The cost is CPU in
 * the committing thread (page serialisation, ~0.1–0.3 ms a commit here), so {@link #apply} puts several writes of
 * a ticket in one transaction.
 */
public class JdbcStateStore implements StateStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStateStore.class);

    // the steps of the intents the mapping writes confirm (StateStore#recordIntent)
    private static final String TICKET_STEP = "ticket";
    private static final String STATUS_STEP = "status";
    private static final String MESSAGE_STEP_PREFIX = "message:";
    private static final String DELETE_INTENT =
            "DELETE FROM tb_intent WHERE sink = ? AND source_system = ? AND source_ticket_id = ? AND step = ?";

    private static final Upsert CURSOR = new Upsert("tb_cursor", List.of("state_key"), List.of("cursor_value", "updated_at"), List.of());
    private static final Upsert LEDGER = new Upsert("tb_ledger", List.of("flow", "ticket_id"),
            List.of("version", "fingerprint", "delivered_at"), List.of());
    private static final Upsert TICKET_MAP = new Upsert("tb_ticket_map", List.of("sink", "source_system", "source_ticket_id"),
            List.of("target_ticket_id"), List.of("created_at"));
    private static final Upsert MESSAGE_MAP = new Upsert("tb_message_map",
            List.of("sink", "source_system", "source_ticket_id", "source_message_id"), List.of("target_message_id", "outcome"),
            List.of("created_at"));
    private static final Upsert INTENT = new Upsert("tb_intent", List.of("sink", "source_system", "source_ticket_id", "step"),
            List.of("recorded_at"), List.of());
    private static final String SET_STATUS =
            "UPDATE tb_ticket_map SET last_status = ? WHERE sink = ? AND source_system = ? AND source_ticket_id = ?";
    /** PostgreSQL: the status and the removal of its intent in one statement; the intent goes only with a mapping. */
    private static final String SET_STATUS_AND_CLEAR_INTENT = "WITH updated AS (" + SET_STATUS + " RETURNING 1), "
            + "cleared AS (" + DELETE_INTENT + " AND EXISTS (SELECT 1 FROM updated)) SELECT count(*) FROM updated";

    private String url = "jdbc:h2:file:./data/state/ticketbridge";
    private String username = "";
    private String password = "";
    private int maxConnections = 4;
    private volatile HikariDataSource dataSource;
    private volatile boolean postgres;

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
        boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
        boolean commitModeInUrl = jdbcUrl.toLowerCase(Locale.ROOT).contains("synchronous_commit");
        if (postgres && !commitModeInUrl) cfg.setConnectionInitSql(SYNCHRONOUS_COMMIT_UNLESS_DURABLE);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(cfg);
        } catch (RuntimeException e) {
            // the JDBC URL is not a secret, the password is never part of the message
            throw new IllegalStateException("cannot open the state store at " + url + ": " + rootMessage(e), e);
        }
        try {
            Migrations.migrate(ds);
            if (postgres) warnIfNotDurable(ds, commitModeInUrl);
            this.postgres = postgres;
        } catch (SQLException e) {
            ds.close();
            throw new IllegalStateException("cannot migrate the state store at " + url + ": " + e.getMessage(), e);
        }
        dataSource = ds;
        LOG.info("State store ready at {}", url);
    }

    /**
     * Raises {@code synchronous_commit=off} to {@code on} for this session only; PostgreSQL allows exactly that
     * per session, and the stronger settings ({@code remote_apply}…) stay as they are.
     */
    private static final String SYNCHRONOUS_COMMIT_UNLESS_DURABLE = "SELECT set_config('synchronous_commit', 'on', false) "
            + "WHERE current_setting('synchronous_commit') = 'off'";

    /** One line on start when PostgreSQL would not keep an acknowledged commit across a crash of the server. */
    private void warnIfNotDurable(DataSource ds, boolean commitModeInUrl) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name, setting, reset_val FROM pg_settings WHERE name IN ('synchronous_commit', 'fsync')");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String name = rs.getString(1), setting = rs.getString(2), serverValue = rs.getString(3);
                if ("fsync".equals(name) && "off".equals(setting)) {
                    LOG.warn("State store: the PostgreSQL server runs with fsync=off; a crash of the server can lose "
                            + "or corrupt the state store (TicketBridge cannot change that)");
                } else if ("synchronous_commit".equals(name) && "off".equals(setting) && commitModeInUrl) {
                    LOG.warn("State store: synchronous_commit=off set in the state store URL; a crash of the database "
                            + "server can lose the last writes and TicketBridge may then deliver them again");
                } else if ("synchronous_commit".equals(name) && "off".equals(serverValue) && !commitModeInUrl) {
                    LOG.warn("State store: PostgreSQL has synchronous_commit=off for this database or role; "
                            + "TicketBridge turns it on for its own sessions so a write is durable when it returns");
                }
            }
        }
    }

    /**
     * Normalises an H2 file URL (explicit {@code file:} or a bare path). H2 refuses a file path relative to the
     * working directory unless it starts with "./"; operators write {@code data/state/ticketbridge}, so such a path
     * is made absolute (same file, no surprise). Two settings are added unless the URL sets them:
     * {@code WRITE_DELAY=0}, since by default H2 writes a commit to the file up to 500 ms later, which a kill -9
     * loses (H2 remembers the setting in the database file); and {@code DB_CLOSE_ON_EXIT=FALSE}, since H2's own
     * shutdown hook would close the database while Camel still lets in-flight exchanges finish on SIGTERM, failing
     * their writes (every commit being on disk already, nothing needs H2 to close it on exit). And
     * {@code QUERY_CACHE_SIZE=64}: H2 keeps 8 parsed statements per connection by default, fewer than the store
     * uses, so each one was parsed again every time.
     */
    static String h2FileUrl(String url) {
        String h2 = "jdbc:h2:", prefix = h2 + "file:";
        if (!url.startsWith(h2)) return url;
        String rest = url.substring(url.startsWith(prefix) ? prefix.length() : h2.length());
        // mem:, tcp:, ssl:, zip:, … are not an embedded file we own; one letter is a Windows drive (C:/…)
        if (!url.startsWith(prefix) && rest.matches("(?s)[A-Za-z][A-Za-z0-9]+:.*")) return url;
        String[] parts = rest.split(";", 2);
        String file = parts[0];
        if (!file.startsWith("~") && !Path.of(file).isAbsolute()) file = Path.of(file).toAbsolutePath().normalize().toString();
        StringBuilder out = new StringBuilder(prefix).append(file);
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("WRITE_DELAY", "0");
        defaults.put("DB_CLOSE_ON_EXIT", "FALSE");
        defaults.put("QUERY_CACHE_SIZE", "64");
        for (String setting : parts.length > 1 ? parts[1].split(";") : new String[0]) {
            if (setting.isBlank()) continue; // H2 stops reading settings at an empty one
            defaults.remove(setting.split("=", 2)[0].strip().toUpperCase(Locale.ROOT));
            out.append(';').append(setting);
        }
        defaults.forEach((name, value) -> out.append(';').append(name).append('=').append(value));
        return out.toString();
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
        write("save cursor", CURSOR, key, value, now());
    }

    @Override
    public Optional<Delivery> delivered(String flow, String ticketId) {
        return query("SELECT version, fingerprint FROM tb_ledger WHERE flow = ? AND ticket_id = ?",
                rs -> new Delivery(rs.getString(1), rs.getString(2)), flow, ticketId);
    }

    @Override
    public void markDelivered(String flow, String ticketId, Delivery d) {
        write("mark delivered", LEDGER, flow, ticketId, d.version(), d.fingerprint(), now());
    }

    @Override
    public Optional<String> targetTicket(String sink, String sourceSystem, String sourceTicketId) {
        return ticketMapColumn("target_ticket_id", sink, sourceSystem, sourceTicketId);
    }

    @Override
    public void mapTicket(String sink, String sourceSystem, String sourceTicketId, String targetTicketId) {
        writeClearingIntent("map ticket", TICKET_MAP, new Object[] {sink, sourceSystem, sourceTicketId, targetTicketId, now()}, TICKET_STEP);
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
        int updated;
        if (postgres) {
            updated = withRetry("record status", () -> {
                try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(SET_STATUS_AND_CLEAR_INTENT)) {
                    bind(ps, status, sink, sourceSystem, sourceTicketId, sink, sourceSystem, sourceTicketId, STATUS_STEP);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getInt(1) : 0;
                    }
                }
            });
        } else {
            updated = inTransaction("record status", c -> {
                int n = execute(c, SET_STATUS, status, sink, sourceSystem, sourceTicketId);
                if (n > 0) execute(c, DELETE_INTENT, sink, sourceSystem, sourceTicketId, STATUS_STEP);
                return n;
            });
        }
        if (updated == 0) throw noTicketMapping(sink, sourceSystem, sourceTicketId);
    }

    @Override
    public Map<String, MessageMapping> messages(String sink, String sourceSystem, String sourceTicketId) {
        return queryMap("read message map", MESSAGES_SQL, MESSAGE_ROW, sink, sourceSystem, sourceTicketId);
    }

    @Override
    public void mapMessage(String sink, String sourceSystem, String sourceTicketId, String sourceMessageId, MessageMapping m) {
        writeClearingIntent("map message", MESSAGE_MAP, new Object[] {sink, sourceSystem, sourceTicketId, sourceMessageId,
                m.targetMessageId(), m.outcome().name(), now()}, MESSAGE_STEP_PREFIX + sourceMessageId);
    }

    @Override
    public Map<String, Instant> intents(String sink, String sourceSystem, String sourceTicketId) {
        return queryMap("read intents", INTENTS_SQL, INTENT_ROW, sink, sourceSystem, sourceTicketId);
    }

    /** Reads a row's value from columns 2.. of a result set. */
    private interface RowValue<V> {
        V read(ResultSet rs) throws SQLException;
    }

    private static final String MESSAGES_SQL = "SELECT source_message_id, target_message_id, outcome FROM tb_message_map "
            + "WHERE sink = ? AND source_system = ? AND source_ticket_id = ? ORDER BY created_at, source_message_id";
    private static final RowValue<MessageMapping> MESSAGE_ROW =
            rs -> new MessageMapping(rs.getString(2), Outcome.valueOf(rs.getString(3)));
    private static final String INTENTS_SQL = "SELECT step, recorded_at FROM tb_intent "
            + "WHERE sink = ? AND source_system = ? AND source_ticket_id = ? ORDER BY recorded_at, step";
    private static final RowValue<Instant> INTENT_ROW = rs -> rs.getObject(2, OffsetDateTime.class).toInstant();

    /** Column 1 → value, in the query's order. */
    private <V> Map<String, V> queryMap(String what, String sql, RowValue<V> value, String... args) {
        try (Connection c = dataSource().getConnection()) {
            return readMap(c, sql, value, args);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static <V> Map<String, V> readMap(Connection c, String sql, RowValue<V> value, String... args) throws SQLException {
        Map<String, V> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, (Object[]) args);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), value.read(rs));
            }
        }
        return out;
    }

    @Override
    public void recordIntent(String sink, String sourceSystem, String sourceTicketId, String step) {
        write("record intent", INTENT, sink, sourceSystem, sourceTicketId, step, nowWithOffset());
    }

    @Override
    public void clearIntent(String sink, String sourceSystem, String sourceTicketId, String step) {
        withRetry("clear intent", () -> {
            try (Connection c = dataSource().getConnection()) {
                return execute(c, DELETE_INTENT, sink, sourceSystem, sourceTicketId, step);
            }
        });
    }

    @Override
    public TicketState ticketState(String sink, String sourceSystem, String sourceTicketId) {
        try (Connection c = dataSource().getConnection()) {
            String target = null, status = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT target_ticket_id, last_status FROM tb_ticket_map "
                    + "WHERE sink = ? AND source_system = ? AND source_ticket_id = ?")) {
                bind(ps, sink, sourceSystem, sourceTicketId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        target = rs.getString(1);
                        status = rs.getString(2);
                    }
                }
            }
            return new TicketState(target, status, readMap(c, MESSAGES_SQL, MESSAGE_ROW, sink, sourceSystem, sourceTicketId),
                    readMap(c, INTENTS_SQL, INTENT_ROW, sink, sourceSystem, sourceTicketId));
        } catch (SQLException e) {
            throw failure("read ticket state", e);
        }
    }

    @Override
    public void apply(String sink, String sourceSystem, String sourceTicketId, List<Change> changes) {
        if (changes.isEmpty()) return;
        inTransaction("apply " + changes.size() + " changes", c -> {
            for (Change change : changes) {
                if (change instanceof Intent i) {
                    execute(c, INTENT.sql(postgres), INTENT.args(postgres, new Object[] {sink, sourceSystem, sourceTicketId,
                            i.step(), nowWithOffset()}));
                } else if (change instanceof TicketMapped t) {
                    execute(c, TICKET_MAP.sql(postgres), TICKET_MAP.args(postgres, new Object[] {sink, sourceSystem,
                            sourceTicketId, t.targetTicketId(), now()}));
                    execute(c, DELETE_INTENT, sink, sourceSystem, sourceTicketId, TICKET_STEP);
                } else if (change instanceof MessageMapped m) {
                    execute(c, MESSAGE_MAP.sql(postgres), MESSAGE_MAP.args(postgres, new Object[] {sink, sourceSystem,
                            sourceTicketId, m.sourceMessageId(), m.mapping().targetMessageId(), m.mapping().outcome().name(), now()}));
                    execute(c, DELETE_INTENT, sink, sourceSystem, sourceTicketId, MESSAGE_STEP_PREFIX + m.sourceMessageId());
                } else if (change instanceof StatusRecorded st) {
                    if (execute(c, SET_STATUS, st.status(), sink, sourceSystem, sourceTicketId) == 0) {
                        throw noTicketMapping(sink, sourceSystem, sourceTicketId);
                    }
                    execute(c, DELETE_INTENT, sink, sourceSystem, sourceTicketId, STATUS_STEP);
                }
            }
            return changes.size();
        });
    }

    @Override
    public Optional<String> sourceOfTarget(String sink, String sourceSystem, String targetTicketId) {
        return query("SELECT source_ticket_id FROM tb_ticket_map WHERE sink = ? AND target_ticket_id = ? AND source_system = ? "
                + "ORDER BY created_at, source_ticket_id", rs -> rs.getString(1), sink, targetTicketId, sourceSystem);
    }

    @Override
    public void forgetTicket(String sink, String sourceSystem, String sourceTicketId, String flow) {
        inTransaction("forget ticket", c -> {
            int n = 0;
            for (String table : new String[] {"tb_message_map", "tb_intent", "tb_ticket_map"}) {
                n += execute(c, "DELETE FROM " + table + " WHERE sink = ? AND source_system = ? AND source_ticket_id = ?",
                        sink, sourceSystem, sourceTicketId);
            }
            // the flow's windowed keys too ("migrate:a->b:since=…"); LIKE's wildcards in the key itself are escaped
            String like = flow.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ":%";
            return n + execute(c, "DELETE FROM tb_ledger WHERE ticket_id = ? AND (flow = ? OR flow LIKE ? ESCAPE '\\')",
                    sourceTicketId, flow, like);
        });
    }

    @Override
    public boolean hasIntent(String sink, String step) {
        return query("SELECT 1 FROM tb_intent WHERE sink = ? AND step = ? FETCH FIRST 1 ROWS ONLY", rs -> rs.getInt(1),
                sink, step).isPresent();
    }

    @Override
    public boolean recordWebhookEvent(String flow, String ticketId, String changeMarker, String eventId, String payload) {
        try {
            return WebhookInboxTable.record(dataSource(), flow, ticketId, changeMarker, eventId, payload);
        } catch (SQLException e) {
            throw failure("record a webhook event", e);
        }
    }

    @Override
    public List<WebhookEvent> pendingWebhookEvents(String flow, int max) {
        try {
            return WebhookInboxTable.pending(dataSource(), flow, max);
        } catch (SQLException e) {
            throw failure("read pending webhook events", e);
        }
    }

    @Override
    public void finishWebhookEvent(long id, boolean failed) {
        try {
            WebhookInboxTable.finish(dataSource(), id, failed);
        } catch (SQLException e) {
            throw failure("finish a webhook event", e);
        }
    }

    @Override
    public int pruneWebhookEvents(String flow, Instant before) {
        try {
            return WebhookInboxTable.prune(dataSource(), flow, before);
        } catch (SQLException e) {
            throw failure("prune webhook events", e);
        }
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

    /** What a write does on a connection; returns a count (rows, or whatever the write reports). */
    @FunctionalInterface
    private interface Work {
        int run(Connection c) throws SQLException;
    }

    @FunctionalInterface
    private interface Attempt {
        int run() throws SQLException;
    }

    /** One upsert, a statement on its own (auto-commit): durable when it returns. */
    private void write(String what, Upsert upsert, Object... row) {
        withRetry(what, () -> {
            try (Connection c = dataSource().getConnection()) {
                return execute(c, upsert.sql(postgres), upsert.args(postgres, row));
            }
        });
    }

    /**
     * An upsert of a mapping (its key starts with sink, source system, source ticket) and the removal of its intent
     * {@code step}, together or not at all: on PostgreSQL one statement, on H2 one transaction.
     */
    private void writeClearingIntent(String what, Upsert upsert, Object[] row, String step) {
        Object[] intent = {row[0], row[1], row[2], step};
        if (postgres) {
            String sql = "WITH cleared AS (" + DELETE_INTENT + ") " + upsert.sql(true);
            withRetry(what, () -> {
                try (Connection c = dataSource().getConnection()) {
                    return execute(c, sql, concat(intent, upsert.args(true, row)));
                }
            });
        } else {
            inTransaction(what, c -> {
                execute(c, upsert.sql(false), upsert.args(false, row));
                return execute(c, DELETE_INTENT, intent);
            });
        }
    }

    /** Runs {@code work} in one transaction; see {@link #withRetry} for a concurrent insert of the same key. */
    private int inTransaction(String what, Work work) {
        return withRetry(what, () -> {
            try (Connection c = dataSource().getConnection()) {
                c.setAutoCommit(false);
                try {
                    int n = work.run(c);
                    c.commit();
                    return n;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
            }
        });
    }

    /**
     * H2's MERGE is not atomic against a concurrent insert of the same key: the loser fails with a unique violation
     * and is run again, when it finds the row. (PostgreSQL's ON CONFLICT does not fail that way.)
     */
    private int withRetry(String what, Attempt attempt) {
        for (int n = 0; ; n++) {
            try {
                return attempt.run();
            } catch (SQLException e) {
                boolean duplicate = "23505".equals(e.getSQLState());
                if (!duplicate || n >= 2) throw failure(what, e);
            }
        }
    }

    private static int execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }

    /** An instant with its offset, for intents: a local TIMESTAMP would shift by an hour across a DST change. */
    private static OffsetDateTime nowWithOffset() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    private static IllegalStateException noTicketMapping(String sink, String sourceSystem, String sourceTicketId) {
        return new IllegalStateException("state store: no ticket mapping for " + sourceSystem + " ticket "
                + sourceTicketId + " in sink " + sink);
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
