package io.ticketbridge.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar ticketbridge.jar run} in a working directory of its own, its output appended to
 * {@code bridge.log} there; {@link #kill()} is SIGKILL: no shutdown hook, no flush, no clean stop.
 */
public final class BridgeProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private BridgeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the product on {@code workDir} (its routes/ and data/), with the given JVM system properties. */
    public static BridgeProcess start(String jar, Path workDir, List<String> systemProperties) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(SandboxProcess.java(), "-Xmx512m"));
        // the embedded HTTP server on a free port unless the test names one: bridges run beside each other
        if (systemProperties.stream().noneMatch(p -> p.startsWith("-Dcamel.server.port="))) cmd.add("-Dcamel.server.port=0");
        // /observe/* on a free port unless the test picks one: several bridges (and test runs) never share 9876
        if (systemProperties.stream().noneMatch(p -> p.startsWith("-Dcamel.management.port="))) cmd.add("-Dcamel.management.port=0");
        cmd.addAll(systemProperties);
        cmd.addAll(List.of("-jar", jar, "run"));
        Path log = workDir.resolve("bridge.log");
        Files.writeString(log, "=== start " + java.time.Instant.now() + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        p.getOutputStream().close();
        return new BridgeProcess(p, log);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, then waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The last {@code lines} lines of everything every start in this directory printed. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A clean stop (SIGTERM), SIGKILL if it does not end in 30 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) kill();
    }
}
