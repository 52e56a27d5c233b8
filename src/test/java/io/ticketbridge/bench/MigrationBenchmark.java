package io.ticketbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.testing.SandboxProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Thulium → Keliweb migration throughput, the bridge next to a plain HttpClient loop making the same calls, at the
 * same concurrency (not a test: a measurement, run by {@code bench/migration-throughput.sh}). Every run gets a fresh
 * sandbox process ({@code java -jar ticketbridge.jar sandbox --tickets N}) and a JVM of its own, so neither
 * inherits the other's warm JIT or the other's tickets. Calls are counted by the simulators
 * ({@code /__sandbox/stats}), the harness's own Keliweb calls left out; a run is timed from the first call the
 * Thulium simulator received to the end of its work, CPU from the run's start (its idle start-up costs next to none).
 *
 * <p>Arguments: {@code [TICKETS] [CONCURRENCY...]} (default 5000, 1 and 8). System properties:
 * {@code bench.latencyMs} (added by both simulators to every call), {@code bench.jar}, {@code bench.jfr=true}
 * (a JFR recording per run under {@code target/bench/}), {@code bench.out} (the work and log folder).
 */
public final class MigrationBenchmark {
    private static final String JAR = System.getProperty("bench.jar", "target/ticketbridge.jar");
    private static final int LATENCY_MS = Integer.getInteger("bench.latencyMs", 0);
    private static final boolean JFR = Boolean.getBoolean("bench.jfr");
    private static final Path OUT = Path.of(System.getProperty("bench.out", "target/bench"));

    /** One run as its JVM reported it, with the calls the simulators counted. */
    record Run(String who, int concurrency, int tickets, double seconds, long cpuMs, long jitMs, long gcMs,
               long thuliumCalls, long keliwebCalls) {
        double perSecond() {
            return tickets / seconds;
        }

        String cpu() {
            return String.format(Locale.ROOT, "%.1f (JIT %.1f, GC %.1f)", cpuMs / (double) tickets, jitMs / (double) tickets,
                    gcMs / (double) tickets);
        }

        String calls() {
            return String.format(Locale.ROOT, "%.2f (%.2f + %.2f)", (thuliumCalls + keliwebCalls) / (double) tickets,
                    thuliumCalls / (double) tickets, keliwebCalls / (double) tickets);
        }
    }

    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        List<Integer> levels = new ArrayList<>();
        for (int i = 1; i < args.length; i++) levels.add(Integer.parseInt(args[i]));
        if (levels.isEmpty()) levels = List.of(1, 8);
        boolean bridgeConcurrent = KameletOptions.accepts("thulium-source", "concurrency");
        Files.createDirectories(OUT);

        List<String> rows = new ArrayList<>();
        Map<Integer, Run> bridgeRuns = new LinkedHashMap<>();
        for (int c : levels) {
            int bridgeAt = bridgeConcurrent ? c : 1;
            Run bridge = bridgeRuns.get(bridgeAt);
            if (bridge == null) {
                bridge = run("bridge", BridgeMigration.class, tickets, bridgeAt);
                bridgeRuns.put(bridgeAt, bridge);
            }
            Run loop = run("loop", PlainHttpMigration.class, tickets, c);
            rows.add(String.format(Locale.ROOT, "| %d | %s%.1f | %.1f | %.2f | %s | %s | %s | %s |", c,
                    bridgeAt == c ? "" : "(at 1) ", bridge.perSecond(), loop.perSecond(), bridge.perSecond() / loop.perSecond(),
                    bridge.cpu(), loop.cpu(), bridge.calls(), loop.calls()));
        }
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "Thulium -> Keliweb, %d tickets, sandbox latency %d ms per call, %d cores, load average %.1f before%n",
                tickets, LATENCY_MS, Runtime.getRuntime().availableProcessors(), LOAD_BEFORE));
        report.append("| concurrency | bridge tickets/s | loop tickets/s | bridge/loop | bridge CPU ms/ticket | loop CPU ms/ticket "
                + "| bridge calls/ticket (thulium + keliweb) | loop calls/ticket |\n|---|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> report.append(r).append('\n'));
        if (!bridgeConcurrent) {
            report.append("bridge concurrency pending: the thulium-source Kamelet has no `concurrency` property yet, so the bridge "
                    + "ran at 1 in every row (the benchmark passes it as soon as the Kamelet declares it)\n");
        }
        System.out.print(report);
        Files.writeString(OUT.resolve("migration-throughput.md"), report, StandardCharsets.UTF_8);
    }

    private static final double LOAD_BEFORE = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

    private static Run run(String who, Class<?> main, int tickets, int concurrency) throws Exception {
        String name = who + "-c" + concurrency;
        System.err.printf("%s: %d tickets at concurrency %d ...%n", who, tickets, concurrency);
        try (SandboxProcess sandbox = SandboxProcess.start(JAR, tickets)) {
            if (LATENCY_MS > 0) {
                for (String v : List.of("thulium", "keliweb")) sandbox.faults(v, Map.of("latencyMs", LATENCY_MS));
            }
            Path work = OUT.resolve(name);
            deleteTree(work);
            Files.createDirectories(work);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
            if (JFR) cmd.add("-XX:StartFlightRecording=filename=" + OUT.resolve(name + ".jfr").toAbsolutePath() + ",settings=profile");
            cmd.addAll(SandboxAccount.asJvmOptions("thulium", sandbox.account("thulium")));
            cmd.addAll(SandboxAccount.asJvmOptions("keliweb", sandbox.account("keliweb")));
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(),
                    Integer.toString(tickets), Integer.toString(concurrency), work.toString()));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String result = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter log = new PrintWriter(Files.newBufferedWriter(OUT.resolve(name + ".log"), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    log.println(line);
                    if (line.startsWith("RESULT ")) result = line;
                }
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
            if (result == null || p.exitValue() != 0) {
                throw new IllegalStateException(name + " failed (exit " + p.exitValue() + "); see " + OUT.resolve(name + ".log"));
            }
            Map<String, String> r = new LinkedHashMap<>();
            for (String kv : result.substring("RESULT ".length()).split(" ")) r.put(kv.split("=", 2)[0], kv.split("=", 2)[1]);
            JsonNode thuliumStats = sandbox.stats("thulium");
            long thulium = thuliumStats.path("requests").asLong();
            long keliweb = sandbox.stats("keliweb").path("requests").asLong() - Long.parseLong(r.get("ownKeliwebCalls"));
            // timed from the first call Thulium received (both start by listing it) to the end of the work: neither
            // JVM start-up nor the consumer's initial delay counts
            String first = thuliumStats.path("firstRequestAt").asText("");
            double seconds = first.isEmpty() ? Double.parseDouble(r.get("seconds")) // a sandbox that does not tell
                    : Duration.between(Instant.parse(first), Instant.parse(r.get("endedAt"))).toNanos() / 1e9;
            Run run = new Run(who, concurrency, Integer.parseInt(r.get("tickets")), seconds,
                    Long.parseLong(r.get("cpuMs")), Long.parseLong(r.get("jitMs")), Long.parseLong(r.get("gcMs")), thulium, keliweb);
            System.err.printf(Locale.ROOT, "%s: %.1f tickets/s, CPU %s ms/ticket, calls %s per ticket%n", name, run.perSecond(), run.cpu(), run.calls());
            return run;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
