package io.ticketbridge.connector.plusofon;

import io.ticketbridge.testing.VendorBed;
import io.ticketbridge.sandbox.plusofon.PlusofonSimulator;

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
    private VendorBed<PlusofonSimulator> bed;

    @AfterEach
    void stop() {
        if (bed != null) bed.close();
    }

    private static List<String> ids(List<Ticket> tickets) {
        return tickets.stream().map(t -> t.source().ticketId()).toList();
    }

    @Test
    void unchangedTicketsAreNotEvenFetchedAgain() throws Exception {
        bed = new VendorBed<>("plusofon", new PlusofonSimulator(Clock.fixed(NOW, ZoneOffset.UTC)));
        PlusofonSource source = bed.source();
        bed.poll(source);
        bed.sandbox.operatorReply("23610", "Оператор Иван", "ok");
        // the ledger already holds every other ticket's marker: poll() itself narrows the work to one fetch
        assertThat(source.poll(bed.exchange(null))).extracting(c -> c.ticketId()).containsExactly("23610");
    }

    @Test
    void aSecondReplyInTheSameSecondIsStillSeenThroughTheRepliesCount() throws Exception {
        bed = new VendorBed<>("plusofon", new PlusofonSimulator(Clock.fixed(NOW, ZoneOffset.UTC))); // every write lands in the same second
        PlusofonSource source = bed.source();
        bed.poll(source);

        bed.sandbox.operatorReply("23604", "Оператор Иван", "first");
        assertThat(ids(bed.poll(source))).containsExactly("23604");
        String marker = source.poll(bed.exchange(null)).isEmpty() ? "ledgered" : "pending";
        assertThat(marker).isEqualTo("ledgered");

        bed.sandbox.operatorReply("23604", "Оператор Иван", "second, same second");
        List<Ticket> again = bed.poll(source);
        assertThat(ids(again)).containsExactly("23604");
        assertThat(again.get(0).messages()).extracting(Message::body).endsWith("first", "second, same second");
        assertThat(again.get(0).updatedAt()).isEqualTo(NOW); // lastactivity did not move between the two replies
    }

    @Test
    void closingWithoutNewActivityIsSeenBecauseTheTicketMovesToTheClosedList() throws Exception {
        bed = new VendorBed<>("plusofon", new PlusofonSimulator(Clock.fixed(NOW, ZoneOffset.UTC)));
        PlusofonSource source = bed.source();
        Ticket open = bed.poll(source).stream().filter(t -> t.status() != Status.CLOSED).findFirst().orElseThrow();

        bed.sandbox.setActive(open.source().ticketId(), false);
        List<Ticket> changed = bed.poll(source);
        assertThat(ids(changed)).containsExactly(open.source().ticketId());
        assertThat(changed.get(0).status()).isEqualTo(Status.CLOSED);
        assertThat(changed.get(0).updatedAt()).isEqualTo(open.updatedAt());
    }

    @Test
    void sinceLimitsTheFirstPollAndIsKeptAsTheStoredFloor() throws Exception {
        bed = new VendorBed<>("plusofon", new PlusofonSimulator(Clock.fixed(NOW, ZoneOffset.UTC)));
        // the seed's last visible activity per ticket (the customer side shows no notes)
        List<Instant> activity = SeedStories.all().stream().map(s -> s.messages().stream()
                .filter(m -> m.kind() != MessageKind.NOTE).reduce((a, b) -> b).orElseThrow().at()).sorted().toList();
        Instant since = activity.get(activity.size() / 2); // inclusive: the ticket active exactly then is in
        Set<String> expected = SeedStories.all().stream()
                .filter(s -> !s.messages().stream().filter(m -> m.kind() != MessageKind.NOTE)
                        .reduce((a, b) -> b).orElseThrow().at().isBefore(since))
                .map(s -> Integer.toString(PlusofonSimulator.FIRST_TICKET_ID + s.number())).collect(Collectors.toSet());

        PlusofonSource source = bed.source();
        source.setSince(since.toString());
        assertThat(ids(bed.poll(source))).containsExactlyInAnyOrderElementsOf(expected).hasSizeLessThan(SeedStories.COUNT);
        assertThat(bed.store.cursor("plusofon@" + bed.server.baseUrl() + "#cursor")).contains(since.toString());

        // a later edit of since does not re-scope the running flow: the stored floor rules
        source.setSince("");
        assertThat(bed.poll(source)).isEmpty();

        // an old ticket outside the window becomes active again: its last activity moves past the floor
        String old = SeedStories.all().stream().map(s -> Integer.toString(PlusofonSimulator.FIRST_TICKET_ID + s.number()))
                .filter(id -> !expected.contains(id)).findFirst().orElseThrow();
        bed.sandbox.operatorReply(old, "Оператор Иван", "back again");
        assertThat(ids(bed.poll(source))).containsExactly(old);
    }

    @Test
    void withoutSinceTheFloorIsTheEpochAndIsPersisted() throws Exception {
        bed = new VendorBed<>("plusofon", new PlusofonSimulator());
        PlusofonSource source = bed.source();
        bed.poll(source);
        assertThat(bed.store.cursor("plusofon@" + bed.server.baseUrl() + "#cursor")).contains(Instant.EPOCH.toString());
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
