package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.connector.VendorSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both ends misbehaving — 10% 5xx, 5% 429 with Retry-After, 5% dropped connections — and one ticket whose payload
 * always arrives cut in half: every other ticket is delivered exactly once, the broken one is a dead letter with
 * its payload, and the run goes on.
 */
class FaultsTest extends OneWayFlowTest {
    static final String FROM = "thulium";
    static final String TO = "keliweb";
    @TempDir
    Path dir;

    FaultsTest() {
        super(FROM, TO);
    }

    @Test
    void flakyVendorsStillDeliverEveryTicketOnceAndThePoisonTicketIsDeadLettered() throws Exception {
        List<String> ids;
        try (Flow probe = Flow.start(dir.resolve("probe"), "[]\n")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> probe.check() && probe.camel() != null && probe.camel().isStarted());
            VendorSource source = Flow.sourceBean(probe.camel(), sandbox, FROM, "probe");
            ids = Flow.readAll(probe.camel(), source).stream().map(t -> t.source().ticketId()).toList();
        }
        assertThat(ids).hasSize(SeedStories.COUNT);
        String poison = ids.get(7);

        Faults flaky = new Faults(0, 0.10, 503, 0.05, 1, 0, 0.05, 7, "/api/tickets/" + poison);
        sandbox.server(FROM).faults(flaky);
        sandbox.server(TO).faults(new Faults(0, 0.10, 502, 0.05, 1, 0, 0.05, 11));
        Path work = dir.resolve("flow");
        String yaml = Flow.route("faults", sandbox, FROM, Map.of("stateKey", "faults-src"), TO, Map.of("stateKey", "faults-sink"));
        try (Flow flow = Flow.start(work, yaml); JdbcStateStore store = Flow.store(work)) {
            await().atMost(Duration.ofSeconds(150)).until(() -> flow.check()
                    && ids.stream().filter(id -> !id.equals(poison)).allMatch(id -> store.delivered("faults-src", id).isPresent()));
            Path dead = work.resolve("dead-letter/thulium");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.isDirectory(dead) && count(dead) >= 1);

            assertThat(created()).isEqualTo(SeedStories.COUNT - 1);
            assertThat(store.delivered("faults-src", poison)).isEmpty();
            var letter = TicketJson.mapper().readTree(Files.readString(list(dead).get(0)));
            assertThat(letter.get("ticketId").asText()).isEqualTo(poison);
            assertThat(letter.get("payload").asText()).startsWith("{").contains("\"ticket_id\"");
            assertThat(letter.get("reason").asText()).contains("thulium payload", "not valid JSON");

            // every delivered ticket has each of its messages once in the target
            sandbox.server(FROM).faults(Faults.NONE);
            sandbox.server(TO).faults(Faults.NONE);
            VendorSource target = Flow.sourceBean(flow.camel(), sandbox, TO, "faults-readback");
            VendorSource source = Flow.sourceBean(flow.camel(), sandbox, FROM, "faults-reread");
            for (String id : ids) {
                if (!id.equals(poison)) assertSameThread(flow, store, "faults-sink", target, Flow.read(flow.camel(), source, id));
            }
        }
    }

    private static long count(Path dir) throws java.io.IOException {
        return list(dir).size();
    }

    private static List<Path> list(Path dir) throws java.io.IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).toList();
        }
    }
}
