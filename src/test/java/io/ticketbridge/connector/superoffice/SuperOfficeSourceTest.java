package io.ticketbridge.connector.superoffice;

import io.ticketbridge.testing.VendorBed;

import io.ticketbridge.sandbox.superoffice.SuperOfficeSimulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorSource;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only SuperOffice's source does, against the simulator over real HTTP (the rest: the contract suites). */
class SuperOfficeSourceTest {
    private VendorBed<SuperOfficeSimulator> bed;
    private SimServer server;
    private SuperOfficeSimulator sandbox;

    @BeforeEach
    void start() throws Exception {
        bed = new VendorBed<>("superoffice", new SuperOfficeSimulator());
        server = bed.server;
        sandbox = bed.sandbox;
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    /** A source configured from the sandbox's credentials, as the endpoint binds it. */
    private SuperOfficeSource source() {
        return bed.source();
    }

    private Exchange exchange(Object body) {
        return bed.exchange(body);
    }

    private Ticket read(SuperOfficeSource source, String id) {
        return bed.read(source, id);
    }

    @Test
    void theSeedTicketsCarrySuperOfficesIdsPeopleQueuesAndFields() {
        SuperOfficeSource source = source();
        source.setPageSize(7); // five pages through odata.nextLink
        List<String> ids = source.poll(exchange(null)).stream().map(c -> c.ticketId()).toList();
        assertThat(ids).hasSize(SeedStories.COUNT).doesNotHaveDuplicates().startsWith("101").endsWith("130");

        for (int i = 0; i < ids.size(); i++) {
            SeedStories.Story s = SeedStories.all().get(i);
            Ticket t = read(source, ids.get(i));
            String story = "story " + s.number();
            assertThat(t.source().ticketId()).isEqualTo(ids.get(i));
            assertThat(t.source().url()).isEqualTo(server.baseUrl() + "/api/v1/Ticket/" + ids.get(i));
            assertThat(t.priority()).as(story).isEqualTo(s.priority());
            assertThat(t.requester()).as(story).isEqualTo(new Party(s.requester().name(), s.requester().email(), null));
            if (s.assignee() == null) {
                assertThat(t.assignee()).as(story).isNull();
            } else {
                assertThat(t.assignee()).as(story).isEqualTo(new Party(s.assignee().name(), null, s.assignee().login()));
            }
            assertThat(t.queue()).as(story).isEqualTo("Service/" + s.queue());
            assertThat(t.tags()).as(story).isEqualTo(s.tags());
            assertThat(t.customFields()).as(story).isEqualTo(s.customFields());
            assertThat(t.updatedAt()).as(story).isEqualTo(s.updatedAt());
            assertThat(t.closedAt()).as(story).isEqualTo(s.closedAt());
            assertThat(t.deleted()).isFalse();
            assertThat(t.messages()).as(story).hasSameSizeAs(s.messages());
            for (int m = 0; m < s.messages().size(); m++) {
                SeedStories.StoryMessage sm = s.messages().get(m);
                Message got = t.messages().get(m);
                Party expectedAuthor = sm.kind() == MessageKind.CUSTOMER
                        ? new Party(sm.author().name(), sm.author().email(), null)
                        : new Party(sm.author().name(), sm.author().email(), sm.author().login());
                assertThat(got.author()).as(story + " message " + m).isEqualTo(expectedAuthor);
                assertThat(got.attachments()).extracting(Attachment::fileName, Attachment::contentType, Attachment::size)
                        .containsExactlyElementsOf(sm.attachments().stream()
                                .map(a -> org.assertj.core.groups.Tuple.tuple(a.fileName(), a.contentType(), (long) a.bytes().length))
                                .toList());
            }
        }
    }

    @Test
    void bearerAndSoTicketAuthenticationWorkToo() {
        SuperOfficeSource bearer = source();
        bearer.settings().setAuthMethod("bearer");
        bearer.settings().setUsername(null);
        bearer.settings().setPassword(null);
        assertThat(bearer.poll(exchange(null)).stream().map(c -> c.ticketId()).toList()).hasSize(SeedStories.COUNT);

        SuperOfficeSource soTicket = source();
        soTicket.settings().setAuthMethod("SOTicket");
        assertThat(read(soTicket, "102").subject()).isEqualTo(SeedStories.all().get(1).subject());
    }

    @Test
    void naiveDatesFromSoTimeZoneAreReadInTheConfiguredZone() {
        SuperOfficeSource source = source();
        source.settings().setSoTimeZone("Asia/Tokyo"); // without includeTZOffset: naive Tokyo wall-clock times
        source.setTimeZone("Asia/Tokyo");
        Ticket t = read(source, "101");
        assertThat(t.createdAt()).isEqualTo(SeedStories.all().get(0).createdAt());
        assertThat(t.messages().get(0).createdAt()).isEqualTo(SeedStories.all().get(0).messages().get(0).at());
    }

    @Test
    void wrongPasswordGivesOneClearVendorCallExceptionWithoutTheSecret() {
        SuperOfficeSource source = source();
        source.settings().setPassword("not-the-password");
        assertThatThrownBy(() -> source.poll(exchange(null)).stream().map(c -> c.ticketId()).toList())
                .isInstanceOf(VendorCallException.class)
                .hasMessage("superoffice: HTTP 401: GET /api/v1/Ticket (all): SoNotLoggedInException: Invalid user name or password")
                .satisfies(e -> assertThat(((VendorCallException) e).transient_()).isFalse())
                .hasMessageNotContaining("not-the-password");
    }

    @Test
    void missingAppTokenIsNamedBeforeAnyCall() {
        SuperOfficeSource source = source();
        source.settings().setAuthMethod("soticket");
        source.settings().setAppToken("");
        assertThatThrownBy(() -> source.poll(exchange(null)).stream().map(c -> c.ticketId()).toList())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("superoffice: authMethod=soticket needs the 'appToken' property");
    }

    @Test
    void unknownTicketIsA404VendorCallException() {
        assertThatThrownBy(() -> source().fetch(exchange("99999")))
                .isInstanceOf(VendorCallException.class)
                .hasMessage("superoffice: HTTP 404: GET /api/v1/Ticket/99999: SoNotFoundException: Ticket id 99999 not found");
    }

    @Test
    void serverErrorIsATransientVendorCallException() {
        server.faults(new Faults(0, 1.0, 502, 0, 1, 0, 0, 1));
        assertThatThrownBy(() -> source().fetch(exchange("101")))
                .isInstanceOf(VendorCallException.class)
                .hasMessage("superoffice: HTTP 502: GET /api/v1/Ticket/101: SoServerException: simulated server error")
                .satisfies(e -> assertThat(((VendorCallException) e).transient_()).isTrue());
    }

    @Test
    void truncatedAnswerIsATransientVendorCallException() {
        server.faults(new Faults(0, 0, 503, 0, 1, 1.0, 0, 1));
        assertThatThrownBy(() -> source().fetch(exchange("101")))
                .isInstanceOf(VendorCallException.class)
                .hasMessageStartingWith("superoffice: GET /api/v1/Ticket/101: answer is not valid JSON")
                .satisfies(e -> assertThat(((VendorCallException) e).transient_()).isTrue());
    }

    @Test
    void nextLinkToAnotherHostIsRefusedInsteadOfFollowed() throws Exception {
        try (SimServer rogue = new SimServer("superoffice", 0)) {
            rogue.route("GET", "/api/v1/Ticket", ex -> ex.json(200, Map.of("odata.metadata", "m",
                    "odata.nextLink", "http://attacker.example/api/v1/Ticket?$skip=1",
                    "value", List.of(Map.of("PrimaryKey", 1, "EntityName", "ticket", "lastChanged", "2025-01-06T09:15:00+01:00")))));
            rogue.start();
            SuperOfficeSource source = source();
            source.setBaseUrl(rogue.baseUrl());
            assertThatThrownBy(() -> source.poll(exchange(null)).stream().map(c -> c.ticketId()).toList())
                    .isInstanceOf(VendorCallException.class)
                    .hasMessage("superoffice: odata.nextLink leaves the ticket archive: http://attacker.example/api/v1/Ticket?$skip=1");
        }
    }

    @Test
    void toStringShowsNoSecret() {
        assertThat(source().toString()).doesNotContain(SuperOfficeSimulator.PASSWORD).doesNotContain(SuperOfficeSimulator.TOKEN);
    }
}
