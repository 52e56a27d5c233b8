package io.ticketbridge.connector.plusofon;

import io.ticketbridge.testing.VendorBed;
import io.ticketbridge.sandbox.plusofon.PlusofonSimulator;

import io.ticketbridge.sandbox.plusofon.PlusofonSimulator;
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
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.state.StateStore.MessageMapping;
import io.ticketbridge.state.StateStore.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink against the sandbox; every result is read back through PlusofonSource. */
class PlusofonSinkTest {
    static final Instant T0 = Instant.parse("2025-02-03T10:00:00Z");
    static final byte[] LOG = "line 1\nline 2: ошибка\n".getBytes(StandardCharsets.UTF_8);
    static final byte[] PNG = new byte[256];

    static {
        for (int i = 0; i < PNG.length; i++) PNG[i] = (byte) i; // every byte value survives Base64 both ways
    }

    private VendorBed<PlusofonSimulator> bed;
    private PlusofonSink sink;
    private PlusofonSource source;

    @BeforeEach
    void start() throws Exception {
        bed = new VendorBed<>("plusofon", new PlusofonSimulator());
        sink = bed.sink();
        source = bed.source();
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    static Message customer(String id, String body, int minute, Attachment... atts) {
        return new Message(id, MessageKind.CUSTOMER, Party.of("Anna Nowak", "anna@example.pl", null), body,
                BodyFormat.TEXT, T0.plusSeconds(60L * minute), List.of(atts));
    }

    /** Four messages: customer text + attachment, agent HTML, internal note, customer text + binary attachment. */
    static TicketBuilder story(String sourceId) {
        return Ticket.builder("thulium", sourceId).subject("Router reboots every night")
                .status(Status.OPEN, "2").priority(Priority.HIGH, "3")
                .requester(Party.of("Anna Nowak", "anna@example.pl", null))
                .assignee(Party.of("Jan Kowalski", "jan@helpdesk.pl", "jkowalski"))
                .tag("router").tag("vip")
                .createdAt(T0)
                .message(customer("m1", "Hello,\nthe router reboots at 03:00.", 0,
                        new Attachment("t1", "router.log", "text/plain", null).withContent(LOG)))
                .message(new Message("m2", MessageKind.AGENT, Party.of("Jan Kowalski", "jan@helpdesk.pl", "jkowalski"),
                        "<p>Please send the <b>logs</b> &amp; a photo:</p><ul><li>front</li><li>back</li></ul>",
                        BodyFormat.HTML, T0.plusSeconds(600), List.of()))
                .message(new Message("m3", MessageKind.NOTE, Party.of("Jan Kowalski", "jan@helpdesk.pl", "jkowalski"),
                        "Customer is on the old firmware.", BodyFormat.TEXT, T0.plusSeconds(900), List.of()))
                .message(customer("m4", "Here is the photo.", 20,
                        new Attachment("t2", "front.png", "image/png", null).withContent(PNG)));
    }

    private String target(String sourceId) {
        return bed.store.targetTicket(sink.stateKey(), "thulium", sourceId).orElseThrow();
    }

    @Test
    void createsTheTicketAndEveryMessageReadsBackInOrderWithAttachmentBytes() {
        int before = bed.sandbox.ticketCount();
        bed.deliver(sink, story("T-1").build());
        assertThat(bed.sandbox.ticketCount()).isEqualTo(before + 1);

        Ticket back = bed.read(source, target("T-1"));
        assertThat(back.subject()).isEqualTo("Router reboots every night");
        // the requester cannot be set: the account holder opens it, the original requester is a marker line
        assertThat(back.requester().email()).isEqualTo(PlusofonSimulator.ACCOUNT_EMAIL);
        assertThat(back.messages()).extracting(Message::body).containsExactly(
                "[Requester: Anna Nowak <anna@example.pl>]\n[Priority: HIGH (3)]\n\nHello,\nthe router reboots at 03:00.",
                "[Agent reply by Jan Kowalski <jan@helpdesk.pl>, 2025-02-03T10:10:00Z]\n\n"
                        + "Please send the logs & a photo:\n\n- front\n- back",
                "[Internal note by Jan Kowalski <jan@helpdesk.pl>, 2025-02-03T10:15:00Z]\n\nCustomer is on the old firmware.",
                "Here is the photo.");
        assertThat(back.messages()).extracting(Message::kind).containsOnly(MessageKind.CUSTOMER);
        assertThat(back.messages()).extracting(Message::bodyFormat).containsOnly(BodyFormat.TEXT);
        assertThat(back.messages().get(0).attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("router.log");
            assertThat(a.content()).isEqualTo(LOG);
            assertThat(a.contentType()).isEqualTo("text/plain");
        });
        assertThat(back.messages().get(3).attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("front.png");
            assertThat(a.content()).isEqualTo(PNG);
        });
        assertThat(back.messages().get(1).attachments()).isEmpty();
    }

    @Test
    void aChangedTicketAppendsExactlyTheNewMessages() {
        bed.deliver(sink, story("T-3").build());
        String id = target("T-3");
        int posts = bed.sandbox.postCount(id);
        int attachments = bed.sandbox.attachmentCount(id);

        Ticket grown = story("T-3")
                .message(customer("m5", "Still rebooting.", 30))
                .message(new Message("m6", MessageKind.AGENT, Party.of("Jan Kowalski", null, null), "Replacing it.",
                        BodyFormat.TEXT, T0.plusSeconds(2400), List.of()))
                .build();
        bed.deliver(sink, grown);
        assertThat(bed.sandbox.postCount(id)).isEqualTo(posts + 2);
        assertThat(bed.sandbox.attachmentCount(id)).isEqualTo(attachments);
        List<Message> back = bed.read(source, id).messages();
        assertThat(back.subList(back.size() - 2, back.size())).extracting(Message::body)
                .containsExactly("Still rebooting.", "[Agent reply by Jan Kowalski, 2025-02-03T10:40:00Z]\n\nReplacing it.");
    }

    @Test
    void skipPolicyLeavesAgentRepliesAndNotesOutAndRecordsThem() {
        sink.setUnsupportedPolicy("skip");
        bed.deliver(sink, story("T-4").build());
        String id = target("T-4");
        assertThat(bed.read(source, id).messages()).extracting(Message::body).containsExactly(
                "[Requester: Anna Nowak <anna@example.pl>]\n[Priority: HIGH (3)]\n\nHello,\nthe router reboots at 03:00.",
                "Here is the photo.");
        Map<String, MessageMapping> map = bed.store.messages(sink.stateKey(), "thulium", "T-4");
        assertThat(map.get("m2").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(map.get("m3").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(map.get("m1").outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(map.get(PlusofonSink.attachmentKey("m4", 0)).outcome()).isEqualTo(Outcome.DELIVERED);
    }

    @Test
    void statusCannotBeWrittenSoTheTargetStaysActiveAndNothingIsRecorded() {
        Ticket closed = story("T-5").status(Status.CLOSED, "3").build();
        bed.deliver(sink, closed);
        String id = target("T-5");
        assertThat(bed.read(source, id).statusRaw()).isEqualTo("true");
        assertThat(bed.store.lastStatus(sink.stateKey(), "thulium", "T-5")).isEmpty();
    }

    @Test
    void openingMarkersAreConfigurable() {
        sink.setOpeningMarkers("source, requester, assignee, priority, status, tags");
        bed.deliver(sink, story("T-6").build());
        assertThat(bed.read(source, target("T-6")).messages().get(0).body()).isEqualTo(
                "[Source: thulium ticket T-6]\n[Requester: Anna Nowak <anna@example.pl>]\n"
                        + "[Assignee: Jan Kowalski <jan@helpdesk.pl>]\n[Priority: HIGH (3)]\n[Status: OPEN]\n"
                        + "[Tags: router, vip]\n\nHello,\nthe router reboots at 03:00.");

        sink.setOpeningMarkers("");
        bed.deliver(sink, story("T-7").build());
        assertThat(bed.read(source, target("T-7")).messages().get(0).body()).isEqualTo("Hello,\nthe router reboots at 03:00.");
        assertThatThrownBy(() -> sink.setOpeningMarkers("requester,colour"))
                .hasMessageContaining("unknown field 'colour'");
    }

    @Test
    void anAttachmentWithoutBytesIsNamedInTheTextAndRecordedAsSkipped() {
        Ticket t = Ticket.builder("keliweb", "K-1").subject("No bytes")
                .message(customer("k1", "See attached.", 0, new Attachment("a9", "contract.pdf", "application/pdf", 2048L)))
                .build();
        bed.deliver(sink, t);
        String id = bed.store.targetTicket(sink.stateKey(), "keliweb", "K-1").orElseThrow();
        Message back = bed.read(source, id).messages().get(0);
        assertThat(back.body()).endsWith("See attached.\n[Attachment not transferred: contract.pdf (2048 bytes)]");
        assertThat(back.attachments()).isEmpty();
        assertThat(bed.store.messages(sink.stateKey(), "keliweb", "K-1").get(PlusofonSink.attachmentKey("k1", 0)).outcome())
                .isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void aTicketWithoutMessagesIsOpenedWithItsSubject() {
        bed.deliver(sink, Ticket.builder("superoffice", "S-1").subject("Empty one").build());
        String id = bed.store.targetTicket(sink.stateKey(), "superoffice", "S-1").orElseThrow();
        assertThat(bed.read(source, id).messages()).extracting(Message::body).containsExactly("Empty one");
    }

    @Test
    void jsonBodyIsAcceptedAndTheTargetIdIsAHeader() {
        Exchange ex = bed.exchange(TicketJson.write(story("T-8").build()));
        sink.deliver(ex);
        assertThat(ex.getIn().getHeader("TicketBridgeTargetTicketId")).isEqualTo(target("T-8"));
    }

    @Test
    void unknownTargetTicketIsANonRetriedClear404() {
        bed.store.mapTicket(sink.stateKey(), "thulium", "T-9", "99999");
        sink.setRetryDelayMs(3000); // a retry would show as seconds of waiting
        long start = System.nanoTime();
        assertThatThrownBy(() -> bed.deliver(sink, story("T-9").build()))
                .hasMessage("plusofon: HTTP 404: PUT api/v1/ticket/answer/99999: Ticket not Found "
                        + "(code 500, upstream HTTP/1.1 404 Not Found)")
                .hasMessageNotContaining(PlusofonSimulator.TOKEN);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofMillis(1500));
    }
}
