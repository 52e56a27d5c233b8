package io.ticketbridge.vendor;

import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.state.StateStore;
import io.ticketbridge.state.StateStore.MessageMapping;
import io.ticketbridge.state.StateStore.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of a vendor as a bean its {@code <vendor>-sink} Kamelet calls with a canonical ticket:
 * <ul>
 *   <li>not delivered before → create it in the target with its first deliverable message, then add the rest;</li>
 *   <li>delivered before → add only the messages the id map does not hold yet, in order;</li>
 *   <li>update the status where the target allows and it changed.</li>
 * </ul>
 * Every step is recorded in the state store the moment the target confirmed it, so delivering the same ticket
 * again changes nothing and a retry after a failure resumes where it stopped. A message the target cannot
 * represent (an internal note on a customer-side API, say) follows {@code unsupportedPolicy}: {@code text}
 * (default) writes it as the closest kind with a marker line saying what it was; {@code skip} records it as
 * skipped. Nothing is dropped silently: both outcomes are in the id map and logged.
 */
public abstract class VendorSink extends VendorBean {
    private static final Logger LOG = LoggerFactory.getLogger(VendorSink.class);

    /**
     * The ticket created in the target. {@code openingWritten}: the create call also wrote the opening message
     * (whose target id is {@code openingMessageId}, null if the API gives none); when false, the base records the
     * ticket first and then appends the opening message itself, so a failure in between cannot create it twice.
     */
    public record Created(String ticketId, String openingMessageId, boolean openingWritten) {
        public Created(String ticketId, String openingMessageId) {
            this(ticketId, openingMessageId, true);
        }

        /** The ticket only; the base writes the opening message with {@link #appendMessage}. */
        public static Created ticketOnly(String ticketId) {
            return new Created(ticketId, null, false);
        }
    }

    private String unsupportedPolicy = "text";
    private boolean updateStatus = true;

    /** Kinds the target can write as they are. */
    protected abstract Set<MessageKind> nativeKinds();

    /** The native kind a message of {@code kind} is written as under the text policy; null when none fits. */
    protected abstract MessageKind fallbackKind(MessageKind kind);

    /**
     * Creates the target ticket. {@code opening} is the first deliverable message (already adapted to a native
     * kind), or null when the ticket has none — the vendor then opens it with what it can (e.g. the subject).
     * Return {@link Created#ticketOnly} when the API creates tickets without a message.
     */
    protected abstract Created createTicket(VendorHttp http, Ticket ticket, Message opening);

    /** Adds one (already adapted) message with its attachments; returns the target's message id, or null. */
    protected abstract String appendMessage(VendorHttp http, String targetTicketId, Ticket ticket, Message message);

    /**
     * Called after the messages, for targets that write more per message in separate calls (e.g. one upload per
     * attachment) and track each in the id map; the default does nothing.
     */
    protected void afterMessages(VendorHttp http, StateStore store, Ticket ticket, String targetTicketId) {
    }

    /** Writes the ticket's status to the target where the API allows; the default writes nothing. */
    protected boolean writeStatus(VendorHttp http, String targetTicketId, Ticket ticket) {
        return false;
    }

    /** The Kamelet step. Body: a canonical ticket (object or its JSON). Sets header TicketBridgeTargetTicketId. */
    public void deliver(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        Ticket ticket = body instanceof Ticket t ? t : TicketJson.read(exchange.getIn().getBody(String.class));
        String target = deliver(http(exchange), store(exchange), ticket);
        exchange.getIn().setHeader("TicketBridgeTargetTicketId", target);
    }

