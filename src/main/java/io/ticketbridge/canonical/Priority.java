package io.ticketbridge.canonical;

/** Canonical priority; null on a ticket when the vendor has none. The vendor's value is in {@code priorityRaw}. */
public enum Priority { LOW, NORMAL, HIGH, URGENT }
