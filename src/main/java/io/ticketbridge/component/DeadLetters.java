package io.ticketbridge.component;

import io.ticketbridge.sink.DeadLetterWriter;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;

/**
 * Where a consumer's failed tickets go: the {@code deadLetterUri} endpoint when one is set, else a JSON file per
 * failure under the dead-letter directory ({@link DeadLetterWriter}: raw payload, step, reason).
 */
final class DeadLetters {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeadLetters.class);
    /** Exchange property: the step that failed (fetch, map or route). */
    static final String STEP = DeadLetterWriter.PROPERTY_STEP;

    private final CamelContext camel;
    private final String uri;
    private final DeadLetterWriter writer;
    private ProducerTemplate template; // guarded by this

    DeadLetters(CamelContext camel, String uri, String directory) {
        this.camel = camel;
        this.uri = uri == null || uri.isBlank() ? null : uri;
        this.writer = new DeadLetterWriter();
        writer.setDirectory(directory);
    }

    /**
     * Sends a fresh exchange carrying the failed one's headers and body (the raw payload up to the mapping; what the
     * route held after), the error as {@link Exchange#EXCEPTION_CAUGHT} and the step.
     */
    void send(Exchange failed, Throwable error, String step) {
        send(failed, error, step, io.ticketbridge.ops.TicketMoves.route(failed));
    }

    /** As {@link #send(Exchange, Throwable, String)}, naming the user's route the ticket failed in. */
    void send(Exchange failed, Throwable error, String step, String route) {
        Exchange letter = new DefaultExchange(camel);
        letter.getExchangeExtension().setFromRouteId(failed.getFromRouteId());
        letter.getIn().setHeaders(new java.util.HashMap<>(failed.getIn().getHeaders()));
        letter.getIn().setBody(failed.getIn().getBody());
        letter.setProperty(Exchange.EXCEPTION_CAUGHT, error);
        letter.setProperty(STEP, step);
        letter.setProperty(DeadLetterWriter.PROPERTY_ROUTE, route);
        // which step of the route: the endpoint it was calling (a sink Kamelet, say)
        String at = failed.getProperty(Exchange.FAILURE_ENDPOINT, String.class);
        if ("route".equals(step) && at != null) letter.setProperty(DeadLetterWriter.PROPERTY_AT, withoutOptions(at));
        if (uri == null) {
            writer.write(letter);
            return;
        }
        Exchange done = template().send(uri, letter);
        if (done.getException() != null) {
            throw new IllegalStateException("cannot send the dead letter to " + uri + ": " + done.getException().getMessage(),
                    done.getException());
        }
        LOG.error("Dead letter: {}: {} ticket {} failed at {}: {} (sent to {})", route,
                failed.getIn().getHeader(io.ticketbridge.connector.VendorSource.HEADER_SYSTEM),
                failed.getIn().getHeader(io.ticketbridge.connector.VendorSource.HEADER_TICKET_ID),
                DeadLetterWriter.where(step, letter.getProperty(DeadLetterWriter.PROPERTY_AT, String.class)),
                error.getMessage() == null ? error.getClass().getName() : error.getMessage(),
                org.apache.camel.util.URISupport.sanitizeUri(uri));
    }

    /** The endpoint without its options: they may hold credentials. */
    private static String withoutOptions(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }

    /** Made once: with concurrency=N several tickets may fail at the same moment. */
    private synchronized ProducerTemplate template() {
        if (template == null) template = camel.createProducerTemplate();
        return template;
    }
}
