package io.ticketbridge.component;

/** What a {@code helpdesk:} producer does with an exchange. */
public enum HelpdeskOperation {
    /** Body: a canonical ticket (or its JSON); writes it into the account, never twice (the sink). */
    deliver,
    /** Header {@code TicketBridgeTicketId}: reads that ticket; body: the canonical ticket. */
    fetch,
    /** Body: the changes the account lists since header {@code TicketBridgeSince} (or the since option, or all). */
    list
}
