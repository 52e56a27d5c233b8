package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.cli.CliRun;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.state.JdbcStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipe {@code examples/routes/folder-to-keliweb.yaml} as shipped: {@code validate} accepts it, and run against
 * the sandbox a canonical ticket and a Thulium payload dropped into the inbox become Keliweb tickets with their
 * threads, read back through Keliweb's API; dropping them again creates nothing.
 */
class FolderToKeliwebRecipeTest {
    static final Path RECIPE = Path.of("examples/routes/folder-to-keliweb.yaml");

    @TempDir
    Path dir;
    private Sandbox sandbox;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(Map.of());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void validateAcceptsTheRecipe() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.copy(RECIPE, routes.resolve(RECIPE.getFileName()));
        CliRun run = CliRun.of("", "validate", "--routes", routes.toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("OK: 1 route(s)", "folder-to-keliweb");
    }

    @Test
    void droppedTicketsBecomeKeliwebTicketsOnce() throws Exception {
        Path inbox = Files.createDirectories(dir.resolve("inbox"));
        String sink = "keliweb@" + sandbox.baseUrl("keliweb"); // the sink's state key when the route sets none
        try (Flow flow = Flow.start(dir, Files.readString(RECIPE), sandbox.connectorProperties(), Map.of());
             JdbcStateStore store = Flow.store(dir)) {
            Files.writeString(inbox.resolve("from-plusofon.json"), DropFolderTest.canonical("7001", "Our invoice is wrong."));
            Files.writeString(inbox.resolve("from-thulium.json"), DropFolderTest.thulium(4321));
            await().atMost(Duration.ofSeconds(30)).until(() -> flow.check()
                    && Files.exists(inbox.resolve(".done/from-plusofon.json")) && Files.exists(inbox.resolve(".done/from-thulium.json")));
            assertThat(sandbox.simulator("keliweb").ticketCount()).isEqualTo(SeedStories.COUNT + 2);

            VendorSource keliweb = Flow.sourceBean(flow.camel(), sandbox, "keliweb", "check");
            Ticket plusofon = Flow.read(flow.camel(), keliweb, store.targetTicket(sink, "plusofon", "7001").orElseThrow());
            assertThat(plusofon.subject()).isEqualTo("Dropped 7001");
            assertThat(plusofon.messages()).extracting(Message::body).singleElement().asString().endsWith("Our invoice is wrong.");
            Ticket thulium = Flow.read(flow.camel(), keliweb, store.targetTicket(sink, "thulium", "4321").orElseThrow());
            assertThat(thulium.subject()).isEqualTo("Example ticket subject");
            assertThat(thulium.messages()).extracting(Message::body).anyMatch(b -> b.contains("Example comment"));

            // the same files again, under other names: nothing new in Keliweb
            Files.writeString(inbox.resolve("again-plusofon.json"), DropFolderTest.canonical("7001", "Our invoice is wrong."));
            Files.writeString(inbox.resolve("again-thulium.json"), DropFolderTest.thulium(4321));
            await().atMost(Duration.ofSeconds(30)).until(() -> flow.check()
                    && Files.exists(inbox.resolve(".done/again-plusofon.json")) && Files.exists(inbox.resolve(".done/again-thulium.json")));
            assertThat(sandbox.simulator("keliweb").ticketCount()).isEqualTo(SeedStories.COUNT + 2);
        }
    }
}
