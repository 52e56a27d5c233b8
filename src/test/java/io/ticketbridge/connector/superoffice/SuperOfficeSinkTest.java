package io.ticketbridge.connector.superoffice;

import io.ticketbridge.testing.VendorBed;
import io.ticketbridge.sandbox.superoffice.SuperOfficeSimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketBuilder;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.state.StateStore;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink writes into the sandbox; everything is checked by reading it back through the source. */
class SuperOfficeSinkTest {
    static final Party JAN = new Party("Jan Kowalski", "jan.kowalski@drukarnia.example", null);
    static final Party AGENT = new Party("Ewa Agent", "ewa@helpdesk.example", "ewa");
    static final byte[] PDF = new byte[256];

    static {
        for (int i = 0; i < PDF.length; i++) PDF[i] = (byte) i; // every byte value: no text conversion survives this
    }

    private VendorBed<SuperOfficeSimulator> f;

    @BeforeEach
    void start() throws Exception {
        f = new VendorBed<>("superoffice", new SuperOfficeSimulator()).with("maxAttempts", 8);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    static Message msg(String id, MessageKind kind, Party author, String body, BodyFormat format, String at, Attachment... atts) {
        return new Message(id, kind, author, body, format, Instant.parse(at), List.of(atts));
    }

    static TicketBuilder canonical(String id) {
        return canonical(id, JAN);
    }

    static TicketBuilder canonical(String id, Party customer) {
        return Ticket.builder("thulium", id).subject("Drukarka nie drukuje").requester(customer)
                .status(Status.PENDING, "Oczekuje na klienta").priority(Priority.HIGH, null).tag("migrated")
                .createdAt(Instant.parse("2025-03-01T09:00:00Z"))
                .message(msg("m1", MessageKind.CUSTOMER, customer, "Printer shows error 0x42.\nPlease help.", BodyFormat.TEXT,
                        "2025-03-01T09:00:00Z", new Attachment("a1", "error-log.pdf", "application/pdf", (long) PDF.length, PDF)))
                .message(msg("m2", MessageKind.AGENT, AGENT, "<p>Please <b>restart</b> the spooler.</p>", BodyFormat.HTML,
                        "2025-03-01T10:00:00Z"))
                .message(msg("m3", MessageKind.NOTE, AGENT, "Customer is on the old firmware.", BodyFormat.TEXT,
                        "2025-03-01T10:05:00Z"))
                .message(msg("m4", MessageKind.SYSTEM, null, "Status changed to Oczekuje na klienta", BodyFormat.TEXT,
                        "2025-03-01T10:06:00Z"));
    }

    private String deliver(SuperOfficeSink sink, Ticket t) {
        Exchange ex = f.exchange(t);
        sink.deliver(ex);
        return ex.getIn().getHeader("TicketBridgeTargetTicketId", String.class);
    }

    private record Counts(int tickets, int messages, int persons) {
    }

    private Counts counts() {
        return new Counts(f.sandbox.ticketCount(), f.sandbox.messageCount(), f.sandbox.personCount());
    }

    @Test
    void ticketIsCreatedAndReadsBackWithRequesterMessagesInOrderAttachmentBytesPriorityAndStatus() {
        SuperOfficeSink sink = f.sink();
        sink.setStatusIds("NEW=1,OPEN=1,PENDING=4,RESOLVED=5,CLOSED=2");
        Counts before = counts();
        String id = deliver(sink, canonical("T-1").build());

        Ticket back = f.read(f.source(), id);
        assertThat(back.subject()).isEqualTo("Drukarka nie drukuje");
        assertThat(back.requester()).isEqualTo(new Party("Jan Kowalski", "jan.kowalski@drukarnia.example", null));
        assertThat(counts().persons()).as("requester created once").isEqualTo(before.persons() + 1);
        assertThat(back.priority()).isEqualTo(Priority.HIGH);
        assertThat(back.status()).isEqualTo(Status.PENDING);
        assertThat(back.statusRaw()).isEqualTo("Waiting for customer");
        assertThat(back.tags()).containsExactly("migrated");
        assertThat(back.messages()).extracting(Message::kind)
                .containsExactly(MessageKind.CUSTOMER, MessageKind.AGENT, MessageKind.NOTE, MessageKind.NOTE);
        assertThat(back.messages()).extracting(Message::body).containsExactly(
                "Printer shows error 0x42.\nPlease help.",
                "<p>Please <b>restart</b> the spooler.</p>",
                "Customer is on the old firmware.",
                "[System event, 2025-03-01T10:06:00Z]\n\nStatus changed to Oczekuje na klienta");
        assertThat(back.messages()).extracting(Message::bodyFormat)
                .containsExactly(BodyFormat.TEXT, BodyFormat.HTML, BodyFormat.TEXT, BodyFormat.TEXT);
        assertThat(back.messages()).extracting(Message::createdAt).containsExactly(
                Instant.parse("2025-03-01T09:00:00Z"), Instant.parse("2025-03-01T10:00:00Z"),
                Instant.parse("2025-03-01T10:05:00Z"), Instant.parse("2025-03-01T10:06:00Z"));
        assertThat(back.messages().get(0).author()).isEqualTo(new Party("Jan Kowalski", "jan.kowalski@drukarnia.example", null));
        Attachment att = back.messages().get(0).attachments().get(0);
        assertThat(att.fileName()).isEqualTo("error-log.pdf");
        assertThat(att.contentType()).isEqualTo("application/pdf");
        assertThat(att.content()).isEqualTo(PDF);
    }

    @Test
    void skipPolicyRecordsTheSystemEventAsSkippedInsteadOfWritingIt() {
        SuperOfficeSink sink = f.sink();
        sink.setUnsupportedPolicy("skip");
        String id = deliver(sink, canonical("T-4").build());
        assertThat(f.read(f.source(), id).messages()).extracting(Message::kind)
                .containsExactly(MessageKind.CUSTOMER, MessageKind.AGENT, MessageKind.NOTE);
        assertThat(f.store.messages(sink.stateKey(), "thulium", "T-4").get("m4"))
                .isEqualTo(new StateStore.MessageMapping(null, StateStore.Outcome.SKIPPED));
    }

    @Test
    void statusChangeIsWrittenThroughTheStatusTable() {
        SuperOfficeSink sink = f.sink();
        String id = deliver(sink, canonical("T-5").build());
        assertThat(f.read(f.source(), id).status()).isEqualTo(Status.PENDING); // default table: PENDING=3 "Postponed"
        deliver(sink, canonical("T-5").status(Status.CLOSED, "Zamknięte").build());
        Ticket back = f.read(f.source(), id);
        assertThat(back.status()).isEqualTo(Status.CLOSED);
        assertThat(back.closedAt()).isNotNull();
    }

    @Test
    void existingPersonIsFoundByEmailAndNotCreatedAgain() {
        SeedStories.Person known = SeedStories.all().get(0).requester();
        Counts before = counts();
        String id = deliver(f.sink(), canonical("T-6", new Party(known.name(), known.email(), null)).build());
        assertThat(counts().persons()).isEqualTo(before.persons());
        assertThat(f.read(f.source(), id).requester().email()).isEqualTo(known.email());
    }

    /** concurrency=N delivers several tickets of one new requester at once: she becomes one Person, not N. */
    @Test
    void aNewRequesterOfTicketsDeliveredAtOnceIsCreatedOnce() throws Exception {
        f.server.faults(new io.ticketbridge.sandbox.Faults(30, 0, 503, 0, 1, 0, 0, 42)); // every lookup overlaps the others
        SuperOfficeSink sink = f.sink();
        Party newcomer = new Party("Nowa Klientka", "nowa.klientka@example.org", null);
        int before = counts().persons();
        int tickets = 6;
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(tickets);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(tickets);
        try {
            List<java.util.concurrent.Future<String>> ids = new java.util.ArrayList<>();
            for (int i = 0; i < tickets; i++) {
                Ticket t = canonical("N-" + i, newcomer).build();
                ids.add(threads.submit(() -> {
                    together.await();
                    return deliver(sink, t);
                }));
            }
            for (var id : ids) assertThat(f.read(f.source(), id.get()).requester().email()).isEqualTo(newcomer.email());
        } finally {
            threads.shutdownNow();
        }
        assertThat(counts().persons()).as("one Person for the requester of %d tickets", tickets).isEqualTo(before + 1);
    }

    @Test
    void requesterModeNoneCreatesNoPerson() {
        SuperOfficeSink sink = f.sink();
        sink.setRequesterMode("none");
        Counts before = counts();
        deliver(sink, canonical("T-7").build());
        assertThat(counts().persons()).isEqualTo(before.persons());
    }

    @Test
    void attachmentWithoutBytesIsNamedInTheMessageInsteadOfDroppedSilently() {
        Ticket t = Ticket.builder("keliweb", "K-1").subject("Invoice").requester(JAN)
                .message(msg("k1", MessageKind.CUSTOMER, JAN, "See invoice.", BodyFormat.TEXT, "2025-03-01T09:00:00Z",
                        new Attachment("9", "invoice.pdf", "application/pdf", 10L)))
                .build();
        String id = deliver(f.sink(), t);
        Message back = f.read(f.source(), id).messages().get(0);
        assertThat(back.body()).isEqualTo("See invoice.\n\n[Attachment not transferred (no content in the source ticket): invoice.pdf]");
        assertThat(back.attachments()).isEmpty();
    }

    @Test
    void badStatusTableFailsAtConfigurationNamingTheEntry() {
        assertThatThrownBy(() -> f.<SuperOfficeSink>sink().setStatusIds("OPEN=1,WAITING=3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'WAITING' is not a canonical Status");
    }

    @Test
    void htmlToTextKeepsLineStructure() {
        assertThat(SuperOfficeSink.htmlToText("<p>Hi &amp; bye</p><p>Line<br>two</p>")).isEqualTo("Hi & bye\nLine\ntwo");
    }
}
