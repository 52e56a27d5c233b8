package io.ticketbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * One {@link BridgeMetrics} per context, in the Prometheus registry Camel's metrics use; the webhook receivers'
 * counts ({@link WebhookStats}) scraped as {@code ticketbridge_webhooks_total{vendor,outcome}}.
 */
class BridgeMetricsTest {
    @Test
    void webhookOutcomesTheReceiversCountAreScrapedByVendorAndOutcome() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            BridgeMetrics metrics = BridgeMetrics.of(camel);
            assertThat(BridgeMetrics.of(camel)).as("one per context").isSameAs(metrics);
            assertThat(camel.getRegistry().lookupByName(MicrometerConstants.METRICS_REGISTRY_NAME))
                    .as("bound where camel-micrometer-prometheus looks for its registry").isSameAs(metrics.registry())
                    .isInstanceOf(PrometheusMeterRegistry.class);
            PrometheusMeterRegistry prometheus = (PrometheusMeterRegistry) metrics.registry();
            Map<String, String> accepted = Map.of("vendor", "superoffice", "outcome", "accepted");
            Map<String, String> unauthorized = Map.of("vendor", "thulium", "outcome", "unauthorized");
            double acceptedBefore = ObserveEndpointsTest.sample(prometheus.scrape(), "ticketbridge_webhooks_total", accepted);
            double unauthorizedBefore = ObserveEndpointsTest.sample(prometheus.scrape(), "ticketbridge_webhooks_total", unauthorized);

            WebhookStats.count("superoffice", WebhookStats.Outcome.ACCEPTED);
            WebhookStats.count("superoffice", WebhookStats.Outcome.ACCEPTED);
            WebhookStats.count("thulium", WebhookStats.Outcome.UNAUTHORIZED);

            String scrape = prometheus.scrape();
            assertThat(ObserveEndpointsTest.sample(scrape, "ticketbridge_webhooks_total", accepted)).isEqualTo(acceptedBefore + 2);
            assertThat(ObserveEndpointsTest.sample(scrape, "ticketbridge_webhooks_total", unauthorized)).isEqualTo(unauthorizedBefore + 1);
            assertThat(ObserveEndpointsTest.sample(scrape, "ticketbridge_webhooks_total", Map.of("vendor", "keliweb")))
                    .as("a vendor that sends no webhooks has no series").isNull();
        }
    }

    @Test
    void aMeterRegistryBoundBeforeIsTheOneUsed() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            PrometheusMeterRegistry own = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            camel.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, own);
            BridgeMetrics.of(camel).ticketRead("thulium", "thulium-to-files");
            assertThat(ObserveEndpointsTest.sample(own.scrape(), "ticketbridge_tickets_read_total",
                    Map.of("vendor", "thulium", "route", "thulium-to-files"))).isEqualTo(1.0);
        }
    }
}
