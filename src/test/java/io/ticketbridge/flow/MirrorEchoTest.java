package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.ConnectorOptions;
import io.ticketbridge.connector.Connectors;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorSink;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.state.StateStore;
import io.ticketbridge.testing.MirrorParties;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mirror's echo rule where it is hard: a write of the other direction that reached the vendor but is not mapped
 * yet (its answer lost, as after a crash) is never taken for a new message or a new ticket; each sink is a new
 * instance on the same H2 file, as after a restart, so nothing rests on memory. The sandbox loses the answers after
 * applying the writes; everything is counted through the vendors' APIs.
 */
class MirrorEchoTest {
    private static final String INTO_SUPEROFFICE = "into-superoffice";
    private static final String INTO_PLUSOFON = "into-plusofon";

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private DefaultCamelContext camel;
    private JdbcStateStore store;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(Map.of());
        camel = new DefaultCamelContext();
        store = new JdbcStateStore("jdbc:h2:file:" + dir.resolve("state/ticketbridge"), "sa", "");
        store.start();
        camel.getRegistry().bind(StateStore.BEAN_NAME, store);
        // as the helpdesk component does: the HTTP client must not re-send a write whose answer was lost
        camel.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        store.close();
        sandbox.close();
    }

    @Test
    void aReplyWrittenIntoTheCustomerTicketButNotYetMappedIsNotSentBackAndIsSettledOnce() throws Exception {
        Ticket customer = read("plusofon", firstId("plusofon"));
        String agentTicket = deliver(intoSuperOffice(), customer);
        MirrorParties.superOfficeAgentWrites(sandbox.baseUrl("superoffice"), agentTicket, "Your line is fixed now.", false);
        int agentSide = read("superoffice", agentTicket).messages().size();

        // the reply reaches Plusofon, its answer is lost: the write is in doubt (intent, no mapping)
        sandbox.server("plusofon").faults(Faults.lostAnswers(1.0, Faults.LostAnswerMode.DROP, ".*/ticket/answer/.*", 1));
        assertThatThrownBy(() -> deliver(intoPlusofon(false), read("superoffice", agentTicket)))
                .isInstanceOf(VendorCallException.class);
        sandbox.server("plusofon").faults(Faults.NONE);
        Ticket withEcho = read("plusofon", customer.source().ticketId());
        assertThat(withEcho.messages()).hasSize(customer.messages().size() + 1);
        assertThat(store.intents(INTO_PLUSOFON, "superoffice", agentTicket)).isNotEmpty();

        // the customer side is read meanwhile: the unmapped post may be the echo, so nothing is written
        assertThatThrownBy(() -> deliver(intoSuperOffice(), withEcho)).isInstanceOf(VendorCallException.class)
                .hasMessageContaining("has a write into it in doubt");
        assertThat(read("superoffice", agentTicket).messages()).hasSize(agentSide);

        // the other direction's next run settles its write by reading back; then nothing moves either way
        deliver(intoPlusofon(false), read("superoffice", agentTicket));
        assertThat(store.intents(INTO_PLUSOFON, "superoffice", agentTicket)).isEmpty();
        assertThat(read("plusofon", customer.source().ticketId()).messages()).hasSize(customer.messages().size() + 1);
        deliver(intoSuperOffice(), read("plusofon", customer.source().ticketId()));
        assertThat(read("superoffice", agentTicket).messages()).hasSize(agentSide);
        deliver(intoPlusofon(false), read("superoffice", agentTicket));
        assertThat(read("plusofon", customer.source().ticketId()).messages()).hasSize(customer.messages().size() + 1);
    }

    @Test
    void aTicketWhoseCreateIsInDoubtIsNotCopiedBackAsANewTicketAndThenMapsToItsOriginal() throws Exception {
        Ticket customer = read("plusofon", firstId("plusofon"));
        sandbox.server("superoffice").faults(Faults.lostAnswers(1.0, Faults.LostAnswerMode.DROP, ".*/SaveTicketEntity", 2));
        assertThatThrownBy(() -> deliver(intoSuperOffice(), customer)).isInstanceOf(VendorCallException.class);
        sandbox.server("superoffice").faults(Faults.NONE);
        assertThat(sandbox.simulator("superoffice").ticketCount()).as("created, answer lost").isEqualTo(SeedStories.COUNT + 1);
        String made = newest("superoffice");
        assertThat(store.targetTicket(INTO_SUPEROFFICE, "plusofon", customer.source().ticketId())).isEmpty();

        // a reverse sink that creates tickets waits instead of copying it to the customer side
        assertThatThrownBy(() -> deliver(intoPlusofon(true), read("superoffice", made))).isInstanceOf(VendorCallException.class)
                .hasMessageContaining("has a create in doubt");
        assertThat(sandbox.simulator("plusofon").ticketCount()).isEqualTo(SeedStories.COUNT);

        // the forward direction's next run adopts the ticket it made; the reverse one then finds the original
        assertThat(deliver(intoSuperOffice(), customer)).isEqualTo(made);
        assertThat(sandbox.simulator("superoffice").ticketCount()).isEqualTo(SeedStories.COUNT + 1);
        assertThat(deliver(intoPlusofon(true), read("superoffice", made))).isEqualTo(customer.source().ticketId());
        assertThat(sandbox.simulator("plusofon").ticketCount()).isEqualTo(SeedStories.COUNT);
        assertThat(read("plusofon", customer.source().ticketId()).messages()).extracting(Message::id)
                .isEqualTo(customer.messages().stream().map(Message::id).toList());
    }

    @Test
    void aMirrorWhoseOtherSideCannotTellItsEchoesRefusesInsteadOfBouncing() throws Exception {
        // Thulium does not answer a written message's id: its side of a mirror could not tell echoes from news
        Ticket customer = read("plusofon", firstId("plusofon"));
        VendorSink intoThulium = sink("thulium", Map.of("stateKey", "into-thulium", "mirrorSink", INTO_PLUSOFON));
        String agentTicket = deliver(intoThulium, customer);
        VendorSink back = sink("plusofon", Map.of("stateKey", INTO_PLUSOFON, "mirrorSink", "into-thulium", "maxAttempts", "1"));
        assertThatThrownBy(() -> deliver(back, read("thulium", agentTicket))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without learning its id");
        assertThat(read("plusofon", customer.source().ticketId()).messages()).hasSameSizeAs(customer.messages());
    }

    // ---- the two directions, each a fresh instance on the same store (as after a restart) ----

    private VendorSink intoSuperOffice() {
        return sink("superoffice", Map.of("stateKey", INTO_SUPEROFFICE, "mirrorSink", INTO_PLUSOFON, "updateStatus", "false",
                "maxAttempts", "1"));
    }

    private VendorSink intoPlusofon(boolean createTickets) {
        return sink("plusofon", Map.of("stateKey", INTO_PLUSOFON, "mirrorSink", INTO_SUPEROFFICE, "kinds", "CUSTOMER,AGENT",
                "createTickets", String.valueOf(createTickets), "maxAttempts", "1"));
    }

    private VendorSink sink(String vendor, Map<String, String> options) {
        VendorSink sink = Connectors.get(vendor).newSink();
        Map<String, Object> props = new LinkedHashMap<>(Flow.params(sandbox, vendor));
        props.putAll(options);
        ConnectorOptions.bind(camel, sink, props);
        return sink;
    }

    private String deliver(VendorSink sink, Ticket ticket) {
        var exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(ticket);
        sink.deliver(exchange);
        return exchange.getIn().getHeader("TicketBridgeTargetTicketId", String.class);
    }

    private Ticket read(String vendor, String id) throws Exception {
        return Flow.read(camel, reader(vendor), id);
    }

    private VendorSource reader(String vendor) throws Exception {
        Map<String, String> p = Flow.params(sandbox, vendor);
        p.put("includeAttachments", "false");
        return Flow.sourceBean(camel, p, vendor, "read-" + vendor);
    }

    /** A ticket with more than one message, listed by the vendor. */
    private String firstId(String vendor) throws Exception {
        VendorSource r = reader(vendor);
        return Flow.readAll(camel, r).stream().filter(t -> t.messages().size() > 1).findFirst().orElseThrow().source().ticketId();
    }

    /** The vendor's ticket with the highest id. */
    private String newest(String vendor) throws Exception {
        List<String> ids = Flow.readAll(camel, reader(vendor)).stream().map(t -> t.source().ticketId()).toList();
        return ids.stream().max((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b))).orElseThrow();
    }
}
