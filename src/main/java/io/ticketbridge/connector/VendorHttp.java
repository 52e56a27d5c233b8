package io.ticketbridge.connector;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpMethods;
import org.apache.camel.ProducerTemplate;

/**
 * Vendor calls through camel-http, so Camel's endpoint registry, metrics and tracing see them. One endpoint per
 * base URL; method, path and query travel as headers, which are set here and nowhere else (a ticket field must
 * never steer a request). Timeouts and retries are configured on the http component
 * ({@code camel.component.http.*} in application.properties), with the client's own retries off; retries happen
 * here, once, by {@link RetryPolicy}. Non-2xx answers are returned (after retries), not thrown, so each vendor
 * can read its own error envelope.
 */
public final class VendorHttp {

    /** An answer; header names lower-case; the body as bytes (binary downloads) and as text. */
    public record Response(int status, Map<String, String> headers, byte[] bytes) {
        public Response(int status, Map<String, String> headers, String body) {
            this(status, headers, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** The body decoded with the answer's charset (UTF-8 when it names none). */
        public String body() {
            java.nio.charset.Charset cs = StandardCharsets.UTF_8;
            String type = header("Content-Type");
            if (type != null) {
                java.util.regex.Matcher m = CHARSET.matcher(type);
                if (m.find()) {
                    try {
                        cs = java.nio.charset.Charset.forName(m.group(1));
                    } catch (IllegalArgumentException e) {
                        // an unknown charset name: UTF-8 is the best guess for these JSON APIs
                    }
                }
            }
            return new String(bytes, cs);
        }
    }

    private static final java.util.regex.Pattern CHARSET = java.util.regex.Pattern.compile("(?i)charset=\"?([\\w.:-]+)");
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VendorHttp.class);
    /** Set while a sink writes: see {@link #writing}. */
    private static final ThreadLocal<Boolean> WRITING = new ThreadLocal<>();

    private final String vendor;
    private final Endpoint endpoint;
    private final ProducerTemplate template;
    private final CamelContext context;
    /** Calls, 429s and retries per vendor ({@code /observe/metrics}); null for the health probe's calls. */
    private volatile io.ticketbridge.ops.BridgeMetrics metrics;
    private volatile RetryPolicy retry = RetryPolicy.DEFAULT;
    private volatile RequestBudget budget;
    private volatile java.util.function.Predicate<Response> retryable = r -> RetryPolicy.transientStatus(r.status());

    public VendorHttp(CamelContext context, String vendor, String baseUrl) {
        if (baseUrl == null || !baseUrl.matches("https?://[^?#]+")) {
            throw new IllegalArgumentException(vendor + ": baseUrl must be an http(s) URL without query, got '" + baseUrl + "'");
        }
        this.vendor = vendor;
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        // the endpoint is lenient: only options documented as endpoint options may go here. Resolved once: by its
        // URI Camel would normalise and look it up again on every call
        this.endpoint = context.getEndpoint(base + "?throwExceptionOnFailure=false");
        this.template = context.createProducerTemplate();
        this.context = context;
        this.metrics = io.ticketbridge.ops.BridgeMetrics.of(context);
    }

    /** Calls of this client are not counted in the vendor's HTTP meters (the health probe's). */
    public VendorHttp uncounted() {
        this.metrics = null;
        return this;
    }

    public String vendor() {
        return vendor;
    }

    public VendorHttp retry(RetryPolicy policy) {
        this.retry = policy;
        return this;
    }

    public RetryPolicy retry() {
        return retry;
    }

    /** The account's pace every request (retries included) waits its turn in; none by default. */
    public VendorHttp budget(RequestBudget budget) {
        this.budget = budget;
        return this;
    }

    /** Which answers are worth another attempt (default: 429 and 5xx); a vendor that wraps "not found" in a 500 narrows it. */
    public VendorHttp retryOn(java.util.function.Predicate<Response> predicate) {
        this.retryable = predicate;
        return this;
    }

    /**
     * Runs a sink's writes. A request that failed on the network, got a 5xx or an unreadable answer may have been
     * applied by the vendor, so it is not sent again here: the failure goes up to the sink, which reads the target
     * back before it writes again. Only a 429 (refused, certainly not applied) is still retried in place.
     */
    public static <T> T writing(java.util.function.Supplier<T> work) {
        Boolean outer = WRITING.get();
        WRITING.set(Boolean.TRUE);
        try {
            return work.get();
        } finally {
            if (outer == null) WRITING.remove();
        }
    }

