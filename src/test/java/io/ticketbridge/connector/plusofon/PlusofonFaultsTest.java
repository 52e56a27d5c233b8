package io.ticketbridge.connector.plusofon;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.connector.VendorSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 10% 503, 5% 429 (Retry-After 1 s), 5% dropped connections: nothing lost, nothing written twice. */
class PlusofonFaultsTest {
    private PlusofonRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new PlusofonRig();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    private void faults(long seed) {
        rig.server.faults(new Faults(0, 0.1, 503, 0.05, 1, 0, 0.05, seed));
    }

    @Test
    void sourceReadsEveryTicketWithItsAttachmentsThroughFaults() {
        Map<String, String> clean = rig.poll(rig.source()).stream()
                .collect(Collectors.toMap(t -> t.source().ticketId(), VendorSource::fingerprint));
        assertThat(clean).hasSize(SeedStories.COUNT);

        faults(7);
        PlusofonSource source = rig.source(); // a fresh flow key: everything is new to it
        source.setStateKey("faulty-flow");
        source.setMaxAttempts(8);
        List<Ticket> read = rig.poll(source);
        assertThat(read.stream().collect(Collectors.toMap(t -> t.source().ticketId(), VendorSource::fingerprint)))
                .isEqualTo(clean);
        assertThat(read.stream().flatMap(t -> t.messages().stream()).flatMap(m -> m.attachments().stream()))
                .isNotEmpty().allMatch(a -> a.content() != null && a.content().length == a.size());
    }

    @Test
    void sinkDeliversATicketExactlyOnceThroughFaults() {
        faults(11);
        PlusofonSink sink = rig.sink();
        sink.setMaxAttempts(8);
        int before = rig.sandbox.ticketCount();
        Ticket story = PlusofonSinkTest.story("F-1").build();
        rig.deliver(sink, story);
        rig.deliver(sink, story);
        assertThat(rig.sandbox.ticketCount()).isEqualTo(before + 1);

        rig.server.faults(Faults.NONE);
        String id = rig.store.targetTicket(sink.stateKey(), "thulium", "F-1").orElseThrow();
        assertThat(rig.sandbox.postCount(id)).isEqualTo(4);
        assertThat(rig.sandbox.attachmentCount(id)).isEqualTo(2);
        Ticket back = rig.read(rig.source(), id);
        assertThat(back.messages()).extracting(Message::id).doesNotHaveDuplicates().hasSize(4);
        assertThat(back.messages().stream().flatMap(m -> m.attachments().stream()).map(a -> a.fileName()))
                .containsExactly("router.log", "front.png");
    }
}
