package io.ticketbridge.connector.thulium;

import io.ticketbridge.testing.MutableClock;
import io.ticketbridge.testing.VendorBed;
import java.time.Instant;

import io.ticketbridge.sandbox.thulium.ThuliumSimulator;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketBuilder;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.state.StateStore;
import io.ticketbridge.connector.VendorCallException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ThuliumSink against the sandbox, read back through ThuliumSource. */
class ThuliumSinkTest {
    private static final byte[] LOG = "line 1\nzażółć gęślą jaźń\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static final Instant T0 = Instant.parse("2025-02-10T08:00:00Z");
    /** After every seed story (they end in early February 2025). */
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-03T10:00:20Z"));
    private VendorBed<ThuliumSimulator> bed;

    @BeforeEach
    void start() throws Exception {
        bed = new VendorBed<>("thulium", new ThuliumSimulator(clock, ThuliumConnector.DEFAULT_ZONE)).with("pageSize", 7)
                .customize(b -> {
                    if (b instanceof ThuliumSource s) s.clock(clock);
                });
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private static Message msg(String id, MessageKind kind, Party author, String body, BodyFormat f, int minute, Attachment... atts) {
        return new Message(id, kind, author, body, f, T0.plusSeconds(60L * minute), List.of(atts));
    }

    static final Party JAN = new Party("Jan Kowalski", "jan.kowalski@example.com", null);
    static final Party ANNA = new Party("Anna Nowak", "anna.nowak@helpdesk.example", "anowak");
    /** An agent of the sandbox tenant (the English stories' agent). */
    static final Party SARAH = new Party("Sarah Johnson", null, "sjohnson");

    /** A SuperOffice-like ticket: customer mail with a file, an internal note, an HTML agent reply with an image. */
    static Ticket ticket(Status status, Message... extra) {
        TicketBuilder b = Ticket.builder("superoffice", "S-77").ticketNumber("77").subject("Faktura nie dotarła")
                .status(status, "x").priority(Priority.HIGH, "High").requester(JAN).assignee(ANNA)
                .queue("Billing").tag("vip").createdAt(T0).updatedAt(T0.plusSeconds(600))
                .message(msg("m1", MessageKind.CUSTOMER, JAN, "Where is my invoice?", BodyFormat.TEXT, 0,
                        new Attachment("a1", "log.txt", "text/plain", null, LOG)))
                .message(msg("m2", MessageKind.NOTE, ANNA, "Customer is VIP, check billing first.", BodyFormat.TEXT, 1))
                .message(msg("m3", MessageKind.AGENT, SARAH, "<p>Hello <b>Jan</b>, see attached.</p>", BodyFormat.HTML, 2,
                        new Attachment("a2", "screen.png", "image/png", null, PNG)));
        for (Message m : extra) b.message(m);
        return b.build();
    }

    private String deliver(ThuliumSink sink, Ticket t) {
        Exchange ex = bed.exchange(t);
        sink.deliver(ex);
        return ex.getIn().getHeader("TicketBridgeTargetTicketId", String.class);
    }

    private Ticket readBack(String id) {
        return bed.read(bed.source(), id);
    }

    private static List<String> thread(Ticket t) {
        return t.messages().stream().filter(m -> m.kind() == MessageKind.CUSTOMER || m.kind() == MessageKind.AGENT)
                .map(m -> m.kind() + ": " + m.body()).toList();
    }

    @Test
    void aTicketIsCreatedWithItsMessagesAttachmentsAndStatusAndReadsBackThroughTheSource() {
        int before = bed.sandbox.ticketCount();
        String id = deliver(bed.sink(), ticket(Status.PENDING));
        assertThat(bed.sandbox.ticketCount()).isEqualTo(before + 1);

        Ticket back = readBack(id);
        assertThat(back.subject()).isEqualTo("Faktura nie dotarła");
        assertThat(back.requester().email()).isEqualTo(JAN.email());
        assertThat(back.status()).isEqualTo(Status.PENDING);
        assertThat(thread(back)).containsExactly("CUSTOMER: Where is my invoice?",
                "AGENT: <p>Hello <b>Jan</b>, see attached.</p>");
        Message reply = back.messages().stream().filter(m -> m.kind() == MessageKind.AGENT).findFirst().orElseThrow();
        assertThat(reply.bodyFormat()).isEqualTo(BodyFormat.HTML);
        assertThat(reply.author().login()).as("a login the tenant knows is kept").isEqualTo("sjohnson");
        List<Attachment> files = back.messages().stream().flatMap(m -> m.attachments().stream()).toList();
        assertThat(files).extracting(Attachment::fileName).containsExactly("log.txt", "screen.png");
        assertThat(files.get(0).content()).isEqualTo(LOG);
        assertThat(files.get(1).content()).isEqualTo(PNG);

        // what Thulium has no field for: an internal comment on create, and the priority as a tag
        Message comment = back.messages().stream().filter(m -> m.kind() == MessageKind.NOTE).findFirst().orElseThrow();
        assertThat(comment.body()).contains("Imported by TicketBridge from superoffice ticket S-77 (#77)",
                "Priority: HIGH (High)", "Requester: Jan Kowalski <jan.kowalski@example.com>", "Assignee: Anna Nowak");
        assertThat(bed.sandbox.stored(Long.parseLong(id)).orElseThrow().tags()).containsExactly("vip", "priority:HIGH");

        // the internal note: skipped by default (no add-comment call; an agent reply would e-mail it), recorded
        Map<String, StateStore.MessageMapping> map = bed.store.messages(bed.sink().stateKey(), "superoffice", "S-77");
        assertThat(map.get("m2").outcome()).isEqualTo(StateStore.Outcome.SKIPPED);
        assertThat(map.get("m3").outcome()).isEqualTo(StateStore.Outcome.DELIVERED);
        assertThat(back.messages()).extracting(Message::body).doesNotContain("Customer is VIP, check billing first.");
    }

    @Test
    void deliveringTwiceChangesNothingAndNewMessagesAreAppendedExactlyOnce() {
        ThuliumSink sink = bed.sink();
        String id = deliver(sink, ticket(Status.PENDING));
        int messages = bed.sandbox.stored(Long.parseLong(id)).orElseThrow().messageTypes().size();
        int tickets = bed.sandbox.ticketCount();

        assertThat(deliver(sink, ticket(Status.PENDING))).isEqualTo(id);
        assertThat(bed.sandbox.ticketCount()).isEqualTo(tickets);
        assertThat(bed.sandbox.stored(Long.parseLong(id)).orElseThrow().messageTypes()).hasSize(messages);

        Ticket grown = ticket(Status.PENDING,
                msg("m4", MessageKind.CUSTOMER, JAN, "Thanks, got it.", BodyFormat.TEXT, 3,
                        new Attachment("a4", "receipt.pdf", "application/pdf", 3L, new byte[]{1, 2, 3})),
                msg("m5", MessageKind.AGENT, new Party("Ghost", null, "no.such.agent"), "You're welcome.", BodyFormat.TEXT, 4));
        deliver(sink, grown);
        deliver(sink, grown);
        Ticket back = readBack(id);
        assertThat(thread(back)).containsExactly("CUSTOMER: Where is my invoice?",
                "AGENT: <p>Hello <b>Jan</b>, see attached.</p>",
                // customer_response takes no attachments: the text policy names the file in a marker line
                "CUSTOMER: Thanks, got it.\n\n[Attachment not carried over: receipt.pdf, 3 bytes (Thulium's customer_response takes no attachments)]",
                "AGENT: You're welcome.");
        assertThat(back.messages().stream().filter(m -> m.kind() == MessageKind.AGENT).toList().get(1).author().login())
                .as("an author the tenant does not know is written as the default agent").isEqualTo(ThuliumSink.SANDBOX_AGENT);
        assertThat(back.status()).as("Thulium moved it on the customer's message; the sink writes it back").isEqualTo(Status.PENDING);
        assertThat(bed.sandbox.ticketCount()).isEqualTo(tickets);
    }

    @Test
    void notesFollowTheFallbackAndTheUnsupportedPolicy() {
        ThuliumSink text = bed.sink();
        text.setNoteFallback("customer");
        text.setStateKey("text");
        Ticket back = readBack(deliver(text, ticket(Status.OPEN)));
        assertThat(thread(back)).containsExactly("CUSTOMER: Where is my invoice?",
                "CUSTOMER: [Internal note by Anna Nowak <anna.nowak@helpdesk.example>, 2025-02-10T08:01:00Z]\n\n"
                        + "Customer is VIP, check billing first.",
                "AGENT: <p>Hello <b>Jan</b>, see attached.</p>");

        ThuliumSink skip = bed.sink();
        skip.setNoteFallback("customer");
        skip.setUnsupportedPolicy("skip");
        skip.setStateKey("skip");
        assertThat(thread(readBack(deliver(skip, ticket(Status.OPEN))))).containsExactly(
                "CUSTOMER: Where is my invoice?", "AGENT: <p>Hello <b>Jan</b>, see attached.</p>");
        assertThat(bed.store.messages("skip", "superoffice", "S-77").get("m2").outcome()).isEqualTo(StateStore.Outcome.SKIPPED);

        // a later customer attachment under skip: not written, no marker line
        Ticket grown = ticket(Status.OPEN, msg("m4", MessageKind.CUSTOMER, JAN, "One more file.", BodyFormat.TEXT, 3,
                new Attachment("a4", "more.txt", "text/plain", 1L, new byte[]{65})));
        String id = deliver(skip, grown);
        assertThat(thread(readBack(id))).last().isEqualTo("CUSTOMER: One more file.");
    }

    @Test
    void statusChangesAreWrittenWithTheConfiguredIds() {
        ThuliumSink sink = bed.sink();
        String id = deliver(sink, ticket(Status.OPEN));
        assertThat(readBack(id).status()).isEqualTo(Status.OPEN);
        assertThat(bed.sandbox.stored(Long.parseLong(id)).orElseThrow().statusId()).isEqualTo("2");
        // Thulium has no resolved status: by default RESOLVED is written as Zamknięte, without a sub-status
        deliver(sink, ticket(Status.RESOLVED));
        assertThat(bed.sandbox.stored(Long.parseLong(id)).orElseThrow()).extracting(ThuliumSimulator.Held::statusId,
                ThuliumSimulator.Held::subStatusId).containsExactly("6", null);
        assertThat(readBack(id).status()).isEqualTo(Status.CLOSED);

        // a tenant with a resolved sub-status (the sandbox has Zamknięte - Rozwiązane, 61) maps it
        ThuliumSink resolving = bed.sink();
        resolving.setStateKey("resolving");
        resolving.setStatusIds("NEW=1,OPEN=2,PENDING=3,RESOLVED=6:61,CLOSED=6");
        String resolved = deliver(resolving, ticket(Status.RESOLVED));
        assertThat(bed.sandbox.stored(Long.parseLong(resolved)).orElseThrow().subStatusId()).isEqualTo("61");
        assertThat(readBack(resolved).status()).isEqualTo(Status.RESOLVED);
        deliver(resolving, ticket(Status.CLOSED));
        assertThat(readBack(resolved).status()).isEqualTo(Status.CLOSED);

        ThuliumSink off = bed.sink();
        off.setStateKey("off");
        off.setUpdateStatus(false);
        String other = deliver(off, ticket(Status.CLOSED));
        assertThat(bed.sandbox.stored(Long.parseLong(other)).orElseThrow().statusId()).as("left as Thulium set it").isEqualTo("3");

        ThuliumSink custom = bed.sink();
        custom.setStateKey("custom");
        custom.setStatusIds("CLOSED=5");
        String merged = deliver(custom, ticket(Status.CLOSED));
        assertThat(bed.sandbox.stored(Long.parseLong(merged)).orElseThrow().statusId()).isEqualTo("5");
    }

    @Test
    void anAgentOpeningGoesOutAsAReplyAndARequesterWithoutEmailUsesTheFallback() {
        Ticket t = Ticket.builder("plusofon", "P-1").subject("Call back").status(Status.PENDING, "x")
                .requester(new Party("+48 600 100 200", null, null))
                .message(msg("o1", MessageKind.AGENT, SARAH, "We called you back.", BodyFormat.TEXT, 0)).build();
        String id = deliver(bed.sink(), t);
        Ticket back = readBack(id);
        assertThat(thread(back)).containsExactly("AGENT: We called you back.");
        assertThat(back.requester().email()).isEqualTo("unknown-requester@ticketbridge.invalid");
        assertThat(back.messages()).filteredOn(m -> m.kind() == MessageKind.NOTE).singleElement()
                .satisfies(m -> assertThat(m.body()).contains("Requester: +48 600 100 200"));
    }

    @Test
    void wrongPasswordFailsClearlyWithoutTheSecretAndWritesNothing() {
        ThuliumSink sink = bed.sink();
        sink.settings().setPassword("hunter2-wrong");
        int before = bed.sandbox.ticketCount();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> deliver(sink, ticket(Status.OPEN)))
                .isInstanceOfSatisfying(VendorCallException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageNotContaining("hunter2");
        assertThat(sink.toString()).doesNotContain("hunter2");
        assertThat(bed.sandbox.ticketCount()).isEqualTo(before);
        assertThat(bed.store.targetTicket(sink.stateKey(), "superoffice", "S-77")).isEmpty();
    }
}
