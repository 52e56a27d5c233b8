package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.TicketBridge;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.testing.HttpServers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipe {@code examples/routes/push-to-superoffice.yaml} as shipped: {@code validate} accepts it, and run against
 * the sandbox a pushed ticket is in SuperOffice (read back through its API) when the 200 comes; the same push again
 * creates nothing; the ticket pushed again with a reply appends just the reply.
 */
class PushToSuperOfficeRecipeTest {
    static final Path RECIPE = Path.of("examples/routes/push-to-superoffice.yaml");
    private static final String TOKEN = "recipe-token-81d2";

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(Map.of());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void validateAcceptsTheRecipeWithATokenAndNamesTheMissingOne() throws Exception {
        Path routes = Files.createDirectories(dir.resolve("routes"));
        Files.copy(RECIPE, routes.resolve(RECIPE.getFileName()));
        String[] ok = validate("validate", "--routes", routes.toString(), "-Dticketbridge.push.token=" + TOKEN);
        assertThat(ok[0]).as(ok[2]).isEqualTo("0");
        assertThat(ok[1]).contains("OK: 1 route(s)", "push-to-superoffice");
        String[] noToken = validate("validate", "--routes", routes.toString());
        assertThat(noToken[0]).isEqualTo("1");
        assertThat(noToken[2]).contains("ticket-http-source: token is empty");
    }

    /** Exit code, stdout, stderr. */
    private static String[] validate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TicketBridge.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private HttpResponse<String> push(int port, String ticket) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tickets"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(ticket)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPushedTicketIsInSuperOfficeWhenTheAnswerComesAndOnlyOnce() throws Exception {
        Map<String, String> props = new HashMap<>(sandbox.connectorProperties());
        props.put("ticketbridge.push.token", TOKEN);
        String sink = "superoffice@" + sandbox.baseUrl("superoffice"); // the sink's state key when the route sets none
        try (Flow flow = Flow.start(dir, Files.readString(RECIPE), props, Map.of()); JdbcStateStore store = Flow.store(dir)) {
            int[] port = new int[1];
            await().atMost(Duration.ofSeconds(30)).until(() -> flow.check() && (port[0] = HttpServers.port(flow.camel())) > 0
                    && flow.camel().getRouteController().getRouteStatus("push-to-superoffice").isStarted());
            String first = DropFolderTest.canonical("8001", "The invoice is wrong.");
            HttpResponse<String> answer = push(port[0], first);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(sandbox.simulator("superoffice").ticketCount()).isEqualTo(SeedStories.COUNT + 1);

            VendorSource superoffice = Flow.sourceBean(flow.camel(), sandbox, "superoffice", "check");
            String target = store.targetTicket(sink, "plusofon", "8001").orElseThrow();
            Ticket created = Flow.read(flow.camel(), superoffice, target);
            assertThat(created.subject()).isEqualTo("Dropped 8001");
            assertThat(created.messages()).extracting(Message::body).singleElement().asString().contains("The invoice is wrong.");

            assertThat(TicketJson.mapper().readTree(push(port[0], first).body()).get("status").asText()).isEqualTo("unchanged");
            Ticket withReply = Ticket.builder("plusofon", "8001").subject("Dropped 8001").createdAt(DropFolderTest.T0)
                    .message(TicketJson.read(first).messages().get(0))
                    .message(new Message("m2", MessageKind.AGENT, null, "We fixed it.", BodyFormat.TEXT,
                            DropFolderTest.T0.plusSeconds(60), List.of()))
                    .build();
            assertThat(push(port[0], TicketJson.write(withReply)).statusCode()).isEqualTo(200);
            assertThat(sandbox.simulator("superoffice").ticketCount()).isEqualTo(SeedStories.COUNT + 1);
            assertThat(Flow.read(flow.camel(), superoffice, target).messages()).extracting(Message::body)
                    .hasSize(2).last().asString().contains("We fixed it.");
        }
    }
}
