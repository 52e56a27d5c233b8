package io.ticketbridge.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.cli.CliRun;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.superoffice.SuperOfficeSimulator;
import io.ticketbridge.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate} in-process against a running sandbox over HTTP, with the state in a real H2 file: what it reports
 * is checked against what the target simulator holds afterwards.
 */
class MigrateCommandTest {
    @TempDir
    Path work;
    private Sandbox sandbox;
    private Path config;

    @BeforeEach
    void sandbox() throws Exception {
        sandbox = Sandbox.start(Map.of());
        config = SandboxConfig.write(sandbox, work);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private CliRun migrate(String... more) {
        String[] args = new String[more.length + 3];
        args[0] = "migrate";
        args[1] = "--config";
        args[2] = config.toString();
        System.arraycopy(more, 0, args, 3, more.length);
        return CliRun.of("", args);
    }

    @Test
    void thuliumToSuperOfficeCopiesEveryTicketOnceAndTheReportMatchesTheTargetsCounts() throws Exception {
        SuperOfficeSimulator target = (SuperOfficeSimulator) sandbox.simulator("superoffice");
        int sourceTickets = sandbox.simulator("thulium").ticketCount();
        int ticketsBefore = target.ticketCount();
        int messagesBefore = target.messageCount();
        Path report = work.resolve("report");

        CliRun run = migrate("--from", "thulium", "--to", "superoffice", "--report", report.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(target.ticketCount() - ticketsBefore).isEqualTo(sourceTickets);
        JsonNode json = TicketJson.mapper().readTree(report.resolve("report.json").toFile());
        assertThat(json.at("/tickets/total").asInt()).isEqualTo(sourceTickets);
        assertThat(json.at("/tickets/created").asInt()).isEqualTo(target.ticketCount() - ticketsBefore);
        assertThat(json.at("/messages/written").asInt()).isEqualTo(target.messageCount() - messagesBefore);
        assertThat(json.at("/tickets/failed").asInt()).isZero();
        assertThat(json.at("/idMap").size()).isEqualTo(sourceTickets);
        assertThat(json.at("/http").has("calls")).isTrue();
        assertThat(run.out()).contains("Migrated thulium -> superoffice: " + sourceTickets + " tickets: " + sourceTickets + " created");
    }

    @Test
    void keliwebToPlusofonAndSuperOfficeToThuliumCreateOneTargetTicketPerSourceTicket() {
        for (String[] pair : new String[][] {{"keliweb", "plusofon"}, {"superoffice", "thulium"}}) {
            int source = sandbox.simulator(pair[0]).ticketCount();
            int before = sandbox.simulator(pair[1]).ticketCount();

            CliRun run = migrate("--from", pair[0], "--to", pair[1], "--concurrency", "4", "--max-requests-per-second", "200");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(sandbox.simulator(pair[1]).ticketCount() - before).as("%s -> %s", pair[0], pair[1]).isEqualTo(source);
            assertThat(run.out()).contains(source + " created, 0 updated, 0 unchanged, 0 failed");
        }
    }

    @Test
    void aSecondRunOfAFinishedMigrationWritesNothing() throws Exception {
        SuperOfficeSimulator target = (SuperOfficeSimulator) sandbox.simulator("superoffice");
        assertThat(migrate("--from", "plusofon", "--to", "superoffice").exitCode()).isZero();
        int tickets = target.ticketCount();
        int messages = target.messageCount();
        int source = sandbox.simulator("plusofon").ticketCount();
        Path report = work.resolve("second");

        CliRun again = migrate("--from", "plusofon", "--to", "superoffice", "--report", report.toString());

        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(target.ticketCount()).isEqualTo(tickets);
        assertThat(target.messageCount()).isEqualTo(messages);
        JsonNode json = TicketJson.mapper().readTree(report.resolve("report.json").toFile());
        assertThat(json.at("/tickets/total").asInt()).isEqualTo(source);
        assertThat(json.at("/tickets/unchanged").asInt()).isEqualTo(source);
        assertThat(json.at("/tickets/created").asInt()).isZero();
        assertThat(json.at("/messages/written").asInt()).isZero();
    }

    @Test
    void dryRunWritesCanonicalFilesAndAPlanButNothingToTheTarget() throws Exception {
        SuperOfficeSimulator target = (SuperOfficeSimulator) sandbox.simulator("superoffice");
        int tickets = target.ticketCount();
        int messages = target.messageCount();
        long writesBefore = sandbox.server("superoffice").stats().writes();
        int source = sandbox.simulator("thulium").ticketCount();
        Path report = work.resolve("plan");

        CliRun run = migrate("--from", "thulium", "--to", "superoffice", "--dry-run", "--report", report.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(target.ticketCount()).isEqualTo(tickets);
        assertThat(target.messageCount()).isEqualTo(messages);
        assertThat(sandbox.server("superoffice").stats().writes()).isEqualTo(writesBefore);
        assertThat(TestFiles.countJson(report.resolve("tickets/thulium"))).isEqualTo(source);
        JsonNode json = TicketJson.mapper().readTree(report.resolve("report.json").toFile());
        assertThat(json.at("/run/dryRun").asBoolean()).isTrue();
        assertThat(json.at("/tickets/created").asInt()).as("would be created").isEqualTo(source);
        assertThat(json.at("/messages/written").asInt()).as("would be written").isPositive();
        assertThat(Files.readString(report.resolve("report.html"))).contains("dry run").doesNotContain("<script");

        // the plan left no state behind: the real run still copies everything
        assertThat(migrate("--from", "thulium", "--to", "superoffice").exitCode()).isZero();
        assertThat(target.ticketCount() - tickets).isEqualTo(source);
    }

    @Test
    void badUsageExitsTwoWithOneLine() {
        String[][] cases = {
                {"migrate", "--from", "nosuch", "--to", "thulium"},
                {"migrate", "--from", "thulium", "--to", "thulium"},
                {"migrate", "--from", "thulium", "--to", "keliweb", "--since", "yesterday"},
                {"migrate", "--from", "thulium"},
        };
        for (String[] args : cases) {
            CliRun run = CliRun.of("", args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(run.err().strip()).as(run.err()).startsWith("ticketbridge migrate: ").doesNotContain("\n");
            assertThat(run.err().strip().lines().count()).as(run.err()).isEqualTo(1);
        }
        assertThat(CliRun.of("", "migrate", "--from", "thulium", "--to", "keliweb", "--until", "31.01.2025").err())
                .contains("--until needs a date (2025-01-31)");
    }

    @Test
    void aTicketThatCannotBeReadIsReportedWithItsDeadLetterAndTheNextRunCopiesIt() throws Exception {
        int source = sandbox.simulator("plusofon").ticketCount();
        int before = sandbox.simulator("keliweb").ticketCount();
        sandbox.server("plusofon").faults(new io.ticketbridge.sandbox.Faults(0, 0, 503, 0, 0, 0, 0, 1, "/api/v1/ticket/23601$"));
        Path report = work.resolve("broken");

        CliRun broken = migrate("--from", "plusofon", "--to", "keliweb", "--report", report.toString(), "-Dticketbridge.plusofon.maxAttempts=2",
                "-Dticketbridge.plusofon.retryDelayMs=10");

        assertThat(broken.exitCode()).as(broken.out()).isEqualTo(1);
        assertThat(sandbox.simulator("keliweb").ticketCount() - before).isEqualTo(source - 1);
        JsonNode json = TicketJson.mapper().readTree(report.resolve("report.json").toFile());
        assertThat(json.at("/tickets/failed").asInt()).isEqualTo(1);
        JsonNode failure = json.at("/failures/0");
        assertThat(failure.get("ticket").asText()).isEqualTo("23601");
        assertThat(failure.get("reason").asText()).isNotBlank();
        assertThat(Path.of(failure.get("deadLetter").asText())).exists();

        sandbox.server("plusofon").faults(io.ticketbridge.sandbox.Faults.NONE);
        CliRun resumed = migrate("--from", "plusofon", "--to", "keliweb");

        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(sandbox.simulator("keliweb").ticketCount() - before).isEqualTo(source);
        assertThat(resumed.out()).contains("1 created, 0 updated, " + (source - 1) + " unchanged, 0 failed");
    }

    @Test
    void limitAndIdsChooseTheTicketsCopied() throws Exception {
        int before = sandbox.simulator("plusofon").ticketCount();

        CliRun demo = migrate("--from", "superoffice", "--to", "plusofon", "--limit", "5");

        assertThat(demo.exitCode()).as(demo.err()).isZero();
        assertThat(sandbox.simulator("plusofon").ticketCount() - before).isEqualTo(5);
        Path ids = work.resolve("ids.txt");
        Path report = work.resolve("ids");
        Files.writeString(ids, "# two of the superoffice seed tickets\n");
        CliRun listed = migrate("--from", "superoffice", "--to", "plusofon", "--limit", "7", "--dry-run", "--report", report.toString());
        JsonNode first = TicketJson.mapper().readTree(report.resolve("report.json").toFile());
        var plan = first.at("/ticketResults");
        assertThat(listed.exitCode()).isZero();
        Files.writeString(ids, plan.get(5).get("source").asText() + "\n" + plan.get(6).get("source").asText() + "\n", java.nio.file.StandardOpenOption.APPEND);

        CliRun chosen = migrate("--from", "superoffice", "--to", "plusofon", "--ids", ids.toString());

        assertThat(chosen.exitCode()).as(chosen.err()).isZero();
        assertThat(sandbox.simulator("plusofon").ticketCount() - before).isEqualTo(7);
        assertThat(chosen.out()).contains("2 tickets: 2 created");
    }

    @Test
    void theReadmesMigrationsSectionShowsTheRealHelp() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Migrations"));
        int start = section.indexOf("```\n") + 4;
        assertThat(section.substring(start, section.indexOf("```\n", start)))
                .isEqualTo(CliRun.of("", "migrate", "--help").out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void ticketsOutsideUntilAreLeftForALaterWiderRun() {
        int source = sandbox.simulator("keliweb").ticketCount();
        int before = sandbox.simulator("superoffice").ticketCount();

        CliRun window = migrate("--from", "keliweb", "--to", "superoffice", "--until", "2000-01-01");

        assertThat(window.exitCode()).as(window.err()).isZero();
        assertThat(sandbox.simulator("superoffice").ticketCount()).isEqualTo(before);
        assertThat(window.out()).contains("0 created", source + " outside --until");

        CliRun all = migrate("--from", "keliweb", "--to", "superoffice");

        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(sandbox.simulator("superoffice").ticketCount() - before).isEqualTo(source);
    }
}
