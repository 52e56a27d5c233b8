package io.ticketbridge.connector;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.state.StateStore;
import io.ticketbridge.state.StateStore.MessageMapping;
import io.ticketbridge.state.StateStore.Outcome;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The other direction of a two-way mirror, as one sink sees it in the state store. Sink A writes vendor X's tickets
 * into Y; its {@code mirrorSink} B writes Y's tickets into X. Echo rule, read from B's id maps at every delivery:
 * <ul>
 *   <li>a ticket of X that B created is the ticket of Y it came from, so its new messages go there (never into a
 *       new ticket);</li>
 *   <li>a message of X that B wrote (B's message map holds its id as a target id) is not written back.</li>
 * </ul>
 * B's writes are recorded as intents before they are sent and mapped after, so a ticket read while one of B's
 * writes on it is unconfirmed (in flight, or left by a crash) may hold an echo not mapped yet: then A waits for B to
 * settle it — quietly for up to {@link #QUIET_WAIT} (a write in flight is mapped within milliseconds), then as for
 * its own in-doubt writes (a transient failure: retried, then next poll). Everything is in the store, so the rule
 * holds across restarts, and across processes when both directions share one store.
 */
final class Mirror {
    private static final Logger LOG = LoggerFactory.getLogger(Mirror.class);
    private static final String STEP_TICKET = "ticket";
    private static final String STEP_MESSAGE = "message:";
    static final java.time.Duration QUIET_WAIT = java.time.Duration.ofSeconds(2);
    private static final long RECHECK_MS = 50;

    private final String otherSink;
    /** The vendor this sink writes: the other sink's source system. */
    private final String vendor;

    Mirror(String otherSink, String vendor) {
        this.otherSink = otherSink;
        this.vendor = vendor;
    }

    String otherSink() {
        return otherSink;
    }

    /**
     * The ticket of this sink's vendor that the other direction created {@code ticket} from, now mapped in
     * {@code sink} too; null when the ticket is not the other direction's. {@code mayCreate}: the caller creates a
     * ticket for null, so a create of the other direction still unconfirmed (which may be this ticket) is waited
     * for; a sink that creates nothing leaves such a ticket out, and sees it again with its next change.
     */
    String original(StateStore store, String sink, Ticket ticket, boolean mayCreate) {
        String system = ticket.source().system();
        String id = ticket.source().ticketId();
        long deadline = System.nanoTime() + QUIET_WAIT.toNanos();
        while (true) {
            String original = store.sourceOfTarget(otherSink, vendor, id).orElse(null);
            if (original != null) {
                store.mapTicket(sink, system, id, original);
                LOG.info("{}: {} ticket {} was created by the mirror's sink {} from {} ticket {}: its messages go there",
                        vendor, system, id, otherSink, vendor, original);
                return original;
            }
            if (!mayCreate || !store.hasIntent(otherSink, STEP_TICKET)) return null;
            if (System.nanoTime() > deadline) {
                throw new VendorCallException(vendor, system + " ticket " + id + " not created yet: the mirror's sink "
                        + otherSink + " has a create in doubt that may be this ticket (waiting for it to settle)", null);
            }
            pause(ticket);
        }
    }

    /**
     * Removes from {@code pending} the messages the other direction wrote into {@code ticket} (paired with
     * {@code target}); fails, writing nothing, when what remains could still hold an echo.
     */
    void dropEchoes(StateStore store, Ticket ticket, String target, List<Message> pending) {
        String system = ticket.source().system();
        String id = ticket.source().ticketId();
        long deadline = System.nanoTime() + QUIET_WAIT.toNanos();
        while (!pending.isEmpty()) {
            Set<String> echoes = new HashSet<>();
            String blind = null;
            for (var e : store.messages(otherSink, vendor, target).entrySet()) {
                MessageMapping m = e.getValue();
                if (m.outcome() != Outcome.DELIVERED) continue;
                if (m.targetMessageId() == null) blind = e.getKey();
                else echoes.add(m.targetMessageId());
            }
            pending.removeIf(m -> echoes.contains(m.id()));
            if (pending.isEmpty()) return;
            if (blind != null) {
                throw new IllegalStateException(vendor + ": " + system + " ticket " + id + " not mirrored: the mirror's sink "
                        + otherSink + " wrote message " + blind + " into it without learning its id, so its echo cannot be "
                        + "told from a new message (a mirror needs sinks that learn message ids: plusofon, superoffice)");
            }
            if (store.intents(otherSink, vendor, target).keySet().stream().noneMatch(s -> s.startsWith(STEP_MESSAGE))) return;
            if (System.nanoTime() > deadline) {
                throw new VendorCallException(vendor, system + " ticket " + id + " not mirrored yet: the mirror's sink "
                        + otherSink + " has a write into it in doubt (waiting for it to settle)", null);
            }
            pause(ticket);
        }
    }

    private void pause(Ticket ticket) {
        try {
            Thread.sleep(RECHECK_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PollStoppedException(vendor, ticket.source().ticketId());
        }
    }
}
