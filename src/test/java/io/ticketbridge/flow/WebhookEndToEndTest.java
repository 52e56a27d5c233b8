package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.superoffice.SuperOfficeSimulator;
import io.ticketbridge.testing.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped routes/superoffice-webhook-to-files.yaml as it runs by default: a ticket changed through the
 * SuperOffice simulator's API makes the simulator send a signed webhook to the bridge's HTTP server, the route
 * fetches the ticket and the file sink writes it — no poll involved.
 */
class WebhookEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aTicketChangedInTheSimulatorReachesTheFileSinkThroughItsWebhook() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Map.of())) {
            Map<String, String> overrides = new HashMap<>(sandbox.connectorProperties());
            overrides.put("ticketbridge.superoffice.webhookSecret", SuperOfficeSimulator.WEBHOOK_SECRET);
            try (Flow flow = Flow.start(dir, Files.readString(Path.of("routes/superoffice-webhook-to-files.yaml")), overrides, Map.of())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> flow.check() && flow.camel() != null
                        && flow.camel().getRoute("superoffice-webhook-to-files") != null
                        && flow.camel().getRouteController().getRouteStatus("superoffice-webhook-to-files").isStarted());
                // the simulator sends to the bridge's server (on a free port in tests)
                ((SuperOfficeSimulator) sandbox.simulator("superoffice"))
                        .sendWebhooksTo(flow.webhookUrl("/webhooks/superoffice"), SuperOfficeSimulator.WEBHOOK_SECRET);
                Path file = dir.resolve("tickets/superoffice/112.json");
                assertThat(file).as("nothing polls: no file before the change").doesNotExist();

                String auth = Base64.getEncoder().encodeToString((SuperOfficeSimulator.USERNAME + ":" + SuperOfficeSimulator.PASSWORD)
                        .getBytes(StandardCharsets.UTF_8));
                HttpResponse<String> saved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(sandbox.baseUrl("superoffice") + "/api/v1/Agents/Ticket/SaveTicketEntity"))
                        .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"TicketId\":112,\"Title\":\"Printer on fire (webhook)\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(saved.statusCode()).isEqualTo(200);

                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> Files.exists(file));
                assertThat(TicketJson.read(Files.readString(file)).subject()).isEqualTo("Printer on fire (webhook)");
            }
        }
    }
}
