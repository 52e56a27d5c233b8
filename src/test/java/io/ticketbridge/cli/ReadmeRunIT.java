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
 * under data/tickets/ well within 30 s; a second start on the same data/ writes nothing new and logs no error.
 */
class ReadmeRunIT {
    @TempDir
    Path work;

    private Process start(Path log) throws Exception {
        return new ProcessBuilder("java", "-Dticketbridge.sandbox.port-base=0", "-Dcamel.server.port=0", "-jar", System.getProperty("ticketbridge.jar"))
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
        } finally {
            stop(first);
        }
        String log = Files.readString(work.resolve("first.log"));
        assertThat(log).contains("Apache Camel 4.18.0 (ticketbridge) started").doesNotContain(" ERROR ");
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
