package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.sandbox.Faults;
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
 * What a running route logs about its polls, counted line by line through the shipped log4j2 configuration: one
 * line per state change (first failure, recovery), a summary when a poll delivered something, nothing at INFO
 * for a failure that repeats or a poll that found nothing, and stack traces only at DEBUG.
 */
class PollLogLinesTest {
    @TempDir
    Path work;
    private Sandbox sandbox;
    private RunningMain running;

    private void start(Map<String, String> extra) throws Exception {
        sandbox = Sandbox.start(Map.of());
        Path routes = Files.createDirectories(work.resolve("routes"));
        Files.copy(Path.of("routes/thulium-to-files.yaml"), routes.resolve("thulium-to-files.yaml"));
        Map<String, String> overrides = new HashMap<>(sandbox.connectorProperties());
        overrides.put("ticketbridge.data-dir", work.resolve("data").toString());
        overrides.put("ticketbridge.poll.period", "300");
        overrides.put("camel.main.name", "poll-log-test");
        overrides.put("camel.main.routes-include-pattern", "file:" + routes + "/*.yaml");
        overrides.putAll(extra);
        Main main = new Main();
        main.setPropertyPlaceholderLocations("classpath:application.properties");
        overrides.forEach(main::addOverrideProperty);
        running = RunningMain.start(main);
    }

    @AfterEach
    void stop() throws Exception {
        if (running != null) running.close();
        if (sandbox != null) sandbox.close();
    }

    private static final String HEALTH = "io.ticketbridge.connector.PollHealth";

    private boolean started() throws Exception {
        return running != null && running.check() && running.main().getCamelContext() != null
                && running.main().getCamelContext().isStarted();
    }

    private static long count(LogCapture log, String text) {
        return log.lines(l -> l.message().contains(text)).size();
    }

    @Test
    void aPollFailingTheSameWayEveryPeriodLogsOneLineWithoutAStackTrace() throws Exception {
        try (LogCapture log = LogCapture.start(HEALTH)) {
            start(Map.of("ticketbridge.thulium.password", "wrong"));
            await().atMost(Duration.ofSeconds(60)).until(() -> started() && count(log, "poll failed again") >= 3);

            List<LogCapture.Line> problems = log.lines(l -> l.atLeast(Level.WARN));
            assertThat(problems).as("one line for the failure, not one or two per period").singleElement().satisfies(l -> {
                assertThat(l.level()).isEqualTo(Level.ERROR);
                assertThat(l.logger()).isEqualTo(HEALTH);
                assertThat(l.message()).startsWith("thulium-to-files: poll failed: ").contains("Invalid API user or password");
                assertThat(l.hasThrowable()).isFalse();
            });
            assertThat(log.infoAndAbove()).as("no stack trace above DEBUG").noneMatch(LogCapture.Line::hasThrowable);
            assertThat(log.lines(l -> l.message().contains("poll failed again"))).allSatisfy(l -> {
                assertThat(l.level()).isEqualTo(Level.DEBUG);
                assertThat(l.hasThrowable()).as("the trace is kept at DEBUG").isTrue();
            });
            assertThat(log.lines(l -> l.message().contains("wrong"))).as("no secret in the logs").isEmpty();
        }
    }

    @Test
    void aPollThatWorksAgainLogsOneLineThenTheCountsOnceAndNothingForEmptyPolls() throws Exception {
        try (LogCapture log = LogCapture.start(HEALTH)) {
            start(Map.of());
            sandbox.server("thulium").faults(Faults.poison("/api/tickets")); // the list answer is cut: no poll can list
            await().atMost(Duration.ofSeconds(60)).until(() -> started() && count(log, "poll failed again") >= 2);
            sandbox.server("thulium").faults(Faults.NONE);
            Path tickets = work.resolve("data/tickets/thulium");
            await().atMost(Duration.ofSeconds(30)).until(() -> TestFiles.countJson(tickets) == SeedStories.COUNT
                    && count(log, "poll done: 0 changed") >= 2);

            assertThat(log.lines(l -> l.logger().equals(HEALTH) && l.atLeast(Level.INFO))).extracting(LogCapture.Line::toString)
                    .as("failure, recovery, the poll that delivered; the empty polls after it stay at DEBUG")
                    .satisfiesExactly(
                            failed -> assertThat(failed).startsWith("ERROR " + HEALTH + " - thulium-to-files: poll failed: ")
                                    .contains("not valid JSON").doesNotContain("[+stack trace]"),
                            recovered -> assertThat(recovered).startsWith("INFO " + HEALTH + " - thulium-to-files: polling works again ("),
                            done -> assertThat(done).isEqualTo("INFO " + HEALTH + " - thulium-to-files: poll done: "
                                    + SeedStories.COUNT + " changed, " + SeedStories.COUNT + " delivered, 0 failed, 0 unchanged"));
            assertThat(log.lines(l -> l.atLeast(Level.WARN) && !l.logger().equals(HEALTH))).isEmpty();
            assertThat(log.lines(l -> l.message().contains("poll done: 0 changed"))).allMatch(l -> l.level() == Level.DEBUG);
        }
    }
}
