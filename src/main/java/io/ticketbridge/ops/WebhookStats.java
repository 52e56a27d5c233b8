package io.ticketbridge.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the webhook receivers saw, per vendor and outcome, since the JVM started: a small read-only view for
 * health and metrics to publish ({@link #snapshot()}); the receivers only count.
 */
public final class WebhookStats {
    /** What became of a request, or of a recorded event. */
    public enum Outcome {
        /** recorded in the inbox, answered 200 */
        ACCEPTED,
        /** the same change again (a retry, a new EventId): answered 200, not recorded again */
        DUPLICATE,
        /** the vendor's registration check: answered 200, nothing recorded */
        TEST,
        /** bad or missing signature or credentials: 401 */
        UNAUTHORIZED,
        /** body over maxBodySize: 413 */
        TOO_LARGE,
        /** not an event of this vendor: 400, kept in the dead letter */
        BAD_PAYLOAD,
        /** the inbox could not record it: 503, the vendor retries */
        UNAVAILABLE,
        /** processed after the answer: fetched and handed to the route */
        PROCESSED,
        /** processing failed: in the dead letter with the raw event */
        FAILED
    }

    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    private WebhookStats() {
    }

    public static void count(String vendor, Outcome outcome) {
        COUNTS.computeIfAbsent(vendor + "/" + outcome.name().toLowerCase(java.util.Locale.ROOT), k -> new LongAdder()).increment();
    }

    /** "vendor/outcome" → count, e.g. "superoffice/accepted" → 12. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> out = new java.util.TreeMap<>();
        COUNTS.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public static long count(String vendor, Outcome outcome, Map<String, Long> snapshot) {
        return snapshot.getOrDefault(vendor + "/" + outcome.name().toLowerCase(java.util.Locale.ROOT), 0L);
    }
}
