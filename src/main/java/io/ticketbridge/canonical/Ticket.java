package io.ticketbridge.canonical;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The canonical ticket, version {@value #SCHEMA_VERSION}: the only thing routes carry between a source and a
 * sink. Field by field in docs/canonical-ticket.md; JSON Schema in schema/ticket-v1.schema.json.
 */
@JsonPropertyOrder({"schemaVersion", "source", "subject", "status", "statusRaw", "priority", "priorityRaw",
        "requester", "assignee", "queue", "tags", "customFields", "createdAt", "updatedAt", "closedAt",
        "deleted", "messages"})
public record Ticket(
        int schemaVersion,
        SourceRef source,
        String subject,
        Status status,
        String statusRaw,
        Priority priority,
        String priorityRaw,
        Party requester,
        Party assignee,
        String queue,
        List<String> tags,
        Map<String, String> customFields,
        Instant createdAt,
        Instant updatedAt,
        Instant closedAt,
        boolean deleted,
        List<Message> messages) {

    public static final int SCHEMA_VERSION = 1;

    public Ticket {
        tags = tags == null ? List.of() : List.copyOf(tags);
        // keep insertion order and null values (a vendor field that is set but empty is still a field)
        customFields = customFields == null ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(customFields));
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    public static TicketBuilder builder(String system, String ticketId) {
        return new TicketBuilder(system, ticketId);
    }
}
