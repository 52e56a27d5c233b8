package io.ticketbridge.connector.superoffice;

import io.ticketbridge.testing.VendorBed;
import io.ticketbridge.sandbox.superoffice.SuperOfficeSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

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
    private VendorBed<SuperOfficeSimulator> f;

    @BeforeEach
    void start() throws Exception {
        f = new VendorBed<>("superoffice", new SuperOfficeSimulator()).with("maxAttempts", 8);
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
        List<Ticket> first = f.poll(source);
        assertThat(ids(first)).hasSize(SeedStories.COUNT).doesNotHaveDuplicates();
        // oldest change first, as $orderBy=lastChanged asc lists them
        assertThat(first).extracting(Ticket::updatedAt).isSortedAccordingTo(Comparator.naturalOrder());

        assertThat(f.poll(source)).as("nothing changed: the inclusive boundary ticket is skipped by the ledger").isEmpty();

        addReply(105, "Any news?");
        List<Ticket> second = f.poll(source);
        assertThat(ids(second)).containsExactly("105");
        assertThat(second.get(0).messages()).last().satisfies(m -> assertThat(m.body()).isEqualTo("Any news?"));

        assertThat(f.poll(source)).isEmpty();
    }

    @Test
    void cursorIsPersistedInTheStoreAsTheLatestLastChangedSeen() {
        SuperOfficeSource source = f.source();
        assertThat(f.cursor(source)).isNull();
        f.poll(source);
        assertThat(OffsetDateTime.parse(f.cursor(source)).toInstant()).isEqualTo(latestSeedChange());
        // a fresh bean (a restart) resumes from the stored cursor: nothing new
        assertThat(f.poll(f.source())).isEmpty();
    }

    @Test
    void ticketChangedAtTheCursorsOwnInstantIsNotLost() {
        SuperOfficeSource source = f.source();
        f.poll(source);
        Instant cursor = OffsetDateTime.parse(f.cursor(source)).toInstant();
        // committed late, in the very instant the cursor holds (afterTime is inclusive, so it is still listed)
        f.sandbox.touchTicket(110, cursor);
        assertThat(ids(f.poll(source))).containsExactly("110");
    }

    @Test
    void sinceLimitsTheFirstPoll() {
        List<SeedStories.Story> stories = SeedStories.all().stream().sorted(Comparator.comparing(SeedStories.Story::updatedAt)).toList();
        Instant since = stories.get(20).updatedAt();
        SuperOfficeSource source = f.source();
        source.setSince(since.toString());
        List<String> expected = stories.stream().filter(s -> !s.updatedAt().isBefore(since)).map(s -> Integer.toString(100 + s.number())).toList();
        assertThat(ids(f.poll(source))).containsExactlyInAnyOrderElementsOf(expected).hasSize(10);
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

    /** A customer reply written straight through the API (what an end user's e-mail would do). */
    int addReply(int ticketId, String text) throws Exception {
        String json = "{\"EjMessageId\":0,\"Ticket\":{\"TicketId\":" + ticketId + "},\"Slevel\":\"External\",\"Type\":\"Plain\","
                + "\"Body\":\"" + text + "\"}";
        HttpRequest req = HttpRequest.newBuilder(URI.create(f.server.baseUrl() + "/api/v1/Agents/Ticket/SaveTicketMessageEntity"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (SuperOfficeSimulator.USERNAME + ":" + SuperOfficeSimulator.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("reply failed: " + r.statusCode() + " " + r.body());
        return r.statusCode();
    }

}
