package io.ticketbridge.cli;

import io.ticketbridge.migrate.MigrationUndo;
import io.ticketbridge.migrate.MigrationUndo.Outcome;
import io.ticketbridge.migrate.RunRecord;
import picocli.CommandLine.Command;

/** {@code migrate undo --report DIR}: deletes what the run created where the target can; see {@link MigrationUndo}. */
@Command(name = "undo", description = "delete the target tickets a run created, where the target's API can delete "
        + "(SuperOffice); otherwise list their ids to remove by hand (exit 1)")
final class MigrateUndoCommand extends RunReportCommand {

    @Override
    public Integer call() {
        RunRecord run = run();
        Outcome o;
        try {
            o = MigrationUndo.run(run, config.file);
        } catch (Exception e) {
            return failed(e);
        }
        if (!o.byHand().isEmpty()) {
            out().println("Remove by hand in " + o.target() + " (" + o.reason() + "): " + String.join(" ", o.byHand()));
        }
        if (!o.appended().isEmpty()) {
            out().println("Messages appended to existing " + o.target() + " tickets, left in place: " + String.join(" ", o.appended()));
        }
        o.failed().forEach(f -> out().println("Not deleted: " + f));
        out().println("Undone " + run.source() + " -> " + o.target() + ": " + o.deleted().size() + " tickets deleted, "
                + o.gone().size() + " gone already, " + o.byHand().size() + " to remove by hand, " + o.failed().size() + " failed");
        return o.complete() ? 0 : 1;
    }
}
