package io.ticketbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.sandbox.SimServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import io.ticketbridge.testing.RunningMain;
import io.ticketbridge.testing.TestFiles;
import io.ticketbridge.component.HelpdeskEndpoint;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic read pipeline under Camel Main with the shipped application.properties: a thin Kamelet source
 * ({@code helpdesk:echo}, the vendor bound as a bean) lists, fetches and maps over real HTTP; the file-sink Kamelet writes each ticket; a payload that cannot be
 * mapped becomes a dead letter with its raw payload while the others are still written.
 */
class SourcePipelineTest {
    @TempDir
    Path data;
    private SimServer server;
    private Main main;
    private RunningMain running;

    @BeforeEach
    void start() throws Exception {
        server = new SimServer("echo", 0);
        new EchoConnector().simulator().install(server);
        server.start();
        main = new Main();
        main.setPropertyPlaceholderLocations("classpath:application.properties");
        main.configure().withRoutesIncludePattern("classpath:pipeline/echo-to-files.yaml");
        main.addOverrideProperty("ticketbridge.echo.baseUrl", server.baseUrl());
        main.addOverrideProperty("ticketbridge.data-dir", data.toString());
        main.bind("echoConnector", new EchoConnector()); // a vendor bean: helpdesk:echo finds it in the registry
        main.addOverrideProperty("camel.main.name", "pipeline-test"); // Quartz schedulers are named after the context
        running = RunningMain.start(main);
    }

    @AfterEach
    void stop() throws Exception {
        running.close();
        server.close();
    }

    @Test
    void goodTicketsAreWrittenAndTheBrokenOneIsKeptAsADeadLetter() throws Exception {
        Path t1 = data.resolve("tickets/echo/1.json");
        Path t3 = data.resolve("tickets/echo/3.json");
        Path dead = data.resolve("dead-letter/echo");
        await().atMost(Duration.ofSeconds(20)).until(() -> running.check() && Files.exists(t1) && Files.exists(t3) && Files.isDirectory(dead)
                && !TestFiles.json(dead).isEmpty());

        // the second route polls on a cron expression instead of the interval
        assertThat(running.main().getCamelContext().getEndpoints()).filteredOn(e -> e instanceof HelpdeskEndpoint)
                .extracting(e -> ((HelpdeskEndpoint) e).getCron()).contains("0/1 * * * * ?");
        // and keeps its own ledger on the same account: it gets the tickets as well
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(data.resolve("other/echo/1.json"))
                && Files.exists(data.resolve("other/echo/3.json")));

        Ticket ticket = TicketJson.read(Files.readString(t1));
        assertThat(ticket.source().system()).isEqualTo("echo");
        assertThat(ticket.subject()).isEqualTo("Ticket 1 — żółć");
        assertThat(ticket.messages()).singleElement().extracting(m -> m.body()).isEqualTo("hello 1");
        assertThat(Files.exists(data.resolve("tickets/echo/2.json"))).isFalse();

        // polled every 500 ms: the same failure keeps one file, not one per poll
        int polls = EchoConnector.LIST_CALLS.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> EchoConnector.LIST_CALLS.get() >= polls + 2);
        assertThat(TestFiles.json(dead)).as("one letter per failure, not per poll or route").hasSize(1);
        String letter = Files.readString(TestFiles.json(dead).get(0));
        var json = TicketJson.mapper().readTree(letter);
        assertThat(json.get("ticketId").asText()).isEqualTo("2");
        assertThat(json.get("system").asText()).isEqualTo("echo");
        assertThat(json.get("payload").asText()).isEqualTo("{\"id\": \"2\", \"subject\": \"cut in the mid");
        assertThat(json.get("reason").asText()).contains("echo payload at $", "not valid JSON");
        // no half-written files left behind
        try (Stream<Path> files = Files.list(data.resolve("tickets/echo"))) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(n -> n.endsWith(".json") && !n.startsWith("."));
        }
    }

}
