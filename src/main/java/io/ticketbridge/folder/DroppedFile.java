package io.ticketbridge.folder;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sink.AtomicFiles;
import io.ticketbridge.sink.TicketFileName;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelExchangeException;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Synchronization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dropped file on its way through the route: what it held and how far it got. When the file's exchange ends it
 * logs the outcome — and on failure writes {@code .error/<name>.reason.txt} next to the file Camel moves there:
 * first line {@code <name>: <what is wrong, where>} (the JSON path, as {@code convert} says it), then the step, the
 * ticket concerned, the route and the time.
 */
final class DroppedFile implements Synchronization {
    /** Exchange property holding this record (split parts share it). */
    static final String PROPERTY = "TicketBridgeDroppedFile";
    static final String ERROR_DIR = ".error";
    static final String DONE_DIR = ".done";
    private static final Logger LOG = LoggerFactory.getLogger(DroppedFile.class);

    private final Path file;
    private final String route;
    private volatile String step = "read";
    private volatile Ticket current;
    private volatile int tickets;
    private volatile int unchanged;
    private final AtomicInteger delivered = new AtomicInteger();

    DroppedFile(Path file, String route) {
        this.file = file;
        this.route = route;
    }

    /** The file cannot be read as tickets (too big, empty, not JSON); the message says what and where. */
    static final class RefusedException extends RuntimeException {
        RefusedException(String message) {
            super(message);
        }
    }

    String name() {
        return file.getFileName().toString();
    }

    void mapping() {
        step = "map";
    }

    void read(int tickets, int unchanged) {
        this.tickets = tickets;
        this.unchanged = unchanged;
    }

    void handingOn(Ticket ticket) {
        step = "deliver";
        current = ticket;
    }

    void delivered() {
        delivered.incrementAndGet();
    }

    @Override
    public void onComplete(Exchange exchange) {
        LOG.info("{}: {}: {} ticket(s), {} handed on, {} unchanged; moved to {}/", route, name(), tickets, delivered.get(),
                unchanged, DONE_DIR);
    }

    @Override
    public void onFailure(Exchange exchange) {
        Throwable error = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String what = what(unwrap(error));
        Path reason = file.resolveSibling(ERROR_DIR).resolve(name() + ".reason.txt");
        StringBuilder text = new StringBuilder(name()).append(": ").append(what).append('\n')
                .append("file: ").append(file).append('\n')
                .append("step: ").append(step).append('\n');
        Ticket t = current;
        if (t != null && "deliver".equals(step)) {
            text.append("ticket: ").append(t.source().system()).append(' ').append(TicketFileName.printable(t.source().ticketId()))
                    .append(" (").append(delivered.get()).append(" of ").append(tickets - unchanged).append(" handed on before it)\n");
        }
        text.append("route: ").append(route).append('\n').append("at: ").append(Instant.now()).append('\n');
        try {
            AtomicFiles.write(reason, text.toString().getBytes(StandardCharsets.UTF_8), false);
        } catch (IOException e) {
            LOG.warn("{}: cannot write {}: {}", route, reason, e.getMessage());
        }
        LOG.error("{}: {} moved to {}/: {}", route, name(), ERROR_DIR, what);
    }

    private String what(Throwable e) {
        String message = e == null ? "unknown error" : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.replace('\n', ' ').replace('\r', ' ');
        Ticket t = current;
        if ("deliver".equals(step) && t != null) {
            return "delivering " + t.source().system() + " ticket " + TicketFileName.printable(t.source().ticketId())
                    + " failed: " + message;
        }
        return message;
    }

    /** The error a route step threw, without Camel's wrappers around it. */
    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CamelExecutionException || t instanceof RuntimeCamelException
                || t instanceof CamelExchangeException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
