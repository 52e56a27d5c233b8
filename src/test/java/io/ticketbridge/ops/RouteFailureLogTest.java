package io.ticketbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.testing.LogCapture;
import io.ticketbridge.testing.RunningMain;
import io.ticketbridge.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sink failing inside a Kamelet route, through the shipped application.properties and log4j2 configuration: each
 * ticket's failure is one ERROR line naming route, ticket, step and reason, kept in the dead letter; Camel's own
 * report with its stack trace is at DEBUG only. A route without such a source keeps its consumer's one WARN.
 */
class RouteFailureLogTest {
    private static final String CAMEL_ERRORS = "org.apache.camel.processor.errorhandler";

    @TempDir
    Path work;
    private Sandbox sandbox;
    private RunningMain running;

    @AfterEach
    void stop() throws Exception {
        if (running != null) running.close();
        if (sandbox != null) sandbox.close();
    }

    @Test
    void aSinkFailingInAKameletRouteIsOneLinePerTicketWithTheStackTraceAtDebugAndTheDeadLetterKept() throws Exception {
        sandbox = Sandbox.start(Map.of());
        Path routes = Files.createDirectories(work.resolve("routes"));
        Files.copy(Path.of("routes/thulium-to-files.yaml"), routes.resolve("thulium-to-files.yaml"));
        Files.writeString(routes.resolve("broken-timer.yaml"), """
                - route:
                    id: broken-timer
                    from:
                      uri: "timer:broken?repeatCount=1&delay=200"
                      steps:
                        - throwException:
                            exceptionType: java.lang.IllegalStateException
                            message: "no such thing"
                """);
        // the sink's folder is a file: every write fails
        Files.createDirectories(work.resolve("data"));
        Files.writeString(work.resolve("data/tickets"), "a file where the sink wants a folder");
        Map<String, String> overrides = new HashMap<>(sandbox.connectorProperties());
        overrides.put("ticketbridge.data-dir", work.resolve("data").toString());
        overrides.put("ticketbridge.poll.period", "300");
        overrides.put("camel.main.name", "route-failure-log-test");
        overrides.put("camel.main.routes-include-pattern", "file:" + routes + "/*.yaml");
        Path letters = work.resolve("data/dead-letter/thulium");
        try (LogCapture log = LogCapture.start(CAMEL_ERRORS)) {
            Main main = new Main();
            main.setPropertyPlaceholderLocations("classpath:application.properties");
            overrides.forEach(main::addOverrideProperty);
            running = RunningMain.start(main);
            await().atMost(Duration.ofSeconds(60)).until(() -> running.check() && TestFiles.countJson(letters) == SeedStories.COUNT
                    && !log.lines(l -> l.message().contains("poll done: " + SeedStories.COUNT + " changed")).isEmpty()
                    && !log.lines(l -> l.message().contains("no such thing")).isEmpty());

            // the timer route has no source that reports for it: its consumer logs the failure (one WARN)
            List<LogCapture.Line> timer = log.lines(l -> l.atLeast(Level.WARN) && l.message().contains("no such thing"));
            assertThat(timer).singleElement().satisfies(l -> assertThat(l.logger()).endsWith("TimerConsumer"));
            List<LogCapture.Line> problems = log.lines(l -> l.atLeast(Level.WARN) && !timer.contains(l));
            assertThat(problems).as("no stack trace above DEBUG").noneMatch(LogCapture.Line::hasThrowable);
            assertThat(problems).as("Camel's report is not at WARN/ERROR").noneMatch(l -> l.logger().startsWith("org.apache.camel"));
            for (int i = 1; i <= SeedStories.COUNT; i++) {
                String ticket = "thulium ticket " + (1000 + i) + " ";
                assertThat(problems.stream().filter(l -> l.message().contains(ticket)))
                        .as("one line for %s", ticket).singleElement().satisfies(l -> {
                            assertThat(l.level()).isEqualTo(Level.ERROR);
                            assertThat(l.message()).startsWith("Dead letter: thulium-to-files: " + ticket
                                    + "failed at route (kamelet:ticket-file-sink): ").contains("Not a directory")
                                    .contains("kept in " + letters);
                        });
            }
            assertThat(log.lines(l -> l.logger().startsWith(CAMEL_ERRORS) && l.message().startsWith("Failed delivery")))
                    .as("Camel's report, kept at DEBUG with its stack trace").isNotEmpty()
                    .allSatisfy(l -> {
                        assertThat(l.level()).isEqualTo(Level.DEBUG);
                        assertThat(l.hasThrowable()).isTrue();
                    });
            assertThat(problems).as("nothing else went wrong").allMatch(l -> l.message().startsWith("Dead letter: "));
        }
        try (var files = Files.list(letters)) {
            JsonNode letter = TicketJson.mapper().readTree(files.findFirst().orElseThrow().toFile());
            assertThat(letter.path("route").asText()).isEqualTo("thulium-to-files");
            assertThat(letter.path("step").asText()).isEqualTo("route");
            assertThat(letter.path("endpoint").asText()).isEqualTo("kamelet:ticket-file-sink");
            assertThat(letter.path("ticket").path("source").path("system").asText()).isEqualTo("thulium");
        }
    }
}
