package io.ticketbridge.connector;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.component.kamelet.KameletEndpoint;

/**
 * One poll of a source, from listing to the cursor: the route it runs for (as the user named it) and what became
 * of the tickets it listed.
 */
public final class PollRun {
    static final String PROPERTY = "TicketBridgePollRun";

    private final String route;
    private volatile int changed;
    private volatile boolean listed;
    private final AtomicInteger delivered = new AtomicInteger();

    private PollRun(String route) {
        this.route = route;
    }

    /** A new run for the route (the user's route id) that polls. */
    public static PollRun forRoute(String route) {
        return new PollRun(route);
    }

    /** A new run for this exchange's poll, bound to it. */
    static PollRun start(Exchange exchange, String vendor) {
        PollRun run = new PollRun(routeName(exchange, vendor));
        exchange.setProperty(PROPERTY, run);
        return run;
    }

    /** The run of this exchange's poll; null outside a source Kamelet's route (a bean called directly). */
    static PollRun of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, PollRun.class);
    }

    public String route() {
        return route;
    }

    public void listed(int changedTickets) {
        this.changed = changedTickets;
        this.listed = true;
    }

    /** False when listing the changes failed: there is nothing to report but that failure. */
    public boolean wasListed() {
        return listed;
    }

    public int changed() {
        return changed;
    }

    public void delivered() {
        delivered.incrementAndGet();
    }

    public int deliveredCount() {
        return delivered.get();
    }

    /**
     * The id of the user's route whose {@code from} is this Kamelet (the Kamelet's own route is an instance like
     * {@code thulium-source-1}, which tells an operator nothing); else the Kamelet route's id, else the vendor.
     */
    static String routeName(Exchange exchange, String vendor) {
        String kameletRoute = exchange.getFromRouteId();
        if (kameletRoute == null) return vendor;
        for (Route r : exchange.getContext().getRoutes()) {
            if (!r.isCreatedByKamelet() && r.getEndpoint() instanceof KameletEndpoint k && kameletRoute.equals(k.getRouteId())) {
                return r.getRouteId();
            }
        }
        return kameletRoute;
    }
}
