package io.ticketbridge.sink;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.ops.TicketMoves;
import io.ticketbridge.sink.TicketFileName.RejectedNameException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * What {@code kamelet:ticket-file-sink} runs: each canonical ticket as pretty JSON in
 * {@code <directory>/<source.system>/<source.ticketId>.json}, replaced atomically ({@link AtomicFiles}), and when
 * {@code ndjson} is set one more line in that NDJSON export ({@link NdjsonAppender}). The names come from the
 * ticket itself, encoded by {@link TicketFileName} (never from headers, which a webhook caller could set); a ticket
 * whose id cannot be a file name fails with the reason, so the route's dead letter keeps it.
 */
public class TicketFileSink implements Processor {
    private String directory = "data/tickets";
    private String ndjson = "";
    private boolean fsync = true;

    @Override
    public void process(Exchange exchange) throws IOException {
        Object body = exchange.getIn().getBody();
        Ticket ticket;
        if (body instanceof Ticket t) {
            ticket = t;
        } else {
            String json = exchange.getIn().getBody(String.class);
            if (json == null || json.isBlank()) throw new IllegalArgumentException("ticket-file-sink: no ticket in the body");
            ticket = TicketJson.read(json);
        }
        Path file = write(ticket);
        exchange.getIn().setHeader(Exchange.FILE_NAME_PRODUCED, file.toString());
        TicketMoves.moved(exchange, ticket, "file", root().relativize(file).toString());
    }

    /** Writes the ticket's file (and NDJSON line); returns the file. */
    public Path write(Ticket ticket) throws IOException {
        Path file = fileOf(ticket);
        AtomicFiles.write(file, (TicketJson.writePretty(ticket) + "\n").getBytes(StandardCharsets.UTF_8), fsync);
        Path export = ndjsonFile();
        if (export != null) NdjsonAppender.append(export, TicketJson.write(ticket), fsync);
        return file;
    }

    /**
     * The file a ticket goes to, inside {@code directory} whatever its ids hold.
     *
     * @throws RejectedNameException when the ids make no file name, or the file system would fold the name onto
     *                               another ticket's file (ids differing only in case on a case-insensitive disk)
     */
    public Path fileOf(Ticket ticket) {
        String system = ticket.source() == null ? null : ticket.source().system();
        String id = ticket.source() == null ? null : ticket.source().ticketId();
        Path root = root();
        Path file;
        try {
            file = root.resolve(TicketFileName.forSystem(system)).resolve(TicketFileName.forTicketId(id) + ".json");
        } catch (RejectedNameException e) {
            throw new RejectedNameException("ticket-file-sink: not written: " + e.getMessage());
        }
        if (!file.normalize().getParent().getParent().equals(root)) { // cannot happen with the encoding; kept as a guard
            throw new RejectedNameException("ticket-file-sink: " + TicketFileName.printable(id) + " would leave " + root);
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            try {
                String onDisk = file.toRealPath(LinkOption.NOFOLLOW_LINKS).getFileName().toString();
                if (!onDisk.equals(file.getFileName().toString())) {
                    throw new RejectedNameException("ticket-file-sink: not written: " + system + " ticket "
                            + TicketFileName.printable(id) + " would replace " + onDisk + ", which this file system"
                            + " does not tell apart from " + file.getFileName() + " (ids differing only in case)");
                }
            } catch (IOException e) {
                // gone in between: nothing to fold onto
            }
        }
        return file;
    }

    private Path root() {
        return Path.of(directory).toAbsolutePath().normalize();
    }

    /** The NDJSON export: {@code ndjson} relative to {@code directory} unless absolute; null when not set. */
    Path ndjsonFile() {
        if (ndjson == null || ndjson.isBlank()) return null;
        return root().resolve(ndjson.strip()).normalize();
    }

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public String getNdjson() {
        return ndjson;
    }

    public void setNdjson(String ndjson) {
        this.ndjson = ndjson;
    }

    public boolean isFsync() {
        return fsync;
    }

    public void setFsync(boolean fsync) {
        this.fsync = fsync;
    }
}
