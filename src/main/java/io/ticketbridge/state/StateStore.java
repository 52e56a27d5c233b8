package io.ticketbridge.state;

import java.util.Map;
import java.util.Optional;

/**
 * What TicketBridge must remember across restarts, in one place:
 * <ul>
 *   <li><b>cursors</b> — where a source's incremental poll resumes;</li>
 *   <li><b>the ledger</b> — per flow, the last version of each ticket that was handed on successfully, so an
 *       unchanged ticket seen again (overlap windows, full sweeps) is not emitted twice;</li>
 *   <li><b>id maps</b> — per sink, source ticket/message → target ticket/message, so delivering the same ticket
 *       twice changes nothing in the target and a changed ticket only appends what is new.</li>
 * </ul>
 * Every write is durable when the method returns: a kill -9 of TicketBridge right after it loses nothing (on H2 the
 * store turns off the write delay; on PostgreSQL it relies on {@code synchronous_commit}, see {@link JdbcStateStore}).
 * Implementations are thread-safe.
 */
public interface StateStore extends AutoCloseable {

    /** The bean name routes and Kamelets find the store under. */
    String BEAN_NAME = "stateStore";

    Optional<String> cursor(String key);

    void saveCursor(String key, String value);

    /** What a flow last handed on for a ticket. */
    record Delivery(String version, String fingerprint) {
    }

    Optional<Delivery> delivered(String flow, String ticketId);

    void markDelivered(String flow, String ticketId, Delivery delivery);

    Optional<String> targetTicket(String sink, String sourceSystem, String sourceTicketId);

    void mapTicket(String sink, String sourceSystem, String sourceTicketId, String targetTicketId);

    /** The canonical status last written to the target ticket, so an unchanged status is not written again. */
    Optional<String> lastStatus(String sink, String sourceSystem, String sourceTicketId);

    void recordStatus(String sink, String sourceSystem, String sourceTicketId, String status);

    /** How a source message ended up in a target. */
    enum Outcome {
        /** written; the target's id is known (may be null when the target API does not return one) */
        DELIVERED,
        /** deliberately not written, by the configured policy for what the target cannot represent */
        SKIPPED
    }

    record MessageMapping(String targetMessageId, Outcome outcome) {
    }

    /** Source message id → what happened to it, for one ticket in one sink. */
    Map<String, MessageMapping> messages(String sink, String sourceSystem, String sourceTicketId);

    void mapMessage(String sink, String sourceSystem, String sourceTicketId, String sourceMessageId,
                    MessageMapping mapping);

    @Override
    void close();
}
