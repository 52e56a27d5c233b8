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
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback HTTP server for one simulated vendor: routes by method and path template ({@code /api/tickets/{id}}),
 * injects {@link Faults}, and serves the control endpoints under {@code /__sandbox/}:
 * {@code GET|PUT|DELETE /__sandbox/faults} and {@code GET /__sandbox/health}.
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

    private final String vendor;
    private final HttpServer http;
    private final ExecutorService pool;
    private final List<Route> routes = new ArrayList<>();
    private volatile ErrorRenderer errors = (ex, status, msg) -> ex.json(status, Map.of("error", msg));
    private volatile Faults faults = Faults.NONE;
    private SplittableRandom random = new SplittableRandom(Faults.NONE.seed());

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

    public synchronized void faults(Faults f) {
        this.faults = f;
        this.random = new SplittableRandom(f.seed());
    }

    public Faults faults() {
        return faults;
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
            Faults f = faults;
            double drop, error, throttle, malformed;
            synchronized (this) {
                drop = random.nextDouble();
                error = random.nextDouble();
                throttle = random.nextDouble();
                malformed = random.nextDouble();
            }
            if (f.latencyMs() > 0) sleep(f.latencyMs());
            if (drop < f.dropRate()) {
                // no status line at all: the client sees the connection closed under it
                http.getRequestBody().readAllBytes();
                return;
            }
            SimExchange ex;
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
            boolean poisoned = f.malformedPath() != null && path.matches(f.malformedPath());
            ex = new SimExchange(http, params, poisoned || malformed < f.malformedRate());
            if (error < f.errorRate()) {
                errors.render(ex, f.errorStatus(), "simulated server error");
                return;
            }
            if (throttle < f.throttleRate()) {
                ex.header("Retry-After", Integer.toString(f.retryAfterSeconds()));
                errors.render(ex, 429, "Too Many Requests");
                return;
            }
            if (route == null) {
                errors.render(ex, pathKnown ? 405 : 404, pathKnown ? "method not allowed" : "no such endpoint: " + path);
                return;
            }
            try {
                route.handler.handle(ex);
            } catch (IllegalArgumentException e) {
                if (!ex.answered()) errors.render(ex, 400, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("{} sandbox: {} {} failed", vendor, http.getRequestMethod(), path, e);
                if (!ex.answered()) errors.render(ex, 500, "internal error: " + e);
            }
        } catch (IOException e) {
            LOG.debug("{} sandbox: client went away: {}", vendor, e.toString());
        }
    }

    private void control(SimExchange ex) throws IOException {
        switch (ex.method() + " " + ex.path()) {
            case "GET /__sandbox/health" -> ex.json(200, Map.of("vendor", vendor, "status", "UP"));
            case "GET /__sandbox/faults" -> ex.json(200, faults);
            case "DELETE /__sandbox/faults" -> {
                faults(Faults.NONE);
                ex.json(200, faults);
            }
            case "PUT /__sandbox/faults", "POST /__sandbox/faults" -> {
                try {
                    JsonNode body = ex.json();
                    // fields left out keep their "no fault" value
                    com.fasterxml.jackson.databind.node.ObjectNode merged = SimExchange.JSON.valueToTree(Faults.NONE);
                    if (body != null && body.isObject()) merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) body);
                    faults(SimExchange.JSON.treeToValue(merged, Faults.class));
                    ex.json(200, faults);
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
