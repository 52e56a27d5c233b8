package io.ticketbridge.connector;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one source logs about its polls: one line per change of state, not one per period. A poll that cannot list
 * its changes logs one ERROR line naming route and reason the first time (and when the reason changes); the same
 * failure again is logged at DEBUG only; the first poll that works again logs one INFO line. A finished poll logs
 * its counts at INFO when it delivered something or its failures changed, else at DEBUG. Stack traces only at DEBUG.
 */
public final class PollHealth {
    private static final Logger LOG = LoggerFactory.getLogger(PollHealth.class);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** What the failing polls fail with (exception class and HTTP status), null while polls work. */
    private String failure;
    private Instant failingSince;
    private int failedPolls;
    private int lastFailedTickets;

    /** Listing the changes failed: the poll ends without tickets and the cursor stays. */
    public synchronized void listFailed(PollRun run, RuntimeException e, boolean stopping) {
        String reason = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
        if (stopping) {
            LOG.debug("{}: poll interrupted by shutdown: {}", run.route(), reason, e);
            return;
        }
        String kind = kind(e);
        failedPolls++;
        if (kind.equals(failure)) {
            LOG.debug("{}: poll failed again ({} in a row): {}", run.route(), failedPolls, reason, e);
            return;
        }
        if (failure == null) {
            failingSince = Instant.now();
            failedPolls = 1;
        }
        failure = kind;
        LOG.error("{}: poll failed: {} (retried every poll; repeats are logged at DEBUG)", run.route(), reason);
        LOG.debug("{}: poll failure in full", run.route(), e);
    }

    /** The changes were listed: if polls were failing, they work again. */
    public synchronized void listed(PollRun run) {
        if (failure == null) return;
        LOG.info("{}: polling works again ({} failed poll(s) since {})", run.route(), failedPolls, CLOCK.format(failingSince));
        failure = null;
        failedPolls = 0;
    }

    /** After the poll's tickets were handed on or failed; {@code failed} tickets keep the cursor where it was. */
    public synchronized void done(PollRun run, int failed) {
        if (!run.wasListed()) return; // the failure was logged already
        int delivered = run.deliveredCount();
        int unchanged = Math.max(0, run.changed() - delivered - failed);
        String line = run.route() + ": poll done: " + run.changed() + " changed, " + delivered + " delivered, " + failed
                + " failed, " + unchanged + " unchanged" + (failed > 0 ? "; the cursor stays, failed tickets are retried next poll" : "");
        if (delivered > 0 || failed != lastFailedTickets) LOG.info(line);
        else LOG.debug(line);
        lastFailedTickets = failed;
    }

    /** Two failures are the same when thrown as the same type for the same HTTP status, whatever the request id. */
    private static String kind(RuntimeException e) {
        String kind = e.getClass().getName();
        if (e instanceof VendorCallException v) kind += "/" + v.vendor() + "/" + v.status();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return root == e ? kind : kind + "/" + root.getClass().getName();
    }
}
