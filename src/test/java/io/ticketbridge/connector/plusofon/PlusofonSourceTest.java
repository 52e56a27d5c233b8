package io.ticketbridge.connector.plusofon;

import io.ticketbridge.testing.VendorBed;
import java.util.HashMap;
import java.util.Map;

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
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorSource;
import java.util.List;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only Plusofon's source does, against the simulator over real HTTP (the rest: the contract suites). */
class PlusofonSourceTest {
    private VendorBed<PlusofonSimulator> bed;

    @BeforeEach
    void start() throws Exception {
        bed = new VendorBed<>("plusofon", new PlusofonSimulator());
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private PlusofonSource source(String token, String clientId) {
        Map<String, String> settings = new HashMap<>(Map.of("clientId", clientId));
        settings.put("token", token);
        return bed.source(settings);
    }

    private Exchange exchange(Object body) {
        return bed.exchange(body);
    }

    /** What the contract does not check: ids by story, the API address, times derived from the posts, agent names. */
    @Test
    void theSeedTicketsCarryPlusofonsIdsAddressesAndDerivedTimes() {
        PlusofonSource source = source(PlusofonSimulator.TOKEN, PlusofonSimulator.CLIENT);
        for (String id : source.poll(exchange(null)).stream().map(c -> c.ticketId()).toList()) {
            Ticket t = bed.read(source, id);
            SeedStories.Story story = SeedStories.all().get(Integer.parseInt(id) - PlusofonSimulator.FIRST_TICKET_ID - 1);
            List<SeedStories.StoryMessage> visible = story.messages().stream()
                    .filter(m -> m.kind() != MessageKind.NOTE).toList(); // the customer side has no notes
            String what = "story " + story.number();
            assertThat(t.source().url()).isEqualTo(bed.server.baseUrl() + "/api/v1/ticket/" + id);
            assertThat(t.subject()).as(what).isEqualTo(story.subject());
            assertThat(t.updatedAt()).as(what).isEqualTo(visible.get(visible.size() - 1).at());
            assertThat(t.closedAt()).as(what).isEqualTo(t.status() == Status.CLOSED ? t.updatedAt() : null);
            for (int i = 0; i < visible.size(); i++) {
                SeedStories.StoryMessage expected = visible.get(i);
                Message m = t.messages().get(i);
                assertThat(m.attachments()).extracting(Attachment::contentType, Attachment::size)
                        .containsExactlyElementsOf(expected.attachments().stream()
                                .map(a -> org.assertj.core.groups.Tuple.tuple(a.contentType(), (long) a.bytes().length))
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
    void aServerErrorIsOneLineWithPlusofonsEnvelope() {
        PlusofonSource source = source(PlusofonSimulator.TOKEN, PlusofonSimulator.CLIENT);
        bed.server.faults(new Faults(0, 1.0, 503, 0, 1, 0, 0, 1));
        assertThatThrownBy(() -> source.fetch(exchange("23601")))
                .isInstanceOfSatisfying(VendorCallException.class, e -> assertThat(e.transient_()).isTrue())
                .hasMessage("plusofon: HTTP 503: GET api/v1/ticket/23601: simulated server error (code 503)");
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
