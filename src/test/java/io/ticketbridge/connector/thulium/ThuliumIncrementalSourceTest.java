package io.ticketbridge.connector.thulium;

import io.ticketbridge.testing.MutableClock;
import io.ticketbridge.testing.VendorBed;
import java.time.Instant;

import io.ticketbridge.sandbox.thulium.ThuliumSimulator;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.testing.ThuliumCustomer;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The incremental cursor of ThuliumSource (date_from = newest updated_at seen) against the sandbox. */
class ThuliumIncrementalSourceTest {
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

    private static List<String> ids(List<Ticket> tickets) {
        return tickets.stream().map(t -> t.source().ticketId()).toList();
    }

    /** A customer's message through the documented call, at the sandbox clock's time. */
    private void customerWrites(String ticketId, String text) throws Exception {
        ThuliumCustomer.writes(bed.server.baseUrl(), ticketId, text);
    }

    private String cursor(ThuliumSource s) {
        return bed.store.cursor(s.stateKey() + "#cursor").orElse(null);
    }

    @Test
    void firstPollEmitsAllThenOnlyTheTicketThatChangedAndTheCursorIsPersisted() throws Exception {
        ThuliumSource s = bed.source();
        assertThat(bed.poll(s)).hasSize(SeedStories.COUNT);
        String newestSeed = SeedStories.all().stream().map(SeedStories.Story::updatedAt).max(java.util.Comparator.naturalOrder())
                .map(i -> ThuliumTicketMapper.Times.format(i, ThuliumConnector.DEFAULT_ZONE)).orElseThrow();
        assertThat(cursor(s)).as("the newest updated_at, as Thulium wrote it").isEqualTo(newestSeed);

        assertThat(bed.poll(s)).as("nothing changed").isEmpty();
        assertThat(s.poll(bed.exchange(null))).as("closed minutes are skipped by the ledger without a fetch").isEmpty();

        customerWrites("1005", "Any news?");
        List<Ticket> second = bed.poll(s);
        assertThat(ids(second)).containsExactly("1005");
        assertThat(second.get(0).messages()).extracting(Message::body).contains("Any news?");
        assertThat(cursor(s)).isEqualTo("2025-03-03 11:00"); // 10:00 UTC in Warsaw, the sandbox's clock

        // a new instance reading the same store resumes from the stored cursor
        ThuliumSource restarted = bed.source();
        assertThat(bed.poll(restarted)).as("unchanged tickets are not emitted again").isEmpty();
    }

    @Test
    void aChangeInTheSameMinuteAsTheCursorIsNotLost() throws Exception {
        ThuliumSource s = bed.source();
        bed.poll(s);
        customerWrites("1002", "first, at 10:00:20");
        assertThat(ids(bed.poll(s))).containsExactly("1002");
        String cursor = cursor(s);

        clock.advance(Duration.ofSeconds(30)); // still the same minute: updated_at does not move
        customerWrites("1002", "second, at 10:00:50");
        customerWrites("1003", "also at 10:00:50");
        assertThat(cursor(s)).isEqualTo(cursor);
        List<Ticket> again = bed.poll(s);
        assertThat(ids(again)).containsExactly("1002", "1003");
        assertThat(again.get(0).messages()).extracting(Message::body).contains("first, at 10:00:20", "second, at 10:00:50");
        assertThat(bed.poll(s)).isEmpty();

        // once the minute is long over the ledger's version skips them without fetching
        clock.advance(Duration.ofMinutes(10));
        bed.poll(s); // re-marks them with the closed-minute version (content unchanged: not emitted)
        assertThat(s.poll(bed.exchange(null))).isEmpty();
    }

    @Test
    void sinceStartsTheFirstPollAtThatDateInTheTenantsZone() {
        ThuliumSource s = bed.source();
        s.setSince("2025-01-20");
        LocalDateTime from = LocalDateTime.parse("2025-01-20T00:00");
        long expected = SeedStories.all().stream()
                .filter(st -> !LocalDateTime.ofInstant(st.updatedAt(), ThuliumConnector.DEFAULT_ZONE).isBefore(from)).count();
        assertThat(expected).isBetween(1L, (long) SeedStories.COUNT - 1);
        List<Ticket> first = bed.poll(s);
        assertThat(first).hasSize((int) expected)
                .allSatisfy(t -> assertThat(LocalDateTime.ofInstant(t.updatedAt(), ThuliumConnector.DEFAULT_ZONE)).isAfterOrEqualTo(from));
        // oldest change first
        assertThat(first).extracting(Ticket::updatedAt).isSorted();
    }

    @Test
    void attachmentsComeWithTheirBytesNamesAndTypesThroughTheInferredDownload() {
        ThuliumSource s = bed.source();
        SeedStories.Story story = SeedStories.all().stream()
                .filter(st -> st.messages().stream().anyMatch(m -> !m.attachments().isEmpty())).findFirst().orElseThrow();
        Ticket t = bed.read(s, Long.toString(ThuliumSimulator.FIRST_TICKET_ID + story.number() - 1));
        List<Attachment> got = t.messages().stream().flatMap(m -> m.attachments().stream()).toList();
        List<SeedStories.StoryAttachment> want = story.messages().stream().flatMap(m -> m.attachments().stream()).toList();
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.size(); i++) {
            assertThat(got.get(i).fileName()).isEqualTo(want.get(i).fileName());
            assertThat(got.get(i).contentType()).isEqualTo(want.get(i).contentType());
            assertThat(got.get(i).content()).isEqualTo(want.get(i).bytes());
            assertThat(got.get(i).size()).isEqualTo(want.get(i).bytes().length);
        }
        s.setIncludeAttachments(false);
        assertThat(bed.read(s, t.source().ticketId()).messages().stream().flatMap(m -> m.attachments().stream()))
                .allSatisfy(a -> assertThat(a.content()).isNull());
    }
}
