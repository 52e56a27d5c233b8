package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.ops.WebhookStats;
import io.ticketbridge.ops.WebhookStats.Outcome;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.testing.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kamelet:superoffice-webhook-source on the embedded HTTP server, over real sockets, against the SuperOffice
 * simulator: signed events are recorded, answered and fetched into the route's file sink; everything else is
 * refused with the status SuperOffice and ops expect, and nothing of it reaches the route.
 */
class SuperOfficeWebhookTest {
    private static final String SECRET = "s3cret-for-tests";
    @TempDir
    static Path dir;
    private static Sandbox sandbox;
    private static Flow flow;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(Map.of());
        Map<String, String> params = Flow.params(sandbox, "superoffice");
        params.put("secret", SECRET);
        params.put("maxBodySize", "4096");
        String route = "- route:\n    id: so-hooks\n    from:\n      uri: kamelet:superoffice-webhook-source\n      parameters:\n"
                + Flow.yamlParams(params, "        ")
                + "      steps:\n        - to:\n            uri: kamelet:ticket-file-sink\n            parameters:\n"
                + "              directory: \"" + dir.resolve("tickets") + "\"\n";
        flow = Flow.start(dir, route);
        url = flow.webhookUrl("/webhooks/superoffice");
    }

    @AfterAll
    static void stop() throws Exception {
        if (flow != null) flow.close();
        if (sandbox != null) sandbox.close();
    }

    private static Path ticketFile(int id) {
        return dir.resolve("tickets/superoffice/" + id + ".json");
    }

    private static HttpResponse<String> signed(String body, String eventId) throws Exception {
        return Webhooks.post(url, body, Webhooks.superOfficeHeaders(SECRET, body, "ticket.changed", eventId));
    }

    @Test
    void aSignedTicketEventIsAnsweredAndTheFetchedTicketReachesTheRoutesSink() throws Exception {
        String body = Webhooks.superOfficeEvent("ticket.changed", 101, "e-101", "2026-12-03T11:00:00");
        HttpResponse<String> r = signed(body, "e-101");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("recorded");
        assertThat(r.headers().firstValue("X-SuperOffice-Signature")).as("request headers are not echoed").isEmpty();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(ticketFile(101)));
        var ticket = TicketJson.read(Files.readString(ticketFile(101)));
        assertThat(ticket.source().system()).isEqualTo("superoffice");
        assertThat(ticket.source().ticketId()).isEqualTo("101");
        assertThat(ticket.messages()).isNotEmpty();
    }

    @Test
    void headerNamesAreCaseInsensitive() throws Exception {
        String body = Webhooks.superOfficeEvent("ticket.changed", 102, "e-102", "2026-12-03T11:00:00");
        HttpResponse<String> r = Webhooks.post(url, body, Map.of("x-superoffice-signature", Webhooks.hmacBase64(SECRET, body)));
        assertThat(r.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(ticketFile(102)));
    }

    @Test
    void aBadOrMissingSignatureIs401AndNothingIsProcessed() throws Exception {
        String body = Webhooks.superOfficeEvent("ticket.changed", 103, "e-103", "2026-12-03T11:00:00");
        Map<String, String> wrong = new HashMap<>(Webhooks.superOfficeHeaders("not-the-secret", body, "ticket.changed", "e-103"));
        HttpResponse<String> bad = Webhooks.post(url, body, wrong);
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).contains("X-SuperOffice-Signature does not match").doesNotContain(SECRET);
        HttpResponse<String> missing = Webhooks.post(url, body, Map.of());
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(missing.body()).contains("X-SuperOffice-Signature header is missing");
        // signed for another body: the body was changed on the way
        String other = Webhooks.superOfficeEvent("ticket.changed", 104, "e-103", "2026-12-03T11:00:00");
        assertThat(Webhooks.post(url, other, Webhooks.superOfficeHeaders(SECRET, body, "ticket.changed", "e-103")).statusCode())
                .isEqualTo(401);
        // the same change, properly signed later, is new to the inbox: the refused ones left no trace
        assertThat(signed(body, "e-103b").body()).contains("recorded");
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> !Files.exists(ticketFile(104)));
    }

    @Test
    void theRegistrationTestEventIsAnswered200AndNothingIsProcessed() throws Exception {
        String body = "{\"EventId\":\"t-1\",\"Timestamp\":\"2026-12-03T10:00:00.0000000Z\",\"Changes\":[],\"Event\":\"test\","
                + "\"PrimaryKey\":105,\"Entity\":\"ticket\",\"ContextIdentifier\":\"Cust12345\",\"WebhookName\":\"bridge\"}";
        Map<String, String> headers = new HashMap<>(Webhooks.superOfficeHeaders(SECRET, body, "test", "t-1"));
        headers.put("X-Hook-Test", "true");
        Map<String, Long> before = WebhookStats.snapshot();
        HttpResponse<String> r = Webhooks.post(url, body, headers);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("test event");
        assertThat(WebhookStats.count("superoffice", Outcome.TEST, WebhookStats.snapshot()))
                .isEqualTo(WebhookStats.count("superoffice", Outcome.TEST, before) + 1);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> !Files.exists(ticketFile(105)));
    }

    @Test
    void aBodyOverMaxBodySizeIs413() throws Exception {
        String body = "{\"Event\":\"ticket.changed\",\"PrimaryKey\":106,\"pad\":\"" + "x".repeat(5000) + "\"}";
        HttpResponse<String> r = signed(body, "e-106");
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("over the limit of 4096 bytes");
        await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(3)).until(() -> !Files.exists(ticketFile(106)));
    }

    @Test
    void anEventThatIsNoTicketEventIs400WithTheReasonAndKeptInTheDeadLetter() throws Exception {
        String body = "{\"EventId\":\"c-1\",\"Event\":\"contact.created\",\"PrimaryKey\":77,\"Entity\":\"contact\"}";
        HttpResponse<String> r = signed(body, "c-1");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("superoffice payload at $.Event", "'contact.created' is not a ticket event");
        HttpResponse<String> notJson = signed("this is not json", "c-2");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(notJson.body()).contains("webhook body is not JSON");
        await().atMost(Duration.ofSeconds(5)).until(() -> deadLetters().anyMatch(s -> s.contains("contact.created")));
        assertThat(deadLetters().filter(s -> s.contains("this is not json")).count()).isEqualTo(1);
    }

    private static Stream<String> deadLetters() throws Exception {
        Path d = dir.resolve("dead-letter/superoffice");
        if (!Files.isDirectory(d)) return Stream.empty();
        try (Stream<Path> files = Files.list(d)) {
            return files.map(p -> {
                try {
                    return Files.readString(p);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList().stream();
        }
    }

    @Test
    void theSameChangeResentWithANewEventIdIsProcessedOnce() throws Exception {
        Map<String, Long> before = WebhookStats.snapshot();
        String first = Webhooks.superOfficeEvent("ticket.changed", 107, "e-107-a", "2026-12-03T12:00:00");
        String again = Webhooks.superOfficeEvent("ticket.changed", 107, "e-107-b", "2026-12-03T12:00:00");
        assertThat(signed(first, "e-107-a").body()).contains("recorded");
        assertThat(signed(first, "e-107-a").body()).as("a retry, same EventId").contains("duplicate");
        assertThat(signed(again, "e-107-b").body()).as("re-queued with a new EventId").contains("duplicate");
        String later = Webhooks.superOfficeEvent("ticket.changed", 107, "e-107-c", "2026-12-03T12:00:09");
        assertThat(signed(later, "e-107-c").body()).as("a later change of the ticket").contains("recorded");
        await().atMost(Duration.ofSeconds(20)).until(() -> processed(before) == 2);
        Map<String, Long> after = WebhookStats.snapshot();
        assertThat(WebhookStats.count("superoffice", Outcome.DUPLICATE, after) - WebhookStats.count("superoffice", Outcome.DUPLICATE, before))
                .isEqualTo(2);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> processed(before) == 2);
    }

    private static long processed(Map<String, Long> before) {
        // other tests of this class run one at a time, so what was processed meanwhile is this test's
        return WebhookStats.count("superoffice", Outcome.PROCESSED, WebhookStats.snapshot())
                - WebhookStats.count("superoffice", Outcome.PROCESSED, before);
    }
}
