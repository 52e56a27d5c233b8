package io.ticketbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.CanonicalSchema;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.Connectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import io.ticketbridge.testing.RunningMain;
import io.ticketbridge.testing.TestFiles;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default run as the README starts it: the shipped application.properties and routes/*.yaml, the embedded
 * sandbox, Camel Main. Every sandbox ticket of every vendor lands as canonical JSON under data/tickets/.
 */
class DefaultRunTest {
    /** Relative, as the shipped ticketbridge.data-dir=data is (under target/ so mvn clean removes it). */
    private final Path data = Path.of("target", "default-run-" + java.util.UUID.randomUUID());
    private Sandbox sandbox;
    private Main main;
    private RunningMain running;

    @BeforeEach
    void start() throws Exception {
        RunSettings settings = RunSettings.resolve(null, Path.of(""));
        assertThat(settings.propertiesLocation()).endsWith("application.properties").startsWith("file:");
        assertThat(settings.routesPattern()).endsWith("routes/*.yaml");
        assertThat(settings.sandboxEnabled()).isTrue();
        sandbox = Sandbox.start(Map.of()); // any free ports: CI may run beside a developer's sandbox
        Map<String, String> overrides = new HashMap<>(sandbox.connectorProperties());
        overrides.put("ticketbridge.data-dir", data.toString());
        overrides.put("ticketbridge.poll.period", "2000");
        overrides.put("camel.main.name", "default-run-test"); // Quartz schedulers are named after the context
        main = settings.createMain(overrides);
        running = RunningMain.start(main);
    }

    @AfterEach
    void stop() throws Exception {
        running.close();
        sandbox.close();
    }

    @Test
    void everySandboxTicketOfEveryVendorIsWrittenAsCanonicalJson() throws Exception {
        List<String> vendors = io.ticketbridge.testing.ShippedRoutes.vendors();
        assertThat(Connectors.all().stream().map(Connector::id).toList()).as("every shipped route's vendor is registered")
                .containsAll(vendors);
        assertThat(vendors).hasSizeGreaterThanOrEqualTo(4);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            running.check(); // a start-up failure fails the test at once
            return vendors.stream().allMatch(v -> TestFiles.countJson(data.resolve("tickets").resolve(v)) >= SeedStories.COUNT);
        });
        for (String v : vendors) {
            try (Stream<Path> files = Files.list(data.resolve("tickets").resolve(v))) {
                for (Path f : files.toList()) {
                    Ticket t = TicketJson.read(Files.readString(f));
                    assertThat(t.source().system()).isEqualTo(v);
                    assertThat(f.getFileName().toString()).isEqualTo(t.source().ticketId() + ".json");
                    assertThat(t.subject()).isNotBlank();
                    assertThat(t.messages()).isNotEmpty();
                    CanonicalSchema.assertValid(t);
                }
            }
        }
        assertThat(Files.exists(data.resolve("dead-letter"))).as("no dead letters on clean sandbox data").isFalse();
    }

}
