package io.ticketbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The API webhook receivers count with: one {@link BridgeMetrics} per context, in the Prometheus registry Camel's
 * metrics use, its webhook outcomes scraped as {@code ticketbridge_webhooks_total{vendor,outcome,reason}}; a reason
 * becomes a safe label value, whatever a caller passes.
 */
class BridgeMetricsTest {
    @Test
    void webhooksAcceptedAndRejectedAreCountedByVendorOutcomeAndReasonInThePrometheusScrape() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            BridgeMetrics metrics = BridgeMetrics.of(camel);
            assertThat(BridgeMetrics.of(camel)).as("one per context").isSameAs(metrics);
            assertThat(camel.getRegistry().lookupByName(MicrometerConstants.METRICS_REGISTRY_NAME))
                    .as("bound where camel-micrometer-prometheus looks for its registry").isSameAs(metrics.registry())
                    .isInstanceOf(PrometheusMeterRegistry.class);

            metrics.webhookAccepted("superoffice");
            metrics.webhookAccepted("superoffice");
            metrics.webhookRejected("superoffice", "signature");
            metrics.webhookRejected("thulium", "Bad Credentials!\n{x=\"y\"}");
            metrics.webhookRejected("thulium", null);

            String scrape = ((PrometheusMeterRegistry) metrics.registry()).scrape();
            assertThat(ObserveEndpointsTest.sample(scrape, "ticketbridge_webhooks_total",
                    Map.of("vendor", "superoffice", "outcome", "accepted", "reason", "none"))).isEqualTo(2.0);
            assertThat(ObserveEndpointsTest.sample(scrape, "ticketbridge_webhooks_total",
                    Map.of("vendor", "superoffice", "outcome", "rejected", "reason", "signature"))).isEqualTo(1.0);
            assertThat(ObserveEndpointsTest.sample(scrape, "ticketbridge_webhooks_total",
                    Map.of("vendor", "thulium", "outcome", "rejected", "reason", "bad_credentials_x_y_"))).isEqualTo(1.0);
            assertThat(ObserveEndpointsTest.sample(scrape, "ticketbridge_webhooks_total",
                    Map.of("vendor", "thulium", "outcome", "rejected", "reason", "unknown"))).isEqualTo(1.0);
        }
    }

    @Test
    void aMeterRegistryBoundBeforeIsTheOneUsed() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            PrometheusMeterRegistry own = new PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
            camel.getRegistry().bind(MicrometerConstants.METRICS_REGISTRY_NAME, own);
            BridgeMetrics.of(camel).ticketRead("thulium", "thulium-to-files");
            assertThat(ObserveEndpointsTest.sample(own.scrape(), "ticketbridge_tickets_read_total",
                    Map.of("vendor", "thulium", "route", "thulium-to-files"))).isEqualTo(1.0);
        }
    }
}
