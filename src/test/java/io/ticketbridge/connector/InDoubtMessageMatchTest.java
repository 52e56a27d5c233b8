package io.ticketbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.thulium.ThuliumSink;
import io.ticketbridge.state.StateStore.MessageMapping;
import io.ticketbridge.state.StateStore.Outcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How an in-doubt message write is recognised in the target read back: system events and notes a target cannot
 * hold natively go in with a marker line ("[System event by Helpdesk, 2025-03-04T10:00:00Z]") that can be most of
 * their words, so the marker must not make one event pass for another. Found by the crash test: Superoffice →
 * Thulium lost 3 of 1,048 messages, each taken for an earlier event of the same author and instant.
 */
class InDoubtMessageMatchTest {
    private static final Instant AT = Instant.parse("2025-03-04T10:00:00Z");
    private static final Party HELPDESK = new Party("Helpdesk", null, null);

    private final VendorSink sink = thuliumWithFallbacks();

    /** Thulium has no add-comment call: events and notes go in as marked customer responses. */
    private static VendorSink thuliumWithFallbacks() {
        ThuliumSink thulium = new ThuliumSink();
        thulium.setUnsupportedPolicy("text");
        thulium.setSystemFallback("customer");
        thulium.setNoteFallback("customer");
        return thulium;
    }

    private static Message event(String id, String text) {
        return new Message(id, MessageKind.SYSTEM, HELPDESK, text, BodyFormat.TEXT, AT, List.of());
    }

    private static Message opening() {
        return new Message("m1", MessageKind.CUSTOMER, new Party("Ola", "ola@example.com", null), "The printer is on fire.",
                BodyFormat.TEXT, AT.minusSeconds(600), List.of());
    }

    /** The target's copy of a message, as the sink wrote it (marker line included). */
    private Message written(Message m, String targetId) {
        Message a = sink.adapt(m);
        return new Message(targetId, MessageKind.CUSTOMER, null, a.body(), a.bodyFormat(), a.createdAt(), List.of());
    }

    private static Ticket ticket(String system, String id, List<Message> messages) {
        var b = Ticket.builder(system, id).subject("Printer");
        messages.forEach(b::message);
        return b.build();
    }

    private static Map<String, MessageMapping> delivered(String... ids) {
        Map<String, MessageMapping> done = new LinkedHashMap<>();
        for (String id : ids) done.put(id, new MessageMapping("t-" + id, Outcome.DELIVERED));
        return done;
    }

    @Test
    void anEventWhoseWriteWasNotAppliedIsNotTakenForAnotherEventOfTheSameAuthorAndInstant() {
        Message open = event("m2", "Status changed to Open");
        Message pending = event("m3", "Status changed to Pending");
        Ticket source = ticket("superoffice", "7", List.of(opening(), open, pending));
        Ticket target = ticket("thulium", "70", List.of(written(opening(), "t-m1"), written(open, "t-m2")));

        assertThat(sink.findMessage(target, source, delivered("m1", "m2"), pending, sink.adapt(pending))).isNull();
    }

    @Test
    void anEventWhoseWriteWasAppliedIsFound() {
        Message open = event("m2", "Status changed to Open");
        Message pending = event("m3", "Status changed to Pending");
        Ticket source = ticket("superoffice", "7", List.of(opening(), open, pending));
        Ticket target = ticket("thulium", "70", List.of(written(opening(), "t-m1"), written(open, "t-m2"), written(pending, "t-m3")));

        assertThat(sink.findMessage(target, source, delivered("m1", "m2"), pending, sink.adapt(pending)))
                .extracting(Message::id).isEqualTo("t-m3");
    }

    @Test
    void aRepeatedTextIsFoundOnlyWhenTheTargetHoldsOneCopyMoreThanWasDelivered() {
        Message first = event("m2", "Reminder sent");
        Message again = event("m3", "Reminder sent");
        Ticket source = ticket("superoffice", "7", List.of(opening(), first, again));
        Ticket once = ticket("thulium", "70", List.of(written(opening(), "t-m1"), written(first, "t-m2")));
        Ticket twice = ticket("thulium", "70", List.of(written(opening(), "t-m1"), written(first, "t-m2"), written(again, "t-m3")));

        assertThat(sink.findMessage(once, source, delivered("m1", "m2"), again, sink.adapt(again))).isNull();
        assertThat(sink.findMessage(twice, source, delivered("m1", "m2"), again, sink.adapt(again)))
                .extracting(Message::id).isEqualTo("t-m3");
    }
}
