package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.pipeline.EchoConnector;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.testing.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kamelet:ticket-file-sink} in routes: two routes sharing one NDJSON export, and ids it refuses dead-lettered. */
class FileSinkRoutesTest {
    @TempDir
    Path dir;

    private static final Map<String, AtomicInteger> COUNTERS = new ConcurrentHashMap<>();

    /** A ticket of about 100 KB per exchange, numbered per route, its system by the route. */
    static final Processor BIG_TICKET = (Exchange ex) -> {
        String system = ex.getFromRouteId().startsWith("a") ? "keliweb" : "thulium";
        String id = Integer.toString(COUNTERS.computeIfAbsent(system, k -> new AtomicInteger()).incrementAndGet());
        ex.getIn().setBody(Ticket.builder(system, id).subject("big " + id)
                .message(new Message("m", MessageKind.CUSTOMER, null, "y".repeat(100_000), BodyFormat.TEXT, null, List.of()))
                .build());
    };

    private static String timerToSink(String id, String timer, Path directory, Path export) {
        return "- route:\n    id: " + id + "\n    from:\n      uri: \"" + timer + "\"\n      steps:\n"
                + "        - process:\n            ref: bigTicket\n"
                + "        - to:\n            uri: kamelet:ticket-file-sink\n            parameters:\n"
                + "              directory: \"" + directory + "\"\n              ndjson: \"" + export + "\"\n";
    }

    @Test
    void twoRoutesAppendingToOneExportNeverInterleaveLines() throws Exception {
        Path export = dir.resolve("export.ndjson");
        String routes = timerToSink("a-to-export", "timer:a?repeatCount=60&period=1", dir.resolve("a"), export)
                + timerToSink("b-to-export", "timer:b?repeatCount=60&period=1", dir.resolve("b"), export);
        try (Flow flow = Flow.start(dir, routes, Map.of(), Map.of("bigTicket", BIG_TICKET))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> flow.check()
                    && TestFiles.countJson(dir.resolve("a/keliweb")) == 60 && TestFiles.countJson(dir.resolve("b/thulium")) == 60);
        }
        List<String> lines = Files.readAllLines(export);
        Set<String> seen = new HashSet<>();
        for (String line : lines) {
            Ticket t = TicketJson.read(line);
            seen.add(t.source().system() + "/" + t.source().ticketId());
        }
        assertThat(lines).hasSize(120);
        assertThat(seen).hasSize(120);
    }

    @Test
    void anIdNoFileCanHoldIsDeadLetteredAndTheOthersAreWritten() throws Exception {
        try (SimServer server = new SimServer("echo", 0)) {
            server.route("GET", "/tickets", ex -> ex.json(200, List.of("1", "2", "3")));
            // the payload's own id is what the ticket carries: 2 holds a control character, 3 a path
            server.route("GET", "/tickets/{id}", ex -> {
                String id = Map.of("1", "1", "2", "bad\u0001id", "3", "../3").get(ex.pathParam("id"));
                ex.json(200, Map.of("id", id, "subject", "Ticket " + id, "body", "hello"));
            });
            server.start();
            String routes = "- route:\n    id: echo-to-files\n    from:\n      uri: kamelet:echo-source\n      parameters:\n"
                    + "        baseUrl: \"" + server.baseUrl() + "\"\n        period: 300\n      steps:\n"
                    + "        - to:\n            uri: kamelet:ticket-file-sink\n            parameters:\n"
                    + "              directory: \"" + dir.resolve("tickets") + "\"\n";
            Path dead = dir.resolve("dead-letter/echo");
            try (Flow flow = Flow.start(dir, routes, Map.of(), Map.of("echoConnector", new EchoConnector()))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> flow.check() && TestFiles.countJson(dead) == 1
                        && TestFiles.countJson(dir.resolve("tickets/echo")) == 2);
            }
            assertThat(TestFiles.json(dir.resolve("tickets/echo"))).extracting(p -> p.getFileName().toString())
                    .containsExactly("%2E%2E%2F3.json", "1.json");
            JsonNode letter = TicketJson.mapper().readTree(Files.readString(TestFiles.json(dead).get(0)));
            assertThat(letter.get("ticketId").asText()).isEqualTo("2");
            assertThat(letter.get("step").asText()).isEqualTo("route");
            assertThat(letter.get("reason").asText()).isEqualTo("ticket-file-sink: not written: source.ticketId 'bad\\u0001id'"
                    + " holds a control character (U+0001 at index 3)");
            assertThat(letter.get("ticket").get("source").get("ticketId").asText()).isEqualTo("bad\u0001id");
        }
    }
}
