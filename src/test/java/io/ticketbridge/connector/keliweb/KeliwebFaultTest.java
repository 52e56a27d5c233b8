package io.ticketbridge.connector.keliweb;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.connector.VendorCallException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 10 % 503, 5 % 429 (Retry-After 1 s), 5 % dropped connections: nothing lost, nothing written twice. */
class KeliwebFaultTest {
    private KeliwebTestBed bed;
    /** Injected 5xx and 429 answers actually served, so the test proves the faults were there. */
    private final AtomicInteger injected = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        bed = new KeliwebTestBed(new TickingClock(Instant.parse("2025-06-01T10:00:00Z")));
        bed.server.errors((ex, status, message) -> {
            if (status == 503 || status == 429) injected.incrementAndGet();
            ex.json(status, Map.of("result", "error", "message", message));
        });
        bed.server.faults(new Faults(0, 0.1, 503, 0.05, 1, 0, 0.05, 20250601));
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void theSourceReadsEveryTicketWithItsAttachments() {
        KeliwebSource source = bed.source();
        List<Ticket> tickets = bed.poll(source);
        assertThat(tickets).hasSize(SeedStories.COUNT);
        assertThat(tickets.stream().flatMap(t -> t.messages().stream()).flatMap(m -> m.attachments().stream()))
                .isNotEmpty().allSatisfy(a -> assertThat(a.content()).isNotNull());
        assertThat(bed.poll(source)).isEmpty();
        assertThat(injected.get()).as("faults were injected and retried").isGreaterThan(3);
    }

    @Test
    void theSinkDeliversATicketExactlyOnce() {
        KeliwebSink sink = bed.sink();
        Ticket ticket = KeliwebSinkTest.canonical("77").build();
        int attempts = 0;
        // what the route's redelivery does: deliver again after a failure that outlived the retries
        while (true) {
            try {
                attempts++;
                sink.deliver(bed.exchange(ticket));
                break;
            } catch (VendorCallException e) {
                assertThat(attempts).as("gives up only after many rounds").isLessThan(10);
            }
        }
        sink.deliver(bed.exchange(ticket));
        assertThat(injected.get()).as("faults were injected and retried").isGreaterThan(0);
        bed.server.faults(Faults.NONE);
        assertThat(bed.sandbox.ticketCount()).isEqualTo(SeedStories.COUNT + 1);
        String target = bed.store.targetTicket(sink.stateKey(), "thulium", "77").orElseThrow();
        Ticket back = bed.read(target);
        assertThat(back.messages()).extracting(Message::id)
                .containsExactly("reply-0", "reply-" + firstReplyId(back), "note-" + firstNoteId(back),
                        "reply-" + (firstReplyId(back) + 1));
    }

    private static long firstReplyId(Ticket t) {
        return Long.parseLong(t.messages().get(1).id().substring("reply-".length()));
    }

    private static long firstNoteId(Ticket t) {
        return Long.parseLong(t.messages().get(2).id().substring("note-".length()));
    }
}
