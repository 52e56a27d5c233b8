package io.ticketbridge.canonical;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Mappers fill this field by field; {@link #build()} sorts messages oldest first (stable for equal times). */
public final class TicketBuilder {
    private final String system;
    private final String ticketId;
    private String ticketNumber;
    private String url;
    private String subject;
    private Status status;
    private String statusRaw;
    private Priority priority;
    private String priorityRaw;
    private Party requester;
    private Party assignee;
    private String queue;
    private final List<String> tags = new ArrayList<>();
    private final Map<String, String> customFields = new LinkedHashMap<>();
    private Instant createdAt;
    private Instant updatedAt;
    private Instant closedAt;
    private boolean deleted;
    private final List<Message> messages = new ArrayList<>();

    TicketBuilder(String system, String ticketId) {
        this.system = system;
        this.ticketId = ticketId;
    }

    public TicketBuilder ticketNumber(String v) { this.ticketNumber = v; return this; }
    public TicketBuilder url(String v) { this.url = v; return this; }
    public TicketBuilder subject(String v) { this.subject = v; return this; }
    public TicketBuilder status(Status v, String raw) { this.status = v; this.statusRaw = raw; return this; }
    public TicketBuilder priority(Priority v, String raw) { this.priority = v; this.priorityRaw = raw; return this; }
    public TicketBuilder requester(Party v) { this.requester = v; return this; }
    public TicketBuilder assignee(Party v) { this.assignee = v; return this; }
    public TicketBuilder queue(String v) { this.queue = v; return this; }
    public TicketBuilder tag(String v) { if (v != null && !v.isBlank()) tags.add(v.strip()); return this; }
    public TicketBuilder customField(String name, String value) { customFields.put(name, value); return this; }
    public TicketBuilder createdAt(Instant v) { this.createdAt = v; return this; }
    public TicketBuilder updatedAt(Instant v) { this.updatedAt = v; return this; }
    public TicketBuilder closedAt(Instant v) { this.closedAt = v; return this; }
    public TicketBuilder deleted(boolean v) { this.deleted = v; return this; }
    public TicketBuilder message(Message m) { messages.add(m); return this; }

    public Ticket build() {
        List<Message> ordered = new ArrayList<>(messages);
        // oldest first; messages without a time keep their place relative to each other at the end
        ordered.sort(Comparator.comparing(Message::createdAt, Comparator.nullsLast(Comparator.naturalOrder())));
        return new Ticket(Ticket.SCHEMA_VERSION, new SourceRef(system, ticketId, ticketNumber, url), subject,
                status, statusRaw, priority, priorityRaw, requester, assignee, queue, tags, customFields,
                createdAt, updatedAt, closedAt, deleted, ordered);
    }
}
