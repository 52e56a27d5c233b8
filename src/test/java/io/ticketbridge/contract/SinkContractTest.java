package io.ticketbridge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorSink;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.VendorSimulator;
import io.ticketbridge.testing.VendorBed;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The write side of every registered vendor against its simulator: a canonical ticket is created with its thread
 * and attachment bytes, delivering it again changes nothing, a changed ticket appends exactly its new messages —
 * also through faults. Every result is read back through the vendor's own source.
 */
class SinkContractTest {


    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void aTicketIsCreatedWithItsThreadInOrderAndItsAttachmentBytes(String vendor) throws Exception {
        try (VendorBed<VendorSimulator> bed = VendorBed.of(vendor)) {
            Ticket ticket = ContractTickets.ticket("C-1", "c1").build();
            String target = bed.deliver(bed.sink(), ticket);
            assertThat(target).isNotBlank();
            assertThat(bed.sandbox.ticketCount()).isEqualTo(SeedStories.COUNT + 1);
            Ticket copy = bed.read(target);
            assertThat(copy.subject()).isEqualTo(ticket.subject());
            if (ContractFixture.of(vendor).keepsRequester()) {
                assertThat(copy.requester().email()).isEqualTo(ContractTickets.REQUESTER.email());
            }
            List<Integer> places = ticket.messages().stream().map(m -> place(copy, m.body())).toList();
            assertThat(places).as("every message once, in order").doesNotContain(-1).isSorted();
            Attachment att = copy.messages().stream().flatMap(m -> m.attachments().stream())
                    .filter(a -> Objects.equals(a.fileName(), "router-c1.log")).findFirst().orElseThrow();
            assertThat(att.content()).isEqualTo(ContractTickets.LOG);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void deliveringTheSameTicketTwiceChangesNothing(String vendor) throws Exception {
        try (VendorBed<VendorSimulator> bed = VendorBed.of(vendor)) {
            VendorSink sink = bed.sink();
            Ticket ticket = ContractTickets.ticket("C-2", "c2").build();
            String target = bed.deliver(sink, ticket);
            Ticket first = bed.read(target);
            long writes = bed.server.stats().writes();
            assertThat(bed.deliver(sink, ticket)).isEqualTo(target);
            assertThat(bed.deliver(bed.sink(), ticket)).as("a new sink bean on the same state").isEqualTo(target);
            assertThat(bed.server.stats().writes()).as("no write the second time").isEqualTo(writes);
            assertThat(bed.sandbox.ticketCount()).isEqualTo(SeedStories.COUNT + 1);
            assertThat(bed.read(target).messages()).isEqualTo(first.messages());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void aChangedTicketAppendsExactlyItsNewMessages(String vendor) throws Exception {
        try (VendorBed<VendorSimulator> bed = VendorBed.of(vendor)) {
            VendorSink sink = bed.sink();
            Ticket ticket = ContractTickets.ticket("C-3", "c3").build();
            String target = bed.deliver(sink, ticket);
            ContractFixture fixture = ContractFixture.of(vendor);
            int before = fixture.storyMessages(bed.read(target)).size();
            Ticket changed = ContractTickets.withReply(ContractTickets.withReply(ticket, "m4", "Still rebooting c3."),
                    "m5", "And again tonight c3.");
            assertThat(bed.deliver(sink, changed)).isEqualTo(target);
            Ticket copy = bed.read(target);
            assertThat(fixture.storyMessages(copy)).hasSize(before + 2);
            assertThat(ContractTickets.holding(copy, "Still rebooting c3.")).isEqualTo(1);
            assertThat(ContractTickets.holding(copy, "And again tonight c3.")).isEqualTo(1);
            assertThat(ContractTickets.holding(copy, "The router reboots at 03:00 c3.")).isEqualTo(1);
            assertThat(bed.sandbox.ticketCount()).isEqualTo(SeedStories.COUNT + 1);
        }
    }

    /** What the route's redelivery does: deliver again after a failure that outlived the retries; still once. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void throughFaultsATicketIsDeliveredExactlyOnce(String vendor) throws Exception {
        try (VendorBed<VendorSimulator> bed = VendorBed.of(vendor).with("maxAttempts", 8)) {
            VendorSink sink = bed.sink();
            Ticket ticket = ContractTickets.ticket("C-4", "c4").build();
            bed.server.faults(new Faults(0, 0.1, 503, 0.05, 1, 0, 0.05, 20250601));
            String target = null;
            for (int attempt = 1; target == null; attempt++) {
                try {
                    target = bed.deliver(sink, ticket);
                } catch (VendorCallException e) {
                    assertThat(attempt).as("gives up only after many rounds: " + e.getMessage()).isLessThan(10);
                }
            }
            assertThat(bed.deliver(sink, ticket)).isEqualTo(target);
            var stats = bed.server.stats();
            assertThat(stats.errors() + stats.throttles() + stats.drops()).as("faults were served").isGreaterThan(0);
            bed.server.faults(Faults.NONE);
            assertThat(bed.sandbox.ticketCount()).isEqualTo(SeedStories.COUNT + 1);
            Ticket copy = bed.read(target);
            for (Message m : ticket.messages()) {
                assertThat(ContractTickets.holding(copy, m.body())).as(m.body()).isEqualTo(1);
            }
        }
    }

    /** Where the message with this text stands in the copy; -1 when it is not there exactly once. */
    private static int place(Ticket copy, String text) {
        List<Message> ms = copy.messages();
        int at = -1;
        for (int i = 0; i < ms.size(); i++) {
            if (ms.get(i).body() != null && ms.get(i).body().contains(text)) {
                if (at >= 0) return -1;
                at = i;
            }
        }
        return at;
    }
}
