package io.ticketbridge.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A main class of the test classpath run in a JVM of its own, for what only a process boundary shows (halt, exit). */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** How the child ended: its exit code and everything it printed (stdout and stderr). */
    public record Ended(int exitCode, String output) {
    }

    public static Ended run(Class<?> main, String... args) throws Exception {
        Process child = start(main, args);
        boolean ended = child.waitFor(60, TimeUnit.SECONDS);
        if (!ended) child.destroyForcibly().waitFor();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) throw new AssertionError(main.getSimpleName() + " did not end within 60 s; it said:\n" + output);
        return new Ended(child.exitValue(), output);
    }

    /** Starts {@code main} in a JVM of its own (stdout and stderr merged), for a test that reads and kills it itself. */
    public static Process start(Class<?> main, String... args) throws java.io.IOException {
        return builder(main, args).start();
    }

    /** As {@link #start(Class, String...)}, its output appended to {@code log}: readable after a kill too. */
    public static Process start(Class<?> main, Path log, String... args) throws java.io.IOException {
        return builder(main, args).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static ProcessBuilder builder(Class<?> main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dcamel.server.port=0", main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true);
    }
}
