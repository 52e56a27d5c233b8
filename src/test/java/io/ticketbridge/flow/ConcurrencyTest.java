package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.testing.TestFiles;
import io.ticketbridge.testing.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code concurrency=N} on the source: up to N tickets of a poll at once, with every guarantee of one at a time —
 * each ticket delivered once with its messages in order (counted by the target simulator and read back through the
 * target's API), a failed ticket holding the cursor and dead-lettered with its raw payload, Camel stopped mid-poll
 * leaving the rest, a route stopped alone finishing its poll. That the tickets really overlap is shown by the
 * simulators themselves: with latency on every call, the most requests they served at one moment.
 */
class ConcurrencyTest {
    private static final int TICKETS = 200;
    private static final String FROM = "thulium";
    private static final String TO = "keliweb";

    @TempDir
    Path dir;

    private static Faults latency(long ms) {
        return new Faults(ms, 0, 503, 0, 1, 0, 0, 1);
    }

    /** The source's ticket ids, listed from a context of the test's own (so the flow's simulator stats stay its own). */
    private static List<String> sourceIds(Sandbox sandbox) throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            TestStores.bindH2(camel);
            camel.start();
            VendorSource source = Flow.sourceBean(camel, sandbox, FROM, "list");
            return source.poll(new DefaultExchange(camel)).stream().map(VendorSource.Change::ticketId).toList();
        }
    }

    private static long delivered(JdbcStateStore store, String flow, List<String> ids) {
        return ids.stream().filter(id -> store.delivered(flow, id).isPresent()).count();
    }

    private static int created(Sandbox sandbox) {
        return sandbox.simulator(TO).ticketCount() - TICKETS;
    }

    private static Map<String, String> source(String stateKey, int concurrency) {
        return Map.of("stateKey", stateKey, "concurrency", Integer.toString(concurrency));
    }

    @Test
    void eightAtOnceDeliverEveryTicketOnceWithItsMessagesInOrder() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Map.of(), TICKETS)) {
            List<String> ids = sourceIds(sandbox);
            assertThat(ids).hasSize(TICKETS);
            sandbox.server(FROM).faults(latency(20));
            sandbox.server(TO).faults(latency(20));
            sandbox.server(FROM).resetStats();
            sandbox.server(TO).resetStats();
            String yaml = Flow.route("conc", sandbox, FROM, source("conc-src", 8), TO, Map.of("stateKey", "conc-sink"));
            try (Flow flow = Flow.start(dir, yaml); JdbcStateStore store = Flow.store(dir)) {
                await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                        .until(() -> flow.check() && delivered(store, "conc-src", ids) == TICKETS);
                await().atMost(Duration.ofSeconds(10)).until(() -> store.cursor("conc-src#cursor").isPresent());

                long fetchesAtOnce = sandbox.server(FROM).stats().maxInFlight();
                long writesAtOnce = sandbox.server(TO).stats().maxInFlight();
                System.out.printf("concurrency 8: at most %d requests at once on %s, %d on %s%n", fetchesAtOnce, FROM, writesAtOnce, TO);
                assertThat(fetchesAtOnce).as("requests to %s at one moment", FROM).isBetween(2L, 8L);
                assertThat(writesAtOnce).as("requests to %s at one moment", TO).isBetween(2L, 8L);

                sandbox.server(FROM).faults(Faults.NONE);
                sandbox.server(TO).faults(Faults.NONE);
                assertThat(created(sandbox)).as("tickets created in %s", TO).isEqualTo(TICKETS);
                assertThat(TestFiles.countJson(dir.resolve("dead-letter/" + FROM))).as("dead letters").isZero();
                VendorSource original = Flow.sourceBean(flow.camel(), sandbox, FROM, "conc-reread");
                VendorSource target = Flow.sourceBean(flow.camel(), sandbox, TO, "conc-readback");
                for (String id : ids) {
                    OneWayFlowTest.assertSameThread(flow, store, "conc-sink", target, Flow.read(flow.camel(), original, id), FROM);
                }
            }
        }
    }

    /** The pool is bounded: never more tickets at once than asked for, and one at a time by default. */
    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = {1, 3})
    void neverMoreRequestsAtOnceThanTicketsAllowed(int concurrency) throws Exception {
        try (Sandbox sandbox = Sandbox.start(Map.of())) {
            sandbox.server(FROM).faults(latency(20));
            Path files = dir.resolve("tickets");
            String yaml = Flow.toFiles("bound", sandbox, FROM, source("bound-src", concurrency), files);
            try (Flow flow = Flow.start(dir, yaml)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> flow.check()
                        && TestFiles.countJson(files.resolve(FROM)) == SeedStories.COUNT);
                long atOnce = sandbox.server(FROM).stats().maxInFlight();
                if (concurrency == 1) assertThat(atOnce).as("requests at one moment").isEqualTo(1);
                else assertThat(atOnce).as("requests at one moment").isBetween(2L, (long) concurrency);
            }
        }
    }

    @Test
    void aTicketFailingAmongEightHoldsTheCursorAndIsDeadLetteredWithItsRawPayloadWhileTheOthersAreDelivered() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Map.of())) {
            List<String> ids = sourceIds(sandbox);
            String poisoned = ids.get(ids.size() / 2);
            // its answers cut in half: it cannot be mapped
            sandbox.server(FROM).faults(new Faults(10, 0, 503, 0, 1, 0, 0, 1, "/api/tickets/" + poisoned));
            Path files = dir.resolve("tickets");
            String yaml = Flow.toFiles("fail", sandbox, FROM, source("fail-src", 8), files);
            try (Flow flow = Flow.start(dir, yaml); JdbcStateStore store = Flow.store(dir)) {
                Path dead = dir.resolve("dead-letter/" + FROM);
                await().atMost(Duration.ofSeconds(60)).until(() -> flow.check()
                        && TestFiles.countJson(files.resolve(FROM)) == ids.size() - 1 && TestFiles.countJson(dead) == 1);
                // two more polls: they fetch only the failed ticket again, and the cursor still has not moved
                long requests = sandbox.server(FROM).stats().requests();
                await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.server(FROM).stats().requests() >= requests + 4);
                assertThat(store.cursor("fail-src#cursor")).as("cursor while a ticket fails").isEmpty();
                assertThat(delivered(store, "fail-src", ids)).isEqualTo(ids.size() - 1);
                assertThat(store.delivered("fail-src", poisoned)).isEmpty();

                JsonNode letter = TicketJson.mapper().readTree(Files.readString(TestFiles.json(dead).get(0)));
                assertThat(letter.path("ticketId").asText()).isEqualTo(poisoned);
                assertThat(letter.path("step").asText()).isEqualTo("map");
                String payload = letter.path("payload").asText();
                assertThat(payload).as("the raw payload as the vendor sent it").startsWith("{").contains(poisoned);
                assertThat(Files.exists(files.resolve(FROM + "/" + poisoned + ".json"))).isFalse();

                sandbox.server(FROM).faults(Faults.NONE);
                await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(files.resolve(FROM + "/" + poisoned + ".json"))
                        && store.cursor("fail-src#cursor").isPresent());
            }
        }
    }

    @Test
    void camelStoppedMidPollLeavesTheRestAndTheNextRunDeliversItOnce() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Map.of(), TICKETS)) {
            List<String> ids = sourceIds(sandbox);
            sandbox.server(FROM).faults(latency(20));
            sandbox.server(TO).faults(latency(20));
            String yaml = Flow.route("stop", sandbox, FROM, source("stop-src", 8), TO, Map.of("stateKey", "stop-sink"));
            try (Flow first = Flow.start(dir, yaml); JdbcStateStore store = Flow.store(dir)) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                        .until(() -> first.check() && delivered(store, "stop-src", ids) >= 16);
            }
            try (JdbcStateStore store = Flow.store(dir)) {
                long done = delivered(store, "stop-src", ids);
                assertThat(done).as("delivered when Camel stopped").isBetween(16L, TICKETS - 1L);
                assertThat(store.cursor("stop-src#cursor")).as("the cursor of a poll stopped short").isEmpty();
                for (String id : ids) {
                    if (store.delivered("stop-src", id).isPresent()) {
                        assertThat(store.targetTicket("stop-sink", FROM, id)).as("ticket %s marked delivered", id).isPresent();
                    }
                }
            }

            sandbox.server(FROM).faults(Faults.NONE);
            sandbox.server(TO).faults(Faults.NONE);
            try (Flow second = Flow.start(dir, yaml); JdbcStateStore store = Flow.store(dir)) {
                await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(500))
                        .until(() -> second.check() && delivered(store, "stop-src", ids) == TICKETS);
                await().atMost(Duration.ofSeconds(10)).until(() -> store.cursor("stop-src#cursor").isPresent());
                await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> created(sandbox) == TICKETS);
                VendorSource original = Flow.sourceBean(second.camel(), sandbox, FROM, "stop-reread");
                VendorSource target = Flow.sourceBean(second.camel(), sandbox, TO, "stop-readback");
                for (String id : ids) {
                    OneWayFlowTest.assertSameThread(second, store, "stop-sink", target, Flow.read(second.camel(), original, id), FROM);
                }
            }
        }
    }

    /** A live edit stops the route alone: the poll it was in finishes first, cursor included. */
    @Test
    void aRouteStoppedAloneFinishesItsPollOfEight() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Map.of(), TICKETS)) {
            List<String> ids = sourceIds(sandbox);
            sandbox.server(FROM).faults(latency(50));
            Path files = dir.resolve("tickets");
            Map<String, String> params = new LinkedHashMap<>(Flow.params(sandbox, FROM));
            params.putAll(Map.of("delay", "500", "stateKey", "alone-src", "concurrency", "8"));
            String yaml = "- route:\n    id: alone\n    from:\n      uri: helpdesk:" + FROM + "\n      parameters:\n"
                    + Flow.yamlParams(params, "        ")
                    + "      steps:\n        - to:\n            uri: kamelet:ticket-file-sink\n            parameters:\n"
                    + "              directory: \"" + files + "\"\n";
            try (Flow flow = Flow.start(dir, yaml); JdbcStateStore store = Flow.store(dir)) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                        .until(() -> flow.check() && TestFiles.countJson(files.resolve(FROM)) >= 16);
                assertThat(TestFiles.countJson(files.resolve(FROM))).as("written when the route is stopped").isLessThan(TICKETS);
                flow.camel().getRouteController().stopRoute("alone");

                assertThat(TestFiles.countJson(files.resolve(FROM))).as("written once the route stopped").isEqualTo(TICKETS);
                assertThat(delivered(store, "alone-src", ids)).isEqualTo(TICKETS);
                assertThat(store.cursor("alone-src#cursor")).as("the cursor of the finished poll").isPresent();
            }
        }
    }
}
