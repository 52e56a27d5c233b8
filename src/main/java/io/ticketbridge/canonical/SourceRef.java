package io.ticketbridge.canonical;

/**
 * Where a ticket came from. {@code system} is the vendor id (thulium, plusofon, keliweb, superoffice);
 * {@code ticketId} the vendor's primary key, {@code ticketNumber} the number shown to people (may equal the id),
 * {@code url} the API address the ticket was read from, when known.
 */
public record SourceRef(String system, String ticketId, String ticketNumber, String url) {
    public SourceRef {
        if (system == null || system.isBlank()) throw new IllegalArgumentException("source.system is required");
        if (ticketId == null || ticketId.isBlank()) throw new IllegalArgumentException("source.ticketId is required");
    }
}
