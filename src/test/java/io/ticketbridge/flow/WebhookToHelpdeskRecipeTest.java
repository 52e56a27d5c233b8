package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.cli.CliRun;
import io.ticketbridge.ops.WebhookStats;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.superoffice.SuperOfficeSimulator;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.testing.Webhooks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipe {@code examples/routes/superoffice-webhook-to-thulium.yaml} as shipped: {@code validate} accepts it, and
 * run against the sandbox a SuperOffice ticket changed by an agent arrives in Thulium through the simulator's signed
 * webhook, once — a second change of the same ticket creates no second Thulium ticket. Counted through Thulium's API.
 */
class WebhookToHelpdeskRecipeTest {
    static final Path RECIPE = Path.of("examples/routes/superoffice-webhook-to-thulium.yaml");

    @TempDir
    Path dir;

    @Test
    void validateAcceptsTheRecipe() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.copy(RECIPE, routes.resolve(RECIPE.getFileName()));
        CliRun r = CliRun.of("", "validate", "--routes", routes.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("OK: 1 route(s)", "superoffice-webhook-to-thulium");
    }

    /** SuperOffice webhook events fetched and handed to a route in this JVM so far. */
    private static long processed() {
        return count(WebhookStats.Outcome.PROCESSED);
    }

    private static long count(WebhookStats.Outcome outcome) {
        return WebhookStats.count("superoffice", outcome, WebhookStats.snapshot());
    }

    @Test
    void aChangedSuperOfficeTicketArrivesInThuliumThroughItsWebhookOnce() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Map.of())) {
            Map<String, String> props = new HashMap<>(sandbox.connectorProperties());
            props.put("ticketbridge.superoffice.webhookSecret", SuperOfficeSimulator.WEBHOOK_SECRET);
            String sink = "thulium@" + sandbox.baseUrl("thulium"); // the sink's state key when the route sets none
            try (Flow flow = Flow.start(dir, Files.readString(RECIPE), props, Map.of()); JdbcStateStore store = Flow.store(dir)) {
                ((SuperOfficeSimulator) sandbox.simulator("superoffice"))
                        .sendWebhooksTo(flow.webhookUrl("/webhooks/superoffice"), SuperOfficeSimulator.WEBHOOK_SECRET);
                assertThat(sandbox.simulator("thulium").ticketCount()).isEqualTo(SeedStories.COUNT);

                long before = processed();
                Webhooks.retitleSuperOfficeTicket(sandbox.baseUrl("superoffice"), 112, "Printer on fire (webhook)");
                await().atMost(Duration.ofSeconds(30)).until(() -> flow.check() && processed() > before);
                assertThat(sandbox.simulator("thulium").ticketCount()).isEqualTo(SeedStories.COUNT + 1);
                VendorSource thulium = Flow.sourceBean(flow.camel(), sandbox, "thulium", "check");
                String target = store.targetTicket(sink, "superoffice", "112").orElseThrow();
                Ticket created = Flow.read(flow.camel(), thulium, target);
                assertThat(created.subject()).isEqualTo("Printer on fire (webhook)");
                int messages = created.messages().size();
                assertThat(messages).as("the whole thread").isGreaterThan(1);

                // the same ticket changed again: its webhook is processed, nothing is created or appended twice
                // SuperOffice's last_changed has whole seconds: a change within the same second is the same change
                // (a duplicate, answered 200 and not processed again); either way the webhook has been dealt with
                long processed = processed();
                long duplicates = count(WebhookStats.Outcome.DUPLICATE);
                Webhooks.retitleSuperOfficeTicket(sandbox.baseUrl("superoffice"), 112, "Printer on fire (still)");
                await().atMost(Duration.ofSeconds(30)).until(() -> flow.check()
                        && (processed() > processed || count(WebhookStats.Outcome.DUPLICATE) > duplicates));
                assertThat(sandbox.simulator("thulium").ticketCount()).isEqualTo(SeedStories.COUNT + 1);
                assertThat(Flow.read(flow.camel(), thulium, target).messages()).hasSize(messages);
            }
        }
    }
}
