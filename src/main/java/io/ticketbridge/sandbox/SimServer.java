package io.ticketbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback HTTP server for one simulated vendor: routes by method and path template ({@code /api/tickets/{id}}),
 * injects {@link Faults}, counts what it served ({@link SimStats}), and serves the control endpoints under
 * {@code /__sandbox/}: {@code GET|PUT|DELETE /__sandbox/faults}, {@code GET|DELETE /__sandbox/stats} and
 * {@code GET /__sandbox/health}.
 */
public final class SimServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimServer.class);

    /** A simulated endpoint. Throwing {@link IllegalArgumentException} answers the vendor's "bad request". */
    @FunctionalInterface
    public interface Handler {
        void handle(SimExchange exchange) throws IOException;
    }

    /** How a vendor renders an error in its own envelope (status, message) — used for unknown paths and crashes. */
    @FunctionalInterface
    public interface ErrorRenderer {
        void render(SimExchange exchange, int status, String message) throws IOException;
    }

    private record Route(String method, Pattern pattern, List<String> names, Handler handler) {
    }

    /** The faults in force with their regexes compiled once, swapped as one. */
    private record Active(Faults faults, Pattern malformedPath, Pattern lostAnswerPath) {
        static Active of(Faults f) {
            return new Active(f, compile(f.malformedPath()), compile(f.lostAnswerPath()));
        }

        private static Pattern compile(String regex) {
            return regex == null ? null : Pattern.compile(regex);
        }
    }

    private static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final String vendor;
    private final HttpServer http;
    private final ExecutorService pool;
    private final List<Route> routes = new ArrayList<>();
    private volatile ErrorRenderer errors = (ex, status, msg) -> ex.json(status, Map.of("error", msg));
    private final List<Pattern> readOnlyPaths = new ArrayList<>();
    private volatile Active active = Active.of(Faults.NONE);
    private SplittableRandom random = new SplittableRandom(Faults.NONE.seed());
    private final LongAdder requests = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder drops = new LongAdder();
    private final LongAdder errorsServed = new LongAdder();
    private final LongAdder throttles = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder lostDropped = new LongAdder();
    private final LongAdder lostTruncated = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicReference<java.time.Instant> firstReceived = new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicReference<java.time.Instant> lastReceived = new java.util.concurrent.atomic.AtomicReference<>();

    public SimServer(String vendor, int port) throws IOException {
        // Nagle off, or a keep-alive client waits ~40 ms per small response (measured: 22 req/s)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.vendor = vendor;
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        this.pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "sandbox-" + vendor);
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(pool);
        http.createContext("/", this::dispatch);
    }

    public String vendor() {
        return vendor;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** e.g. http://127.0.0.1:43121 (no trailing slash). */
    public String baseUrl() {
        return "http://" + http.getAddress().getAddress().getHostAddress() + ":" + port();
    }

    public SimServer route(String method, String pathTemplate, Handler handler) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([^}]+)}").matcher(pathTemplate);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(pathTemplate.substring(last, m.start()))).append("([^/]+)");
            names.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(pathTemplate.substring(last)));
        routes.add(new Route(method, Pattern.compile(regex + "/?"), names, handler));
        return this;
    }

    public SimServer errors(ErrorRenderer renderer) {
        this.errors = renderer;
        return this;
    }

    /**
     * Paths (regex, matched whole) whose POSTs only read — queries, logins, default entities: not writes, so no
     * lost answer hits them. Every other POST/PUT/PATCH/DELETE is a write.
     */
    public SimServer readOnly(String pathRegex) {
        readOnlyPaths.add(Pattern.compile(pathRegex));
        return this;
    }

    public synchronized void faults(Faults f) {
        this.active = Active.of(f);
        this.random = new SplittableRandom(f.seed());
    }

    public Faults faults() {
        return active.faults();
    }

    public SimStats stats() {
        java.time.Instant first = firstReceived.get(), last = lastReceived.get();
        return new SimStats(requests.sum(), writes.sum(), drops.sum(), errorsServed.sum(), throttles.sum(),
                malformed.sum(), lostDropped.sum(), lostTruncated.sum(), maxInFlight.get(),
                first == null ? null : first.toString(), last == null ? null : last.toString());
    }

    public void resetStats() {
        for (LongAdder a : List.of(requests, writes, drops, errorsServed, throttles, malformed, lostDropped, lostTruncated)) {
            a.reset();
        }
        maxInFlight.set(inFlight.get());
        firstReceived.set(null);
        lastReceived.set(null);
    }

    private boolean isWrite(String method, String path) {
        if (!WRITE_METHODS.contains(method.toUpperCase(Locale.ROOT))) return false;
        for (Pattern p : readOnlyPaths) if (p.matcher(path).matches()) return false;
        return true;
    }

    public void start() {
        http.start();
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }

    private void dispatch(HttpExchange http) throws IOException {
        try (http) {
            String path = http.getRequestURI().getPath();
            if (path.startsWith("/__sandbox/")) {
                control(new SimExchange(http, Map.of(), false));
                return;
            }
            requests.increment();
            java.time.Instant now = java.time.Instant.now();
            firstReceived.compareAndSet(null, now);
            lastReceived.accumulateAndGet(now, (a, b) -> a == null || b.isAfter(a) ? b : a);
            Runnable served = inFlight();
            try {
                serve(http, path, served);
            } finally {
                served.run();
            }
        } catch (IOException e) {
            LOG.debug("{} sandbox: client went away: {}", vendor, e.toString());
        }
    }

    /**
     * Counts a request in flight until its answer starts (or it ends unanswered): a client's next request on the
     * connection comes only after that, so the most at one moment is what clients really had open at once.
     */
    private Runnable inFlight() {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) inFlight.decrementAndGet();
        };
    }

    private void serve(HttpExchange http, String path, Runnable served) throws IOException {
        boolean write = isWrite(http.getRequestMethod(), path);
        if (write) writes.increment();
        Active a;
        double drop, error, throttle, malformedDraw;
        Faults.LostAnswerMode lose = null;
        synchronized (this) {
            a = active;
            drop = random.nextDouble();
            error = random.nextDouble();
            throttle = random.nextDouble();
            malformedDraw = random.nextDouble();
            // drawn only when the fault is on, so the sequences of seeds set before it existed do not move
            Faults f = a.faults();
            if (write && f.lostAnswerRate() > 0 && (a.lostAnswerPath() == null || a.lostAnswerPath().matcher(path).matches())
                    && random.nextDouble() < f.lostAnswerRate()) {
                lose = f.lostAnswerMode() != Faults.LostAnswerMode.MIXED ? f.lostAnswerMode()
                        : random.nextBoolean() ? Faults.LostAnswerMode.DROP : Faults.LostAnswerMode.TRUNCATE;
            }
        }
        Faults f = a.faults();
        if (f.latencyMs() > 0) sleep(f.latencyMs());
        if (drop < f.dropRate()) {
            // no status line at all: the client sees the connection closed under it
            http.getRequestBody().readAllBytes();
            drops.increment();
            return;
        }
        Route route = null;
        Map<String, String> params = new HashMap<>();
        boolean pathKnown = false;
        for (Route r : routes) {
            Matcher m = r.pattern.matcher(path);
            if (!m.matches()) continue;
            pathKnown = true;
            if (!r.method.equalsIgnoreCase(http.getRequestMethod())) continue;
            for (int i = 0; i < r.names.size(); i++) params.put(r.names.get(i), m.group(i + 1));
            route = r;
            break;
        }
        boolean poisoned = a.malformedPath() != null && a.malformedPath().matcher(path).matches();
        SimExchange ex = new SimExchange(http, params, poisoned || malformedDraw < f.malformedRate());
        ex.onAnswering(served);
        try {
            if (error < f.errorRate()) {
                errorsServed.increment();
                errors.render(ex, f.errorStatus(), "simulated server error");
            } else if (throttle < f.throttleRate()) {
                throttles.increment();
                ex.header("Retry-After", Integer.toString(f.retryAfterSeconds()));
                errors.render(ex, 429, "Too Many Requests");
            } else if (route == null) {
                errors.render(ex, pathKnown ? 405 : 404, pathKnown ? "method not allowed" : "no such endpoint: " + path);
            } else {
                if (lose != null) ex.loseAnswer(lose);
                handle(route, ex);
                lostAnswer(ex, path);
            }
        } finally {
            if (ex.cut()) malformed.increment();
        }
    }

    private void handle(Route route, SimExchange ex) throws IOException {
        try {
            route.handler.handle(ex);
        } catch (IllegalArgumentException e) {
            if (!ex.answered()) errors.render(ex, 400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("{} sandbox: {} {} failed", vendor, ex.method(), ex.path(), e);
            if (!ex.answered()) errors.render(ex, 500, "internal error: " + e);
        }
    }

    /** The handler has run and its write is applied: now its answer, if it was to be lost, is lost. */
    private void lostAnswer(SimExchange ex, String path) throws IOException {
        Faults.LostAnswerMode served = ex.loseHeldAnswer();
        if (served == null) return;
        (served == Faults.LostAnswerMode.DROP ? lostDropped : lostTruncated).increment();
        LOG.debug("{} sandbox: {} {} applied, answer lost ({})", vendor, ex.method(), path, served);
    }

    private void control(SimExchange ex) throws IOException {
        switch (ex.method() + " " + ex.path()) {
            case "GET /__sandbox/health" -> ex.json(200, Map.of("vendor", vendor, "status", "UP"));
            case "GET /__sandbox/faults" -> ex.json(200, faults());
            case "GET /__sandbox/stats" -> ex.json(200, stats());
            case "DELETE /__sandbox/stats" -> {
                resetStats();
                ex.json(200, stats());
            }
            case "DELETE /__sandbox/faults" -> {
                faults(Faults.NONE);
                LOG.info("{} sandbox: faults cleared", vendor);
                ex.json(200, faults());
            }
            case "PUT /__sandbox/faults", "POST /__sandbox/faults" -> {
                try {
                    JsonNode body = ex.json();
                    // fields left out keep their "no fault" value
                    com.fasterxml.jackson.databind.node.ObjectNode merged = SimExchange.JSON.valueToTree(Faults.NONE);
                    if (body != null && body.isObject()) merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) body);
                    faults(SimExchange.JSON.treeToValue(merged, Faults.class));
                    LOG.info("{} sandbox: faults set: {}", vendor, faults());
                    ex.json(200, faults());
                } catch (IOException | IllegalArgumentException e) {
                    ex.json(400, Map.of("error", "bad faults: " + e.getMessage()));
                }
            }
            default -> ex.json(404, Map.of("error", "unknown sandbox control endpoint " + ex.path()));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
