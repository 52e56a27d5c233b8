package io.ticketbridge.canonical;

/** Canonical ticket status; the vendor's own value is kept in {@code statusRaw}. */
public enum Status {
    NEW,
    /** waiting for the agent side */
    OPEN,
    /** waiting for the requester */
    PENDING,
    RESOLVED,
    CLOSED
}
