package io.ticketbridge.bench;

import io.ticketbridge.routing.KameletRoutes;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.superoffice.SuperOfficeSimulator;
import io.ticketbridge.testing.Webhooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.main.Main;

/**
 * Webhook benchmark (bench/webhook-latency.sh): one Camel Main with the shipped application.properties, a
 * kamelet:superoffice-webhook-source → ticket-file-sink route (signature checked, each change recorded in the H2
 * inbox before the 200) and, on the same embedded HTTP server, a plain platform-http route that answers 200 at once
 * (the baseline), against the in-process SuperOffice simulator. Measures
 * <ol>
 *   <li>accepted requests/s, baseline vs. signed webhooks, with C client threads;</li>
 *   <li>webhook-to-sink latency (request sent → the ticket written by the file sink, then seen by a probe step),
 *       one event at a time: p50, p99.</li>
 * </ol>
 * Args: [REQUESTS] [CONCURRENCY] [LATENCY_SAMPLES] (default 3000 8 300).
 */
public final class WebhookBenchmark {
    private static final String SECRET = "bench-secret";
    private static final Map<String, Long> SEEN = new ConcurrentHashMap<>();

    private WebhookBenchmark() {
    }

    /** The probe after the file sink: when did the ticket of this change reach it. */
    public static final class Probe {
        public void seen(Exchange exchange) {
            SEEN.put(exchange.getIn().getHeader("TicketBridgeTicketId", String.class) + "@"
                    + exchange.getIn().getHeader("TicketBridgeVersion", String.class), System.nanoTime());
        }
    }