    /** Runs reads inside {@link #writing} with the usual retries (a read sent twice changes nothing). */
    public static <T> T reading(java.util.function.Supplier<T> work) {
        Boolean outer = WRITING.get();
        WRITING.remove();
        try {
            return work.get();
        } finally {
            if (outer != null) WRITING.set(outer);
        }
    }

    /**
     * Calls {@code method path?query} with the given headers and body (String or byte[]; null for none), retrying
     * network errors and retryable answers by the {@link RetryPolicy}. Returns the last answer; throws
     * {@link VendorCallException} when the network still fails after the last attempt.
     */
    public Response call(String method, String path, Map<String, String> query, Map<String, String> headers,
                         String contentType, Object body) {
        boolean writing = WRITING.get() != null;
        for (int attempt = 1; ; attempt++) {
            Response r;
            try {
                r = once(method, path, query, headers, contentType, body);
            } catch (VendorCallException e) {
                // Camel shutting down closes the HTTP client under a call in flight: that is no vendor fault to retry
                if (writing || attempt >= retry.maxAttempts() || context.isStopping()) throw e;
                pause(attempt, null, method, path, e.getMessage());
                continue;
            }
            if (r.ok() || attempt >= retry.maxAttempts() || !retryable.test(r) || context.isStopping()) return r;
            if (writing && r.status() != 429) return r; // in doubt: the sink reads back before it writes again
            pause(attempt, r.header("Retry-After"), method, path, "HTTP " + r.status());
        }
    }

    private void pause(int attempt, String retryAfter, String method, String path, String why) {
        java.time.Duration d = retry.delay(attempt, retryAfter);
        var m = metrics;
        if (m != null) m.httpRetry(vendor);
        LOG.warn("{}: {} {} failed ({}); attempt {} of {} in {} ms", vendor, method, path, why, attempt + 1,
                retry.maxAttempts(), d.toMillis());
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorCallException(vendor, method + " " + path + ": interrupted while waiting to retry", e);
        }
    }

    private Response once(String method, String path, Map<String, String> query, Map<String, String> headers,
                          String contentType, Object body) {
        HttpMethods verb = HttpMethods.valueOf(method);
        RequestBudget b = budget;
        if (b != null) {
            try {
                b.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VendorCallException(vendor, method + " " + path + ": interrupted while waiting for the request budget", e);
            }
        }
        Exchange result = template.request(endpoint, ex -> {
            var in = ex.getIn();
            in.removeHeaders("*"); // nothing from a previous step steers this request
            // the enum camel-http reads: given as a String it goes through Camel's fallback type converters every call
            in.setHeader(Exchange.HTTP_METHOD, verb);
            in.setHeader(Exchange.HTTP_PATH, path);
            if (query != null && !query.isEmpty()) in.setHeader(Exchange.HTTP_QUERY, encode(query));
            if (headers != null) headers.forEach(in::setHeader);
            if (contentType != null) in.setHeader(Exchange.CONTENT_TYPE, contentType);
            in.setBody(body);
        });
        var m = metrics;
        if (result.getException() != null) {
            if (m != null) m.httpCall(vendor, 0);
            throw new VendorCallException(vendor, method + " " + path + ": " + describe(result.getException()),
                    result.getException());
        }
        var out = result.getMessage();
        Integer status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (m != null) m.httpCall(vendor, status == null ? 0 : status);
        Map<String, String> respHeaders = new LinkedHashMap<>();
        out.getHeaders().forEach((k, v) -> {
            if (v != null && !k.startsWith("Camel")) respHeaders.put(k.toLowerCase(Locale.ROOT), v.toString());
        });
        byte[] bytes = out.getBody(byte[].class);
        return new Response(status == null ? 0 : status, respHeaders, bytes == null ? new byte[0] : bytes);
    }

    public Response get(String path, Map<String, String> query, Map<String, String> headers) {
        return call("GET", path, query, headers, null, null);
    }

    /** {@code application/x-www-form-urlencoded} POST. */
    public Response postForm(String path, Map<String, String> form, Map<String, String> headers) {
        return call("POST", path, null, headers, "application/x-www-form-urlencoded", encode(form));
    }

    public static String encode(Map<String, String> params) {
        return params.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String describe(Throwable t) {
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
    }
}
