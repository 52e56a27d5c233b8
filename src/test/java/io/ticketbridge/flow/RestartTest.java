package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.connector.VendorSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stop Camel in the middle of a poll, start it again on the same state store: every ticket is delivered exactly
 * once — no ticket lost, none created twice, no message repeated.
 */
class RestartTest extends OneWayFlowTest {
    static final String FROM = "superoffice";
    static final String TO = "keliweb";
    @TempDir
    Path dir;

    RestartTest() {
        super(FROM, TO);
    }

    @Test
    void stoppingMidPollAndStartingAgainDeliversEveryTicketExactlyOnce() throws Exception {
        String yaml = Flow.route("restart", sandbox, FROM, Map.of("stateKey", "restart-src"), TO, Map.of("stateKey", "restart-sink"));
        // slow the source down so the stop lands mid-poll
        sandbox.server(FROM).faults(new Faults(40, 0, 503, 0, 1, 0, 0, 1));
        try (Flow first = Flow.start(dir, yaml)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> first.check() && created() >= 5);
        }
        int afterStop = created();
        assertThat(afterStop).as("stopped mid-poll").isBetween(5, SeedStories.COUNT - 1);

        sandbox.server(FROM).faults(Faults.NONE);
        try (Flow second = Flow.start(dir, yaml); JdbcStateStore store = Flow.store(dir)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> second.check() && created() >= SeedStories.COUNT);
            VendorSource source = Flow.sourceBean(second.camel(), sandbox, FROM, "restart-check");
            List<Ticket> originals = Flow.readAll(second.camel(), source);
            await().atMost(Duration.ofSeconds(30)).until(() -> originals.stream()
                    .allMatch(t -> store.delivered("restart-src", t.source().ticketId()).isPresent()));
            // and further polls (every 500 ms) create nothing more
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5)).until(() -> created() == SeedStories.COUNT);

            VendorSource target = Flow.sourceBean(second.camel(), sandbox, TO, "restart-readback");
            for (Ticket original : originals) assertSameThread(second, store, "restart-sink", target, original);
        }
    }
}
