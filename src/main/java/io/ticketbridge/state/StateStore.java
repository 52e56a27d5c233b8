package io.ticketbridge.state;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What TicketBridge must remember across restarts, in one place:
 * <ul>
 *   <li><b>cursors</b> — where a source's incremental poll resumes;</li>
 *   <li><b>the ledger</b> — per flow, the last version of each ticket that was handed on successfully, so an
 *       unchanged ticket seen again (overlap windows, full sweeps) is not emitted twice;</li>
 *   <li><b>id maps</b> — per sink, source ticket/message → target ticket/message, so delivering the same ticket
 *       twice changes nothing in the target and a changed ticket only appends what is new;</li>
 *   <li><b>intents</b> — per sink, the writes sent to a target whose outcome is not yet mapped, so a crash or a
 *       lost answer is reconciled against the target before anything is written again. A mapping write
 *       ({@link #mapTicket}, {@link #mapMessage}, {@link #recordStatus}) removes its intent in the same
 *       transaction: there is never a confirmed mapping with a stale intent, nor an intent lost without one.</li>
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

    /** Also removes the intent {@code "ticket"}, in the same transaction. */
    void mapTicket(String sink, String sourceSystem, String sourceTicketId, String targetTicketId);

    /** The canonical status last written to the target ticket, so an unchanged status is not written again. */
    Optional<String> lastStatus(String sink, String sourceSystem, String sourceTicketId);

    /** Also removes the intent {@code "status"}, in the same transaction; needs a ticket mapping. */
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

    /** Also removes the intent {@code "message:" + sourceMessageId}, in the same transaction. */
    void mapMessage(String sink, String sourceSystem, String sourceTicketId, String sourceMessageId,
                    MessageMapping mapping);

    /** Writes announced to a target before they were sent and not yet confirmed: step → when it was recorded. */
    Map<String, Instant> intents(String sink, String sourceSystem, String sourceTicketId);

    /** Recorded durably BEFORE a write is sent; step is "ticket", "message:<sourceMessageId>" or "status". */
    void recordIntent(String sink, String sourceSystem, String sourceTicketId, String step);

    void clearIntent(String sink, String sourceSystem, String sourceTicketId, String step);

    /** What the store holds for one ticket in one sink, read at once ({@link #ticketState}). */
    record TicketState(String targetTicketId, String lastStatus, Map<String, MessageMapping> messages,
                       Map<String, Instant> intents) {
    }

    /** {@link #targetTicket}, {@link #lastStatus}, {@link #messages} and {@link #intents} of one ticket, in one read. */
    TicketState ticketState(String sink, String sourceSystem, String sourceTicketId);

    /** One write of a ticket's state for {@link #apply}; each does what the method of the same name does. */
    sealed interface Change permits Intent, TicketMapped, MessageMapped, StatusRecorded {
    }

    /** {@link #recordIntent}. */
    record Intent(String step) implements Change {
    }

    /** {@link #mapTicket}. */
    record TicketMapped(String targetTicketId) implements Change {
    }

    /** {@link #mapMessage}. */
    record MessageMapped(String sourceMessageId, MessageMapping mapping) implements Change {
    }

    /** {@link #recordStatus}. */
    record StatusRecorded(String status) implements Change {
    }

    /**
     * Several writes of one ticket, in order, in ONE transaction: all durable when it returns, or none. A sink
     * folds the mapping that confirms one vendor write with the intent of the next (one commit instead of two); the
     * protocol is unchanged — every intent is durable before its write, every mapping removes its intent.
     */
    void apply(String sink, String sourceSystem, String sourceTicketId, List<Change> changes);

    /** Which source ticket a target ticket id already belongs to in this sink (reconciliation must not claim another's). */
    Optional<String> sourceOfTarget(String sink, String sourceSystem, String targetTicketId);

    /**
     * Forgets one source ticket in a sink — its ticket and message mappings, status and intents — and what the flows
     * {@code flow} and {@code flow:*} handed on for it, in one transaction: its target copy was deleted
     * ({@code migrate undo}), so the next delivery creates it again instead of appending to a ticket that is gone.
     */
    void forgetTicket(String sink, String sourceSystem, String sourceTicketId, String flow);

    /** Whether any ticket of this sink has an unconfirmed intent for {@code step} (a mirror waits for the other direction's creates). */
    boolean hasIntent(String sink, String step);

    // ---- the webhook inbox: events recorded before the vendor's 200, processed after it ----

    /** A webhook event waiting to be processed: the ticket it names, its change marker and the raw payload. */
    record WebhookEvent(long id, String ticketId, String changeMarker, String eventId, String payload) {
    }

    /**
     * Records a webhook event for {@code flow}, durably, unless that change of that ticket was recorded already
     * (the vendor re-sending it, with the same or a new event id): true when it is new.
     */
    boolean recordWebhookEvent(String flow, String ticketId, String changeMarker, String eventId, String payload);

    /** A flow's events not processed yet, oldest first, at most {@code max}. */
    java.util.List<WebhookEvent> pendingWebhookEvents(String flow, int max);

    /** The event was processed (done) or went to the dead letter (failed): it is not handed out again. */
    void finishWebhookEvent(long id, boolean failed);

    /** Forgets a flow's finished events recorded before {@code before} (their changes are no longer deduplicated). */
    int pruneWebhookEvents(String flow, Instant before);

    @Override
    void close();
}
