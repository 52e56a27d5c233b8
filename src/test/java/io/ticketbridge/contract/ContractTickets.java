package io.ticketbridge.contract;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The canonical ticket the sink contracts deliver: what every vendor can hold (customer messages, an agent reply,
 * a text attachment), timed just before now so that an incremental source sees it as a change.
 */
final class ContractTickets {
    static final byte[] LOG = "line 1\nline 2: ошибка\n".getBytes(StandardCharsets.UTF_8);
    static final Party REQUESTER = Party.of("Anna Nowak", "anna.contract@example.pl", null);
    static final String SUBJECT = "Router reboots every night";
    static final Party AGENT = Party.of("Jan Kowalski", "jan@helpdesk.example", "jkowalski");

    private ContractTickets() {
    }

    /** Three messages: customer text + attachment, agent reply, customer follow-up; {@code tag} makes texts unique. */
    static TicketBuilder ticket(String sourceId, String tag) {
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(300);
        return Ticket.builder("origin", sourceId).subject(SUBJECT + " " + tag)
                .status(Status.OPEN, "open").priority(Priority.NORMAL, "normal")
                .requester(REQUESTER).createdAt(t0)
                .message(customer("m1", "The router reboots at 03:00 " + tag + ".", t0,
                        new Attachment("a1", "router-" + tag + ".log", "text/plain", null).withContent(LOG)))
                .message(new Message("m2", MessageKind.AGENT, AGENT, "Please send the logs " + tag + ".",
                        BodyFormat.TEXT, t0.plusSeconds(60), List.of()))
                .message(customer("m3", "Logs attached above " + tag + ".", t0.plusSeconds(120)));
    }

    static Message customer(String id, String body, Instant at, Attachment... attachments) {
        return new Message(id, MessageKind.CUSTOMER, REQUESTER, body, BodyFormat.TEXT, at, List.of(attachments));
    }

    /** The ticket with one more customer message, written now. */
    static Ticket withReply(Ticket t, String id, String body) {
        TicketBuilder b = Ticket.builder(t.source().system(), t.source().ticketId()).subject(t.subject())
                .status(t.status(), t.statusRaw()).priority(t.priority(), t.priorityRaw())
                .requester(t.requester()).createdAt(t.createdAt());
        t.messages().forEach(b::message);
        return b.message(customer(id, body, Instant.now().truncatedTo(ChronoUnit.SECONDS))).build();
    }

    /** How many of the copy's messages carry this text (a sink may add a marker line or a provenance note). */
    static long holding(Ticket copy, String text) {
        return copy.messages().stream().filter(m -> m.body() != null && m.body().contains(text)).count();
    }
}
