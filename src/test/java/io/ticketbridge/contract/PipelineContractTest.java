package io.ticketbridge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.VendorSink;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.VendorSimulator;
import io.ticketbridge.testing.VendorBed;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The poll pipeline of every registered vendor, step by step as the {@code helpdesk:} consumer runs it: the first
 * poll hands on every ticket, an unchanged ticket is not even fetched again, a ticket changed in the vendor is
 * handed on again alone, a failed ticket holds the cursor, given ticket ids move none.
 */
class PipelineContractTest {


    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void firstPollHandsOnEveryTicketThenUnchangedTicketsAreNotFetchedAgain(String vendor) throws Exception {
        try (VendorBed<VendorSimulator> bed = VendorBed.of(vendor)) {
            VendorSource source = bed.source();
            assertThat(bed.poll(source)).hasSize(SeedStories.COUNT)
                    .extracting(t -> t.source().ticketId()).doesNotHaveDuplicates();
            assertThat(bed.cursor(source)).as("the cursor moved").isNotNull();
            bed.server.resetStats();
            assertThat(bed.poll(source)).isEmpty();
            assertThat(bed.server.stats().requests()).as("listing only, no ticket fetched").isLessThan(SeedStories.COUNT);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void aTicketChangedInTheVendorIsHandedOnAgainAlone(String vendor) throws Exception {
        try (VendorBed<VendorSimulator> bed = VendorBed.of(vendor)) {
            VendorSource source = bed.source();
            VendorSink sink = bed.sink();
            assertThat(bed.poll(source)).hasSize(SeedStories.COUNT);

            Ticket ticket = ContractTickets.ticket("P-1", "p1").build();
            String target = bed.deliver(sink, ticket);
            assertThat(bed.poll(source)).extracting(t -> t.source().ticketId()).containsExactly(target);

            bed.deliver(sink, ContractTickets.withReply(ticket, "m4", "A reply after the poll p1."));
            List<Ticket> again = bed.poll(source);
            assertThat(again).extracting(t -> t.source().ticketId()).containsExactly(target);
            assertThat(ContractTickets.holding(again.get(0), "A reply after the poll p1.")).isEqualTo(1);
            assertThat(bed.poll(source)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void aFailedTicketHoldsTheCursorAndIsHandedOnNextPoll(String vendor) throws Exception {
        try (VendorBed<VendorSimulator> bed = VendorBed.of(vendor)) {
            VendorSource source = bed.source();
            Exchange poll = bed.exchange(null);
            List<VendorSource.Change> changes = source.poll(poll);
            String failing = changes.get(3).ticketId();
            for (VendorSource.Change c : changes) {
                Exchange ex = bed.exchange(c);
                ex.setProperty(VendorSource.PROPERTY_FAILURES, poll.getProperty(VendorSource.PROPERTY_FAILURES));
                ex.getIn().setBody(source.fetch(ex));
                source.map(ex);
                if (c.ticketId().equals(failing)) source.failed(ex);
                else source.delivered(ex);
            }
            source.commit(poll);
            assertThat(bed.cursor(source)).as("held").isNull();
            assertThat(bed.poll(source)).extracting(t -> t.source().ticketId()).containsExactly(failing);
            assertThat(bed.cursor(source)).isNotNull();
            assertThat(bed.poll(source)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void givenTicketIdsAreHandedOnWithoutMovingTheCursor(String vendor) throws Exception {
        try (VendorBed<VendorSimulator> bed = VendorBed.of(vendor)) {
            List<String> ids = bed.source().poll(bed.exchange(null)).stream().map(VendorSource.Change::ticketId).toList();
            VendorSource source = bed.source();
            source.setTicketIds(ids.get(0) + "," + ids.get(5));
            assertThat(bed.poll(source)).extracting(t -> t.source().ticketId()).containsExactly(ids.get(0), ids.get(5));
            assertThat(bed.cursor(source)).isNull();
            assertThat(bed.poll(source)).as("the ledger has them").isEmpty();
        }
    }
}
