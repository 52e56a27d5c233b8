package io.ticketbridge.sink;

import java.nio.file.Path;

/**
 * Run in a JVM of its own by {@link FileSinkCrashTest}: writes tickets of 50–450 KB through the file sink, with the
 * NDJSON export, as fast as it can, and prints {@code DONE <id>} after each write returned — until it is killed.
 * args: the sink's directory, the NDJSON file, a prefix for the ticket ids.
 */
public final class WritesTicketsUntilKilled {
    private WritesTicketsUntilKilled() {
    }

    public static void main(String[] args) throws Exception {
        TicketFileSink sink = new TicketFileSink();
        sink.setDirectory(args[0]);
        sink.setNdjson(args[1]);
        for (int i = 0; i < 100_000; i++) {
            String id = args[2] + "-" + i;
            // ids repeat every 5 tickets, so most writes replace a file a crash could leave half-replaced
            String fileId = args[2] + "-" + (i % 5);
            sink.write(TicketFileSinkTest.ticket("thulium", fileId, id + " " + "x".repeat(50_000 + (i * 37_003) % 400_000)));
            System.out.println("DONE " + id);
            System.out.flush();
        }
    }
}
