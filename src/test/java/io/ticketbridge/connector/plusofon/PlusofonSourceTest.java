package io.ticketbridge.connector.plusofon;

import io.ticketbridge.sandbox.plusofon.PlusofonSimulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorSource;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Source bean against the simulator, through camel-http in a started Camel context. */
class PlusofonSourceTest {
    private SimServer server;
    private DefaultCamelContext camel;

    @BeforeEach
    void start() throws Exception {
        server = new SimServer("plusofon", 0);
        new PlusofonSimulator().install(server);
        server.start();
        camel = new DefaultCamelContext();
        io.ticketbridge.testing.TestStores.bindH2(camel);
        // one retry mechanism: Camel's, not HttpClient's silent one (see toolchain notes)
        camel.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.close();
    }

    private PlusofonSource source(String token, String clientId) {
        PlusofonSource s = new PlusofonSource();
        s.setBaseUrl(server.baseUrl());
        s.setToken(token);
        s.setClientId(clientId);
        s.setRetryDelayMs(5);
        s.setMaxRetryDelayMs(50);
        s.setRetryAfterCapMs(1500);
        return s;
    }

    private Exchange exchange(Object body) {
        Exchange ex = new DefaultExchange(camel);
        ex.getIn().setBody(body);
        return ex;
    }

    @Test
    void readsAndMapsAllThirtySeedTickets() {
        PlusofonSource source = source(PlusofonSimulator.TOKEN, PlusofonSimulator.CLIENT);
        List<String> ids = source.poll(exchange(null)).stream().map(c -> c.ticketId()).toList();
        assertThat(ids).hasSize(SeedStories.COUNT).doesNotHaveDuplicates();

        for (String id : ids) {
            Exchange ex = exchange(id);
            String raw = source.fetch(ex);
            assertThat(ex.getIn().getHeader(VendorSource.HEADER_SYSTEM)).isEqualTo("plusofon");
            assertThat(ex.getIn().getHeader(VendorSource.HEADER_TICKET_ID)).isEqualTo(id);
            ex.getIn().setBody(raw);
            Ticket t = source.map(ex);

            SeedStories.Story story = SeedStories.all().get(Integer.parseInt(id) - PlusofonSimulator.FIRST_TICKET_ID - 1);
            List<SeedStories.StoryMessage> visible = story.messages().stream()
                    .filter(m -> m.kind() != MessageKind.NOTE).toList(); // the customer side has no notes
            String what = "story " + story.number();
            assertThat(t.source().system()).isEqualTo("plusofon");
            assertThat(t.source().ticketId()).isEqualTo(id);
            assertThat(t.source().url()).isEqualTo(server.baseUrl() + "/api/v1/ticket/" + id);
            assertThat(t.subject()).as(what).isEqualTo(story.subject());
            assertThat(t.status()).as(what)
                    .isEqualTo(story.status() == Status.RESOLVED ? Status.CLOSED : story.status()); // only a flag
            assertThat(t.requester().email()).as(what).isEqualTo(story.requester().email());
            assertThat(t.createdAt()).as(what).isEqualTo(story.createdAt());
            assertThat(t.updatedAt()).as(what).isEqualTo(visible.get(visible.size() - 1).at());
            assertThat(t.closedAt()).as(what).isEqualTo(t.status() == Status.CLOSED ? t.updatedAt() : null);
            assertThat(t.messages()).as(what).hasSize(visible.size());
            for (int i = 0; i < visible.size(); i++) {
                SeedStories.StoryMessage expected = visible.get(i);
                Message m = t.messages().get(i);
                assertThat(m.kind()).as(what + " message " + i).isEqualTo(expected.kind());
                assertThat(m.body()).isEqualTo(expected.body());
                assertThat(m.bodyFormat()).isEqualTo(expected.html() ? BodyFormat.HTML : BodyFormat.TEXT);
                assertThat(m.createdAt()).isEqualTo(expected.at());
                assertThat(m.attachments()).extracting(Attachment::fileName, Attachment::contentType, Attachment::size)
                        .containsExactlyElementsOf(expected.attachments().stream()
                                .map(a -> org.assertj.core.groups.Tuple.tuple(a.fileName(), a.contentType(), (long) a.bytes().length))
                                .toList());
                if (expected.kind() == MessageKind.AGENT) {
                    assertThat(m.author().name()).isEqualTo(expected.author().name());
                }
            }
        }
    }

