package io.ticketbridge.connector.superoffice;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.SeedStories;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The source's incremental poll against the sandbox: lastChanged afterTime cursor, keyset paging, ledger. */
class SuperOfficeIncrementalTest {
    private SuperOfficeFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new SuperOfficeFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private static List<String> ids(List<Ticket> tickets) {
        return tickets.stream().map(t -> t.source().ticketId()).toList();
    }

    private static Instant latestSeedChange() {
        return SeedStories.all().stream().map(SeedStories.Story::updatedAt).max(Comparator.naturalOrder()).orElseThrow();
    }

    @Test
    void firstPollListsAllThenOnlyTheTicketThatGotAReplyAndUnchangedTicketsAreNotReEmitted() throws Exception {
        SuperOfficeSource source = f.source();
        source.setPageSize(7); // several keyset pages
        List<Ticket> first = f.runPoll(source);
        assertThat(ids(first)).hasSize(SeedStories.COUNT).doesNotHaveDuplicates();
        // oldest change first, as $orderBy=lastChanged asc lists them
        assertThat(first).extracting(Ticket::updatedAt).isSortedAccordingTo(Comparator.naturalOrder());

        assertThat(f.runPoll(source)).as("nothing changed: the inclusive boundary ticket is skipped by the ledger").isEmpty();

        f.addReply(105, "Any news?");
        List<Ticket> second = f.runPoll(source);
        assertThat(ids(second)).containsExactly("105");
        assertThat(second.get(0).messages()).last().satisfies(m -> assertThat(m.body()).isEqualTo("Any news?"));

        assertThat(f.runPoll(source)).isEmpty();
    }

    @Test
    void cursorIsPersistedInTheStoreAsTheLatestLastChangedSeen() {
        SuperOfficeSource source = f.source();
        assertThat(f.cursor(source)).isNull();
        f.runPoll(source);
        assertThat(OffsetDateTime.parse(f.cursor(source)).toInstant()).isEqualTo(latestSeedChange());
        // a fresh bean (a restart) resumes from the stored cursor: nothing new
        assertThat(f.runPoll(f.source())).isEmpty();
    }

    @Test
    void ticketChangedAtTheCursorsOwnInstantIsNotLost() {
        SuperOfficeSource source = f.source();
        f.runPoll(source);
        Instant cursor = OffsetDateTime.parse(f.cursor(source)).toInstant();
        // committed late, in the very instant the cursor holds (afterTime is inclusive, so it is still listed)
        f.sandbox.touchTicket(110, cursor);
        assertThat(ids(f.runPoll(source))).containsExactly("110");
    }

    @Test
    void sinceLimitsTheFirstPoll() {
        List<SeedStories.Story> stories = SeedStories.all().stream().sorted(Comparator.comparing(SeedStories.Story::updatedAt)).toList();
        Instant since = stories.get(20).updatedAt();
        SuperOfficeSource source = f.source();
        source.setSince(since.toString());
        List<String> expected = stories.stream().filter(s -> !s.updatedAt().isBefore(since)).map(s -> Integer.toString(100 + s.number())).toList();
        assertThat(ids(f.runPoll(source))).containsExactlyInAnyOrderElementsOf(expected).hasSize(10);
    }

    @Test
    void attachmentsArriveWithTheirBytesFromGetAttachmentStream() {
        SuperOfficeSource source = f.source();
        for (SeedStories.Story s : SeedStories.all()) {
            List<SeedStories.StoryAttachment> expected = s.messages().stream().flatMap(m -> m.attachments().stream()).toList();
            if (expected.isEmpty()) continue;
            Ticket t = f.read(source, Integer.toString(100 + s.number()));
            List<Attachment> got = t.messages().stream().flatMap(m -> m.attachments().stream()).toList();
            assertThat(got).hasSameSizeAs(expected);
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).fileName()).isEqualTo(expected.get(i).fileName());
                assertThat(got.get(i).content()).as(expected.get(i).fileName()).isEqualTo(expected.get(i).bytes());
            }
        }
    }
}
