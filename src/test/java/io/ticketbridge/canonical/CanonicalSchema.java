package io.ticketbridge.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The JSON Schema shipped in the jar ({@link TicketSchema}), for tests to hold every mapper's output against. */
public final class CanonicalSchema {
    private CanonicalSchema() {
    }

    public static List<TicketSchema.Violation> violations(JsonNode json) {
        return TicketSchema.violations(json);
    }

    /** Serialises the ticket with the one codec and asserts the schema holds. */
    public static void assertValid(Ticket ticket) {
        JsonNode json = TicketJson.mapper().valueToTree(ticket);
        assertThat(violations(json)).as("schema violations of %s", TicketJson.write(ticket)).isEmpty();
    }
}
