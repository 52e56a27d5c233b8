package io.ticketbridge.connector.keliweb;

import io.ticketbridge.sandbox.keliweb.KeliwebSimulator;
import io.ticketbridge.testing.MutableClock;
import io.ticketbridge.testing.VendorBed;
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
import io.ticketbridge.state.StateStore.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sink against the sandbox, every result read back through the Keliweb source. */
class KeliwebSinkTest {
    static final Instant T0 = Instant.parse("2025-03-10T09:00:00Z");
    static final Party CUSTOMER = new Party("Giulia Bianchi", "giulia@example.it", null);
    static final Party AGENT = new Party("Anna Nowak", "anna@helpdesk.example", "anowak");
    static final byte[] PDF = "%PDF-1.4 fake report \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] PNG = new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3};

    private VendorBed<KeliwebSimulator> bed;

    @BeforeEach
    void start() throws Exception {
        bed = new VendorBed<>("keliweb", new KeliwebSimulator(MutableClock.ticking(Instant.parse("2025-06-01T10:00:00Z")),
                KeliwebConnector.DEFAULT_ZONE));
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    static Message msg(String id, MessageKind kind, Party author, String body, BodyFormat format, int minute,
                       Attachment... attachments) {
        return new Message(id, kind, author, body, format, T0.plusSeconds(60L * minute), List.of(attachments));
    }

    /** Four messages: customer text with a PDF, an HTML agent reply, an internal note with an image, a customer follow-up. */
    static TicketBuilder canonical(String id) {
        return Ticket.builder("thulium", id).ticketNumber("TH-" + id).subject("Mail server rejects our SPF")
                .status(Status.OPEN, "open").priority(Priority.HIGH, "high").requester(CUSTOMER).tag("vip")
                .createdAt(T0)
                .message(msg("m1", MessageKind.CUSTOMER, CUSTOMER, "Our mails bounce.\nSee the report.", BodyFormat.TEXT, 0,
                        new Attachment("a1", "bounce report.pdf", "application/pdf", null, PDF)))
                .message(msg("m2", MessageKind.AGENT, AGENT,
                        "<p>Hello <b>Giulia</b>,</p><p>please check:</p><ul><li>the SPF record</li><li>the <a href=\"https://example.it/dkim\">DKIM key</a></li></ul>",
                        BodyFormat.HTML, 5))
                .message(msg("m3", MessageKind.NOTE, AGENT, "Customer is on the old cluster.", BodyFormat.TEXT, 6,
                        new Attachment("a2", "cluster.png", "image/png", null, PNG)))
                .message(msg("m4", MessageKind.CUSTOMER, CUSTOMER, "Done, still bouncing.", BodyFormat.TEXT, 9));
    }

    static final String AGENT_TEXT = "[Agent reply by Anna Nowak <anna@helpdesk.example>, 2025-03-10T09:05:00Z]\n\n"
            + "Hello Giulia,\n\nplease check:\n\n- the SPF record\n- the DKIM key (https://example.it/dkim)";

    @Test
    void aTicketIsCreatedWithItsThreadAndReadsBackInOrderWithAttachmentBytes() {
        Ticket back = bed.deliverAndRead(bed.sink(), canonical("41").build());

        assertThat(back.subject()).isEqualTo("Mail server rejects our SPF");
        assertThat(back.requester().name()).isEqualTo("Giulia Bianchi");
        assertThat(back.requester().email()).isEqualTo("giulia@example.it");
        assertThat(back.priorityRaw()).isEqualTo("High");
        assertThat(back.queue()).isNotBlank();
        assertThat(back.messages()).extracting(Message::kind).containsExactly(
                MessageKind.CUSTOMER, MessageKind.CUSTOMER, MessageKind.NOTE, MessageKind.CUSTOMER);
        assertThat(back.messages()).extracting(Message::body).containsExactly(
                "[Tags: vip]\n[Source: thulium ticket TH-41, created 2025-03-10T09:00:00Z]\n\nOur mails bounce.\nSee the report.",
                AGENT_TEXT,
                "Customer is on the old cluster.",
                "Done, still bouncing.");
        assertThat(back.messages().get(1).bodyFormat()).as("HTML became text").isEqualTo(BodyFormat.TEXT);
        Attachment pdf = back.messages().get(0).attachments().get(0);
        assertThat(pdf.fileName()).isEqualTo("bounce report.pdf");
        assertThat(pdf.content()).isEqualTo(PDF);
        Attachment png = back.messages().get(2).attachments().get(0);
        assertThat(png.fileName()).isEqualTo("cluster.png");
        assertThat(png.content()).isEqualTo(PNG);
        assertThat(back.messages().get(3).author().email()).isEqualTo("giulia@example.it");
        assertThat(back.status()).as("OPEN written as Customer-Reply").isEqualTo(Status.OPEN);
        assertThat(back.statusRaw()).isEqualTo("Customer-Reply");
    }

    @Test
    void originalTimesAreKeptSoANoteAndRepliesWrittenInOneSecondReadBackInTheirOrder() {
        Ticket back = bed.deliverAndRead(bed.sink(), canonical("45").build());
        // Keliweb zone Europe/Rome (UTC+1 in March): created is sent as local time and read back as the same instant
        assertThat(back.createdAt()).isEqualTo(T0);
        assertThat(back.messages()).extracting(Message::createdAt).containsExactly(
                T0, T0.plusSeconds(300), T0.plusSeconds(360), T0.plusSeconds(540));
    }

    @Test
    void withoutPreservedDatesMessagesCarryTheTimeOfTheImport() {
        KeliwebSink sink = bed.sink();
        sink.setPreserveDates(false);
        Ticket back = bed.deliverAndRead(sink, canonical("46").build());
        assertThat(back.createdAt()).isAfter(T0.plusSeconds(86_400));
    }

    @Test
    void skipPolicyLeavesOutWhatKeliwebCannotHoldAndRecordsIt() {
        KeliwebSink sink = bed.sink();
        sink.setUnsupportedPolicy("skip");
        Ticket back = bed.deliverAndRead(sink, canonical("44").build());
        assertThat(back.messages()).extracting(Message::body).containsExactly(
                "Our mails bounce.\nSee the report.", "Customer is on the old cluster.", "Done, still bouncing.");
        assertThat(bed.store.messages(sink.stateKey(), "thulium", "44").get("m2").outcome()).isEqualTo(Outcome.SKIPPED);
        assertThat(bed.store.messages(sink.stateKey(), "thulium", "44").get("m4").outcome()).isEqualTo(Outcome.DELIVERED);
    }

    @Test
    void withAnAdminUsernameAgentRepliesAreStaffReplies() {
        KeliwebSink sink = bed.sink();
        sink.setAdminUsername("anowak");
        Ticket back = bed.deliverAndRead(sink, canonical("45").build());
        Message agent = back.messages().get(1);
        assertThat(agent.kind()).isEqualTo(MessageKind.AGENT);
        assertThat(agent.body()).isEqualTo("Hello Giulia,\n\nplease check:\n\n- the SPF record\n- the DKIM key (https://example.it/dkim)");
    }

    @Test
    void withoutInternalNotesANoteBecomesAMarkedReply() {
        KeliwebSink sink = bed.sink();
        sink.setInternalNotes(false);
        Ticket back = bed.deliverAndRead(sink, canonical("46").build());
        assertThat(back.messages()).noneMatch(m -> m.kind() == MessageKind.NOTE);
        assertThat(back.messages().get(2).body()).isEqualTo(
                "[Internal note by Anna Nowak <anna@helpdesk.example>, 2025-03-10T09:06:00Z]\n\nCustomer is on the old cluster.");
        assertThat(back.messages().get(2).attachments()).extracting(Attachment::content).containsExactly(PNG);
    }

    @Test
    void aSystemEventIsAMarkedNote() {
        Ticket back = bed.deliverAndRead(bed.sink(), canonical("47")
                .message(msg("m9", MessageKind.SYSTEM, null, "Status changed to Pending", BodyFormat.TEXT, 40)).build());
        assertThat(back.messages()).last().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MessageKind.NOTE);
            assertThat(m.body()).isEqualTo("[System event, 2025-03-10T09:40:00Z]\n\nStatus changed to Pending");
        });
    }

    @Test
    void markdownModeWritesHtmlAsMarkdown() {
        KeliwebSink sink = bed.sink();
        sink.setMarkdown(true);
        sink.setAdminUsername("anowak");
        Ticket back = bed.deliverAndRead(sink, canonical("48").build());
        assertThat(back.messages().get(1).body())
                .isEqualTo("Hello **Giulia**,\n\nplease check:\n\n- the SPF record\n- the [DKIM key](https://example.it/dkim)");
    }

    @Test
    void statusIsWrittenThroughTheTableAndRewrittenWhenItChanges() {
        KeliwebSink sink = bed.sink();
        Ticket closed = bed.deliverAndRead(sink, canonical("49").status(Status.RESOLVED, "solved").build());
        assertThat(closed.statusRaw()).isEqualTo("Closed");
        sink.setStatusMap("PENDING=On Hold");
        Ticket pending = bed.deliverAndRead(sink, canonical("49").status(Status.PENDING, "waiting").build());
        assertThat(pending.statusRaw()).isEqualTo("On Hold");
        assertThat(pending.messages()).hasSize(4);
    }

    @Test
    void withUpdateStatusOffWhmcsDecidesTheStatus() {
        KeliwebSink sink = bed.sink();
        sink.setUpdateStatus(false);
        Ticket back = bed.deliverAndRead(sink, canonical("50").status(Status.CLOSED, "closed").build());
        assertThat(back.statusRaw()).as("after a client reply WHMCS says Customer-Reply").isEqualTo("Customer-Reply");
    }

    @Test
    void fieldsKeliwebLacksBecomeMarkerLinesOfTheOpeningMessage() {
        Ticket ticket = Ticket.builder("plusofon", "51").subject("Urgent: site down").status(Status.NEW, "new")
                .priority(Priority.URGENT, "critical").requester(new Party("Mario Rossi", null, null))
                .message(msg("p1", MessageKind.CUSTOMER, null, "<div>Site is down &amp; mail too</div>", BodyFormat.HTML, 0,
                        new Attachment("x", "lost.txt", "text/plain", 12L)))
                .build();
        Ticket back = bed.deliverAndRead(bed.sink(), ticket);
        assertThat(back.priorityRaw()).isEqualTo("High");
        assertThat(back.requester().email()).as("no e-mail: the account opens it").isEqualTo(KeliwebSimulator.USERNAME);
        assertThat(back.messages().get(0).body()).isEqualTo("[Requester: Mario Rossi]\n[Priority: URGENT (critical)]\n"
                + "[Source: plusofon ticket 51]\n\nSite is down & mail too\n\n[Attachment not transferred: lost.txt]");
        assertThat(back.statusRaw()).isEqualTo("Open");
    }

    @Test
    void aTicketWithoutMessagesIsOpenedWithItsSubject() {
        Ticket back = bed.deliverAndRead(bed.sink(), Ticket.builder("superoffice", "52").subject("Empty one").build());
        assertThat(back.messages()).singleElement().extracting(Message::body)
                .isEqualTo("[Source: superoffice ticket 52]\n\nEmpty one");
    }

    @Test
    void badTablesAndDepartmentsFailFastNamingTheEntry() {
        KeliwebSink sink = bed.sink();
        assertThatThrownBy(() -> sink.setStatusMap("DONE=Closed")).hasMessageContaining("'DONE=Closed'");
        assertThatThrownBy(() -> sink.setPriorityMap("URGENT=Critical")).hasMessageContaining("Low|Medium|High");
        assertThatThrownBy(() -> sink.setDeptId("support")).hasMessageContaining("numeric");
    }

    @Test
    void anUnknownDepartmentIsTheVendorsMessageAndNothingIsRecorded() {
        KeliwebSink sink = bed.sink();
        sink.setDeptId("99");
        assertThatThrownBy(() -> sink.deliver(bed.exchange(canonical("53").build())))
                .hasMessage("keliweb: HTTP 200: POST /api/v2/keliweb/open-ticket: Department ID not found");
        assertThat(bed.store.targetTicket(sink.stateKey(), "thulium", "53")).isEmpty();
        assertThat(bed.sandbox.ticketCount()).isEqualTo(30);
    }
}
