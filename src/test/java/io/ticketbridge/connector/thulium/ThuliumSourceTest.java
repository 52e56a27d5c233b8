package io.ticketbridge.connector.thulium;

import io.ticketbridge.testing.VendorBed;
import java.util.Map;

import io.ticketbridge.sandbox.thulium.ThuliumSimulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.connector.MappingException;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only Thulium's source does, against the simulator over real HTTP (the rest: the contract suites). */
class ThuliumSourceTest {
    private VendorBed<ThuliumSimulator> bed;
    private SimServer server;
    private ThuliumSimulator sandbox;

    @BeforeEach
    void start() throws Exception {
        bed = new VendorBed<>("thulium", new ThuliumSimulator()).with("pageSize", 7); // 30 tickets: 4 full pages, 1 short
        server = bed.server;
        sandbox = bed.sandbox;
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    private ThuliumSource source(String baseUrl, String password) {
        return bed.source(Map.of("baseUrl", baseUrl, "password", password));
    }

    private ThuliumSource source() {
        return bed.source();
    }

    private Exchange exchange(Object body) {
        return bed.exchange(body);
    }

    private Ticket fetchAndMap(ThuliumSource s, String id) {
        return bed.read(s, id);
    }

    @Test
    void theSeedTicketsCarryThuliumsIdsFieldsAndStatusLog() {
        ThuliumSource s = source();
        List<String> ids = s.poll(exchange(null)).stream().map(c -> c.ticketId()).toList();
        assertThat(ids).hasSize(SeedStories.COUNT).doesNotHaveDuplicates();

        List<Ticket> tickets = new ArrayList<>();
        for (String id : ids) tickets.add(fetchAndMap(s, id));
        for (SeedStories.Story story : SeedStories.all()) {
            String id = Long.toString(ThuliumSimulator.FIRST_TICKET_ID + story.number() - 1);
            Ticket t = tickets.stream().filter(x -> x.source().ticketId().equals(id)).findFirst().orElseThrow();
            assertThat(t.source().url()).isEqualTo(server.baseUrl() + "/api/tickets/" + id);
            assertThat(t.priority()).isNull();
            assertThat(t.assignee() == null ? null : t.assignee().login())
                    .isEqualTo(story.assignee() == null ? null : story.assignee().login());
            assertThat(t.queue()).isEqualTo(story.queue());
            story.customFields().forEach((k, v) -> assertThat(t.customFields()).containsEntry(k, v));
            assertThat(t.updatedAt()).isEqualTo(story.updatedAt());
            assertThat(t.closedAt()).isEqualTo(story.closedAt());

            // the story's own messages, in order, plus the status-change log Thulium keeps
            List<Message> own = t.messages().stream().filter(m -> m.kind() != MessageKind.SYSTEM).toList();
            assertThat(own).hasSameSizeAs(story.messages());
            for (int i = 0; i < own.size(); i++) {
                SeedStories.StoryMessage sm = story.messages().get(i);
                Message m = own.get(i);
                assertThat(m.bodyFormat()).as("detected format of %s", m.body()).isEqualTo(sm.html() ? BodyFormat.HTML : BodyFormat.TEXT);
                assertThat(m.attachments()).hasSameSizeAs(sm.attachments());
            }
            long system = t.messages().stream().filter(m -> m.kind() == MessageKind.SYSTEM).count();
            assertThat(system).isEqualTo(story.status() == Status.NEW || story.status() == Status.OPEN ? 0 : 1);
        }
    }

    @Test
    void wrongPasswordIsOneClearVendorCallExceptionWithoutTheSecret() {
        ThuliumSource s = source(server.baseUrl(), "hunter2-wrong");
        assertThatThrownBy(() -> s.poll(exchange(null)).stream().map(c -> c.ticketId()).toList())
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.transient_()).isFalse();
                })
                .hasMessageMatching("thulium: HTTP 401: GET /api/tickets: Invalid API user or password\\. \\(code 401\\) \\[request_id [0-9a-f]{13}]")
                .hasMessageNotContaining("hunter2");
        assertThat(s.toString()).doesNotContain("hunter2");
    }

    @Test
    void missingCredentialsFailBeforeAnyCall() {
        ThuliumSource s = source();
        s.settings().setPassword(null);
        assertThatThrownBy(() -> s.poll(exchange(null)).stream().map(c -> c.ticketId()).toList()).isInstanceOf(VendorCallException.class)
                .hasMessageContaining("username and password must be set");
    }

    @Test
    void unknownTicketAndServerErrorsAreVendorCallExceptionsWithThuliumsMessage() {
        ThuliumSource s = source();
        assertThatThrownBy(() -> s.fetch(exchange("999999")))
                .isInstanceOfSatisfying(VendorCallException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessageContaining("GET /api/tickets/999999: Ticket 999999 not found. (code 404) [request_id ");
        server.faults(new Faults(0, 0, 503, 1.0, 1, 0, 0, 1));
        assertThatThrownBy(() -> s.fetch(exchange("1001")))
                .isInstanceOfSatisfying(VendorCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isEqualTo("1");
                    assertThat(e.transient_()).isTrue();
                });
    }

    @Test
    void aTruncatedAnswerIsAMappingExceptionAtTheRoot() {
        ThuliumSource s = source();
        server.faults(new Faults(0, 0, 503, 0, 1, 1.0, 0, 1));
        Exchange ex = exchange("1001");
        ex.getIn().setBody(s.fetch(ex));
        assertThatThrownBy(() -> s.map(ex)).isInstanceOf(MappingException.class)
                .hasMessageStartingWith("thulium payload at $: not valid JSON");
    }

    @Test
    void pageSizeAboveThuliumsMaximumIsRefused() {
        ThuliumSource s = source();
        s.setPageSize(101);
        assertThatThrownBy(() -> s.poll(exchange(null)).stream().map(c -> c.ticketId()).toList()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pageSize must be between 1 and 100");
    }

    @Test
    void statusMapAndTimeZoneFromTheKameletPropertiesApply() {
        ThuliumSource s = source();
        s.setStatusMap("Nowe=OPEN");
        s.setTimeZone("UTC");
        Ticket t = fetchAndMap(s, "1001");
        assertThat(t.status()).isEqualTo(Status.OPEN);
        assertThat(t.createdAt()).isEqualTo(SeedStories.all().get(0).createdAt().plusSeconds(3600)); // 09:15 read as UTC
    }

    @Test
    void referenceErrorEnvelopeBecomesOneLine() {
        String body = ThuliumTicketMapperTest.resource("/reference-payloads/thulium/error_response.json");
        assertThat(ThuliumClient.describe(body)).isEqualTo(
                "Wrong format of phone number. (code 111111); Duplicated customer name. (code 222222) [request_id 53678450401cf]");
        assertThat(ThuliumClient.describe("<html><body>Bad   Gateway</body></html>"))
                .isEqualTo("unexpected answer: <html><body>Bad Gateway</body></html>");
        assertThat(ThuliumClient.describe("")).isEqualTo("empty answer");
    }

    /**
     * A ticket modified while the sweep pages jumps to the front (newest modification first) and would be skipped;
     * the id seen twice gives it away and the sweep runs again. A proxy in front of the sandbox modifies the
     * oldest ticket right after the first page has been served.
     */
    @Test
    void aTicketThatJumpsToTheFrontDuringTheSweepIsStillListed() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        AtomicInteger listCalls = new AtomicInteger();
        SimServer proxy = new SimServer("thulium-proxy", 0);
        proxy.route("GET", "/api/tickets", ex -> {
            try {
                forward(client, ex, listCalls.incrementAndGet());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        });
        proxy.start();
        try {
            List<String> ids = source(proxy.baseUrl(), sandbox.credentials().get("password")).poll(exchange(null)).stream().map(c -> c.ticketId()).toList();
            assertThat(ids).hasSize(30).doesNotHaveDuplicates().contains("1001");
            assertThat(listCalls.get()).isGreaterThan(5); // one sweep is 5 pages: a second one ran
        } finally {
            proxy.close();
        }
    }

    private void forward(HttpClient client, io.ticketbridge.sandbox.SimExchange ex, int call) throws IOException, InterruptedException {
        if (call == 2) {
            // 1001 is the oldest, i.e. on the last page: a reply moves it to the front
            client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/tickets/1001/agent_response"))
                    .header("Authorization", ex.header("Authorization")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"x\",\"user_login\":\"akowalski\"}")).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + ex.path() + "?"
                            + ex.query().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                            .reduce((a, b) -> a + "&" + b).orElse("")))
                    .header("Authorization", ex.header("Authorization")).build(), HttpResponse.BodyHandlers.ofString());
        ex.json(r.statusCode(), r.body());
    }
}
