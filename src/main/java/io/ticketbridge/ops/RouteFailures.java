package io.ticketbridge.ops;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error handler of every route (bound as a bean, Camel Main applies it as the default route configuration):
 * Camel's own report of a failed exchange — message history and stack trace — goes to DEBUG instead of ERROR, and
 * one WARN line names route, step and reason. Sources that report their failures themselves (the {@code helpdesk:}
 * consumer's dead-letter line, the drop folder's {@code .error/} line) mark their exchanges with
 * {@link #REPORTED_BY_SOURCE}, and get no second line. Nothing is handled here: the failure still reaches the
 * source, which keeps the dead letter.
 */
public class RouteFailures extends RouteConfigurationBuilder {
    /** Exchange property: the source logs this exchange's failure itself (one line, with ticket and step). */
    public static final String REPORTED_BY_SOURCE = "TicketBridgeFailureReportedBySource";
    private static final String REPORTED = "TicketBridgeFailureReported";
    private static final Logger LOG = LoggerFactory.getLogger(RouteFailures.class);

    @Override
    public void configuration() {
        // level: the report without redelivery; the two others: with redelivery configured
        routeConfiguration().errorHandler(defaultErrorHandler()
                .loggingLevel(LoggingLevel.DEBUG.name())
                .retriesExhaustedLogLevel(LoggingLevel.DEBUG)
                .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                .onExceptionOccurred(new FailureLine()));
    }

    /** Where a route failed, as one line: the step is the endpoint being called, or the route's own id. */
    static final class FailureLine implements Processor {
        @Override
        public void process(Exchange exchange) {
            // once per exchange: a failure passing through several routes (kamelet:, direct:) is one failure
            if (exchange.getProperty(REPORTED) != null || exchange.getProperty(REPORTED_BY_SOURCE) != null) return;
            exchange.setProperty(REPORTED, Boolean.TRUE);
            Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            if (e == null) e = exchange.getException();
            LOG.warn("{}: exchange {} failed at {}: {} (Camel's report at DEBUG)", TicketMoves.route(exchange),
                    exchange.getExchangeId(), step(exchange), reason(e));
        }
    }

    /** The endpoint the exchange was sent to last (without its options: they may hold credentials), else the route. */
    public static String step(Exchange exchange) {
        String to = exchange.getProperty(Exchange.TO_ENDPOINT, String.class);
        if (to != null) {
            String bare = URISupport.sanitizeUri(to);
            int q = bare.indexOf('?');
            return q < 0 ? bare : bare.substring(0, q);
        }
        String route = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        return route != null ? "route " + route : "route " + exchange.getFromRouteId();
    }

    static String reason(Throwable e) {
        if (e == null) return "unknown error";
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }
}
