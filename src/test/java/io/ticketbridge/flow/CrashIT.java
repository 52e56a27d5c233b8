package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.testing.BridgeProcess;
import io.ticketbridge.testing.SandboxProcess;
import io.ticketbridge.testing.TestStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exactly once under SIGKILL. The sandbox runs in a process of its own; the bridge ({@code java -jar
 * ticketbridge.jar run}, one route {@code <from>-source → <to>-sink}) in another, SIGKILLed at random instants
 * while it writes, then started again on the same working directory until it has nothing left to do. The outcome
 * is counted through the vendors' own APIs — the source's tickets against the tickets new in the target — never
 * from the bridge's state.
 *
 * <p>In CI (the default): Keliweb → SuperOffice, the 30 seed tickets, 3 kills, with faults on both vendors including
 * answers lost after the target applied the write. In full ({@code scripts/crash-test.sh}): every sink, 5,000
 * tickets, 10 kills, 10% of the target's write answers lost. Settings: {@code crash.runs} ({@code from:to:faults[:concurrency],...},
 * faults {@code none|lost|mixed}, the source's {@code concurrency} 1 unless given), {@code crash.tickets}, {@code crash.kills}, {@code crash.lifeMs} (how long after reaching its
 * kill point, at most, a bridge is killed), {@code crash.seed}. Each run prints a row of the table; all rows go to
 * {@code target/crash-report.md}.
 */
class CrashIT {
    private static final String JAR = System.getProperty("ticketbridge.jar");
    private static final int TICKETS = Integer.getInteger("crash.tickets", 30);
    private static final int KILLS = Integer.getInteger("crash.kills", 3);
    private static final int LIFE_MS = Integer.getInteger("crash.lifeMs", 300);
    private static final long SEED = Long.getLong("crash.seed", System.nanoTime());
    private static final List<String> ROWS = new ArrayList<>();

    @TempDir
    Path dir;

    static Stream<Arguments> runs() {
        return Arrays.stream(System.getProperty("crash.runs", "keliweb:superoffice:mixed").split(","))
                .map(String::strip).map(r -> r.split(":"))
                .map(r -> Arguments.of(r[0], r[1], r.length > 2 ? r[2] : "none", r.length > 3 ? Integer.parseInt(r[3]) : 1));
    }

    @ParameterizedTest(name = "{0} -> {1}, faults {2}, concurrency {3}")
    @MethodSource("runs")
    void sigkillAtRandomInstantsLeavesExactlyOneCopyOfEveryTicketAndMessage(String from, String to, String faults, int concurrency)
            throws Exception {
        Random random = new Random(SEED ^ (from + to + faults + concurrency).hashCode());
        try (SandboxProcess sandbox = SandboxProcess.start(JAR, TICKETS);
             DefaultCamelContext readers = new DefaultCamelContext()) {
            TestStores.bindH2(readers);
            readers.start();
            Set<String> before = new HashSet<>(ids(readers, reader(readers, sandbox, to, "baseline")));
            // the source does not change during the run: read before the faults, to spread the kills over the run
            List<Ticket> originals = readAll(readers, reader(readers, sandbox, from, "originals"), Set.of());
            faults(sandbox, from, to, faults);

            Path work = dir.resolve(from + "-" + to);
            Files.createDirectories(work.resolve("routes"));
            Files.writeString(work.resolve("routes/crash.yaml"), route(sandbox, from, to, concurrency), StandardCharsets.UTF_8);
            List<String> props = List.of("-Dticketbridge.sandbox.enabled=false");

            long start = writes(sandbox, to);
            List<Long> killAt = killPoints(random, start, originals.stream().mapToLong(t -> t.messages().size()).sum());
            List<Long> killedAfterWrites = new ArrayList<>();
            for (long at : killAt) {
                long writes = writes(sandbox, to);
                BridgeProcess bridge = BridgeProcess.start(JAR, work, props);
                awaitWrites(sandbox, to, Math.max(writes + 1, at), bridge);
                Thread.sleep(random.nextInt(Math.max(1, LIFE_MS))); // anywhere in the call now in flight, or the next ones
                killedAfterWrites.add(writes(sandbox, to) - start);
                bridge.kill();
            }
            try (BridgeProcess bridge = BridgeProcess.start(JAR, work, props)) {
                awaitNothingLeft(sandbox, readers, from, to, before, bridge);
            }
            long lost = sandbox.stats(to).path("lostAnswersDropped").asLong() + sandbox.stats(to).path("lostAnswersTruncated").asLong();
            sandbox.faults(from, Map.of());
            sandbox.faults(to, Map.of());

            List<Ticket> copies = readAll(readers, reader(readers, sandbox, to, "copies"), before);
            CrashCount count = CrashCount.of(originals, copies);
            String row = String.format("| %s → %s | %d | %d kills (after %s target writes), faults %s, %d lost answers | %d of %d | %d | %d | %d | %d of %d messages missing |",
                    from, to, concurrency, KILLS, killedAfterWrites, faults, lost, count.targetTickets(), count.sourceTickets(),
                    count.duplicateTickets(), count.orphanTickets(), count.duplicateMessages(), count.missingMessages(), count.sourceMessages());
            report(row);

            assertThat(killedAfterWrites).as("kills, each after the bridge had written").hasSize(KILLS);
            if (!faults.equals("none")) assertThat(lost).as("answers the target lost after applying the write").isPositive();
            assertThat(count.exactlyOnce()).as("exactly one copy of every ticket and message (seed %d): %s%nfindings: %s",
                    SEED, row, String.join("\n  ", count.examples())).isTrue();
            assertThat(count.sourceTickets()).isEqualTo(TICKETS);
        }
    }

