package io.ticketbridge.cli;

import io.ticketbridge.connector.Connector;
import io.ticketbridge.migrate.Migration;
import io.ticketbridge.migrate.MigrationPlan;
import io.ticketbridge.migrate.MigrationReport;
import io.ticketbridge.migrate.MigrationTally;
import io.ticketbridge.migrate.MigrationTally.Result;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code migrate --from A --to B …}: one pass of every (or the chosen) ticket of account A into account B, through
 * {@link io.ticketbridge.migrate.MigrationRoute}; ends by itself and prints one summary line. Running it again
 * writes only what is new: the state store keeps the source's ledger and the target's id map.
 */
@Command(name = "migrate", description = "copy the tickets of one helpdesk account into another (one pass, then a "
        + "summary); accounts from ticketbridge.<vendor>.* in the configuration, e.g. --config sandbox.properties",
        subcommands = {MigrateVerifyCommand.class, MigrateUndoCommand.class})
public final class MigrateCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    // required for a migration, not for its subcommands (picocli would ask verify for them too): checked in plan()
    @Option(names = "--from", paramLabel = "VENDOR", description = "the source vendor (required)")
    Connector from;
    @Option(names = "--to", paramLabel = "VENDOR", description = "the target vendor (required)")
    Connector to;
    @Mixin
    ConfigOption config;
    @Option(names = "--since", paramLabel = "DATE", description = "only tickets changed since DATE (2025-01-31 or an ISO instant)")
    String since;
    @Option(names = "--until", paramLabel = "DATE", description = "only tickets last changed before DATE")
    String until;
    @Option(names = "--ids", paramLabel = "FILE", description = "only the source ticket ids in FILE (one a line, # comments)")
    Path ids;
    @Option(names = "--limit", paramLabel = "N", description = "at most N tickets, the first the source lists (a demo migration)")
    int limit;
    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "1", description = "tickets in parallel (default ${DEFAULT-VALUE})")
    int concurrency;
    @Option(names = "--max-requests-per-second", paramLabel = "R", description = "request budget per account (default: none)")
    double maxRequestsPerSecond;
    @Option(names = "--dry-run", description = "read and map everything, write the canonical files and the report, write nothing to the target")
    boolean dryRun;
    @Option(names = "--report", paramLabel = "DIR", description = "write report.json and report.html into DIR")
    Path report;
    @Mixin
    CommandLineProperties properties;
    @Mixin
    UsageHelp help;
    @Spec
    CommandSpec spec;

    public MigrateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        MigrationPlan plan = plan();
        Migration.Outcome outcome;
        try {
            outcome = new Migration(plan, config.file).run();
        } catch (Exception e) {
            err.println("ticketbridge migrate: " + RunCommand.rootMessage(e));
            return 1;
        }
        MigrationTally tally = outcome.tally();
        if (plan.report() != null) {
            try {
                MigrationReport.write(plan.report(), plan, tally);
            } catch (IOException e) {
                err.println("ticketbridge migrate: cannot write the report into " + plan.report() + ": " + e.getMessage());
                return 1;
            }
        }
        out.println(summary(plan, tally));
        if (outcome.pollFailure() != null) {
            err.println("ticketbridge migrate: cannot read " + plan.from() + ": " + RunCommand.rootMessage(outcome.pollFailure()));
            return 1;
        }
        return tally.count(Result.FAILED) > 0 ? 1 : 0;
    }

    static String summary(MigrationPlan plan, MigrationTally tally) {
        Duration took = Duration.between(tally.startedAt(), tally.finishedAt() == null ? Instant.now() : tally.finishedAt());
        return (plan.dryRun() ? "Dry run (nothing written) " : "Migrated ") + plan.from() + " -> " + plan.to() + ": "
                + tally.total() + " tickets: " + tally.count(Result.CREATED) + " created, " + tally.count(Result.UPDATED)
                + " updated, " + tally.unchanged() + " unchanged, " + tally.count(Result.FAILED) + " failed"
                + (tally.count(Result.OUTSIDE_WINDOW) > 0 ? ", " + tally.count(Result.OUTSIDE_WINDOW) + " outside --until" : "")
                + "; " + tally.messagesWritten() + " messages, " + tally.attachmentsWritten() + " attachments"
                + (plan.dryRun() ? " to write" : " written") + " in " + took.toMillis() / 100 / 10.0 + " s"
                + (plan.report() != null ? "; report in " + plan.report() : "");
    }

    /** The options checked before anything starts: every problem is bad usage (exit 2). */
    private MigrationPlan plan() {
        if (from == null || to == null) {
            throw bad("missing required option" + (from == null && to == null ? "s: '--from VENDOR', '--to VENDOR'"
                    : from == null ? ": '--from VENDOR'" : ": '--to VENDOR'"));
        }
        if (from.id().equals(to.id())) throw bad("--from and --to are both " + from.id() + ": a migration needs two vendors");
        if (limit < 0) throw bad("--limit needs 0 or more, got " + limit);
        if (concurrency < 1) throw bad("--concurrency needs 1 or more, got " + concurrency);
        if (maxRequestsPerSecond < 0) throw bad("--max-requests-per-second needs 0 or more, got " + maxRequestsPerSecond);
        if (config.file != null && !Files.isRegularFile(config.file)) throw bad("--config " + config.file + ": no such file");
        Instant sinceAt = date("--since", since);
        Instant untilAt = date("--until", until);
        if (sinceAt != null && untilAt != null && !sinceAt.isBefore(untilAt)) {
            throw bad("--since " + since + " is not before --until " + until);
        }
        return new MigrationPlan(from.id(), to.id(), sinceAt, untilAt, ids(), limit, concurrency, maxRequestsPerSecond,
                dryRun, report);
    }

    private List<String> ids() {
        if (ids == null) return null;
        try {
            return Files.readAllLines(ids, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).distinct().toList();
        } catch (IOException e) {
            throw bad("--ids " + ids + ": cannot read it (" + e.getMessage() + ")");
        }
    }

    private Instant date(String option, String value) {
        if (value == null) return null;
        try {
            return value.contains("T") ? Instant.parse(value.strip()) : LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(option + " needs a date (2025-01-31) or an ISO instant (2025-01-31T00:00:00Z), got '" + value + "'");
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
