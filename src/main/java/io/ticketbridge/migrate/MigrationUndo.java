package io.ticketbridge.migrate;

import io.ticketbridge.connector.VendorSink;
import io.ticketbridge.migrate.RunRecord.TicketResult;
import io.ticketbridge.state.StateStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code migrate undo}: deletes the target tickets a run created ({@code CREATED} in its report), where the target's
 * API can delete ({@link VendorSink#canDelete}), and forgets them in the state store (id map and the migration's
 * ledger) so a later migrate creates them again. Where the API cannot, nothing is touched: the ids are listed for
 * removal by hand. Messages a run appended to tickets that existed before are listed too: no vendor deletes messages.
 */
public final class MigrationUndo {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationUndo.class);

    /**
     * @param deleted   target ids deleted now
     * @param gone      target ids that were not there any more (deleted before); forgotten as well
     * @param byHand    target ids to remove by hand (the API cannot delete them)
     * @param appended  target ids of pre-existing tickets the run appended messages to (left as they are)
     * @param failed    "id: reason" of deletes that failed (kept in the state store; run undo again)
     * @param reason    why byHand is not empty (null when it is)
     */
    public record Outcome(String target, List<String> deleted, List<String> gone, List<String> byHand, List<String> appended,
                          List<String> failed, String reason) {
        public boolean complete() {
            return byHand.isEmpty() && appended.isEmpty() && failed.isEmpty();
        }
    }

    private MigrationUndo() {
    }

    public static Outcome run(RunRecord run, Path configFile) throws Exception {
        return AccountSession.run(configFile, session -> undo(run, session));
    }

    private static Outcome undo(RunRecord run, AccountSession session) {
        List<String> deleted = new ArrayList<>(), gone = new ArrayList<>(), byHand = new ArrayList<>(), failed = new ArrayList<>();
        List<String> appended = run.tickets().stream().filter(t -> "UPDATED".equals(t.result()) && t.targetId() != null)
                .map(TicketResult::targetId).toList();
        VendorSink sink = session.sink(run.target());
        if (sink == null || !sink.canDelete()) {
            run.created().forEach(t -> byHand.add(t.targetId()));
            return new Outcome(run.target(), deleted, gone, byHand, appended, failed, run.target()
                    + "'s API cannot delete tickets (docs/vendors/" + run.target() + ".md)");
        }
        StateStore store = session.stateStore();
        String sinkKey = Migration.sinkKey(run.target(), session.account(run.target()));
        for (TicketResult t : run.created()) {
            try {
                boolean was = session.delete(run.target(), t.targetId());
                (was ? deleted : gone).add(t.targetId());
                store.forgetTicket(sinkKey, run.source(), t.sourceId(), Migration.ledgerKey(run.source(), run.target()));
                LOG.info("undo: {} ticket {} {} (source {} ticket {} forgotten)", run.target(), t.targetId(),
                        was ? "deleted" : "was gone already", run.source(), t.sourceId());
            } catch (RuntimeException e) {
                Throwable c = e.getCause() != null ? e.getCause() : e;
                failed.add(t.targetId() + ": " + c.getMessage());
                LOG.warn("undo: {} ticket {} not deleted: {}", run.target(), t.targetId(), c.getMessage());
            }
        }
        return new Outcome(run.target(), deleted, gone, byHand, appended, failed, null);
    }
}
