package io.ticketbridge.connector;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry mechanism for vendor calls (camel-http's own is switched off): exponential backoff with jitter
 * for network errors, 429 and 5xx, honouring {@code Retry-After} up to a cap. Other 4xx are never retried.
 *
 * @param maxAttempts    calls in all, first one included (1 = no retry)
 * @param initialDelay   delay before the first retry; doubled each time
 * @param maxDelay       ceiling of the backoff
 * @param retryAfterCap  the most a {@code Retry-After} may make us wait; a longer one is cut to this
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration retryAfterCap) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30),
            Duration.ofSeconds(60));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be >= 1, got " + maxAttempts);
    }

    /** How long to wait before attempt {@code attempt + 1} (attempt counts from 1), given the answer's Retry-After. */
    public Duration delay(int attempt, String retryAfter) {
        long base = Math.min(maxDelay.toMillis(), initialDelay.toMillis() << Math.min(attempt - 1, 20));
        // "equal jitter": half fixed, half random, so concurrent clients spread out but never retry at once
        long jittered = base / 2 + (base > 1 ? ThreadLocalRandom.current().nextLong(base / 2 + 1) : 0);
        Duration wait = Duration.ofMillis(jittered);
        Duration asked = parseRetryAfter(retryAfter);
        if (asked != null) {
            Duration capped = asked.compareTo(retryAfterCap) > 0 ? retryAfterCap : asked;
            if (capped.compareTo(wait) > 0) wait = capped;
        }
        return wait;
    }

    /** Seconds ("120") or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException e) {
            try {
                Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** Network errors (status 0), 429 and 5xx. */
    public static boolean transientStatus(int status) {
        return status == 0 || status == 429 || status >= 500;
    }
}
