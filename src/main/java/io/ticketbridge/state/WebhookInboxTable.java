package io.ticketbridge.state;

import io.ticketbridge.state.StateStore.WebhookEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The SQL of the webhook inbox ({@code tb_webhook_inbox}, migration V3), the same on H2 and PostgreSQL. A change
 * is recorded once: its (flow, ticket, change marker) is unique, and an insert that hits it reports a duplicate.
 */
final class WebhookInboxTable {
    private static final String UNIQUE_VIOLATION = "23505";

    private WebhookInboxTable() {
    }

    static boolean record(DataSource ds, String flow, String ticketId, String changeMarker, String eventId, String payload)
            throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tb_webhook_inbox (flow, ticket_id, change_marker, event_id, payload, state, received_at) "
                        + "VALUES (?, ?, ?, ?, ?, 'pending', ?)")) {
            ps.setString(1, flow);
            ps.setString(2, ticketId);
            ps.setString(3, changeMarker);
            ps.setString(4, eventId);
            ps.setString(5, payload);
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) return false;
            throw e;
        }
    }

    static List<WebhookEvent> pending(DataSource ds, String flow, int max) throws SQLException {
        List<WebhookEvent> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, ticket_id, change_marker, event_id, payload FROM tb_webhook_inbox "
                        + "WHERE flow = ? AND state = 'pending' ORDER BY id")) {
            ps.setString(1, flow);
            ps.setMaxRows(max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WebhookEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
                }
            }
        }
        return out;
    }

    static void finish(DataSource ds, long id, boolean failed) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE tb_webhook_inbox SET state = ?, finished_at = ? WHERE id = ?")) {
            ps.setString(1, failed ? "failed" : "done");
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    static int prune(DataSource ds, String flow, Instant before) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM tb_webhook_inbox WHERE flow = ? AND state <> 'pending' AND received_at < ?")) {
            ps.setString(1, flow);
            ps.setTimestamp(2, Timestamp.from(before));
            return ps.executeUpdate();
        }
    }
}
