package io.ticketbridge.sandbox.superoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.testing.Webhooks;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulator's webhook deliveries as SuperOffice documents them, seen by a plain JDK HTTP receiver: headers,
 * payload, signature, the registration test event, and the retry schedule (3 attempts a cycle after 1 s and 4 s,
 * same EventId; the next cycle with a new one).
 */
class SuperOfficeWebhookSenderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "receiver-secret";

    record Received(long atMillis, Map<String, String> headers, String body) {
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private HttpServer receiver;
    private Sandbox sandbox;
    private String target;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            Map<String, String> h = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> h.put(k, v.get(0)));
            received.add(new Received(System.currentTimeMillis(), h, new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            int status = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.start();
        target = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        sandbox = Sandbox.start(Map.of());
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        sandbox.close();
    }

    private SuperOfficeSimulator sim() {
        return (SuperOfficeSimulator) sandbox.simulator("superoffice");
    }

    private HttpResponse<String> api(String path, String body) throws Exception {
        String auth = Base64.getEncoder().encodeToString((SuperOfficeSimulator.USERNAME + ":" + SuperOfficeSimulator.PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl("superoffice") + "/api/v1/" + path))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private void changeTicket101() throws Exception {
        assertThat(api("Agents/Ticket/SaveTicketEntity", "{\"TicketId\":101,\"Title\":\"Changed by the test\"}").statusCode()).isEqualTo(200);
    }

    @Test
    void registeringSendsASignedTestEventAndAChangedTicketASignedTicketChangedEvent() throws Exception {
        HttpResponse<String> reg = api("Webhook", "{\"Name\":\"bridge\",\"Events\":[\"ticket.changed\"],\"TargetUrl\":\"" + target
                + "\",\"Secret\":\"" + SECRET + "\",\"State\":\"Active\",\"Type\":\"webhook\"}");
        assertThat(reg.statusCode()).isEqualTo(200);
        assertThat(reg.body()).doesNotContain(SECRET);
        assertThat(received).hasSize(1);
        Received test = received.get(0);
        assertThat(test.headers()).containsEntry("X-Hook-Test", "true");
        assertThat(JSON.readTree(test.body()).path("Event").asText()).isEqualTo("test");

        changeTicket101();
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        Received r = received.get(1);
        JsonNode p = JSON.readTree(r.body());
        assertThat(r.headers()).containsEntry("X-SuperOffice-Event", "ticket.changed")
                .containsEntry("X-SuperOffice-EventId", p.path("EventId").asText())
                .containsEntry("X-SuperOffice-Retry", "0")
                .containsEntry("X-SuperOffice-Signature", Webhooks.hmacBase64(SECRET, r.body()))
                .containsEntry("Content-Type", "application/json; charset=utf-8");
        assertThat(r.headers().get("User-Agent")).startsWith("NetServer-Webhook/");
        assertThat(p.path("PrimaryKey").asInt()).isEqualTo(101);
        assertThat(p.path("Entity").asText()).isEqualTo("ticket");
        assertThat(p.path("Timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");
        assertThat(p.path("FieldValues").path("last_changed").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
        assertThat(p.path("EventId").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void aTargetThatDoesNotAnswer200ToTheTestEventIsNotRegistered() throws Exception {
        failNext.set(1);
        HttpResponse<String> reg = api("Webhook", "{\"Name\":\"bridge\",\"Events\":[\"ticket.changed\"],\"TargetUrl\":\"" + target
                + "\",\"Secret\":\"" + SECRET + "\"}");
        assertThat(reg.statusCode()).isEqualTo(400);
        assertThat(reg.body()).contains("did not answer 200 to the test event");
    }

    @Test
    void aFailedDeliveryIsRetriedAfter1sAnd4sWithTheSameEventIdThenAgainWithANewOne() throws Exception {
        sim().sendWebhooksTo(target, SECRET);
        sim().webhookRequeueDelay(Duration.ofMillis(500));
        failNext.set(3); // the whole first cycle fails
        changeTicket101();
        await().atMost(Duration.ofSeconds(12)).until(() -> received.size() == 4);
        List<String> ids = received.stream().map(r -> r.headers().get("X-SuperOffice-EventId")).toList();
        assertThat(ids.get(0)).isEqualTo(ids.get(1)).isEqualTo(ids.get(2));
        assertThat(ids.get(3)).as("a new cycle: a new EventId").isNotEqualTo(ids.get(0));
        assertThat(received.stream().map(r -> r.headers().get("X-SuperOffice-Retry")).toList()).containsExactly("0", "1", "2", "0");
        long first = received.get(1).atMillis() - received.get(0).atMillis();
        long second = received.get(2).atMillis() - received.get(1).atMillis();
        assertThat(first).as("first retry after 1 s").isBetween(900L, 2500L);
        assertThat(second).as("second retry after 4 s").isBetween(3900L, 6000L);
        // the change itself is the same in every attempt: what a receiver deduplicates on
        List<String> changed = received.stream().map(r -> {
            try {
                return JSON.readTree(r.body()).path("FieldValues").path("last_changed").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).distinct().toList();
        assertThat(changed).hasSize(1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> received.size() == 4);
    }
}
