package io.ticketbridge.connector.superoffice;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SeedStories;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With 503s, 429s (Retry-After 1 s) and dropped connections, reads are complete and writes happen exactly once. */
class SuperOfficeFaultsTest {
    private SuperOfficeFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new SuperOfficeFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void sourceReadsEveryTicketUnderFaults() {
        f.server.faults(new Faults(0, 0.1, 503, 0.05, 1, 0, 0.05, 7));
        SuperOfficeSource source = f.source();
        source.setPageSize(10);
        source.setIncludeAttachments(false); // download retries are covered by the sink round trip below
        assertThat(f.runPoll(source)).extracting(t -> t.source().ticketId()).hasSize(SeedStories.COUNT).doesNotHaveDuplicates();
    }

    @Test
    void sinkDeliversATicketExactlyOnceUnderFaults() {
        f.server.faults(new Faults(0, 0.1, 503, 0.05, 1, 0, 0.05, 11));
        SuperOfficeSink sink = f.sink();
        int tickets = f.sandbox.ticketCount();
        int messages = f.sandbox.messageCount();
        Ticket t = SuperOfficeSinkTest.canonical("F-1").build();
        for (int i = 0; i < 2; i++) {
            Exchange ex = f.exchange(t);
            sink.deliver(ex);
        }
        f.server.faults(Faults.NONE);
        assertThat(f.sandbox.ticketCount()).isEqualTo(tickets + 1);
        assertThat(f.sandbox.messageCount()).isEqualTo(messages + t.messages().size());
        String id = f.store.targetTicket(sink.stateKey(), "thulium", "F-1").orElseThrow();
        assertThat(f.read(f.source(), id).messages().get(0).attachments().get(0).content()).isEqualTo(SuperOfficeSinkTest.PDF);
    }
}
