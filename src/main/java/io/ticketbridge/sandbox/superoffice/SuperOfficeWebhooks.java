package io.ticketbridge.sandbox.superoffice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.sandbox.SimExchange;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulated tenant's webhook deliveries, as SuperOffice documents them (automation/webhook): a POST of
 * {@code {EventId, Timestamp, Changes, Event, PrimaryKey, Entity, ContextIdentifier, ChangedByAssociateId,
 * WebhookName, FieldValues}} with headers {@code X-SuperOffice-Event}, {@code -EventId}, {@code -Retry},
 * {@code -Signature} (base64 HMAC-SHA256 of the body with the webhook's Secret) and
 * {@code User-Agent: NetServer-Webhook/<ver>}. Fire and forget: 3 attempts per cycle (after 1 s, then 4 s) with the
 * same EventId; then the event is queued again ({@link #requeueDelayMs} later) with a <b>new</b> EventId; after 9
 * failures in a row the webhook's State becomes TooManyErrors and nothing more is sent to it.
 */
final class SuperOfficeWebhooks implements AutoCloseable {
    static final String USER_AGENT = "NetServer-Webhook/10.3.8";
    static final String CONTEXT = "Cust12345";
    private static final long[] RETRY_DELAYS_MS = {1000, 4000};
    private static final int MAX_FAILURES = 9;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter NAIVE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    /** A registered webhook; the secret is write-only (never listed). */
    static final class Hook {
        final int id;
        final String name;
        final URI target;
        final String secret;
        final Set<String> events;
        volatile String state = "Active";
        volatile int failures;

        Hook(int id, String name, URI target, String secret, Set<String> events) {
            this.id = id;
            this.name = name;
            this.target = target;
            this.secret = secret == null ? "" : secret;
            this.events = events;
        }
    }

    /** One event to deliver: the payload without its EventId, which each cycle sets anew. */
    private record Delivery(Hook hook, String event, ObjectNode payload) {
    }

    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "superoffice-sim-webhooks");
        t.setDaemon(true);
        return t;
    });
    volatile long requeueDelayMs = 30_000;

    void add(Hook hook) {
        hooks.add(hook);
    }

    List<Hook> hooks() {
        return hooks;
    }

    /**
     * A ticket changed (the caller holds the store's lock, so the values are consistent): each active webhook
     * subscribed to {@code event} gets it, sent from the sender thread.
     */
    void ticketEvent(String event, ObjectNode fieldValues, int ticketId, List<String> changes, Instant at, Integer associateId) {
        for (Hook h : hooks) {
            if (!h.events.contains(event) || !"Active".equals(h.state)) continue;
            ObjectNode p = SimExchange.NODES.objectNode();
            p.put("EventId", "");
            p.put("Timestamp", TIMESTAMP.format(at));
            changes.forEach(p.putArray("Changes")::add);
            p.put("Event", event);
            p.put("PrimaryKey", ticketId);
            p.put("Entity", "ticket");
            p.put("ContextIdentifier", CONTEXT);
            p.put("ChangedByAssociateId", associateId == null ? 0 : associateId);
            p.put("WebhookName", h.name);
            p.set("FieldValues", fieldValues.deepCopy());
            Delivery d = new Delivery(h, event, p);
            sender.execute(() -> cycle(d));
        }
    }

    /** The registration check: a signed {@code test} event with {@code X-Hook-Test: true}; true when answered 200. */
    boolean test(Hook h) {
        ObjectNode p = SimExchange.NODES.objectNode();
        p.put("EventId", UUID.randomUUID().toString());
        p.put("Timestamp", TIMESTAMP.format(Instant.now()));
        p.putArray("Changes");
        p.put("Event", "test");
        p.put("PrimaryKey", 0);
        p.put("Entity", "webhook");
        p.put("ContextIdentifier", CONTEXT);
        p.put("ChangedByAssociateId", 0);
        p.put("WebhookName", h.name);
        try {
            return post(h, "test", p, 0, true) == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** A cycle: a new EventId, then up to 3 attempts. */
    private void cycle(Delivery d) {
        d.payload().put("EventId", UUID.randomUUID().toString());
        attempt(d, 0);
    }

    private void attempt(Delivery d, int retry) {
        Hook h = d.hook();
        if (!"Active".equals(h.state)) return;
        int status;
        try {
            status = post(h, d.event(), d.payload(), retry, false);
        } catch (Exception e) {
            status = -1;
        }
        if (status >= 200 && status < 300) {
            h.failures = 0;
            return;
        }
        if (++h.failures >= MAX_FAILURES) {
            h.state = "TooManyErrors";
            return;
        }
        if (retry < RETRY_DELAYS_MS.length) {
            sender.schedule(() -> attempt(d, retry + 1), RETRY_DELAYS_MS[retry], TimeUnit.MILLISECONDS);
        } else {
            sender.schedule(() -> cycle(d), requeueDelayMs, TimeUnit.MILLISECONDS);
        }
    }

    private int post(Hook h, String event, ObjectNode payload, int retry, boolean test) throws Exception {
        byte[] body = SimExchange.NODES.objectNode().setAll(payload).toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder req = HttpRequest.newBuilder(h.target).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", USER_AGENT)
                .header("X-SuperOffice-Event", event)
                .header("X-SuperOffice-EventId", payload.path("EventId").asText())
                .header("X-SuperOffice-Retry", Integer.toString(retry))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!h.secret.isEmpty()) req.header("X-SuperOffice-Signature", sign(h.secret, body));
        if (test) req.header("X-Hook-Test", "true");
        return http.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** base64(HMAC-SHA256(secret, body)), written here from SuperOffice's docs, not shared with the receiver. */
    static String sign(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    /** FieldValues datetimes are naive tenant time, to the second. */
    static String naive(Instant at, ZoneId zone) {
        return at == null ? null : NAIVE.format(at.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    @Override
    public void close() {
        sender.shutdownNow();
    }
}
