package io.ticketbridge.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketJsonTest {

    private static Ticket sample() {
        return Ticket.builder("thulium", "1234")
                .ticketNumber("1234")
                .subject("Zażółć gęślą jaźń — Привет 👋 日本")
                .status(Status.PENDING, "3")
                .requester(Party.of("Jan", "jan@example.pl", null))
                .customField("ID", null)
                .customField("Uwagi", "information")
                .tag("vip")
                .createdAt(Instant.parse("2014-07-02T10:28:00Z"))
                .message(new Message("2", MessageKind.AGENT, Party.of(null, null, "akowalski"), "<p>hi</p>",
                        BodyFormat.HTML, Instant.parse("2014-07-02T11:44:00Z"),
                        List.of(new Attachment("tok", "a.png", "image/png", 12L))))
                .message(new Message("1", MessageKind.CUSTOMER, null, "Email content", BodyFormat.TEXT,
                        Instant.parse("2014-07-02T10:28:00Z"), List.of()))
                .build();
    }

    @Test
    void writesEveryFieldWithUtcInstantsAndKeepsNullCustomFields() throws Exception {
        JsonNode json = TicketJson.mapper().readTree(TicketJson.write(sample()));

        assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(json.get("createdAt").asText()).isEqualTo("2014-07-02T10:28:00Z");
        assertThat(json.has("closedAt")).isTrue();
        assertThat(json.get("closedAt").isNull()).isTrue();
        assertThat(json.get("priority").isNull()).isTrue();
        assertThat(json.get("customFields").has("ID")).isTrue();
        assertThat(json.get("customFields").get("ID").isNull()).isTrue();
        assertThat(json.get("source").get("system").asText()).isEqualTo("thulium");
        assertThat(json.get("messages").get(0).get("author").isNull()).isTrue();
        assertThat(json.get("messages").get(1).get("attachments").get(0).get("size").asLong()).isEqualTo(12);
    }

    @Test
    void builderOrdersMessagesOldestFirst() {
        assertThat(sample().messages()).extracting(Message::id).containsExactly("1", "2");
    }

    @Test
    void roundTripsThroughJsonUnchanged() {
        Ticket t = sample();
        assertThat(TicketJson.read(TicketJson.write(t))).isEqualTo(t);
    }

    @Test
    void outputSatisfiesTheShippedSchema() {
        CanonicalSchema.assertValid(sample());
    }

    @Test
    void schemaRejectsAnOffsetInsteadOfUtc() throws Exception {
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) TicketJson.mapper().valueToTree(sample());
        json.put("createdAt", "2014-07-02T12:28:00+02:00");
        assertThat(CanonicalSchema.violations(json)).isNotEmpty();
    }

    @Test
    void unicodeSurvivesSerialisation() {
        assertThat(TicketJson.read(TicketJson.write(sample())).subject()).isEqualTo("Zażółć gęślą jaźń — Привет 👋 日本");
    }

    @Test
    void aMessageWithoutIdOrKindIsRejected() {
        assertThatThrownBy(() -> new Message(" ", MessageKind.AGENT, null, "x", BodyFormat.TEXT, null, null))
                .hasMessageContaining("message.id");
        assertThatThrownBy(() -> new Message("1", null, null, "x", BodyFormat.TEXT, null, null))
                .hasMessageContaining("message.kind");
    }

    @Test
    void emptyPartyBecomesNull() {
        assertThat(Party.of("", " ", null)).isNull();
        assertThat(Party.of(" Jan ", "", null)).isEqualTo(new Party("Jan", null, null));
    }
}
