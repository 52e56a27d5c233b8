package io.ticketbridge.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Sending webhooks to a running bridge over real HTTP, signed as the vendor docs say (written here, not shared). */
public final class Webhooks {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Webhooks() {
    }

    /** A port free right now, for the bridge's embedded HTTP server (camel.server.port). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The running bridge's HTTP server port (tests start it on a free one), once it listens. */
    public static int serverPort(java.util.function.Supplier<org.apache.camel.CamelContext> camel,
                                 java.util.concurrent.Callable<Boolean> running) {
        return org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> running.call() ? HttpServers.port(camel.get()) : 0, p -> p > 0);
    }

    /** Whether a webhook route answers on {@code url}: an unsigned empty event is refused with 401 once it does. */
    public static boolean listening(String url) {
        try {
            return post(url, "{}", Map.of()).statusCode() == 401;
        } catch (Exception e) {
            return false;
        }
    }

    public static String hmacBase64(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    public static HttpResponse<String> post(String url, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A SuperOffice ticket event as NetServer 10.2.11+ sends it. */
    public static String superOfficeEvent(String event, int ticketId, String eventId, String lastChanged) {
        return "{\"EventId\":\"" + eventId + "\",\"Timestamp\":\"2026-12-03T10:00:00.1234567Z\",\"Changes\":[\"last_changed\"],"
                + "\"Event\":\"" + event + "\",\"PrimaryKey\":" + ticketId + ",\"Entity\":\"ticket\",\"ContextIdentifier\":\"Cust12345\","
                + "\"ChangedByAssociateId\":5,\"WebhookName\":\"bridge\",\"FieldValues\":{\"last_changed\":\"" + lastChanged
                + "\",\"ticket_status\":1}}";
    }

    /** The headers SuperOffice sends with {@code body}, signed with {@code secret}. */
    public static Map<String, String> superOfficeHeaders(String secret, String body, String event, String eventId) throws Exception {
        return Map.of("X-SuperOffice-Event", event, "X-SuperOffice-EventId", eventId, "X-SuperOffice-Retry", "0",
                "X-SuperOffice-Signature", hmacBase64(secret, body), "User-Agent", "NetServer-Webhook/10.3.8");
    }
}
