package io.ticketbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.cli.TestRunSettings;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.testing.LogCapture;
import io.ticketbridge.testing.ManagementPort;
import io.ticketbridge.testing.RunningMain;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run as {@code run} builds it (shipped application.properties, routes from a folder), tickets moved through the
 * sandbox, then {@code /observe/metrics} and {@code /observe/health} scraped over HTTP on the management port (a free one):
 * tickets read, written, failed and dead-lettered per vendor and route, HTTP calls, 429s and retries per vendor, the
 * seconds since each consumer's last good poll; readiness DOWN naming the vendor that cannot be reached and why,
 * the others UP; one INFO line per ticket moved, no secret in any line.
 */
class ObserveEndpointsTest {
    @TempDir
    Path work;
    private Sandbox sandbox;
    private RunningMain running;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws Exception {
        if (running != null) running.close();
        if (sandbox != null) sandbox.close();
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private String route(String id, String source, Map<String, String> from, String sink, Map<String, String> to) {
        StringBuilder y = new StringBuilder("- route:\n    id: " + id + "\n    from:\n      uri: kamelet:" + source
                + "\n      parameters:\n");
        from.forEach((k, v) -> y.append("        ").append(k).append(": \"").append(v).append("\"\n"));
        y.append("      steps:\n        - to:\n            uri: kamelet:").append(sink).append("\n            parameters:\n");
        to.forEach((k, v) -> y.append("              ").append(k).append(": \"").append(v).append("\"\n"));
        return y.toString();
    }

    private Map<String, String> account(String vendor, String... extra) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("baseUrl", sandbox.baseUrl(vendor));
        p.putAll(sandbox.simulator(vendor).credentials());
        for (int i = 0; i < extra.length; i += 2) p.put(extra[i], extra[i + 1]);
        return p;
    }

    HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the one sample of {@code name} carrying these labels (others may be there too); null when none. */
    static Double sample(String scrape, String name, Map<String, String> labels) {
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(name + "{")) continue;
            String head = line.substring(0, line.lastIndexOf('}') + 1);
            if (labels.entrySet().stream().allMatch(e -> head.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return null;
    }

    /** A check's message; Camel's health console escapes its slashes ("http:\/\/") once more than JSON needs. */
    static String message(JsonNode check) {
        return check.path("message").asText().replace("\\/", "/");
    }

    @Test
    void healthAndMetricsOverHttpAfterRealTicketsMovedWithAnUnreachableVendorDown() throws Exception {
        sandbox = Sandbox.start(Map.of());
        // a quarter of Plusofon's answers are 429: its source retries them
        sandbox.server("plusofon").faults(new Faults(0, 0, 503, 0.25, 0, 0, 0, 7, null));
        int dead = freePort();
        Path routes = Files.createDirectories(work.resolve("routes"));
        Files.copy(Path.of("routes/thulium-to-files.yaml"), routes.resolve("thulium-to-files.yaml"));
        Files.writeString(routes.resolve("plusofon-to-keliweb.yaml"), route("plusofon-to-keliweb", "plusofon-source",
                account("plusofon", "period", "500", "retryDelayMs", "10", "maxAttempts", "10"), "keliweb-sink", account("keliweb")));
        Map<String, String> nowhere = account("thulium", "maxAttempts", "1");
        nowhere.put("baseUrl", "http://127.0.0.1:" + dead);
        Files.writeString(routes.resolve("keliweb-to-nowhere.yaml"), route("keliweb-to-nowhere", "keliweb-source",
                account("keliweb", "period", "500"), "thulium-sink", nowhere));

        Map<String, String> overrides = new HashMap<>(sandbox.connectorProperties());
        overrides.put("ticketbridge.data-dir", work.resolve("data").toString());
        overrides.put("ticketbridge.poll.period", "500");
        overrides.put("camel.main.name", "observe-test");
        try (LogCapture log = LogCapture.start()) {
            running = RunningMain.start(TestRunSettings.main(work, overrides));
            await().atMost(Duration.ofSeconds(60)).until(() -> running.check() && running.main().getCamelContext() != null
                    && running.main().getCamelContext().isStarted());
            int port = ManagementPort.of(running.main().getCamelContext()); // camel.management.port=0: a free one
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                running.check();
                String m = get(port, "/observe/metrics").body();
                Double files = sample(m, "ticketbridge_tickets_written_total", Map.of("vendor", "file", "route", "thulium-to-files"));
                Double keliweb = sample(m, "ticketbridge_tickets_written_total", Map.of("vendor", "keliweb", "route", "plusofon-to-keliweb"));
                Double lost = sample(m, "ticketbridge_tickets_dead_lettered_total", Map.of("vendor", "keliweb", "route", "keliweb-to-nowhere"));
                return files != null && files == SeedStories.COUNT && keliweb != null && keliweb == SeedStories.COUNT
                        && lost != null && lost >= SeedStories.COUNT;
            });

            HttpResponse<String> metrics = get(port, "/observe/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            String m = metrics.body();
            assertThat(sample(m, "ticketbridge_tickets_read_total", Map.of("vendor", "thulium", "route", "thulium-to-files")))
                    .isEqualTo(SeedStories.COUNT);
            assertThat(sample(m, "ticketbridge_tickets_read_total", Map.of("vendor", "plusofon", "route", "plusofon-to-keliweb")))
                    .isEqualTo(SeedStories.COUNT);
            assertThat(sample(m, "ticketbridge_tickets_failed_total", Map.of("vendor", "keliweb", "route", "keliweb-to-nowhere")))
                    .isGreaterThanOrEqualTo(SeedStories.COUNT);
            assertThat(sample(m, "ticketbridge_tickets_failed_total", Map.of("route", "thulium-to-files"))).as("nothing failed there").isNull();
            assertThat(sample(m, "ticketbridge_http_calls_total", Map.of("vendor", "thulium", "status", "200"))).isPositive();
            assertThat(sample(m, "ticketbridge_http_calls_total", Map.of("vendor", "thulium", "status", "error")))
                    .as("the sink on the dead port").isPositive();
            assertThat(sample(m, "ticketbridge_http_calls_total", Map.of("vendor", "plusofon", "status", "429"))).isPositive();
            assertThat(sample(m, "ticketbridge_http_429_total", Map.of("vendor", "plusofon"))).isPositive();
            assertThat(sample(m, "ticketbridge_http_retries_total", Map.of("vendor", "plusofon"))).isPositive();
            assertThat(sample(m, "ticketbridge_seconds_since_last_successful_poll", Map.of("vendor", "thulium", "route", "thulium-to-files")))
                    .isBetween(0.0, 10.0);
            assertThat(m).as("Camel's own meters are served alongside").contains("camel_exchanges_total");

            HttpResponse<String> health = get(port, "/observe/health");
            assertThat(health.statusCode()).as("not ready: a vendor cannot be reached").isEqualTo(503);
            JsonNode checks = TicketJson.mapper().readTree(health.body()).path("checks");
            Map<String, JsonNode> byName = new LinkedHashMap<>();
            StreamSupport.stream(checks.spliterator(), false).forEach(c -> byName.put(c.path("name").asText(), c));
            JsonNode down = byName.get("vendor:thulium@http://127.0.0.1:" + dead);
            assertThat(down).as(health.body()).isNotNull();
            assertThat(down.path("status").asText()).isEqualTo("DOWN");
            assertThat(message(down)).startsWith("thulium at http://127.0.0.1:" + dead + " is unreachable: ")
                    .contains("Connection refused");
            for (String vendor : List.of("thulium", "plusofon", "keliweb")) {
                JsonNode up = byName.get("vendor:" + vendor + "@" + sandbox.baseUrl(vendor));
                assertThat(up).as(vendor + " in " + health.body()).isNotNull();
                assertThat(up.path("status").asText()).isEqualTo("UP");
                assertThat(message(up)).startsWith(vendor + " at " + sandbox.baseUrl(vendor) + " is reachable (HTTP ");
            }
            assertThat(byName.keySet()).as("a check per consumer, the helpdesk ones' on their last poll").contains("consumer:thulium-to-files.thulium-source", "consumer:plusofon-to-keliweb.plusofon-source",
                            "consumer:keliweb-to-nowhere.keliweb-source");
            assertThat(byName.values().stream().filter(c -> c.path("status").asText().equals("DOWN")).map(c -> c.path("name").asText()))
                    .as("only the unreachable vendor is DOWN").containsExactly("vendor:thulium@http://127.0.0.1:" + dead);
            assertThat(get(port, "/observe/health/live").statusCode()).as("alive all the same").isEqualTo(200);

            // one INFO line per ticket moved, with its ids
            List<LogCapture.Line> moved = log.lines(l -> l.logger().equals(TicketMoves.class.getName()));
            assertThat(moved.stream().filter(l -> l.message().startsWith("plusofon-to-keliweb: plusofon ticket "))
                    .map(LogCapture.Line::message)).hasSize(SeedStories.COUNT).doesNotHaveDuplicates()
                    .allMatch(s -> s.matches("plusofon-to-keliweb: plusofon ticket \\d+ -> keliweb ticket \\d+"));
            assertThat(moved.stream().filter(l -> l.message().startsWith("thulium-to-files: ")).map(LogCapture.Line::message))
                    .hasSize(SeedStories.COUNT).contains("thulium-to-files: thulium ticket 1001 -> file thulium/1001.json");
            for (String vendor : List.of("thulium", "plusofon", "keliweb")) {
                for (String secret : sandbox.simulator(vendor).credentials().values()) {
                    if (secret.length() < 6) continue; // ids such as a client number may appear as they are
                    assertThat(log.lines(l -> l.message().contains(secret))).as("a credential of " + vendor + " in the logs").isEmpty();
                    assertThat(health.body()).doesNotContain(secret);
                }
            }
        }
    }
}
