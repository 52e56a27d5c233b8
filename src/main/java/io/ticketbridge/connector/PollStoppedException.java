package io.ticketbridge.connector;

/**
 * Camel is shutting down in the middle of a poll: the remaining tickets are left for the next run (the cursor does
 * not move, the ledger skips what was delivered), so shutdown is quick and loses nothing. Not a dead letter.
 */
public class PollStoppedException extends RuntimeException {
    public PollStoppedException(String vendor, String ticketId) {
        super(vendor + ": shutting down; ticket " + ticketId + " is left for the next poll", null, false, false);
    }
}
