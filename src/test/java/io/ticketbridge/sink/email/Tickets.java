package io.ticketbridge.sink.email;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.SourceRef;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Canonical tickets for the e-mail tests. */
final class Tickets {
    static final byte[] LOG_BYTES = "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8);
    static final Party CUSTOMER = new Party("Jan Kowalski", "jan@customer.example", null);
    static final Party AGENT = new Party("Anna Nowak", "anna@helpdesk.example", "anowak");

    private Tickets() {
    }

    static Message customer(String id, String body, Instant at, Attachment... files) {
        return new Message(id, MessageKind.CUSTOMER, CUSTOMER, body, BodyFormat.TEXT, at, List.of(files));
    }

    static Message agent(String id, String body, Instant at) {
        return new Message(id, MessageKind.AGENT, AGENT, body, BodyFormat.TEXT, at, List.of());
    }

    static Message note(String id, String body, Instant at) {
        return new Message(id, MessageKind.NOTE, AGENT, body, BodyFormat.TEXT, at, List.of());
    }

    static Ticket ticket(String subject, Status status, List<Message> messages) {
        Instant updated = messages.isEmpty() ? Instant.parse("2025-01-06T08:00:00Z") : messages.get(messages.size() - 1).createdAt();
        return new Ticket(Ticket.SCHEMA_VERSION, new SourceRef("thulium", "1234", "1234", null), subject, status, null,
                Priority.HIGH, null, CUSTOMER, AGENT, "Support", List.of("printer"), Map.of(),
                Instant.parse("2025-01-06T08:00:00Z"), updated, null, false, messages);
    }

    /** A customer message with a log file, an agent reply and an internal note. */
    static Ticket printer() {
        return ticket("Printer on fire", Status.OPEN, List.of(
                customer("m1", "The printer is on fire.\nPlease help.", Instant.parse("2025-01-06T08:00:00Z"),
                        new Attachment("a1", "printer.log", "text/plain", null, LOG_BYTES)),
                agent("m2", "Have you tried turning it off?", Instant.parse("2025-01-06T09:00:00Z")),
                note("m3", "Customer sounds upset.", Instant.parse("2025-01-06T09:05:00Z"))));
    }

    /** The same ticket with one more message. */
    static Ticket with(Ticket t, Message m) {
        List<Message> all = new ArrayList<>(t.messages());
        all.add(m);
        return new Ticket(t.schemaVersion(), t.source(), t.subject(), t.status(), t.statusRaw(), t.priority(), t.priorityRaw(),
                t.requester(), t.assignee(), t.queue(), t.tags(), t.customFields(), t.createdAt(), m.createdAt(), t.closedAt(),
                t.deleted(), all);
    }
}
