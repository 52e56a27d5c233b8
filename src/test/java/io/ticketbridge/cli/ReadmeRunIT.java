package io.ticketbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command for real: {@code java -jar target/ticketbridge.jar} in a working directory holding the
 * shipped application.properties and routes/, as a new user runs it. Tickets of all four sandbox vendors land
 * under data/tickets/ well within 30 s, /observe/health answers UP and /observe/metrics counts them; a second start
 * on the same data/ writes nothing new and logs no error.
 */
class ReadmeRunIT {
    @TempDir
    Path work;

    /** The management port of the run (/observe/*): a free one, not 9876, so a bridge running beside the test is no matter. */
    private final int management = freePort();

    private static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private java.net.http.HttpResponse<String> observe(String path) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + management + path)).timeout(Duration.ofSeconds(30)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private Process start(Path log) throws Exception {
        // the HTTP server on a free port (the sandbox's SuperOffice sends its webhooks there), not 8080
        return new ProcessBuilder("java", "-Dticketbridge.sandbox.port-base=0", "-Dcamel.server.port=" + io.ticketbridge.testing.Webhooks.freePort(),
                "-Dcamel.management.port=" + management, "-jar", System.getProperty("ticketbridge.jar"))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void stop(Process p) throws Exception {
        p.destroy(); // SIGTERM, as Ctrl-C or docker stop
        assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
    }

    @Test
    void theDefaultRunWritesTicketsOfAllFourVendorsAndRestartsCleanly() throws Exception {
        Files.copy(Path.of("application.properties"), work.resolve("application.properties"));
        Files.createDirectories(work.resolve("routes"));
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            for (Path r : routes.toList()) Files.copy(r, work.resolve("routes").resolve(r.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> vendors = io.ticketbridge.testing.ShippedRoutes.vendors();
        Path tickets = work.resolve("data/tickets");

        Process first = start(work.resolve("first.log"));
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> vendors.stream().allMatch(v -> TestFiles.countJson(tickets.resolve(v)) == SeedStories.COUNT));
            // the same run answers /observe/health (ready: every poll works, every vendor reachable) and /observe/metrics
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> observe("/observe/health").statusCode() == 200);
            var health = TicketJson.mapper().readTree(observe("/observe/health").body());
            assertThat(health.path("status").asText()).isEqualTo("UP");
            List<String> checks = new java.util.ArrayList<>();
            health.path("checks").forEach(c -> checks.add(c.path("name").asText() + " " + c.path("status").asText()));
            for (String v : vendors) {
                assertThat(checks).anyMatch(c -> c.startsWith("vendor:" + v + "@http://127.0.0.1:") && c.endsWith(" UP"))
                        .contains("consumer:" + v + "-to-files." + v + "-source UP");
            }
            var metrics = observe("/observe/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            for (String v : vendors) {
                String route = v + "-to-files";
                assertThat(metrics.body()).contains("ticketbridge_tickets_read_total{route=\"" + route + "\",vendor=\"" + v + "\"} "
                        + SeedStories.COUNT + ".0")
                        .contains("ticketbridge_tickets_written_total{route=\"" + route + "\",vendor=\"file\"} " + SeedStories.COUNT + ".0")
                        .contains("ticketbridge_seconds_since_last_successful_poll{route=\"" + route + "\",vendor=\"" + v + "\"} ");
            }
        } finally {
            stop(first);
        }
        String log = Files.readString(work.resolve("first.log"));
        assertThat(log).contains("Apache Camel 4.18.0 (ticketbridge) started").doesNotContain(" ERROR ");
        // the sandbox's SuperOffice agent changed a ticket: its signed webhook was received, fetched and written
        assertThat(log).containsPattern("superoffice-webhook-to-files: superoffice webhook ticket.changed for ticket \\d+ recorded")
                .containsPattern("superoffice-webhook-to-files: superoffice ticket \\d+ fetched and handed on");
        Path one = tickets.resolve("thulium").resolve(Files.list(tickets.resolve("thulium")).findFirst().orElseThrow().getFileName());
        assertThat(TicketJson.read(Files.readString(one)).source().system()).isEqualTo("thulium");
        long modified = Files.getLastModifiedTime(one).toMillis();

        Process second = start(work.resolve("second.log"));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(work.resolve("second.log")).contains("started in"));
            // give it a few polls (10 s period, the first at start): the ledger holds every ticket, nothing is rewritten
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> Files.getLastModifiedTime(one).toMillis() == modified);
        } finally {
            stop(second);
        }
        assertThat(Files.readString(work.resolve("second.log"))).doesNotContain(" ERROR ", " WARN ");
    }

}
