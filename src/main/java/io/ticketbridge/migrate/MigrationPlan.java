package io.ticketbridge.migrate;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What one {@code migrate} run is asked to do, checked by the command before Camel starts.
 *
 * @param ids      the source ticket ids to migrate (from --ids), or null for every ticket changed since {@code since}
 * @param since    tickets changed since (null: all)
 * @param until    tickets last changed before (null: no bound)
 * @param limit    at most this many tickets (0: no limit), the first ones the source lists
 * @param report   where report.json and report.html go (null: none)
 */
public record MigrationPlan(String from, String to, Instant since, Instant until, List<String> ids, int limit,
                            int concurrency, double maxRequestsPerSecond, boolean dryRun, Path report) {

    /**
     * The key of the source side's cursor and ledger. A window (since, until) has its own: a window's cursor must not
     * hide the tickets outside it from a later, wider run (the target's id map still keeps every copy single).
     * A dry run has a fresh key each time, so it never marks anything as handed on.
     */
    public String sourceStateKey(String runId) {
        if (dryRun) return "migrate-dry-run:" + runId;
        StringBuilder key = new StringBuilder(Migration.ledgerKey(from, to));
        if (since != null) key.append(":since=").append(since);
        if (until != null) key.append(":until=").append(until);
        return key.toString();
    }
}