    @AfterAll
    static void printTable() throws IOException {
        if (ROWS.isEmpty()) return;
        String table = "| run | concurrency | kills / faults | target tickets | duplicate tickets | orphan tickets | duplicate messages | missing |\n"
                + "|---|---|---|---|---|---|---|---|\n" + String.join("\n", ROWS) + "\n";
        System.out.println("Crash test, " + TICKETS + " tickets, seed " + SEED + ":\n" + table);
        Path report = Path.of(System.getProperty("crash.report", "target/crash-report.md"));
        Files.writeString(report, "Crash test " + java.time.Instant.now() + ", " + TICKETS + " tickets, seed " + SEED + "\n\n" + table + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void report(String row) {
        System.out.println(row);
        ROWS.add(row);
    }

    /** The route an operator would write: the source account, the target account, keys that survive renames. */
    private static String route(SandboxProcess sandbox, String from, String to, int concurrency) {
        Map<String, String> source = new LinkedHashMap<>(sandbox.account(from));
        source.putAll(Map.of("period", "1000", "stateKey", "crash-source", "retryDelayMs", "50", "retryAfterCapMs", "2000", "maxAttempts", "8",
                "concurrency", Integer.toString(concurrency)));
        Map<String, String> sink = new LinkedHashMap<>(sandbox.account(to));
        sink.putAll(Map.of("stateKey", "crash-sink", "retryDelayMs", "50", "retryAfterCapMs", "2000", "maxAttempts", "10"));
        // Thulium has no add-comment call: notes and system events go in as marked customer responses, not skipped
        if (to.equals("thulium")) sink.putAll(Map.of("noteFallback", "customer", "systemFallback", "customer"));
        return "- route:\n"
                + "    id: crash-" + from + "-to-" + to + "\n"
                + "    from:\n"
                + "      uri: kamelet:" + from + "-source\n"
                + "      parameters:\n" + Flow.yamlParams(source, "        ")
                + "      steps:\n"
                + "        - to:\n"
                + "            uri: kamelet:" + to + "-sink\n"
                + "            parameters:\n" + Flow.yamlParams(sink, "              ");
    }

    /**
     * none: only the kills. lost: 10% of the target's write answers lost after the write was applied. mixed: on
     * both vendors 5% 5xx, 2% 429 (Retry-After: 0, so a long run is not mostly waiting), 2% dropped connections, 1% malformed bodies, and 5% lost answers on the target.
     */
    private static void faults(SandboxProcess sandbox, String from, String to, String kind) throws Exception {
        Map<String, Object> target = new LinkedHashMap<>(Map.of("latencyMs", TICKETS <= 100 ? 10 : 0, "seed", 7));
        switch (kind) {
            case "none" -> { }
            case "lost" -> target.putAll(Map.of("lostAnswerRate", 0.1, "lostAnswerMode", "mixed"));
            case "mixed" -> {
                Map<String, Object> noisy = Map.of("errorRate", 0.05, "throttleRate", 0.02, "retryAfterSeconds", 0,
                        "dropRate", 0.02, "malformedRate", 0.01);
                Map<String, Object> source = new LinkedHashMap<>(noisy);
                source.put("seed", 11);
                sandbox.faults(from, source);
                target.putAll(noisy);
                target.putAll(Map.of("lostAnswerRate", 0.05, "lostAnswerMode", "mixed"));
            }
            default -> throw new IllegalArgumentException("crash.runs: faults must be none, lost or mixed, got " + kind);
        }
        sandbox.faults(to, target);
    }

    private static long writes(SandboxProcess sandbox, String vendor) throws Exception {
        return sandbox.stats(vendor).path("writes").asLong();
    }

    /**
     * {@code KILLS} target write counts, random and sorted, between 2% and 90% of the writes the run will make (at
     * least one per source message): the bridge is killed once the target has seen each.
     */
    private static List<Long> killPoints(Random random, long start, long messages) {
        List<Long> at = new ArrayList<>();
        for (int k = 0; k < KILLS; k++) at.add(start + (long) (messages * (0.02 + 0.88 * random.nextDouble())));
        at.sort(null);
        return at;
    }

    /** Until the target has seen {@code target} writes; a bridge that stops writing for 30 s is killed where it is. */
    private static void awaitWrites(SandboxProcess sandbox, String to, long target, BridgeProcess bridge) throws Exception {
        long first = writes(sandbox, to);
        long last = first;
        long changed = System.currentTimeMillis();
        while (true) {
            long w = writes(sandbox, to);
            if (w >= target) return;
            if (w != last) {
                last = w;
                changed = System.currentTimeMillis();
            }
            boolean stalled = System.currentTimeMillis() - changed > (last > first ? 30_000 : 120_000);
            if (!bridge.isAlive() || stalled) {
                if (bridge.isAlive() && last > first) return; // it wrote, then ran out of work: kill it anyway
                throw new AssertionError("the bridge wrote nothing to " + to + (bridge.isAlive() ? " in 120 s" : " and ended")
                        + "; it said:\n" + bridge.logTail(40));
            }
            Thread.sleep(10);
        }
    }

    /**
     * Done when the source is being polled, the target has had no write for 6 s (six polls), and the target holds as
     * many new tickets as the source lists; gives up after a while and lets the count say what is missing.
     */
    private static void awaitNothingLeft(SandboxProcess sandbox, DefaultCamelContext readers, String from, String to,
                                         Set<String> before, BridgeProcess bridge) throws Exception {
        long deadline = System.currentTimeMillis() + Math.max(180_000, TICKETS * 200L);
        long lastWrites = -1;
        long quietSince = System.currentTimeMillis();
        long sourceRequests = sandbox.stats(from).path("requests").asLong();
        while (System.currentTimeMillis() < deadline) {
            Thread.sleep(1000);
            assertThat(bridge.isAlive()).as("the bridge runs; it said:\n%s", bridge.logTail(40)).isTrue();
            long w = writes(sandbox, to);
            if (w != lastWrites) {
                lastWrites = w;
                quietSince = System.currentTimeMillis();
            }
            boolean polled = sandbox.stats(from).path("requests").asLong() > sourceRequests;
            if (polled && System.currentTimeMillis() - quietSince >= 6000
                    && ids(readers, reader(readers, sandbox, to, "progress")).size() - before.size() >= TICKETS) {
                return;
            }
        }
    }

    private static VendorSource reader(DefaultCamelContext camel, SandboxProcess sandbox, String vendor, String key) throws Exception {
        Map<String, String> params = new LinkedHashMap<>(sandbox.account(vendor));
        params.putAll(Map.of("retryDelayMs", "50", "maxAttempts", "8", "retryAfterCapMs", "2000"));
        return Flow.sourceBean(camel, params, vendor, key + "-" + System.nanoTime());
    }

    private static List<String> ids(DefaultCamelContext camel, VendorSource source) {
        return source.poll(new DefaultExchange(camel)).stream().map(c -> c.ticketId()).toList();
    }

    private static List<Ticket> readAll(DefaultCamelContext camel, VendorSource source, Set<String> except) {
        List<Ticket> out = new ArrayList<>();
        for (String id : ids(camel, source)) {
            if (!except.contains(id)) out.add(Flow.read(camel, source, id));
        }
        return out;
    }
}
