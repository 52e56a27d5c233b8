package io.ticketbridge.cli;

import io.ticketbridge.migrate.MigrationVerify;
import io.ticketbridge.migrate.MigrationVerify.Gap;
import io.ticketbridge.migrate.MigrationVerify.Kind;
import io.ticketbridge.migrate.MigrationVerify.Outcome;
import io.ticketbridge.migrate.RunRecord;
import java.io.IOException;
import picocli.CommandLine.Command;

/** {@code migrate verify --report DIR}: the run's tickets read again on both sides and compared; see {@link MigrationVerify}. */
@Command(name = "verify", description = "read a run's tickets again in the source and the target and compare them "
        + "(messages in order, attachments by name and SHA-256); prints a gap list, writes DIR/verify.json")
final class MigrateVerifyCommand extends RunReportCommand {

    @Override
    public Integer call() {
        RunRecord run = run();
        Outcome o;
        try {
            o = MigrationVerify.run(run, config.file);
            MigrationVerify.write(report, o);
        } catch (IOException e) {
            return failed(new IOException("cannot write verify.json into " + report + ": " + e.getMessage(), e));
        } catch (Exception e) {
            return failed(e);
        }
        for (Gap g : o.gaps()) out().println(g);
        o.notes().forEach(n -> out().println("note: " + n));
        out().println("Verified " + o.source() + " -> " + o.target() + ": " + o.tickets() + " tickets, " + o.messages()
                + " messages (" + o.skipped() + " skipped by the policy), " + o.attachments() + " attachments compared; "
                + o.gaps().size() + " gaps (" + o.count(Kind.NO_TARGET, Kind.MISSING_MESSAGE, Kind.MISSING_ATTACHMENT) + " missing, "
                + o.count(Kind.DUPLICATED_MESSAGE, Kind.DUPLICATED_ATTACHMENT) + " duplicated, "
                + o.count(Kind.OUT_OF_ORDER, Kind.UNREADABLE) + " other); " + report.resolve("verify.json"));
        return o.gaps().isEmpty() ? 0 : 1;
    }
}