    @Test
    void statusMapOverridesReachTheMapper() {
        PlusofonSource source = source(PlusofonSimulator.TOKEN, PlusofonSimulator.CLIENT);
        source.setStatusMap("true:agent-last=OPEN, false=RESOLVED");
        Exchange ex = exchange("23603"); // story 3: PENDING (agent wrote last)
        ex.getIn().setBody(source.fetch(ex));
        assertThat(source.map(ex).status()).isEqualTo(Status.OPEN);
        ex = exchange("23605"); // story 5: CLOSED
        ex.getIn().setBody(source.fetch(ex));
        assertThat(source.map(ex).status()).isEqualTo(Status.RESOLVED);
    }

    @Test
    void wrongTokenIsAClear401WithoutTheSecret() {
        PlusofonSource source = source("not-the-token-s3cr3t", PlusofonSimulator.CLIENT);
        assertThatThrownBy(() -> source.poll(exchange(null)).stream().map(c -> c.ticketId()).toList())
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.transient_()).isFalse();
                })
                .hasMessage("plusofon: HTTP 401: GET api/v1/ticket?state=true: Unauthenticated. (code 401)")
                .hasMessageNotContaining("s3cr3t");
        assertThat(source.toString()).doesNotContain("s3cr3t");
    }

    @Test
    void wrongClientCodeIsAClear403() {
        PlusofonSource source = source(PlusofonSimulator.TOKEN, "12345");
        assertThatThrownBy(() -> source.poll(exchange(null)).stream().map(c -> c.ticketId()).toList())
                .isInstanceOf(VendorCallException.class)
                .hasMessage("plusofon: HTTP 403: GET api/v1/ticket?state=true: "
                        + "Unknown application code in Client header (code 403)");
    }

    @Test
    void missingCredentialsFailBeforeAnyCall() {
        assertThatThrownBy(() -> source(null, PlusofonSimulator.CLIENT).poll(exchange(null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("property 'token'");
    }

    @Test
    void unknownTicketIsANonTransient404EvenThoughPlusofonSays500() {
        PlusofonSource source = source(PlusofonSimulator.TOKEN, PlusofonSimulator.CLIENT);
        assertThatThrownBy(() -> source.fetch(exchange("99999")))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.transient_()).isFalse();
                })
                .hasMessage("plusofon: HTTP 404: ticket 99999 not found (Plusofon answered HTTP 500: "
                        + "Ticket not Found (code 500, upstream HTTP/1.1 404 Not Found))");
    }

    @Test
    void serverErrorsAreTransientAndUnsafeIdsAreRefused() {
        PlusofonSource source = source(PlusofonSimulator.TOKEN, PlusofonSimulator.CLIENT);
        server.faults(new Faults(0, 1.0, 503, 0, 1, 0, 0, 1));
        assertThatThrownBy(() -> source.fetch(exchange("23601")))
                .isInstanceOfSatisfying(VendorCallException.class, e -> assertThat(e.transient_()).isTrue())
                .hasMessage("plusofon: HTTP 503: GET api/v1/ticket/23601: simulated server error (code 503)");
        server.faults(Faults.NONE);
        assertThatThrownBy(() -> source.fetch(exchange("../authuser"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void listIdsAreReadFromEveryListRendering() {
        PlusofonSource source = new PlusofonSource();
        assertThat(source.idsOf(PlusofonTicketMapperTest.fixture("list_single_ticket_22525.json"), "true"))
                .containsExactly("22525");
        assertThat(source.idsOf("{\"ticket\":[{\"@attributes\":{\"id\":\"1\"}},{\"@attributes\":{\"id\":\"2\"}}]}", "true"))
                .containsExactly("1", "2");
        assertThat(source.idsOf("[{\"id\":\"3\",\"status_ticket\":\"open\"}]", "true")).containsExactly("3");
        for (String empty : List.of("{\"ticket\":[]}", "{}", "[]", "{\"ticket\":[]}")) {
            assertThat(source.idsOf(empty, "false")).isEmpty();
        }
        assertThatThrownBy(() -> source.idsOf("{\"ticket\":[{\"subject\":\"x\"}]}", "true"))
                .hasMessage("plusofon payload at $.ticket[0].id: required value is missing");
    }
}