    public static void main(String[] args) throws Exception {
        // one INFO line per event would measure the console: WARN and above only
        org.apache.logging.log4j.core.config.Configurator.setRootLevel(org.apache.logging.log4j.Level.WARN);
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        Path dir = Files.createTempDirectory("webhook-bench");
        int port = Webhooks.freePort();
        try (Sandbox sandbox = Sandbox.start(Map.of())) {
            String route = "- route:\n    id: baseline\n    from:\n      uri: platform-http:/baseline?httpMethodRestrict=POST\n"
                    + "      steps:\n        - setBody:\n            constant: \"ok\"\n"
                    + "- route:\n    id: so-hooks\n    from:\n      uri: kamelet:superoffice-webhook-source\n      parameters:\n"
                    + "        baseUrl: \"" + sandbox.baseUrl("superoffice") + "\"\n        authMethod: basic\n"
                    + "        username: \"" + SuperOfficeSimulator.USERNAME + "\"\n        password: \"" + SuperOfficeSimulator.PASSWORD + "\"\n"
                    + "        secret: \"" + SECRET + "\"\n"
                    + "      steps:\n        - to:\n            uri: kamelet:ticket-file-sink\n            parameters:\n"
                    + "              directory: \"" + dir.resolve("tickets") + "\"\n"
                    + "        - bean:\n            ref: probe\n            method: seen\n";
            Files.createDirectories(dir.resolve("routes"));
            Files.writeString(dir.resolve("routes/bench.yaml"), route);
            Main main = new Main();
            KameletRoutes.install(main);
            main.setPropertyPlaceholderLocations("classpath:application.properties");
            main.configure().withRoutesIncludePattern("file:" + dir.resolve("routes") + "/*.yaml");
            main.addOverrideProperty("ticketbridge.data-dir", dir.toString());
            main.addOverrideProperty("camel.beans.stateStore.url", "jdbc:h2:file:" + dir.resolve("state/ticketbridge"));
            main.addOverrideProperty("camel.server.port", Integer.toString(port));
            main.addOverrideProperty("camel.main.name", "webhook-bench");
            main.bind("probe", new Probe());
            ExecutorService camel = Executors.newSingleThreadExecutor();
            camel.submit(() -> {
                main.run();
                return null;
            });
            String base = "http://127.0.0.1:" + port;
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .executor(Executors.newFixedThreadPool(concurrency)).build();
            waitUntilUp(http, base + "/baseline");
            AtomicInteger change = new AtomicInteger();

            // warm-up of both paths (JIT), not counted
            rate(http, base + "/baseline", Math.min(requests, 500), concurrency, i -> "{\"n\":" + i + "}", false, change);
            rate(http, base + "/webhooks/superoffice", Math.min(requests, 500), concurrency, null, true, change);
            waitUntilProcessed(change.get(), Duration.ofMinutes(5));

            double plain = rate(http, base + "/baseline", requests, concurrency, i -> "{\"n\":" + i + "}", false, change);
            double signed = rate(http, base + "/webhooks/superoffice", requests, concurrency, null, true, change);
            System.out.printf(Locale.ROOT, "accepted requests/s, %d requests, %d client threads: baseline (no verify/record) %.0f/s, "
                    + "signed SuperOffice webhooks (HMAC check + H2 inbox insert) %.0f/s (%.2f of baseline)%n",
                    requests, concurrency, plain, signed, signed / plain);
            waitUntilProcessed(change.get(), Duration.ofMinutes(10));

            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < samples; i++) {
                int n = change.incrementAndGet();
                int ticket = 101 + n % 30;
                String marker = marker(n);
                String body = Webhooks.superOfficeEvent("ticket.changed", ticket, "lat-" + n, marker);
                long sent = System.nanoTime();
                HttpResponse<String> r = Webhooks.post(base + "/webhooks/superoffice", body,
                        Webhooks.superOfficeHeaders(SECRET, body, "ticket.changed", "lat-" + n));
                if (r.statusCode() != 200) throw new IllegalStateException("answered " + r.statusCode() + ": " + r.body());
                String key = ticket + "@" + marker;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!SEEN.containsKey(key)) {
                    if (System.nanoTime() > deadline) throw new IllegalStateException("not at the sink after 30 s: " + key);
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000); // not a spin: 2 cores
                }
                ms.add((SEEN.get(key) - sent) / 1e6);
            }
            Collections.sort(ms);
            System.out.printf(Locale.ROOT, "webhook-to-sink latency, %d events one at a time (HTTP in, verify, record, 200, "
                    + "fetch from the simulator, map, file sink): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    samples, ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.99) - 1), ms.get(ms.size() - 1));
            main.completed();
            camel.shutdown();
            camel.awaitTermination(30, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static String marker(int n) {
        return String.format(Locale.ROOT, "2026-12-03T%02d:%02d:%02d.%d", (n / 3600) % 24, (n / 60) % 60, n % 60, n);
    }

    private static void waitUntilUp(HttpClient http, String url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (java.io.IOException e) {
                // not yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the bridge did not answer on " + url);
    }

    /** Waits until the worker has handed on every change sent so far (each is one probe entry). */
    private static void waitUntilProcessed(int sent, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (SEEN.size() < sent && System.nanoTime() < deadline) Thread.sleep(100);
    }

    /** Requests answered 200 per second, {@code concurrency} at a time; each webhook a new change of a ticket. */
    private static double rate(HttpClient http, String url, int n, int concurrency, java.util.function.IntFunction<String> plainBody,
                               boolean signed, AtomicInteger change) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(concurrency);
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            clients.execute(() -> {
                try {
                    while (next.getAndIncrement() < n) {
                        String body;
                        Map<String, String> headers;
                        if (signed) {
                            int c = change.incrementAndGet();
                            body = Webhooks.superOfficeEvent("ticket.changed", 101 + c % 30, "ev-" + c, marker(c));
                            headers = Webhooks.superOfficeHeaders(SECRET, body, "ticket.changed", "ev-" + c);
                        } else {
                            body = plainBody.apply(next.get());
                            headers = Map.of();
                        }
                        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body))
                                .header("Content-Type", "application/json");
                        headers.forEach(b::header);
                        if (http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) failed.incrementAndGet();
                    }
                } catch (Exception e) {
                    failed.incrementAndGet();
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        clients.shutdown();
        if (failed.get() > 0) throw new IllegalStateException(failed.get() + " requests to " + url + " were not answered 200");
        return n / seconds;
    }
}
