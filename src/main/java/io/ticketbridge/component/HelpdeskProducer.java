package io.ticketbridge.component;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.ops.TicketMoves;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code to("helpdesk:<vendor>?…")}: by {@code operation}, delivers the canonical ticket in the body into the account
 * (the vendor's sink: create, append only new messages, status, attachments, id maps — never twice), fetches the
 * ticket named by header {@code TicketBridgeTicketId} as a canonical ticket, or lists the account's changes.
 */
public class HelpdeskProducer extends DefaultProducer {
    private final HelpdeskEndpoint endpoint;

    public HelpdeskProducer(HelpdeskEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    public void process(Exchange exchange) {
        switch (endpoint.getOperation()) {
            case deliver -> deliver(exchange);
            case fetch -> fetch(exchange);
            case list -> list(exchange);
            case delete -> exchange.getIn().setBody(endpoint.sink().delete(exchange, ticketId(exchange)));
            case webhook -> throw new IllegalArgumentException("helpdesk:" + endpoint.getVendor()
                    + "?operation=webhook receives webhooks: use it in from(), not to()");
        }
    }

    private void deliver(Exchange exchange) {
        endpoint.sink().deliver(exchange);
        String target = "ticket " + exchange.getIn().getHeader(HelpdeskConstants.TARGET_TICKET_ID, String.class);
        if (exchange.getIn().getBody() instanceof Ticket t) {
            TicketMoves.moved(exchange, t, endpoint.getVendor(), target);
        } else {
            TicketMoves.moved(exchange, exchange.getIn().getHeader(VendorSource.HEADER_SYSTEM, String.class),
                    exchange.getIn().getHeader(VendorSource.HEADER_TICKET_ID, String.class), endpoint.getVendor(), target);
        }
    }

    private void fetch(Exchange exchange) {
        fetchInto(endpoint.source(), exchange, ticketId(exchange));
    }

    private String ticketId(Exchange exchange) {
        String id = exchange.getIn().getHeader(HelpdeskConstants.TICKET_ID, String.class);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("helpdesk:" + endpoint.getVendor() + "?operation=" + endpoint.getOperation()
                    + " needs the ticket id in header " + HelpdeskConstants.TICKET_ID);
        }
        return id.strip();
    }

    /** Reads one ticket into the exchange: body the canonical ticket (attachments included), headers naming it. */
    static void fetchInto(VendorSource source, Exchange exchange, String id) {
        CamelContext camel = exchange.getContext();
        String raw = source.fetch(camel, id);
        Ticket ticket = source.withAttachments(camel, source.map(raw));
        source.setTicketHeaders(exchange, ticket.source().ticketId(), null);
        exchange.getIn().setHeader(HelpdeskConstants.FINGERPRINT, VendorSource.fingerprint(ticket));
        exchange.getIn().setBody(ticket);
    }

    private void list(Exchange exchange) {
        String since = exchange.getIn().getHeader(HelpdeskConstants.SINCE, String.class);
        VendorSource source = endpoint.source();
        Instant from = since == null || since.isBlank() ? null : source.sinceInstant(since);
        exchange.getIn().setBody(source.list(exchange.getContext(), from).changes());
    }
}
