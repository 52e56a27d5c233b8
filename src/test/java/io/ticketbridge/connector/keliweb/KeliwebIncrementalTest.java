package io.ticketbridge.connector.keliweb;

import io.ticketbridge.testing.MutableClock;
import io.ticketbridge.testing.VendorBed;
import io.ticketbridge.connector.VendorHttp;
import io.ticketbridge.sandbox.keliweb.KeliwebSimulator;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.SeedStories;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The source's change detection over get-tickets sweeps, with the ledger and cursor in a real H2 store. */
class KeliwebIncrementalTest {
    /** After every seed story (the last ends in January 2025), so sandbox writes are the newest activity. */
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
    private VendorBed<KeliwebSimulator> bed;

    @BeforeEach
    void start() throws Exception {
        bed = new VendorBed<>("keliweb", new KeliwebSimulator(clock, KeliwebConnector.DEFAULT_ZONE)).with("pageSize", 7);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private static List<String> ids(List<Ticket> tickets) {
        return tickets.stream().map(t -> t.source().ticketId()).toList();
    }

    private void reply(String ticketId, String text) {
        act("add-ticket-reply", Map.of("ticketid", ticketId, "message", text));
    }

    /** A raw action call, as another Keliweb user would make it. */
    private void act(String action, Map<String, String> form) {
        new KeliwebClient(bed.<KeliwebSource>source().settings()).call(new VendorHttp(bed.camel, "keliweb", bed.server.baseUrl()), action, form);
    }

    @Test
    void unchangedTicketsAreNotEvenFetchedAgain() {
        KeliwebSource source = bed.source();
        bed.poll(source);
        // only the ticket with the newest activity is fetched again: its second may not be over yet
        assertThat(source.poll(bed.exchange(null))).hasSize(1);
    }

    @Test
    void aStatusChangeWithoutReplyIsSeen() {
        KeliwebSource source = bed.source();
        bed.poll(source);
        act("update-ticket", Map.of("ticketid", "7", "status", "Closed"));
        List<Ticket> changed = bed.poll(source);
        assertThat(ids(changed)).containsExactly("7");
        assertThat(changed.get(0).status()).isEqualTo(Status.CLOSED);
    }

    @Test
    void aSecondReplyInTheSameSecondAsTheLastPollIsNotLost() {
        KeliwebSource source = bed.source();
        bed.poll(source);
        reply("3", "first");
        assertThat(ids(bed.poll(source))).containsExactly("3");

        reply("3", "second, same second"); // lastreply and status are exactly what the ledger holds
        List<Ticket> again = bed.poll(source);
        assertThat(ids(again)).containsExactly("3");
        assertThat(again.get(0).messages()).extracting(Message::body).endsWith("first", "second, same second");

        clock.advance(Duration.ofSeconds(1));
        reply("4", "later elsewhere");
        assertThat(ids(bed.poll(source))).containsExactly("4");
        // ticket 3's version is settled now: the ledger holds it and only the newest ticket is fetched
        assertThat(source.poll(bed.exchange(null))).extracting(c -> c.ticketId()).containsExactly("4");
    }

    @Test
    void sinceLimitsTheFirstPollAndStaysTheLowerBoundAsTheStoredCursor() {
        List<SeedStories.Story> stories = SeedStories.all();
        Instant since = stories.stream().map(s -> s.messages().get(s.messages().size() - 1).at())
                .sorted().toList().get(20);
        KeliwebSource source = bed.source();
        source.setSince(since.toString());
        List<String> first = ids(bed.poll(source));
        List<String> expected = stories.stream()
                .filter(s -> s.messages().stream().filter(m -> m.kind() != io.ticketbridge.canonical.MessageKind.NOTE)
                        .map(SeedStories.StoryMessage::at).max(Instant::compareTo).orElseThrow().compareTo(since) >= 0)
                .map(s -> Integer.toString(s.number())).toList();
        assertThat(first).containsExactlyInAnyOrderElementsOf(expected).hasSizeLessThan(30);
        assertThat(bed.store.cursor(source.stateKey() + "#cursor")).contains("activity>=" + since);

        String old = stories.stream().map(s -> Integer.toString(s.number())).filter(id -> !first.contains(id))
                .findFirst().orElseThrow();
        reply(old, "back after a long time");
        assertThat(ids(bed.poll(source))).as("old untouched tickets stay out").containsExactly(old);
    }

    @Test
    void withoutSinceTheCursorRecordsThatEverythingIsSwept() {
        KeliwebSource source = bed.source();
        bed.poll(source);
        assertThat(bed.store.cursor(source.stateKey() + "#cursor")).contains(KeliwebSource.CURSOR_ALL);
    }

    @Test
    void attachmentsAreDownloadedWithTheirBytesAndNames() {
        SeedStories.Story story = SeedStories.all().stream()
                .filter(s -> s.messages().stream().anyMatch(m -> !m.attachments().isEmpty())).findFirst().orElseThrow();
        Ticket t = bed.read(Integer.toString(story.number()));
        for (int i = 0; i < story.messages().size(); i++) {
            List<SeedStories.StoryAttachment> expected = story.messages().get(i).attachments();
            List<Attachment> got = t.messages().get(i).attachments();
            assertThat(got).hasSameSizeAs(expected);
            for (int j = 0; j < expected.size(); j++) {
                assertThat(got.get(j).fileName()).isEqualTo(expected.get(j).fileName());
                assertThat(got.get(j).content()).isEqualTo(expected.get(j).bytes());
                assertThat(got.get(j).size()).isEqualTo(expected.get(j).bytes().length);
            }
        }
    }

    @Test
    void aPrunedAttachmentIsHandedOnListedButWithoutBytes() {
        SeedStories.Story story = SeedStories.all().stream()
                .filter(s -> s.messages().stream().anyMatch(m -> !m.attachments().isEmpty())).findFirst().orElseThrow();
        bed.sandbox.newerShape(true);
        bed.sandbox.pruneAttachments(story.number());
        Ticket t = bed.read(Integer.toString(story.number()));
        assertThat(t.messages().stream().flatMap(m -> m.attachments().stream()))
                .isNotEmpty().allSatisfy(a -> assertThat(a.content()).isNull());
    }
}
