package io.ticketbridge.state;

import io.ticketbridge.state.StateStore.Delivery;
import io.ticketbridge.state.StateStore.MessageMapping;
import io.ticketbridge.state.StateStore.Outcome;

/**
 * Run in a JVM of its own by {@link StateStoreContract}: opens the store at {@code args[0]} (user {@code args[1]},
 * password from {@code TICKETBRIDGE_STATE_PASSWORD}), makes {@code args[2]} writes of every kind, prints WRITTEN and
 * halts the JVM at once, as kill -9 would: no shutdown hook, no close, nothing flushed after the last write returned.
 */
public final class WritesThenHalts {
    static final String SINK = "crash-sink";
    static final String SYSTEM = "crash-system";

    private WritesThenHalts() {
    }

    public static void main(String[] args) {
        String password = System.getenv().getOrDefault("TICKETBRIDGE_STATE_PASSWORD", "");
        int n = Integer.parseInt(args[2]);
        JdbcStateStore store = new JdbcStateStore(args[0], args[1], password);
        store.start();
        for (int i = 0; i < n; i++) {
            store.saveCursor("crash#cursor-" + i, "c" + i);
            store.markDelivered("crash-flow", "t" + i, new Delivery("v" + i, "f" + i));
            store.recordIntent(SINK, SYSTEM, "t" + i, "ticket");
            store.mapTicket(SINK, SYSTEM, "t" + i, "T" + i);
            store.recordIntent(SINK, SYSTEM, "t" + i, "message:m" + i);
            store.mapMessage(SINK, SYSTEM, "t" + i, "m" + i, new MessageMapping("M" + i, Outcome.DELIVERED));
            store.recordIntent(SINK, SYSTEM, "t" + i, "status");
            store.recordStatus(SINK, SYSTEM, "t" + i, "OPEN");
            store.recordIntent(SINK, SYSTEM, "pending" + i, "ticket");
            store.recordIntent(SINK, SYSTEM, "cleared" + i, "ticket");
            store.clearIntent(SINK, SYSTEM, "cleared" + i, "ticket");
            // a unit as the sink writes it: intents, then the create's mapping, then the messages' mappings and status
            store.apply(SINK, SYSTEM, "u" + i, java.util.List.of(new StateStore.Intent("ticket"), new StateStore.Intent("message:a"),
                    new StateStore.Intent("message:b")));
            store.apply(SINK, SYSTEM, "u" + i, java.util.List.of(new StateStore.TicketMapped("U" + i),
                    new StateStore.MessageMapped("a", new MessageMapping("A" + i, Outcome.DELIVERED))));
            store.apply(SINK, SYSTEM, "u" + i, java.util.List.of(
                    new StateStore.MessageMapped("b", new MessageMapping("B" + i, Outcome.DELIVERED)), new StateStore.StatusRecorded("OPEN")));
        }
        System.out.println("WRITTEN");
        System.out.flush();
        Runtime.getRuntime().halt(9);
    }
}
