package io.ticketbridge.sandbox;

/**
 * Faults a simulator injects, switchable at run time ({@code PUT /__sandbox/faults} or
 * {@link SimServer#faults(Faults)}). Rates are probabilities 0..1 drawn per request, in this order:
 * drop, 5xx, 429, malformed. Latency applies to every request.
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
 */
public record Faults(long latencyMs, double errorRate, int errorStatus, double throttleRate, int retryAfterSeconds,
                     double malformedRate, double dropRate, long seed, String malformedPath) {

    public static final Faults NONE = new Faults(0, 0, 503, 0, 1, 0, 0, 42, null);

    public Faults(long latencyMs, double errorRate, int errorStatus, double throttleRate, int retryAfterSeconds,
                  double malformedRate, double dropRate, long seed) {
        this(latencyMs, errorRate, errorStatus, throttleRate, retryAfterSeconds, malformedRate, dropRate, seed, null);
    }

    /** Only a poison path, no random faults. */
    public static Faults poison(String pathRegex) {
        return new Faults(0, 0, 503, 0, 1, 0, 0, 42, pathRegex);
    }

    public Faults {
        check("errorRate", errorRate);
        check("throttleRate", throttleRate);
        check("malformedRate", malformedRate);
        check("dropRate", dropRate);
        if (latencyMs < 0) throw new IllegalArgumentException("latencyMs must be >= 0");
        if (errorStatus == 0) errorStatus = 503;
        if (errorStatus < 500 || errorStatus > 599) throw new IllegalArgumentException("errorStatus must be a 5xx");
        if (retryAfterSeconds < 0) throw new IllegalArgumentException("retryAfterSeconds must be >= 0");
        if (malformedPath != null && malformedPath.isBlank()) malformedPath = null;
        if (malformedPath != null) java.util.regex.Pattern.compile(malformedPath); // fail fast on a bad regex
    }

    private static void check(String name, double rate) {
        if (rate < 0 || rate > 1) throw new IllegalArgumentException(name + " must be between 0 and 1, got " + rate);
    }
}
