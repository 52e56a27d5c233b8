package io.ticketbridge.connector.plusofon;

import io.ticketbridge.sandbox.plusofon.PlusofonSimulator;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.SeedStories;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Change detection by list version markers, the ledger, the stored floor and since, against the sandbox. */
class PlusofonIncrementalSourceTest {
    /** Later than every seed story, so replies written "now" are the newest activity. */
    private static final Instant NOW = Instant.parse("2026-03-02T09:30:15Z");
    private PlusofonRig rig;

    @AfterEach
    void stop() {
        if (rig != null) rig.close();
    }

    private static List<String> ids(List<Ticket> tickets) {
        return tickets.stream().map(t -> t.source().ticketId()).toList();
    }

    @Test
    void firstPollEmitsAllThenOnlyTheTicketThatGotAReply() throws Exception {
        rig = new PlusofonRig(Clock.fixed(NOW, ZoneOffset.UTC));
        PlusofonSource source = rig.source();

        List<Ticket> first = rig.poll(source);
        assertThat(first).hasSize(SeedStories.COUNT);
        assertThat(first).extracting(Ticket::updatedAt).as("oldest activity first").isSortedAccordingTo(Comparator.naturalOrder());

        assertThat(rig.poll(source)).as("nothing changed: nothing emitted").isEmpty();

        rig.sandbox.operatorReply("23603", "Оператор Иван", "Мы проверили линию.");
        List<Ticket> third = rig.poll(source);
        assertThat(ids(third)).containsExactly("23603");
        Message last = third.get(0).messages().get(third.get(0).messages().size() - 1);
        assertThat(last.body()).isEqualTo("Мы проверили линию.");
        assertThat(last.kind()).isEqualTo(MessageKind.AGENT);

        assertThat(rig.poll(source)).isEmpty();
    }

    @Test
    void unchangedTicketsAreNotEvenFetchedAgain() throws Exception {
        rig = new PlusofonRig(Clock.fixed(NOW, ZoneOffset.UTC));
        PlusofonSource source = rig.source();
        rig.poll(source);
        rig.sandbox.operatorReply("23610", "Оператор Иван", "ok");
        // the ledger already holds every other ticket's marker: poll() itself narrows the work to one fetch
        assertThat(source.poll(rig.exchange(null))).extracting(c -> c.ticketId()).containsExactly("23610");
    }

    @Test
    void aSecondReplyInTheSameSecondIsStillSeenThroughTheRepliesCount() throws Exception {
        rig = new PlusofonRig(Clock.fixed(NOW, ZoneOffset.UTC)); // every write lands in the same second
        PlusofonSource source = rig.source();
        rig.poll(source);

        rig.sandbox.operatorReply("23604", "Оператор Иван", "first");
        assertThat(ids(rig.poll(source))).containsExactly("23604");
        String marker = source.poll(rig.exchange(null)).isEmpty() ? "ledgered" : "pending";
        assertThat(marker).isEqualTo("ledgered");

        rig.sandbox.operatorReply("23604", "Оператор Иван", "second, same second");
        List<Ticket> again = rig.poll(source);
        assertThat(ids(again)).containsExactly("23604");
        assertThat(again.get(0).messages()).extracting(Message::body).endsWith("first", "second, same second");
        assertThat(again.get(0).updatedAt()).isEqualTo(NOW); // lastactivity did not move between the two replies
    }

    @Test
    void closingWithoutNewActivityIsSeenBecauseTheTicketMovesToTheClosedList() throws Exception {
        rig = new PlusofonRig(Clock.fixed(NOW, ZoneOffset.UTC));
        PlusofonSource source = rig.source();
        Ticket open = rig.poll(source).stream().filter(t -> t.status() != Status.CLOSED).findFirst().orElseThrow();

        rig.sandbox.setActive(open.source().ticketId(), false);
        List<Ticket> changed = rig.poll(source);
        assertThat(ids(changed)).containsExactly(open.source().ticketId());
        assertThat(changed.get(0).status()).isEqualTo(Status.CLOSED);
        assertThat(changed.get(0).updatedAt()).isEqualTo(open.updatedAt());
    }

    @Test
    void sinceLimitsTheFirstPollAndIsKeptAsTheStoredFloor() throws Exception {
        rig = new PlusofonRig(Clock.fixed(NOW, ZoneOffset.UTC));
        // the seed's last visible activity per ticket (the customer side shows no notes)
        List<Instant> activity = SeedStories.all().stream().map(s -> s.messages().stream()
                .filter(m -> m.kind() != MessageKind.NOTE).reduce((a, b) -> b).orElseThrow().at()).sorted().toList();
        Instant since = activity.get(activity.size() / 2); // inclusive: the ticket active exactly then is in
        Set<String> expected = SeedStories.all().stream()
                .filter(s -> !s.messages().stream().filter(m -> m.kind() != MessageKind.NOTE)
                        .reduce((a, b) -> b).orElseThrow().at().isBefore(since))
                .map(s -> Integer.toString(PlusofonSimulator.FIRST_TICKET_ID + s.number())).collect(Collectors.toSet());

        PlusofonSource source = rig.source();
        source.setSince(since.toString());
        assertThat(ids(rig.poll(source))).containsExactlyInAnyOrderElementsOf(expected).hasSizeLessThan(SeedStories.COUNT);
        assertThat(rig.store.cursor("plusofon@" + rig.server.baseUrl() + "#cursor")).contains(since.toString());

        // a later edit of since does not re-scope the running flow: the stored floor rules
        source.setSince("");
        assertThat(rig.poll(source)).isEmpty();

        // an old ticket outside the window becomes active again: its last activity moves past the floor
        String old = SeedStories.all().stream().map(s -> Integer.toString(PlusofonSimulator.FIRST_TICKET_ID + s.number()))
                .filter(id -> !expected.contains(id)).findFirst().orElseThrow();
        rig.sandbox.operatorReply(old, "Оператор Иван", "back again");
        assertThat(ids(rig.poll(source))).containsExactly(old);
    }

    @Test
    void withoutSinceTheFloorIsTheEpochAndIsPersisted() throws Exception {
        rig = new PlusofonRig();
        PlusofonSource source = rig.source();
        rig.poll(source);
        assertThat(rig.store.cursor("plusofon@" + rig.server.baseUrl() + "#cursor")).contains(Instant.EPOCH.toString());
    }

    @Test
    void versionMarkerComesFromTheListEntry() {
        PlusofonSource source = new PlusofonSource();
        List<PlusofonSource.Listed> listed = source.listed(
                PlusofonTicketMapperTest.fixture("list_single_ticket_22525.json"), "true");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).version()).startsWith("state=true;statusid=").contains(";lastactivity=", ";replies=", ";lastreplier=");
        assertThat(listed.get(0).lastActivity()).isNotNull();
        // the unpublished 2023 array shape has no change fields: no marker, the fingerprint decides
        assertThat(source.listed("[{\"id\":\"3\",\"status_ticket\":\"open\"}]", "true").get(0).version()).isNull();
    }
}
