package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.ConnectorOptions;
import io.ticketbridge.connector.Connectors;
import io.ticketbridge.connector.VendorSink;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.state.StateStore;
import io.ticketbridge.testing.TestStores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sink folds a ticket's state writes into a few transactions ({@link StateStore#apply}): the intents of all its
 * writes before the first, the create's mapping, then every message mapping at once. The process dies at every one
 * of those transactions in turn — just before it (vendor writes confirmed but not mapped: the create, or all the
 * messages) and just after it (writes announced but not sent) — and the next run must leave the target holding each
 * message exactly once: counted through the target simulator's own API, no duplicate and nothing lost.
 */
class HaltBetweenFoldedWritesTest {
    private static final class Halted extends RuntimeException {
        Halted(int n) {
            super("halted at state transaction " + n);
        }
    }

    /** The real store, dying at its {@code at}-th transaction (before or right after it commits), then dead for good. */
    private static StateStore halting(StateStore store, int at, boolean afterCommit, int[] transactions) {
        boolean[] dead = {false};
        return (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(), new Class<?>[] {StateStore.class},
                (proxy, method, args) -> {
                    if (dead[0]) throw new Halted(at);
                    boolean transaction = method.getName().equals("apply");
                    if (transaction && ++transactions[0] == at && !afterCommit) {
                        dead[0] = true;
                        throw new Halted(at);
                    }
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (transaction && transactions[0] == at) {
                        dead[0] = true;
                        throw new Halted(at);
                    }
                    return result;
                });
    }

    private static VendorSink sink(DefaultCamelContext camel, Sandbox sandbox, String vendor, StateStore store) throws Exception {
        VendorSink sink = Connectors.get(vendor).newSink();
        Map<String, Object> props = new LinkedHashMap<>(Flow.params(sandbox, vendor));
        props.put("stateKey", "fold-sink");
        ConnectorOptions.bind(camel, sink, props);
        sink.setStateStore(store);
        return sink;
    }

    /** Halts at transaction {@code at}; returns false when the delivery made fewer transactions (nothing halted). */
    private static boolean haltThenRerun(String from, String to, int at, boolean afterCommit) throws Exception {
        try (Sandbox sandbox = Sandbox.start(Map.of()); DefaultCamelContext camel = new DefaultCamelContext();
             JdbcStateStore store = TestStores.h2()) {
            camel.start();
            VendorSource source = Flow.sourceBean(camel, sandbox, from, "fold-read");
            source.setStateStore(store);
            // the seed ticket with the most messages: the most folded transactions
            Ticket original = source.poll(new DefaultExchange(camel)).stream()
                    .map(change -> Flow.read(camel, source, change.ticketId()))
                    .max(Comparator.comparingInt((Ticket t) -> t.messages().size())).orElseThrow();
            assertThat(original.messages()).hasSizeGreaterThan(2);

            int[] transactions = {0};
            boolean halted;
            try {
                HaltAfterCreateTest.deliver(camel, sink(camel, sandbox, to, halting(store, at, afterCommit, transactions)), original);
                halted = false;
            } catch (Halted expected) {
                halted = true;
            }
            if (!halted) {
                assertThat(transactions[0]).as("transactions of the whole delivery").isLessThan(at);
            } else {
                HaltAfterCreateTest.deliver(camel, sink(camel, sandbox, to, store), original); // the next run
            }

            assertThat(sandbox.simulator(to).ticketCount() - SeedStories.COUNT).as("tickets created in %s", to).isEqualTo(1);
            assertThat(store.intents("fold-sink", from, original.source().ticketId())).as("writes left in doubt").isEmpty();
            VendorSource target = Flow.sourceBean(camel, sandbox, to, "fold-readback");
            target.setStateStore(store);
            OneWayFlowTest.assertSameThread(camel, store, "fold-sink", target, original, from);
            return halted;
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"thulium,keliweb", "keliweb,superoffice"})
    void aRunHaltedAtAnyFoldedTransactionWritesEachMessageExactlyOnce(String from, String to) throws Exception {
        int at = 1;
        while (haltThenRerun(from, to, at, false)) {
            assertThat(haltThenRerun(from, to, at, true)).as("halted after transaction %d", at).isTrue();
            at++;
        }
        // the intents, the create's mapping, the messages' mappings with the status
        assertThat(at - 1).as("transactions a delivery makes, each one halted at").isEqualTo(3);
    }
}
