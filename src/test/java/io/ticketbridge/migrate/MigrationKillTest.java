package io.ticketbridge.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.TicketBridge;
import io.ticketbridge.cli.CliRun;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.superoffice.SuperOfficeSimulator;
import io.ticketbridge.testing.ChildJvm;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrating JVM killed with SIGKILL mid-run, then migrate again: the target ends with exactly the tickets and
 * messages an uninterrupted migration of the same source writes (a second sandbox, seeded the same, is the reference).
 */
class MigrationKillTest {
    private static final int TICKETS = 60;
    @TempDir
    Path work;

    @Test
    void aMigrationKilledMidRunResumesToExactlyOneCopyOfEveryTicketAndMessage() throws Exception {
        try (Sandbox reference = Sandbox.start(Map.of(), TICKETS); Sandbox crashed = Sandbox.start(Map.of(), TICKETS)) {
            SuperOfficeSimulator clean = (SuperOfficeSimulator) reference.simulator("superoffice");
            SuperOfficeSimulator target = (SuperOfficeSimulator) crashed.simulator("superoffice");
            int ticketsBefore = target.ticketCount();
            int messagesBefore = target.messageCount();
            int cleanTickets = clean.ticketCount();
            int cleanMessages = clean.messageCount();
            assertThat(CliRun.of("", "migrate", "--config", config(reference, "reference").toString(), "--from", "thulium",
                    "--to", "superoffice").exitCode()).isZero();

            Path config = config(crashed, "crashed");
            crashed.server("superoffice").faults(new Faults(15, 0, 503, 0, 1, 0, 0, 1)); // slow enough to be caught mid-run
            Process child = ChildJvm.start(TicketBridge.class, "migrate", "--config", config.toString(), "--from", "thulium",
                    "--to", "superoffice", "--concurrency", "4");
            ByteArrayOutputStream said = new ByteArrayOutputStream();
            Thread drain = new Thread(() -> {
                try {
                    child.getInputStream().transferTo(said);
                } catch (java.io.IOException e) {
                    // the child was killed
                }
            });
            drain.start();
            long deadline = System.currentTimeMillis() + 60_000;
            while (target.ticketCount() - ticketsBefore < TICKETS / 4 && child.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("still migrating when killed; it said:\n%s", said.toString(StandardCharsets.UTF_8)).isTrue();
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            int atKill = target.ticketCount() - ticketsBefore;
            assertThat(atKill).as("killed mid-run").isBetween(1, TICKETS - 1);
            crashed.server("superoffice").faults(Faults.NONE);

            CliRun resumed = CliRun.of("", "migrate", "--config", config.toString(), "--from", "thulium", "--to", "superoffice");

            assertThat(resumed.exitCode()).as(resumed.err()).isZero();
            assertThat(target.ticketCount() - ticketsBefore).isEqualTo(clean.ticketCount() - cleanTickets).isEqualTo(TICKETS);
            assertThat(target.messageCount() - messagesBefore).isEqualTo(clean.messageCount() - cleanMessages);
        }
    }

    private Path config(Sandbox sandbox, String name) throws Exception {
        Map<String, String> props = new java.util.LinkedHashMap<>(sandbox.connectorProperties());
        props.put("ticketbridge.data-dir", work.resolve(name).toString());
        Path file = work.resolve(name + ".properties");
        Files.writeString(file, props.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n")), StandardCharsets.UTF_8);
        return file;
    }
}
