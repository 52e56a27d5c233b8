package io.ticketbridge.ops;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The error handler of every route, Kamelet routes included (bound as a bean, Camel Main applies it as the default
 * route configuration): Camel's own report of a failed exchange — message history and stack trace — goes to DEBUG
 * instead of ERROR. The failure is reported once, by the route's source, which knows what failed: the
 * {@code helpdesk:} consumer's dead-letter line (route, ticket, step, reason), the drop folder's {@code .error/}
 * line, any other Camel consumer its own WARN. Nothing is handled here: the failure still reaches the source, which
 * keeps the dead letter.
 */
public class RouteFailures extends RouteConfigurationBuilder {
    @Override
    public void configuration() {
        // loggingLevel: the report when no redelivery is configured; the other two: with redelivery
        routeConfiguration().errorHandler(defaultErrorHandler()
                .loggingLevel(LoggingLevel.DEBUG.name())
                .retriesExhaustedLogLevel(LoggingLevel.DEBUG)
                .retryAttemptedLogLevel(LoggingLevel.DEBUG));
    }
}
