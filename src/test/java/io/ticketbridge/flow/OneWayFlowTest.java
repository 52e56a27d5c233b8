package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.state.StateStore.Outcome;
import io.ticketbridge.connector.VendorSource;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** One vendor flowing into another on a fresh sandbox per test, and how to compare what arrived. */
abstract class OneWayFlowTest {
    protected Sandbox sandbox;
    private final String from;
    private final String to;

    /** @param from the vendor tickets come from; @param to the one they go to */
    OneWayFlowTest(String from, String to) {
        this.from = from;
        this.to = to;
    }

    protected String from() {
        return from;
    }

    protected String to() {
        return to;
    }

    @BeforeEach
    void startSandbox() throws Exception {
        sandbox = Sandbox.start(Map.of());
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    /** Tickets the sink created in the target so far. */
    protected int created() {
        return sandbox.simulator(to()).ticketCount() - SeedStories.COUNT;
    }

    /** Source messages the sink recorded as skipped (its documented policy for what the target cannot hold). */
    static Set<String> skipped(JdbcStateStore store, String sink, String system, String sourceTicketId) {
        return store.messages(sink, system, sourceTicketId).entrySet().stream()
                .filter(e -> e.getValue().outcome() == Outcome.SKIPPED).map(Map.Entry::getKey).collect(Collectors.toSet());
    }

    /** The target's copy of {@code original}, read back through the target's own source, has the same thread. */
    protected void assertSameThread(Flow flow, JdbcStateStore store, String sink, VendorSource target, Ticket original) {
        assertSameThread(flow, store, sink, target, original, from());
    }

    static void assertSameThread(Flow flow, JdbcStateStore store, String sink, VendorSource target, Ticket original, String from) {
        assertSameThread(flow.camel(), store, sink, target, original, from);
    }

    static void assertSameThread(CamelContext camel, JdbcStateStore store, String sink, VendorSource target, Ticket original, String from) {
        String id = original.source().ticketId();
        Ticket copy = Flow.read(camel, target, store.targetTicket(sink, from, id).orElseThrow());
        // a target that cannot carry an attachment on some message kind says so in the text (its documented policy)
        assertThat(TicketText.copy(copy).stream().map(t -> t.replaceAll("\\s*\\[Attachment not carried over: [^\\]]*\\]", "")).toList())
                .as("ticket %s", id)
                .isEqualTo(TicketText.original(original, skipped(store, sink, from, id)));
    }
}
