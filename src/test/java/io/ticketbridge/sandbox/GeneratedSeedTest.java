package io.ticketbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Status;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** A sandbox seeded for a big run: thousands of generated tickets per vendor, served whole through the list APIs. */
class GeneratedSeedTest {
    static final int TICKETS = 2_000;
    private static Sandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(Map.of(), TICKETS);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"thulium", "plusofon", "keliweb", "superoffice"})
    void everyTicketComesBackThroughTheVendorsOwnPagedList(String vendor) throws Exception {
        List<String> subjects = new VendorWire(sandbox).subjects(vendor);

        List<String> expected = Stream.concat(SeedStories.all().stream(), SeedStories.generated(TICKETS).stream())
                .map(SeedStories.Story::subject).toList();
        assertThat(subjects).hasSize(TICKETS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(sandbox.simulator(vendor).ticketCount()).isEqualTo(TICKETS);
    }

    @Test
    void generatedStoriesAreTheSameWhateverTheTotalAndCoverEveryShape() {
        List<SeedStories.Story> few = SeedStories.generated(40);
        List<SeedStories.Story> many = SeedStories.generated(TICKETS);
        assertThat(few).hasSize(10);
        for (int i = 0; i < few.size(); i++) {
            assertThat(many.get(i).subject()).isEqualTo(few.get(i).subject());
            assertThat(many.get(i).messages()).extracting(SeedStories.StoryMessage::body)
                    .isEqualTo(few.get(i).messages().stream().map(SeedStories.StoryMessage::body).toList());
        }
        assertThat(many.get(41 - 31).subject()).startsWith("Generated ticket 0041 — ");
        assertThat(many).extracting(SeedStories.Story::status).contains(Status.values());
        assertThat(many).allSatisfy(s -> {
            assertThat(s.messages()).hasSizeBetween(1, 6);
            assertThat(s.messages().get(0).kind()).isEqualTo(MessageKind.CUSTOMER);
            assertThat(s.createdAt()).isBefore(s.messages().get(s.messages().size() - 1).at().plusSeconds(1));
        });
        assertThat(many).flatExtracting(SeedStories.Story::messages).extracting(SeedStories.StoryMessage::kind)
                .contains(MessageKind.CUSTOMER, MessageKind.AGENT, MessageKind.NOTE);
        assertThat(many).flatExtracting(SeedStories.Story::messages).filteredOn(m -> !m.attachments().isEmpty())
                .hasSizeGreaterThan(TICKETS / 10);
        assertThat(many).flatExtracting(SeedStories.Story::messages).extracting(SeedStories.StoryMessage::body)
                .doesNotHaveDuplicates(); // each message is its own, so a copy is told from a twin by its text
    }
}
