package io.ticketbridge.connector.keliweb;

import io.ticketbridge.testing.MutableClock;
import io.ticketbridge.sandbox.keliweb.KeliwebSimulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The Source bean against the simulator, through a real Camel context and camel-http. */
class KeliwebSourceTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
    private KeliwebSimulator sandbox;
    private SimServer server;
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        sandbox = new KeliwebSimulator(clock, KeliwebVendor.DEFAULT_ZONE);
        server = new SimServer("keliweb", 0);
        sandbox.install(server);
        server.start();
        camel = new DefaultCamelContext();
        io.ticketbridge.testing.TestStores.bindH2(camel);
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.close();
    }

    private KeliwebSource source(String password) {
        KeliwebSource s = KeliwebTestBed.fast(new KeliwebSource());
        s.setBaseUrl(server.baseUrl());
        s.setClientId(KeliwebSimulator.CLIENT_ID);
        s.setClientSecret(KeliwebSimulator.CLIENT_SECRET);
        s.setUsername(KeliwebSimulator.USERNAME);
        s.setPassword(password);
        s.setPageSize(7); // 30 tickets → 5 pages
        s.setClock(clock);
        return s;
    }

    private Exchange exchange(Object body) {
        Exchange ex = new DefaultExchange(camel);
        ex.getIn().setBody(body);
        return ex;
    }

    private Ticket read(KeliwebSource source, String id) {
        Exchange ex = exchange(id);
        String raw = source.fetch(ex);
        assertThat(ex.getIn().getHeader(VendorSource.HEADER_SYSTEM)).isEqualTo("keliweb");
        assertThat(ex.getIn().getHeader(VendorSource.HEADER_TICKET_ID)).isEqualTo(id);
        return source.map(exchange(raw));
    }

    @ParameterizedTest(name = "newer WHMCS shape: {0}")
    @ValueSource(booleans = {false, true})
    void allThirtySeedTicketsAreListedFetchedAndMapped(boolean newerShape) {
        sandbox.newerShape(newerShape);
        KeliwebSource source = source(KeliwebSimulator.PASSWORD);
        List<String> ids = source.poll(exchange(null)).stream().map(c -> c.ticketId()).toList();
        assertThat(ids).hasSize(30).doesNotHaveDuplicates();

        for (SeedStories.Story story : SeedStories.all()) {
            String id = Integer.toString(story.number());
            assertThat(ids).contains(id);
            Ticket t = read(source, id);
            String why = "story " + story.number();
            assertThat(t.source().ticketId()).as(why).isEqualTo(id);
            assertThat(t.source().url()).isEqualTo(server.baseUrl() + "/api/v2/keliweb/get-ticket?ticketid=" + id);
            assertThat(t.subject()).as(why).isEqualTo(story.subject());
            // the WHMCS vocabulary has no RESOLVED: the sandbox stores it as Closed
            Status expected = story.status() == Status.RESOLVED ? Status.CLOSED : story.status();
            assertThat(t.status()).as(why).isEqualTo(expected);
            assertThat(t.statusRaw()).as(why).isEqualTo(KeliwebSimulator.statusFor(story.status()));
            assertThat(t.priorityRaw()).as(why).isEqualTo(KeliwebSimulator.priorityFor(story.priority()));
            assertThat(t.requester().name()).as(why).isEqualTo(story.requester().name());
            assertThat(t.requester().email()).as(why).isEqualTo(story.requester().email());
            assertThat(t.queue()).as(why).isEqualTo(story.queue());
            assertThat(t.assignee() != null).as(why).isEqualTo(story.assignee() != null);
            assertThat(t.createdAt()).as(why).isEqualTo(story.createdAt());
            assertThat(t.messages()).as(why).hasSameSizeAs(story.messages());
            for (int i = 0; i < story.messages().size(); i++) {
                SeedStories.StoryMessage sm = story.messages().get(i);
                Message m = t.messages().get(i);
                assertThat(m.kind()).as(why + " message " + i).isEqualTo(sm.kind());
                assertThat(m.body()).as(why + " message " + i).isEqualTo(sm.body());
                assertThat(m.bodyFormat()).as(why + " message " + i).isEqualTo(sm.html() ? BodyFormat.HTML : BodyFormat.TEXT);
                assertThat(m.createdAt()).as(why + " message " + i).isEqualTo(sm.at());
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
        KeliwebSource source = source(KeliwebSimulator.PASSWORD);
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
        KeliwebSource source = source(KeliwebSimulator.PASSWORD);
        read(source, "1");
        sandbox.revokeAccessTokens();
        assertThat(read(source, "3").source().ticketId()).isEqualTo("3");
        assertThat(sandbox.grantCount("refresh_token")).isEqualTo(1);
    }

    @Test
    void anExpiredRefreshTokenFallsBackToThePasswordGrant() {
        KeliwebSource source = source(KeliwebSimulator.PASSWORD);
        read(source, "1");
        clock.advance(Duration.ofDays(11));
        read(source, "2");
        assertThat(sandbox.grantCount("password")).isEqualTo(2);
    }

    @Test
    void aMissingTicketIsTheVendorsMessage() {
        KeliwebSource source = source(KeliwebSimulator.PASSWORD);
        assertThatThrownBy(() -> source.fetch(exchange("999")))
                .isInstanceOf(VendorCallException.class)
                .hasMessage("keliweb: HTTP 200: POST /api/v2/keliweb/get-ticket: Ticket ID Not Found");
    }

    @Test
    void injectedServerErrorsAreTransientVendorCallExceptions() {
        KeliwebSource source = source(KeliwebSimulator.PASSWORD);
        read(source, "1"); // log in first so the fault hits the API call
        server.faults(new Faults(0, 1.0, 503, 0, 1, 0, 0, 3));
        assertThatThrownBy(() -> source.fetch(exchange("2")))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.transient_()).isTrue();
                    assertThat(e.getMessage()).contains("simulated server error");
                });
        server.faults(new Faults(0, 0, 503, 0, 1, 1.0, 0, 3)); // truncated bodies
        assertThatThrownBy(() -> source.fetch(exchange("2")))
                .isInstanceOfSatisfying(VendorCallException.class, e -> assertThat(e.transient_()).isTrue());
    }

    @Test
    void unsafeIdsNeverReachTheVendor() {
        KeliwebSource source = source(KeliwebSimulator.PASSWORD);
        assertThatThrownBy(() -> source.fetch(exchange("1&ticketnum=2"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(sandbox.grantCount("password")).isZero();
    }
}
