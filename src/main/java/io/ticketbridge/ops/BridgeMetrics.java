package io.ticketbridge.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;

/**
 * TicketBridge's own meters, in the Micrometer registry {@code /observe/metrics} serves (Prometheus names after the
 * arrow):
 * <ul>
 *   <li>{@code ticketbridge.tickets.read} → {@code ticketbridge_tickets_read_total{vendor,route}}: tickets a source
 *       fetched and mapped; {@code .written}: tickets a sink wrote (vendor = the target: a vendor, {@code file},
 *       {@code email}); {@code .failed}: tickets that failed (vendor = the source); {@code .dead.lettered}: failures
 *       kept in the dead letter;</li>
 *   <li>{@code ticketbridge_http_calls_total{vendor,status}} (status {@code error} when no answer came),
 *       {@code ticketbridge_http_429_total{vendor}}, {@code ticketbridge_http_retries_total{vendor}};</li>
 *   <li>{@code ticketbridge_seconds_since_last_successful_poll{vendor,route}} (since the consumer started while no
 *       poll has worked yet);</li>
 *   <li>{@code ticketbridge_webhooks_total{vendor,outcome}}: the webhook receivers' {@link WebhookStats}.</li>
 * </ul>
 * One instance per Camel context, found with {@link #of}. Label values are vendor ids, route ids and fixed words:
 * never ticket data, never a secret.
 */
public final class BridgeMetrics {
    /** The registry name this is bound under. */
    public static final String BEAN_NAME = "ticketbridgeMetrics";

    private final MeterRegistry registry;

    BridgeMetrics(MeterRegistry registry) {
        this.registry = registry;
        bindWebhooks();
    }

    /**
     * This context's meters. They go to the Micrometer registry Camel's metrics use ({@code camel.metrics.enabled});
     * whichever of the two comes first makes the Prometheus registry and binds it where the other looks, so the
     * order of start-up does not matter.
     */
    public static BridgeMetrics of(CamelContext camel) {
        var beans = camel.getRegistry();
        BridgeMetrics found = beans.lookupByNameAndType(BEAN_NAME, BridgeMetrics.class);
        if (found != null) return found;
        synchronized (camel) {
            found = beans.lookupByNameAndType(BEAN_NAME, BridgeMetrics.class);
            if (found != null) return found;
            MeterRegistry meters = beans.lookupByNameAndType(MicrometerConstants.METRICS_REGISTRY_NAME, MeterRegistry.class);
            if (meters == null) {
                meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                beans.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
            }
            found = new BridgeMetrics(meters);
            beans.bind(BEAN_NAME, found);
            return found;
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    // ---- tickets ----

    public void ticketRead(String vendor, String route) {
        tickets("read", vendor, route);
    }

    public void ticketWritten(String vendor, String route) {
        tickets("written", vendor, route);
    }

    public void ticketFailed(String vendor, String route) {
        tickets("failed", vendor, route);
    }

    public void ticketDeadLettered(String vendor, String route) {
        tickets("dead.lettered", vendor, route);
    }

    private void tickets(String what, String vendor, String route) {
        Counter.builder("ticketbridge.tickets." + what).tag("vendor", label(vendor)).tag("route", label(route))
                .register(registry).increment();
    }

    // ---- vendor HTTP ----

    /** One HTTP request to a vendor and its status; 0 when no answer came (network error, timeout). */
    public void httpCall(String vendor, int status) {
        String v = label(vendor);
        Counter.builder("ticketbridge.http.calls").tag("vendor", v).tag("status", status > 0 ? Integer.toString(status) : "error")
                .register(registry).increment();
        if (status == 429) Counter.builder("ticketbridge.http.429").tag("vendor", v).register(registry).increment();
    }

    /** A vendor request about to be sent again (after a network error, a 429 or a 5xx). */
    public void httpRetry(String vendor) {
        Counter.builder("ticketbridge.http.retries").tag("vendor", label(vendor)).register(registry).increment();
    }

    // ---- polls ----

    /** The gauge of one consumer; remove it with {@link #remove} when the consumer stops. */
    public Meter pollAge(String vendor, String route, DoubleSupplier secondsSinceLastSuccess) {
        return Gauge.builder("ticketbridge.seconds.since.last.successful.poll", secondsSinceLastSuccess, DoubleSupplier::getAsDouble)
                .tag("vendor", label(vendor)).tag("route", label(route)).strongReference(true).register(registry);
    }

    public void remove(Meter meter) {
        if (meter != null) registry.remove(meter);
    }

    // ---- webhooks ----

    /**
     * {@code ticketbridge_webhooks_total{vendor,outcome}}: what the receivers counted in {@link WebhookStats}, one
     * series per vendor that sends webhooks and outcome (accepted, duplicate, test, unauthorized, too_large,
     * bad_payload, unavailable, processed, failed), read at each scrape.
     */
    private void bindWebhooks() {
        for (io.ticketbridge.connector.Connector c : io.ticketbridge.connector.Connectors.all()) {
            if (c.newWebhook() == null) continue;
            for (WebhookStats.Outcome o : WebhookStats.Outcome.values()) {
                io.micrometer.core.instrument.FunctionCounter.builder("ticketbridge.webhooks", c.id(),
                                v -> WebhookStats.count(v, o, WebhookStats.snapshot()))
                        .tag("vendor", c.id()).tag("outcome", o.name().toLowerCase(Locale.ROOT)).register(registry);
            }
        }
    }

    private static String label(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}
