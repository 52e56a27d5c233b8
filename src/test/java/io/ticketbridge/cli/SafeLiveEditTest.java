package io.ticketbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.routing.RouteFileReloadStrategy;
import io.ticketbridge.testing.LogCapture;
import io.ticketbridge.testing.RunningMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Route files edited while TicketBridge runs (Camel Main as {@code run} starts it, the routes directory in a temp
 * working directory, live reload on). Each route is a heartbeat: a timer writing {@code <version>-<n>.txt} files
 * under data/beats, so what runs is seen in the files it writes. beat.yaml is edited; other.yaml and a Java DSL
 * route must run on untouched.
 */
class SafeLiveEditTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path work;
    private Path routes;
    private Path beats;
    private RunningMain running;
    private LogCapture log;

    /** A route writing one file per 100 ms timer tick: {@code <version>-<exchange id>.txt}. */
    static String beat(String id, String version) {
        return "- route:\n"                                                    // 1
                + "    id: " + id + "\n"                                       // 2
                + "    from:\n"                                                // 3
                + "      uri: timer:" + id + "?period=100\n"                   // 4
                + "      steps:\n"                                             // 5
                + "        - setBody:\n"                                       // 6
                + "            constant: " + version + "\n"                    // 7
                + "        - to: \"file:{{ticketbridge.data-dir}}/beats?fileName=" + version
                + "-${exchangeId}.txt\"\n";             // 8
    }

    @BeforeEach
    void start() throws Exception {
        routes = Files.createDirectories(work.resolve("routes"));
        beats = work.resolve("data").resolve("beats");
        Files.writeString(routes.resolve("beat.yaml"), beat("beat", "v1"));
        Files.writeString(routes.resolve("other.yaml"), beat("other", "other"));
        log = LogCapture.start();
        RunSettings settings = RunSettings.resolve(null, work);
        assertThat(settings.reload()).isTrue();
        Main main = settings.createMain(Map.of("ticketbridge.data-dir", work.resolve("data").toString(),
                "camel.main.name", "safe-live-edit-test"));
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:java?period=100").routeId("java-beat").setBody(constant("java"))
                        .to("file:" + beats + "?fileName=java-${exchangeId}.txt");
            }
        });
        running = RunningMain.start(main);
        for (String version : List.of("v1", "other", "java")) beating(version);
    }

    @AfterEach
    void stop() throws Exception {
        if (running != null) running.close();
        if (log != null) log.close();
    }

    private long count(String version) throws IOException {
        if (!Files.isDirectory(beats)) return 0;
        try (Stream<Path> files = Files.list(beats)) {
            return files.filter(p -> p.getFileName().toString().startsWith(version + "-")).count();
        }
    }

    /** The route writing {@code version} files is running: new ones keep appearing. */
    private void beating(String version) throws Exception {
        long before = count(version);
        await().atMost(WAIT).until(() -> running.check() && count(version) >= before + 3);
    }

    /** Nothing writes {@code version} files any more. */
    private void stopped(String version) throws Exception {
        long before = count(version);
        Thread.sleep(1000);
        assertThat(count(version)).as("%s files written after it should have stopped", version).isEqualTo(before);
    }

    private List<LogCapture.Line> reloadLines(Level level) {
        return log.lines(l -> l.logger().equals(RouteFileReloadStrategy.class.getName()) && l.level() == level);
    }

    private List<LogCapture.Line> reloaded() {
        return log.lines(l -> l.logger().equals(RouteFileReloadStrategy.class.getName())
                && l.message().startsWith("Reloaded"));
    }

    @Test
    void aValidEditReplacesThatFilesRoutesOnlyAndOtherFilesAndJavaRoutesRunOn() throws Exception {
        var camel = running.main().getCamelContext();
        var other = camel.getRoute("other");
        var java = camel.getRoute("java-beat");
        Files.writeString(routes.resolve("beat.yaml"), beat("beat", "v2"));
        beating("v2");
        stopped("v1");
        beating("other");
        beating("java");
        assertThat(camel.getRoute("other")).as("other.yaml's route was not rebuilt").isSameAs(other);
        assertThat(camel.getRoute("java-beat")).as("the Java route was not rebuilt").isSameAs(java);
        assertThat(reloaded()).singleElement().extracting(LogCapture.Line::message).asString()
                .isEqualTo("Reloaded beat.yaml: route(s) beat");
        assertThat(reloadLines(Level.WARN)).isEmpty();
    }

    /** What, the step appended to the v2 route (line 9 of the file), and the reason logged. */
    static Stream<Arguments> brokenEdits() {
        return Stream.of(
                Arguments.of("YAML syntax error", "        - to: [unclosed\n", "YAML syntax error: "),
                Arguments.of("unknown Kamelet", "        - to: kamelet:zendesk-sink\n",
                        "route 'beat': unknown Kamelet 'zendesk-sink' (none in classpath:kamelets, file:kamelets)"),
                Arguments.of("unknown Kamelet option", "        - to:\n            uri: kamelet:ticket-file-sink\n"
                        + "            parameters:\n              directoy: out\n",
                        "route 'beat': kamelet:ticket-file-sink has no option 'directoy' (its options: directory, ndjson, fsync)"),
                Arguments.of("unknown endpoint option", "        - to: log:beat?showBdy=true\n",
                        "route 'beat': endpoint log:beat has no option 'showBdy'"),
                Arguments.of("missing Kamelet property", "        - to: kamelet:thulium-sink?baseUrl=http://127.0.0.1:1\n",
                        "route 'beat': kamelet:thulium-sink is missing the required parameter(s) username, password"),
                Arguments.of("unresolvable placeholder", "        - to: \"log:{{beat.log.name}}\"\n",
                        "route 'beat': property placeholder {{beat.log.name}} cannot be resolved (not in the configuration,"
                                + " -D or the environment)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEdits")
    void aBrokenEditKeepsTheRunningRoutesLogsOneLineWithFileAndLineAndTheFixApplies(String what, String brokenStep,
            String reason) throws Exception {
        Path file = routes.resolve("beat.yaml");
        Files.writeString(file, beat("beat", "v2") + brokenStep);
        await().atMost(WAIT).until(() -> running.check() && !reloadLines(Level.WARN).isEmpty());
        String expected = file + ":9: " + reason;
        assertThat(reloadLines(Level.WARN)).singleElement().satisfies(l -> {
            assertThat(l.message()).startsWith(expected).endsWith("beat.yaml not applied, its running routes stay as they were");
            assertThat(l.hasThrowable()).isFalse();
        });
        beating("v1");
        assertThat(count("v2")).as("nothing of the broken edit runs").isZero();
        assertThat(reloaded()).isEmpty();

        // validate says the same about the same file
        CliRun validate = CliRun.of("", "validate", routes.toString());
        assertThat(validate.exitCode()).isEqualTo(1);
        assertThat(validate.err()).startsWith("ticketbridge validate: " + expected);

        Files.writeString(file, beat("beat", "v2"));
        beating("v2");
        stopped("v1");
        assertThat(reloaded()).hasSize(1);
        assertThat(reloadLines(Level.WARN)).as("the refusal was logged once").hasSize(1);
    }

    @Test
    void aRouteIdTakenByAnotherFileIsRefusedAndThatRouteRunsOn() throws Exception {
        Files.writeString(routes.resolve("copy.yaml"), beat("other", "copy"));
        await().atMost(WAIT).until(() -> running.check() && !reloadLines(Level.WARN).isEmpty());
        assertThat(reloadLines(Level.WARN)).singleElement().extracting(LogCapture.Line::message).asString()
                .startsWith(routes.resolve("copy.yaml") + ":1: route 'other': that id belongs to a running route from "
                        + routes.resolve("other.yaml"));
        beating("other");
        assertThat(count("copy")).isZero();
    }

    @Test
    void aNewFileAddsItsRoutesAndADeletedFileRemovesThem() throws Exception {
        Files.writeString(routes.resolve("added.yaml"), beat("added", "added"));
        beating("added");
        Files.delete(routes.resolve("added.yaml"));
        await().atMost(WAIT).until(() -> running.check() && running.main().getCamelContext().getRoute("added") == null);
        stopped("added");
        Files.delete(routes.resolve("other.yaml"));
        await().atMost(WAIT).until(() -> running.check() && running.main().getCamelContext().getRoute("other") == null);
        stopped("other");
        beating("v1");
        beating("java");
        assertThat(log.lines(l -> l.message().contains("was deleted"))).extracting(LogCapture.Line::message)
                .containsExactly("added.yaml was deleted: removed its route(s) added",
                        "other.yaml was deleted: removed its route(s) other");
    }

    @Test
    void saveAsTempThenRenameAndTruncateThenWriteEachReloadOnce() throws Exception {
        // an editor's atomic save: the new text goes to a temporary file, renamed over the route file
        Path temp = routes.resolve(".beat.yaml.swp");
        Files.writeString(temp, beat("beat", "v2"));
        Files.move(temp, routes.resolve("beat.yaml"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        beating("v2");
        Thread.sleep(1000);
        assertThat(reloaded()).as("one reload for the rename").hasSize(1);

        // an editor's in-place save: truncate, then write in two parts
        Path file = routes.resolve("beat.yaml");
        Files.writeString(file, "");
        Thread.sleep(50);
        String v3 = beat("beat", "v3");
        Files.writeString(file, v3.substring(0, 40));
        Thread.sleep(50);
        Files.writeString(file, v3);
        beating("v3");
        Thread.sleep(1000);
        assertThat(reloaded()).as("one more reload for the in-place save").hasSize(2);

        // saving the same text again changes nothing
        Files.writeString(file, v3);
        Thread.sleep(RouteFileReloadStrategy.QUIET_MILLIS * 3);
        assertThat(reloaded()).hasSize(2);
        assertThat(reloadLines(Level.WARN)).isEmpty();
    }
}
