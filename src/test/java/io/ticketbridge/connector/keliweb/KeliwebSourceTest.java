package io.ticketbridge.connector.keliweb;

import io.ticketbridge.testing.MutableClock;
import io.ticketbridge.testing.VendorBed;
import java.util.Map;
import io.ticketbridge.sandbox.keliweb.KeliwebSimulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * What only Keliweb's source does, against the simulator over real HTTP: both WHMCS ticket shapes, the OAuth2 token
 * life cycle and Keliweb's error messages (what every vendor's source does is in the contract suites).
 */
class KeliwebSourceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
    private VendorBed<KeliwebSimulator> bed;
    private KeliwebSimulator sandbox;

    @BeforeEach
    void start() throws Exception {
        bed = new VendorBed<>("keliweb", new KeliwebSimulator(clock, KeliwebConnector.DEFAULT_ZONE))
                .with("pageSize", 7) // 30 tickets → 5 pages
                .customize(b -> {
                    if (b.settings() instanceof KeliwebSettings k) k.clock(clock);
                });
        sandbox = bed.sandbox;
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private KeliwebSource source(String password) {
        return bed.source(Map.of("password", password));
    }

    private Exchange exchange(Object body) {
        return bed.exchange(body);
    }

    private Ticket read(KeliwebSource source, String id) {
        return bed.read(source, id);
    }

    @ParameterizedTest(name = "newer WHMCS shape: {0}")
    @ValueSource(booleans = {false, true})
    void allThirtySeedTicketsAreListedFetchedAndMapped(boolean newerShape) {
        sandbox.newerShape(newerShape);
        KeliwebSource source = bed.source();
        List<String> ids = source.poll(exchange(null)).stream().map(c -> c.ticketId()).toList();
        assertThat(ids).hasSize(30).doesNotHaveDuplicates();

        for (SeedStories.Story story : SeedStories.all()) {
            String id = Integer.toString(story.number());
            assertThat(ids).contains(id);
            Ticket t = read(source, id);
            String why = "story " + story.number();
            assertThat(t.source().url()).isEqualTo(bed.server.baseUrl() + "/api/v2/keliweb/get-ticket?ticketid=" + id);
            assertThat(t.subject()).as(why).isEqualTo(story.subject());
            assertThat(t.statusRaw()).as(why).isEqualTo(KeliwebSimulator.statusFor(story.status()));
            assertThat(t.priorityRaw()).as(why).isEqualTo(KeliwebSimulator.priorityFor(story.priority()));
            assertThat(t.requester().name()).as(why).isEqualTo(story.requester().name());
            assertThat(t.queue()).as(why).isEqualTo(story.queue());
            assertThat(t.assignee() != null).as(why).isEqualTo(story.assignee() != null);
            assertThat(t.messages()).as(why).hasSameSizeAs(story.messages());
            for (int i = 0; i < story.messages().size(); i++) {
                SeedStories.StoryMessage sm = story.messages().get(i);
                Message m = t.messages().get(i);
                assertThat(m.body()).as(why + " message " + i).isEqualTo(sm.body());
                assertThat(m.author().name()).as(why + " message " + i).isEqualTo(sm.author().name());
                assertThat(m.attachments()).extracting(Attachment::fileName).as(why + " message " + i)
                        .containsExactlyElementsOf(sm.attachments().stream().map(SeedStories.StoryAttachment::fileName).toList());
                assertThat(m.attachments()).allSatisfy(a -> assertThat(a.id()).matches("(ticket|reply|note):\\d+:0"));
            }
        }
    }

    @Test
    void wrongPasswordIsOneClearVendorCallExceptionWithoutTheSecret() {
        KeliwebSource source = source("hunter2-wrong");
        assertThatThrownBy(() -> source.poll(exchange(null)).stream().map(c -> c.ticketId()).toList())
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.transient_()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("keliweb: HTTP 400: POST /oauth/token (password grant): "
                            + "invalid_grant: The user credentials were incorrect.");
                    assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain(KeliwebSimulator.CLIENT_SECRET);
                });
    }

    @Test
    void tokenIsCachedAndRefreshedBeforeItExpires() {
        KeliwebSource source = bed.source();
        source.poll(exchange(null)).stream().map(c -> c.ticketId()).toList();
        read(source, "1");
        assertThat(sandbox.grantCount("password")).isEqualTo(1); // 5 pages + 1 get-ticket, one login
        assertThat(sandbox.grantCount("refresh_token")).isZero();

        clock.advance(Duration.ofSeconds(3545)); // 55 s before the hour: the old token would still work
        read(source, "2");
        assertThat(sandbox.grantCount("refresh_token")).isEqualTo(1);
        assertThat(sandbox.grantCount("password")).isEqualTo(1);
    }

    @Test
    void aRejectedTokenIsRenewedAndTheCallRetriedOnce() {
        KeliwebSource source = bed.source();
        read(source, "1");
        sandbox.revokeAccessTokens();
        assertThat(read(source, "3").source().ticketId()).isEqualTo("3");
        assertThat(sandbox.grantCount("refresh_token")).isEqualTo(1);
    }

    @Test
    void anExpiredRefreshTokenFallsBackToThePasswordGrant() {
        KeliwebSource source = bed.source();
        read(source, "1");
        clock.advance(Duration.ofDays(11));
        read(source, "2");
        assertThat(sandbox.grantCount("password")).isEqualTo(2);
    }

    @Test
    void aMissingTicketIsTheVendorsMessage() {
        KeliwebSource source = bed.source();
        assertThatThrownBy(() -> source.fetch(exchange("999")))
                .isInstanceOf(VendorCallException.class)
                .hasMessage("keliweb: HTTP 200: POST /api/v2/keliweb/get-ticket: Ticket ID Not Found");
    }
}
