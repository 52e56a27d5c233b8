package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.VendorSink;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.connector.ConnectorOptions;
import io.ticketbridge.connector.Connectors;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.state.StateStore;
import io.ticketbridge.testing.TestStores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The process dies in the gap a create leaves: the target ticket is created (with its opening message, by the same
 * call) and nothing of it is mapped yet — the store holds only the intents. The next run must find the ticket and its
 * opening in the target instead of writing them again: the gap a SIGKILL hits more often with {@code concurrency=N},
 * N tickets being in it at once. (The sink maps the ticket and its opening in one transaction, see
 * {@link StateStore#apply}, so there is no later gap between the two.)
 */
class HaltAfterCreateTest {
    /** Thrown where the process would have died. */
    private static final class Halted extends RuntimeException {
        Halted() {
            super("halted before the create was mapped");
        }
    }

    /** The real store, except that it dies on the write that would map the created ticket, and stays dead. */
    private static StateStore haltingBeforeTheCreateIsMapped(StateStore store) {
        boolean[] dead = {false};
        return (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(), new Class<?>[] {StateStore.class},
                (proxy, method, args) -> {
                    boolean mapsTicket = method.getName().equals("mapTicket") || method.getName().equals("apply")
                            && ((List<?>) args[3]).stream().anyMatch(StateStore.TicketMapped.class::isInstance);
                    if (dead[0] || mapsTicket) {
                        dead[0] = true;
                        throw new Halted();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static VendorSink sink(DefaultCamelContext camel, Sandbox sandbox, String vendor, StateStore store) throws Exception {
        VendorSink sink = Connectors.get(vendor).newSink();
        Map<String, Object> props = new LinkedHashMap<>(Flow.params(sandbox, vendor));
        props.put("stateKey", "halt-sink");
        // Thulium has no add-comment call: notes go in as marked customer responses rather than skipped
        if (vendor.equals("thulium")) props.putAll(Map.of("noteFallback", "customer", "systemFallback", "customer"));
        ConnectorOptions.bind(camel, sink, props); // flat option names, onto the sink or its settings
        sink.setStateStore(store);
        return sink;
    }

    /** Delivers {@code ticket} through {@code sink}'s Kamelet step. */
    static void deliver(DefaultCamelContext camel, VendorSink sink, Ticket ticket) {
        var exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(ticket);
        sink.deliver(exchange);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"keliweb,thulium", "thulium,keliweb", "thulium,plusofon", "keliweb,superoffice"})
    void aRunHaltedBetweenTheCreateAndItsMappingDoesNotWriteTheTicketOrItsOpeningTwice(String from, String to) throws Exception {
        try (Sandbox sandbox = Sandbox.start(Map.of()); DefaultCamelContext camel = new DefaultCamelContext();
             JdbcStateStore store = TestStores.h2()) {
            camel.start();
            VendorSource source = Flow.sourceBean(camel, sandbox, from, "halt-read");
            source.setStateStore(store);
            String id = source.poll(new DefaultExchange(camel)).get(1).ticketId();
            Ticket original = Flow.read(camel, source, id);
            assertThat(original.messages()).hasSizeGreaterThan(1);

            assertThatThrownBy(() -> deliver(camel, sink(camel, sandbox, to, haltingBeforeTheCreateIsMapped(store)), original))
                    .isInstanceOf(Halted.class);
            deliver(camel, sink(camel, sandbox, to, store), original); // the next run

            assertThat(sandbox.simulator(to).ticketCount() - SeedStories.COUNT).as("tickets created in %s", to).isEqualTo(1);
            VendorSource target = Flow.sourceBean(camel, sandbox, to, "halt-readback");
            target.setStateStore(store);
            OneWayFlowTest.assertSameThread(camel, store, "halt-sink", target, original, from);
        }
    }
}
