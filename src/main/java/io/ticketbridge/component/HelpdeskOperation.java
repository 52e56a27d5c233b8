package io.ticketbridge.component;

/** What a {@code helpdesk:} producer does with an exchange. */
public enum HelpdeskOperation {
    /** Body: a canonical ticket (or its JSON); writes it into the account, never twice (the sink). */
    deliver,
    /** Header {@code TicketBridgeTicketId}: reads that ticket; body: the canonical ticket. */
    fetch,
    /** Body: the changes the account lists since header {@code TicketBridgeSince} (or the since option, or all). */
    list,
    /** Header {@code TicketBridgeTicketId}: deletes that ticket where the vendor's API can (migrate undo); body: true, or false when it was not there. */
    delete,
    /**
     * Consumer only: receive the vendor's webhooks on {@code path} of the embedded HTTP server, verify them, record
     * each change durably, answer, then fetch the ticket (as fetch does) and emit it ({@link WebhookConsumer}).
     */
    webhook
}
