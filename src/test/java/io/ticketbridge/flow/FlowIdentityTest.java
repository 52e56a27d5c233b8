package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.testing.TestFiles;
import io.ticketbridge.testing.ThuliumCustomer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose ledger a Kamelet source uses: its {@code stateKey}, else the id of the route that uses it — never an id
 * Camel made up. Thulium sandbox over HTTP → JSON files; one state store per test, across runs of Camel Main.
 */
class FlowIdentityTest {
    private static final String VENDOR = "thulium";
    @TempDir
    Path dir;
    private Sandbox sandbox;

    @BeforeEach
    void startSandbox() throws Exception {
        sandbox = Sandbox.start(Map.of());
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    /** A file sink's directory. */
    private Path out(String name) {
        return dir.resolve("out").resolve(name);
    }

    /** The tickets the file sink writing to {@code out(name)} left there. */
    private Path files(String name) {
        return out(name).resolve(VENDOR);
    }

    private static List<String> ids(Path files) {
        return TestFiles.json(files).stream().map(p -> p.getFileName().toString().replace(".json", "")).toList();
    }

    private static void awaitAll(Flow flow, Path files) {
        await().atMost(Duration.ofSeconds(60)).until(() -> flow.check() && TestFiles.countJson(files) >= SeedStories.COUNT);
    }

    /** A ticket changed after the route started arrives in {@code files}, and nothing else does. */
    private void onlyTheChangedTicketArrives(Flow flow, Path files) throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> flow.check() && flow.camel().getRoutes().size() >= 3);
        ThuliumCustomer.writes(sandbox.baseUrl(VENDOR), "1005", "Still there?");
        await().atMost(Duration.ofSeconds(30)).until(() -> flow.check() && Files.exists(files.resolve("1005.json")));
        // several more polls (every 500 ms): still only the changed ticket
        await().during(Duration.ofMillis(2000)).atMost(Duration.ofSeconds(5)).until(() -> ids(files).equals(List.of("1005")));
        assertThat(TicketJson.read(Files.readString(files.resolve("1005.json"))).messages())
                .anyMatch(m -> m.body().contains("Still there?"));
    }

    @Test
    void aNewRouteOnAnAccountAnotherRouteReadGetsItsOwnLedgerAndEveryTicket() throws Exception {
        try (Flow first = Flow.start(dir, Flow.toFiles("thulium-to-dir-y", sandbox, VENDOR, Map.of(), out("y")))) {
            awaitAll(first, files("y"));
        }
        try (Flow second = Flow.start(dir, Flow.toFiles("thulium-to-keliweb-migration", sandbox, VENDOR, Map.of(), out("z")))) {
            awaitAll(second, files("z"));
        }
        assertThat(ids(files("z"))).hasSize(SeedStories.COUNT).isEqualTo(ids(files("y")));
        try (JdbcStateStore store = Flow.store(dir)) {
            for (String id : ids(files("y"))) {
                assertThat(store.delivered("thulium-to-dir-y", id)).as("ledger of the first route, %s", id).isPresent();
                assertThat(store.delivered("thulium-to-keliweb-migration", id)).as("ledger of the second, %s", id).isPresent();
            }
        }
    }

    @Test
    void editingARoutesSinkDirectoryDoesNotSendAgain() throws Exception {
        try (Flow first = Flow.start(dir, Flow.toFiles("thulium-to-files", sandbox, VENDOR, Map.of(), out("before")))) {
            awaitAll(first, files("before"));
        }
        try (Flow edited = Flow.start(dir, Flow.toFiles("thulium-to-files", sandbox, VENDOR, Map.of(), out("after")))) {
            onlyTheChangedTicketArrives(edited, files("after"));
        }
    }

    @Test
    void aRouteRenamedWithTheSameStateKeyDeliversNothingAgain() throws Exception {
        Map<String, String> key = Map.of("stateKey", "thulium-export");
        try (Flow first = Flow.start(dir, Flow.toFiles("nightly-export", sandbox, VENDOR, key, out("before")))) {
            awaitAll(first, files("before"));
        }
        try (Flow renamed = Flow.start(dir, Flow.toFiles("thulium-export-renamed", sandbox, VENDOR, key, out("after")))) {
            onlyTheChangedTicketArrives(renamed, files("after"));
        }
        try (JdbcStateStore store = Flow.store(dir)) {
            assertThat(store.delivered("thulium-export", "1005")).isPresent();
            assertThat(store.delivered("nightly-export", "1005")).as("the route id is not the key here").isEmpty();
        }
    }

    @Test
    void twinRoutesWithIdenticalParametersBothRunAndBothDeliverEveryTicket() throws Exception {
        String twins = Flow.toFiles("thulium-twin-a", sandbox, VENDOR, Map.of(), out("a"))
                + Flow.toFiles("thulium-twin-b", sandbox, VENDOR, Map.of(), out("b"));
        try (Flow flow = Flow.start(dir, twins)) {
            awaitAll(flow, files("a"));
            awaitAll(flow, files("b"));
        }
        assertThat(ids(files("b"))).hasSize(SeedStories.COUNT).isEqualTo(ids(files("a")));
        try (JdbcStateStore store = Flow.store(dir)) {
            for (String id : ids(files("a"))) {
                assertThat(store.delivered("thulium-twin-a", id)).as("twin a, %s", id).isPresent();
                assertThat(store.delivered("thulium-twin-b", id)).as("twin b, %s", id).isPresent();
            }
        }
    }
}
