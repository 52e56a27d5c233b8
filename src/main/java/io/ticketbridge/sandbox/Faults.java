package io.ticketbridge.sandbox;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Faults a simulator injects, switchable at run time ({@code PUT /__sandbox/faults} or
 * {@link SimServer#faults(Faults)}). Rates are probabilities 0..1 drawn per request, in this order:
 * drop, 5xx, 429, malformed — all before the handler runs — then, for a write only, lost answer, after it.
 * Latency applies to every request.
 *
 * @param latencyMs          added before answering
 * @param errorRate          share of requests answered with {@code errorStatus} (a 5xx)
 * @param errorStatus        the 5xx to answer with (default 503)
 * @param throttleRate       share answered 429 with {@code Retry-After: retryAfterSeconds}
 * @param retryAfterSeconds  the Retry-After value sent with 429
 * @param malformedRate      share answered 200 with a truncated JSON body
 * @param dropRate           share whose connection is closed without an answer
 * @param seed               random seed, so a test's fault sequence repeats
 * @param malformedPath      a regex: every 2xx answer on a matching path has its body cut in half (a poison
 *                           ticket, deterministic); null for none
 * @param lostAnswerRate     share of write requests (POST/PUT/PATCH/DELETE, minus the vendor's read-only POSTs)
 *                           that are handled completely — the write is applied — and whose answer is then lost
 * @param lostAnswerMode     how it is lost: {@code drop} (connection closed, no status line), {@code truncate}
 *                           (status and headers, half the body, then closed; an empty answer such as a 204
 *                           has nothing to cut and is dropped) or {@code mixed} (either, drawn per request; the
 *                           default)
 * @param lostAnswerPath     a regex: only writes on matching paths lose their answer; null for every write
 */
public record Faults(long latencyMs, double errorRate, int errorStatus, double throttleRate, int retryAfterSeconds,
                     double malformedRate, double dropRate, long seed, String malformedPath,
                     double lostAnswerRate, LostAnswerMode lostAnswerMode, String lostAnswerPath) {

    /** How a lost answer is lost; its JSON names are lower case. */
    public enum LostAnswerMode {
        @JsonProperty("drop") DROP,
        @JsonProperty("truncate") TRUNCATE,
        @JsonProperty("mixed") MIXED
    }

    public static final Faults NONE = new Faults(0, 0, 503, 0, 1, 0, 0, 42, null);

    public Faults(long latencyMs, double errorRate, int errorStatus, double throttleRate, int retryAfterSeconds,
                  double malformedRate, double dropRate, long seed) {
        this(latencyMs, errorRate, errorStatus, throttleRate, retryAfterSeconds, malformedRate, dropRate, seed, null);
    }

    public Faults(long latencyMs, double errorRate, int errorStatus, double throttleRate, int retryAfterSeconds,
                  double malformedRate, double dropRate, long seed, String malformedPath) {
        this(latencyMs, errorRate, errorStatus, throttleRate, retryAfterSeconds, malformedRate, dropRate, seed,
                malformedPath, 0, LostAnswerMode.MIXED, null);
    }

    /** Only a poison path, no random faults. */
    public static Faults poison(String pathRegex) {
        return new Faults(0, 0, 503, 0, 1, 0, 0, 42, pathRegex);
    }

    /** Only lost answers: {@code rate} of the writes (on {@code pathRegex}, null = all) applied, then answered never. */
    public static Faults lostAnswers(double rate, LostAnswerMode mode, String pathRegex, long seed) {
        return new Faults(0, 0, 503, 0, 1, 0, 0, seed, null, rate, mode, pathRegex);
    }

    public Faults {
        check("errorRate", errorRate);
        check("throttleRate", throttleRate);
        check("malformedRate", malformedRate);
        check("dropRate", dropRate);
        check("lostAnswerRate", lostAnswerRate);
        if (latencyMs < 0) throw new IllegalArgumentException("latencyMs must be >= 0");
        if (errorStatus == 0) errorStatus = 503;
        if (errorStatus < 500 || errorStatus > 599) throw new IllegalArgumentException("errorStatus must be a 5xx");
        if (retryAfterSeconds < 0) throw new IllegalArgumentException("retryAfterSeconds must be >= 0");
        if (lostAnswerMode == null) lostAnswerMode = LostAnswerMode.MIXED;
        malformedPath = regex("malformedPath", malformedPath);
        lostAnswerPath = regex("lostAnswerPath", lostAnswerPath);
    }

    private static void check(String name, double rate) {
        if (rate < 0 || rate > 1) throw new IllegalArgumentException(name + " must be between 0 and 1, got " + rate);
    }

    /** Blank is none; a bad regex fails here, when the faults are set, not on the next request. */
    private static String regex(String name, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            java.util.regex.Pattern.compile(value);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new IllegalArgumentException(name + " is not a valid regex: " + e.getDescription());
        }
        return value;
    }
}