    String deliver(VendorHttp http, StateStore store, Ticket ticket) {
        String sink = stateKey();
        String system = ticket.source().system();
        String sourceId = ticket.source().ticketId();
        Map<String, MessageMapping> done = store.messages(sink, system, sourceId);
        List<Message> pending = new ArrayList<>();
        for (Message m : ticket.messages()) {
            if (!done.containsKey(m.id())) pending.add(m);
        }
        String target = store.targetTicket(sink, system, sourceId).orElse(null);
        if (target == null) {
            Message opening = null;
            while (!pending.isEmpty() && opening == null) {
                Message first = pending.remove(0);
                opening = adapt(first);
                if (opening == null) skip(store, sink, ticket, first);
            }
            Created created = createTicket(http, ticket, opening);
            target = created.ticketId();
            store.mapTicket(sink, system, sourceId, target);
            if (opening != null) {
                String openingId = created.openingWritten() ? created.openingMessageId()
                        : appendMessage(http, target, ticket, opening);
                store.mapMessage(sink, system, sourceId, opening.id(), new MessageMapping(openingId, Outcome.DELIVERED));
            }
            LOG.info("{}: created ticket {} for {} ticket {}", vendor().id(), target, system, sourceId);
        }
        for (Message m : pending) {
            Message adapted = adapt(m);
            if (adapted == null) {
                skip(store, sink, ticket, m);
                continue;
            }
            String id = appendMessage(http, target, ticket, adapted);
            store.mapMessage(sink, system, sourceId, m.id(), new MessageMapping(id, Outcome.DELIVERED));
        }
        afterMessages(http, store, ticket, target);
        if (updateStatus && ticket.status() != null) {
            String status = ticket.status().name();
            if (!status.equals(store.lastStatus(sink, system, sourceId).orElse(null)) && writeStatus(http, target, ticket)) {
                store.recordStatus(sink, system, sourceId, status);
            }
        }
        return target;
    }

    private void skip(StateStore store, String sink, Ticket ticket, Message m) {
        LOG.info("{}: message {} ({}) of {} ticket {} skipped: the target cannot hold it (unsupportedPolicy={})",
                vendor().id(), m.id(), m.kind(), ticket.source().system(), ticket.source().ticketId(), unsupportedPolicy);
        store.mapMessage(sink, ticket.source().system(), ticket.source().ticketId(), m.id(), new MessageMapping(null, Outcome.SKIPPED));
    }

    /** The message as the target will get it: unchanged, rewritten as a native kind with a marker, or null (skip). */
    Message adapt(Message m) {
        if (nativeKinds().contains(m.kind())) return m;
        MessageKind as = fallbackKind(m.kind());
        if (as == null || !"text".equalsIgnoreCase(unsupportedPolicy)) return null;
        String marker = marker(m);
        String body = m.bodyFormat() == BodyFormat.HTML
                ? "<p>" + escapeHtml(marker) + "</p>" + m.body()
                : marker + "\n\n" + m.body();
        return new Message(m.id(), as, m.author(), body, m.bodyFormat(), m.createdAt(), m.attachments());
    }

    /**
     * e.g. "[Internal note by Anna Nowak <anna@x.pl>, 2025-01-06T08:15:00Z]". Protected so a vendor that writes
     * the marker itself (Keliweb's opening message) uses the same line as the text policy.
     */
    protected static String marker(Message m) {
        String what = switch (m.kind()) {
            case NOTE -> "Internal note";
            case AGENT -> "Agent reply";
            case CUSTOMER -> "Customer message";
            case SYSTEM -> "System event";
        };
        Party a = m.author();
        String who = a == null ? "" : " by " + (a.name() != null ? a.name() : a.login() != null ? a.login() : a.email())
                + (a.email() != null && a.name() != null ? " <" + a.email() + ">" : "");
        return "[" + what + who + (m.createdAt() == null ? "" : ", " + m.createdAt()) + "]";
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ---- Kamelet-bound properties ----

    public String getUnsupportedPolicy() { return unsupportedPolicy; }

    public void setUnsupportedPolicy(String policy) {
        if (!"text".equalsIgnoreCase(policy) && !"skip".equalsIgnoreCase(policy)) {
            throw new IllegalArgumentException("unsupportedPolicy must be 'text' or 'skip', got '" + policy + "'");
        }
        this.unsupportedPolicy = policy;
    }

    public boolean isUpdateStatus() { return updateStatus; }
    public void setUpdateStatus(boolean updateStatus) { this.updateStatus = updateStatus; }
}
