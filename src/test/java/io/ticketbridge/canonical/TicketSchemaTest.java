package io.ticketbridge.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.TicketSchema.InvalidTicketException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Canonical JSON from outside: read when valid, else the first problem named by its JSON path. */
class TicketSchemaTest {
    private static ObjectNode json(Ticket t) {
        return TicketJson.mapper().valueToTree(t);
    }

    private static Ticket sample() {
        return Ticket.builder("thulium", "1").subject("s").createdAt(Instant.parse("2025-03-10T09:00:00Z"))
                .message(new Message("m1", MessageKind.CUSTOMER, null, "b", BodyFormat.TEXT, null, List.of())).build();
    }

    @Test
    void aValidTicketReadsBackEqual() {
        assertThat(TicketSchema.read(json(sample()))).isEqualTo(sample());
    }

    @Test
    void aMissingFieldIsNamedByPath() {
        ObjectNode doc = json(sample());
        ((ObjectNode) doc.get("source")).remove("ticketId");
        assertThatThrownBy(() -> TicketSchema.read(doc)).isInstanceOf(InvalidTicketException.class)
                .hasMessage("$.source: required property 'ticketId' not found");
    }

    @Test
    void aWrongValueDeepInsideIsNamedByPathAndTheRestCounted() {
        ObjectNode doc = json(sample());
        ((ObjectNode) doc.get("messages").get(0)).put("kind", "ROBOT");
        doc.put("deleted", "no");
        InvalidTicketException e = (InvalidTicketException) org.assertj.core.api.Assertions.catchThrowable(() -> TicketSchema.read(doc));
        assertThat(e.path()).isEqualTo("$.deleted");
        assertThat(e.problem()).startsWith("string found, boolean expected").endsWith("(and 1 more)");
    }

    @Test
    void anImpossibleDateIsNamedByPathNotMovedToANearbyDay() {
        ObjectNode doc = json(sample());
        ((ObjectNode) doc.get("messages").get(0)).put("createdAt", "2024-02-30T10:00:00Z");
        assertThatThrownBy(() -> TicketSchema.read(doc)).hasMessage("$.messages[0].createdAt: expected an ISO-8601 UTC"
                + " instant like 2025-03-10T09:00:00Z but found '2024-02-30T10:00:00Z'");
    }

    @Test
    void anEmptyIdIsRefusedByTheSchema() {
        ObjectNode doc = json(sample());
        ((ObjectNode) doc.get("source")).put("ticketId", "");
        JsonNode d = doc;
        assertThatThrownBy(() -> TicketSchema.read(d)).hasMessageStartingWith("$.source.ticketId: ");
    }
}
