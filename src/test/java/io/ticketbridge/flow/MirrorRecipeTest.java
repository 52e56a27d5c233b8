package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.cli.CliRun;
import io.ticketbridge.cli.TestRunSettings;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.state.StateStore;
import io.ticketbridge.testing.MirrorParties;
import io.ticketbridge.testing.RunningMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipe {@code examples/routes/plusofon-superoffice-mirror.yaml} as shipped, validated and run against the
 * sandbox with a real H2 state store, everything counted through the two vendors' own APIs: each customer ticket
 * appears once in SuperOffice; an agent's reply appears once in the customer's ticket and its internal note not at
 * all; nothing bounces over many poll rounds on both sides, nor after a restart; a customer follow-up appears once.
 */
class MirrorRecipeTest {
    static final Path RECIPE = Path.of("examples/routes/plusofon-superoffice-mirror.yaml");
    private static final String INTO_SUPEROFFICE = "mirror-into-superoffice";
    private static final int SEEDS = SeedStories.COUNT;

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private final AtomicInteger reads = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("routes"));
        Files.copy(RECIPE, dir.resolve("routes").resolve(RECIPE.getFileName()));
        sandbox = Sandbox.start(Map.of()); // any free ports
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void validateAcceptsTheRecipe() {
        CliRun run = CliRun.of("", "validate", "--routes", dir.resolve("routes").toString());
        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("OK: 2 route(s)", "plusofon-to-superoffice-mirror", "superoffice-to-plusofon-mirror");
    }

    @Test
    void customerTicketsAndAgentRepliesCrossOnceAndNothingBouncesAcrossPollRoundsAndARestart() throws Exception {
        Map<String, List<String>> plusofon;
        Map<String, List<String>> superoffice;
        String customerTicket;
        String agentTicket;
        try (RunningMain run = RunningMain.start(main("first"))) {
            // every customer ticket once in SuperOffice, with its whole thread; SuperOffice's own tickets stay there
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> run.check() && sandbox.simulator("superoffice").ticketCount() == 2 * SEEDS);
            Snapshot first = stable(run);
            plusofon = first.plusofon();
            superoffice = first.superoffice();
            assertThat(plusofon).hasSize(SEEDS);
            assertThat(superoffice).hasSize(2 * SEEDS);
            StateStore store = store(run);
            for (var p : plusofon.entrySet()) {
                String t = store.targetTicket(INTO_SUPEROFFICE, "plusofon", p.getKey()).orElseThrow();
                assertThat(superoffice.get(t)).as("plusofon ticket %s in superoffice ticket %s", p.getKey(), t)
                        .hasSameSizeAs(p.getValue());
            }
            assertThat(texts(run, "plusofon")).as("no post came back").isEqualTo(plusofonSeedTexts(run));

            // an agent answers one mirrored ticket and adds an internal note
            customerTicket = plusofon.keySet().iterator().next();
            agentTicket = store.targetTicket(INTO_SUPEROFFICE, "plusofon", customerTicket).orElseThrow();
            MirrorParties.superOfficeAgentWrites(sandbox.baseUrl("superoffice"), agentTicket, "We replaced the router, please try again.", false);
            MirrorParties.superOfficeAgentWrites(sandbox.baseUrl("superoffice"), agentTicket, "Internal: router batch 7 is faulty.", true);
            String ct = customerTicket;
            int expected = plusofon.get(ct).size() + 1;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> run.check() && ticket(run, "plusofon", ct).messages().size() == expected);
            Snapshot replied = stable(run);
            assertThat(replied.plusofon().get(customerTicket)).hasSize(plusofon.get(customerTicket).size() + 1);
            assertThat(replied.superoffice().get(agentTicket)).as("reply and note, nothing echoed")
                    .hasSize(superoffice.get(agentTicket).size() + 2);
            assertThat(counts(replied.plusofon())).isEqualTo(with(counts(plusofon), customerTicket, 1));
            assertThat(counts(replied.superoffice())).isEqualTo(with(counts(superoffice), agentTicket, 2));
            Ticket answered = ticket(run, "plusofon", customerTicket);
            Message reply = answered.messages().get(answered.messages().size() - 1);
            assertThat(reply.body()).contains("[Agent reply by Olga Agent", "We replaced the router, please try again.")
                    .doesNotContain("router batch 7");
            plusofon = replied.plusofon();
            superoffice = replied.superoffice();
        }

        // restarted on the same state: several rounds on both sides change nothing
        try (RunningMain run = RunningMain.start(main("second"))) {
            await().atMost(Duration.ofSeconds(30)).until(() -> run.check() && run.main().getCamelContext() != null
                    && run.main().getCamelContext().isStarted());
            Snapshot after = stable(run);
            assertThat(after.plusofon()).as("plusofon after a restart").isEqualTo(plusofon);
            assertThat(after.superoffice()).as("superoffice after a restart").isEqualTo(superoffice);

            // the customer follows up: once in SuperOffice, in the same ticket, and not back
            MirrorParties.plusofonCustomerWrites(sandbox.baseUrl("plusofon"), customerTicket, "Still broken after the router swap.");
            String at = agentTicket;
            int before = superoffice.get(agentTicket).size();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> run.check() && ticket(run, "superoffice", at).messages().size() > before);
            Snapshot followed = stable(run);
            assertThat(counts(followed.plusofon())).isEqualTo(with(counts(plusofon), customerTicket, 1));
            assertThat(counts(followed.superoffice())).isEqualTo(with(counts(superoffice), agentTicket, 1));
            Ticket inSuperOffice = ticket(run, "superoffice", agentTicket);
            assertThat(inSuperOffice.messages().get(inSuperOffice.messages().size() - 1).body())
                    .contains("Still broken after the router swap.");
        }
        Path deadLetters = dir.resolve("data/dead-letter");
        try (Stream<Path> files = Files.isDirectory(deadLetters) ? Files.walk(deadLetters) : Stream.empty()) {
            assertThat(files.filter(Files::isRegularFile)).as("no ticket failed").isEmpty();
        }
    }

    /** Every ticket's message ids of both accounts, read through their APIs. */
    record Snapshot(Map<String, List<String>> plusofon, Map<String, List<String>> superoffice) {
    }

    /**
     * A snapshot once both accounts stayed the same over eight poll periods (each route polls every second): three
     * equal snapshots four seconds apart.
     */
    private Snapshot stable(RunningMain run) throws Exception {
        AtomicReference<Snapshot> last = new AtomicReference<>(snapshot(run));
        AtomicInteger same = new AtomicInteger();
        await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ofSeconds(4)).pollInterval(Duration.ofSeconds(4)).until(() -> {
            run.check();
            Snapshot now = snapshot(run);
            if (now.equals(last.getAndSet(now))) same.incrementAndGet();
            else same.set(0);
            return same.get() >= 2;
        });
        return last.get();
    }

    private Snapshot snapshot(RunningMain run) {
        return new Snapshot(messageIds(run, "plusofon"), messageIds(run, "superoffice"));
    }

    private Map<String, List<String>> messageIds(RunningMain run, String vendor) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Ticket t : Flow.readAll(camel(run), reader(run, vendor))) {
            out.put(t.source().ticketId(), t.messages().stream().map(Message::id).toList());
        }
        return out;
    }

    private Map<String, List<String>> texts(RunningMain run, String vendor) {
        Map<String, List<String>> out = new TreeMap<>();
        for (Ticket t : Flow.readAll(camel(run), reader(run, vendor))) {
            out.put(t.source().ticketId(), t.messages().stream().map(Message::body).toList());
        }
        return out;
    }

    /** The sandbox's Plusofon tickets as seeded, read through its API from a fresh sandbox. */
    private Map<String, List<String>> plusofonSeedTexts(RunningMain run) throws Exception {
        try (Sandbox fresh = Sandbox.start(Map.of())) {
            VendorSource source = Flow.sourceBean(camel(run), params(fresh, "plusofon"), "plusofon", "seed-" + reads.incrementAndGet());
            Map<String, List<String>> out = new TreeMap<>();
            for (Ticket t : Flow.readAll(camel(run), source)) {
                out.put(t.source().ticketId(), t.messages().stream().map(Message::body).toList());
            }
            return out;
        }
    }

    private Ticket ticket(RunningMain run, String vendor, String id) throws Exception {
        return Flow.read(camel(run), reader(run, vendor), id);
    }

    /** A source bean on the account with a state key of its own each time, so it lists every ticket. */
    private VendorSource reader(RunningMain run, String vendor) {
        try {
            return Flow.sourceBean(camel(run), params(sandbox, vendor), vendor, "count-" + reads.incrementAndGet());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> params(Sandbox sandbox, String vendor) {
        Map<String, String> p = Flow.params(sandbox, vendor);
        p.put("includeAttachments", "false");
        return p;
    }

    private static Map<String, Integer> counts(Map<String, List<String>> ids) {
        Map<String, Integer> out = new TreeMap<>();
        ids.forEach((k, v) -> out.put(k, v.size()));
        return out;
    }

    private static Map<String, Integer> with(Map<String, Integer> counts, String ticket, int more) {
        Map<String, Integer> out = new TreeMap<>(counts);
        out.merge(ticket, more, Integer::sum);
        return out;
    }

    private static CamelContext camel(RunningMain run) {
        return run.main().getCamelContext();
    }

    private static StateStore store(RunningMain run) {
        return camel(run).getRegistry().lookupByNameAndType(StateStore.BEAN_NAME, StateStore.class);
    }

    private Main main(String name) {
        Map<String, String> overrides = new HashMap<>(sandbox.connectorProperties());
        overrides.put("ticketbridge.data-dir", dir.resolve("data").toString());
        overrides.put("ticketbridge.poll.period", "1000");
        overrides.put("camel.main.name", "mirror-recipe-" + name);
        return TestRunSettings.main(dir, overrides);
    }
}
