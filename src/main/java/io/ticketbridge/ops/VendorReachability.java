package io.ticketbridge.ops;

import io.ticketbridge.component.HelpdeskEndpoint;
import io.ticketbridge.connector.RetryPolicy;
import io.ticketbridge.connector.VendorHttp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.util.URISupport;

/**
 * One readiness check per vendor account the routes use ({@code vendor:<vendor>@<baseUrl>}, every {@code helpdesk:}
 * endpoint of the context, sources and sinks alike): DOWN, naming vendor, URL and reason, while the account's base
 * URL cannot be reached or answers 5xx. The probe is one unauthenticated {@code GET <baseUrl>/} (any answer below
 * 500 means the vendor is there; credentials are the consumers' checks' business), sent through camel-http like
 * every vendor call, without retries, not counted in the HTTP meters, and its result reused for {@link #CACHE} —
 * a scraper asking every second costs the vendor one request per half minute. No credential is sent or shown.
 */
public final class VendorReachability implements HealthCheckRepository, CamelContextAware {
    /** How long one probe's answer stands. */
    public static final Duration CACHE = Duration.ofSeconds(30);

    private CamelContext camel;
    private boolean enabled = true;
    private final Map<String, Check> checks = new ConcurrentHashMap<>();

    @Override
    public String getId() {
        return "ticketbridge-vendors";
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public CamelContext getCamelContext() {
        return camel;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camel = camelContext;
    }

    /** The accounts of the endpoints there are now (a route removed by a reload takes its account's check along). */
    @Override
    public Stream<HealthCheck> stream() {
        if (!enabled || camel == null) return Stream.empty();
        Map<String, String[]> accounts = new LinkedHashMap<>();
        for (var e : camel.getEndpoints()) {
            if (e instanceof HelpdeskEndpoint h) {
                String shown = h.getBaseUrl() == null ? "(no baseUrl)" : URISupport.sanitizeUri(h.getBaseUrl());
                accounts.putIfAbsent(h.getVendor() + "@" + shown, new String[] {h.getVendor(), h.getBaseUrl(), shown});
            }
        }
        checks.keySet().retainAll(accounts.keySet());
        accounts.forEach((key, a) -> checks.computeIfAbsent(key, k -> new Check(camel, a[0], a[1], a[2])));
        return checks.values().stream().map(HealthCheck.class::cast);
    }

    /** One probe's outcome. */
    private record Probe(boolean up, String message, long atNanos) {
    }

    static final class Check extends AbstractHealthCheck {
        private final CamelContext camel;
        private final String vendor;
        private final String baseUrl;
        private final String shown;
        private Probe last; // guarded by this

        Check(CamelContext camel, String vendor, String baseUrl, String shown) {
            super("ticketbridge", "vendor:" + vendor + "@" + shown);
            this.camel = camel;
            this.vendor = vendor;
            this.baseUrl = baseUrl;
            this.shown = shown;
            setCamelContext(camel);
        }

        @Override
        public boolean isLiveness() {
            return false; // a vendor down is no reason to restart the bridge
        }

        @Override
        protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
            Probe p = probe();
            builder.detail("vendor", vendor);
            builder.message(p.message());
            if (p.up()) builder.up();
            else builder.down();
        }

        private synchronized Probe probe() {
            if (last == null || System.nanoTime() - last.atNanos() > CACHE.toNanos()) last = probeNow();
            return last;
        }

        private Probe probeNow() {
            String who = vendor + " at " + shown;
            long start = System.nanoTime();
            try {
                VendorHttp http = new VendorHttp(camel, vendor, baseUrl).retry(RetryPolicy.NONE).uncounted();
                VendorHttp.Response r = http.get("/", null, null);
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (r.status() >= 500) return new Probe(false, who + " is failing: it answers HTTP " + r.status(), System.nanoTime());
                return new Probe(true, who + " is reachable (HTTP " + r.status() + " in " + ms + " ms)", System.nanoTime());
            } catch (RuntimeException e) {
                String reason = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
                if (reason.startsWith(vendor + ": ")) reason = reason.substring(vendor.length() + 2);
                return new Probe(false, who + " is unreachable: " + reason, System.nanoTime());
            }
        }
    }
}
