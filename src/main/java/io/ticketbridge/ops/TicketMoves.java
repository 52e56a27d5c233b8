package io.ticketbridge.ops;

import io.ticketbridge.canonical.SourceRef;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.routing.KameletRoutes;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one INFO line per ticket a sink wrote — {@code <route>: <vendor> ticket <id> -> <target> <target id>} — and
 * its count in {@code ticketbridge_tickets_written_total}. Ids and names only: never ticket content, never a secret.
 */
public final class TicketMoves {
    private static final Logger LOG = LoggerFactory.getLogger(TicketMoves.class);

    private TicketMoves() {
    }

    /** {@code target}: the vendor id, {@code file} or {@code email}; {@code where}: e.g. "ticket 42" or the file. */
    public static void moved(Exchange exchange, Ticket ticket, String target, String where) {
        SourceRef src = ticket.source();
        moved(exchange, src == null ? null : src.system(), src == null ? null : src.ticketId(), target, where);
    }

    /** As {@link #moved(Exchange, Ticket, String, String)}, for a sink that did not read the ticket object. */
    public static void moved(Exchange exchange, String system, String ticketId, String target, String where) {
        String route = route(exchange);
        LOG.info("{}: {} ticket {} -> {} {}", route, system == null ? "unknown" : system, ticketId == null ? "?" : ticketId,
                target, where);
        BridgeMetrics.of(exchange.getContext()).ticketWritten(target, route);
    }

    /** The user's route the exchange runs for (a Kamelet's own route is named after the route using it). */
    public static String route(Exchange exchange) {
        String id = exchange.getFromRouteId();
        String parent = KameletRoutes.userRouteOf(exchange.getContext(), id);
        return parent != null ? parent : id != null ? id : "no-route";
    }
}
