package io.ticketbridge.state;

/**
 * Run in a JVM of its own by {@link H2StateStoreTest}: opens the store at {@code args[0]} and exits; a shutdown hook
 * then writes a cursor a moment later, as Camel lets an in-flight poll finish on SIGTERM. Prints WROTE once the
 * write returned, or the failure.
 */
public final class WritesWhileShuttingDown {
    private WritesWhileShuttingDown() {
    }

    public static void main(String[] args) {
        JdbcStateStore store = new JdbcStateStore(args[0], "sa", "");
        store.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Thread.sleep(100);
                store.saveCursor("written-while-shutting-down", "yes");
                System.out.println("WROTE");
            } catch (InterruptedException | RuntimeException e) {
                System.out.println("FAILED: " + e.getMessage());
            }
        }));
        System.exit(0);
    }
}
