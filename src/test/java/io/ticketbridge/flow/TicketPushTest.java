package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.testing.LogCapture;
import io.ticketbridge.testing.HttpServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kamelet:ticket-http-source} on the embedded HTTP server, over real sockets, into the file sink: a pushed
 * canonical ticket is answered 200 only once the sink wrote it; the same content pushed again (also after a restart)
 * is delivered once; a wrong token, an oversized body, a body that is not a ticket and a failing sink each get their
 * own status, and nothing of them reaches the sink. What was delivered is counted in the sink's NDJSON export.
 */
class TicketPushTest {
    private static final String TOKEN = "push-token-3f9a7c21";

    /** Pushes into the file sink, with its NDJSON export counting deliveries. */
    private static final String ROUTE = """
            - route:
                id: push-to-files
                from:
                  uri: kamelet:ticket-http-source
                  parameters:
                    token: "{{ticketbridge.push.token}}"
                    maxBodySize: 20000
                  steps:
                    - to:
                        uri: kamelet:ticket-file-sink
                        parameters:
                          directory: "%s"
                          ndjson: "%s"
            """;

    @TempDir
    Path dir;
    private final HttpClient http = HttpClient.newHttpClient();
    private int port;

    private Flow start(String token) throws Exception {
        Flow flow = Flow.start(dir, ROUTE.formatted(dir.resolve("tickets"), dir.resolve("delivered.ndjson")), Map.of("ticketbridge.push.token", token), Map.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> flow.check() && (port = HttpServers.port(flow.camel())) > 0 && answers());
        return flow;
    }

    private boolean answers() {
        try {
            return get().statusCode() == 405;
        } catch (Exception e) {
            return false;
        }
    }

    private HttpResponse<String> get() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tickets")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> push(String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tickets"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) request.header("Authorization", authorization);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> push(String body) throws Exception {
        return push(body, "Bearer " + TOKEN);
    }

    private static JsonNode json(HttpResponse<String> answer) throws Exception {
        return TicketJson.mapper().readTree(answer.body());
    }

    private List<String> delivered() throws Exception {
        Path export = dir.resolve("delivered.ndjson");
        if (!Files.exists(export)) return List.of();
        return Files.readAllLines(export).stream().map(TicketJson::read)
                .map(t -> t.source().system() + "/" + t.source().ticketId() + ":" + t.messages().get(0).body()).toList();
    }

    private List<Path> deadLetters() throws Exception {
        Path root = dir.resolve("dead-letter");
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void aPushedTicketIsAnsweredOnlyOnceDeliveredAndTheSameContentIsDeliveredOnceAcrossRestarts() throws Exception {
        try (Flow flow = start(TOKEN)) {
            HttpResponse<String> first = push(DropFolderTest.canonical("701", "hello"));
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(json(first).get("status").asText()).isEqualTo("accepted");
            assertThat(json(first).get("ticketId").asText()).isEqualTo("701");
            // the answer came after the sink: the file is there already, not eventually
            Ticket written = TicketJson.read(Files.readString(dir.resolve("tickets/plusofon/701.json")));
            assertThat(written.subject()).isEqualTo("Dropped 701");
            assertThat(first.headers().map().keySet()).noneMatch(h -> h.equalsIgnoreCase("Authorization"))
                    .noneMatch(h -> h.toLowerCase().startsWith("ticketbridge"));

            HttpResponse<String> again = push(DropFolderTest.canonical("701", "hello"));
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(json(again).get("status").asText()).isEqualTo("unchanged");

            assertThat(push(DropFolderTest.canonical("701", "hello, changed")).statusCode()).isEqualTo(200);
            assertThat(delivered()).containsExactly("plusofon/701:hello", "plusofon/701:hello, changed");
        }
        try (Flow flow = start(TOKEN)) {
            HttpResponse<String> afterRestart = push(DropFolderTest.canonical("701", "hello, changed"));
            assertThat(json(afterRestart).get("status").asText()).isEqualTo("unchanged");
        }
        assertThat(delivered()).hasSize(2);
        assertThat(deadLetters()).isEmpty();
    }

    @Test
    void aMissingOrWrongTokenIsRefusedWith401AndNeverLogged() throws Exception {
        try (LogCapture logs = LogCapture.start(); Flow flow = start(TOKEN)) {
            for (String auth : new String[] {null, "Bearer wrong-token", "Bearer " + TOKEN + "x", "Basic " + TOKEN, "Bearer"}) {
                HttpResponse<String> answer = push(DropFolderTest.canonical("702", "x"), auth);
                assertThat(answer.statusCode()).as("Authorization: %s", auth).isEqualTo(401);
                assertThat(answer.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"ticketbridge\"");
                assertThat(json(answer).get("error").asText()).isEqualTo("missing or wrong Bearer token");
            }
            assertThat(push(DropFolderTest.canonical("702", "x"), "bearer " + TOKEN).statusCode())
                    .as("the scheme is case-insensitive").isEqualTo(200);
            assertThat(logs.lines()).noneMatch(l -> l.message().contains(TOKEN));
        }
        assertThat(delivered()).containsExactly("plusofon/702:x");
        assertThat(deadLetters()).as("unauthenticated bodies are not kept").isEmpty();
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        try (Flow flow = start(TOKEN)) {
            HttpResponse<String> answer = push(DropFolderTest.canonical("703", "y".repeat(30_000)));
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(json(answer).get("error").asText()).contains("over the limit of 20000 (maxBodySize)");
        }
        assertThat(delivered()).isEmpty();
    }

    @Test
    void aBodyThatIsNotATicketIsRefusedWith400NamingTheJsonPathAndKeptAsADeadLetter() throws Exception {
        String impossibleDate = DropFolderTest.canonical("704", "x")
                .replace("\"createdAt\" : \"2025-03-10T09:00:00Z\"", "\"createdAt\" : \"2024-02-30T09:00:00Z\"");
        String noSource = DropFolderTest.canonical("705", "x").replaceFirst("\"source\" : \\{[^}]*},?", "");
        try (Flow flow = start(TOKEN)) {
            HttpResponse<String> notJson = push("{\"subject\": \"cut off");
            assertThat(notJson.statusCode()).isEqualTo(400);
            assertThat(json(notJson).get("error").asText()).startsWith("the body is not JSON");

            HttpResponse<String> date = push(impossibleDate);
            assertThat(date.statusCode()).isEqualTo(400);
            assertThat(json(date).get("path").asText()).isEqualTo("$.createdAt");
            assertThat(json(date).get("error").asText()).contains("2024-02-30");

            HttpResponse<String> missing = push(noSource);
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(json(missing).get("error").asText()).contains("source");

            assertThat(push("").statusCode()).isEqualTo(400);

            // the run goes on: a good push right after is delivered
            assertThat(push(DropFolderTest.canonical("706", "fine")).statusCode()).isEqualTo(200);
        }
        assertThat(delivered()).containsExactly("plusofon/706:fine");
        List<Path> letters = deadLetters();
        assertThat(letters).hasSize(4).allMatch(p -> p.getParent().getFileName().toString().equals("push"));
        String kept = Files.readString(letters.stream().filter(p -> {
            try {
                return Files.readString(p).contains("2024-02-30");
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow());
        assertThat(TicketJson.mapper().readTree(kept).get("payload").asText()).isEqualTo(impossibleDate);
        assertThat(kept).doesNotContain(TOKEN);
    }

    @Test
    void aSinkFailureIsAnswered503WithRetryAfterAndTheTicketKept() throws Exception {
        try (Flow flow = start(TOKEN)) {
            // the file sink refuses ids with control characters; the pusher is told to send again
            HttpResponse<String> answer = push(DropFolderTest.canonical("bad\u0001id", "x"));
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).contains("30");
            assertThat(json(answer).get("status").asText()).isEqualTo("failed");
            assertThat(json(answer).get("error").asText()).startsWith("the route could not deliver the ticket: ");
            assertThat(push(DropFolderTest.canonical("bad\u0001id", "x")).statusCode())
                    .as("not taken, so not 'unchanged' either").isEqualTo(503);
            assertThat(push(DropFolderTest.canonical("707", "fine")).statusCode()).isEqualTo(200);
        }
        assertThat(delivered()).containsExactly("plusofon/707:fine");
        assertThat(deadLetters()).singleElement().satisfies(p -> assertThat(Files.readString(p)).contains("\"step\" : \"push:route\""));
    }

    @Test
    void anEmptyTokenStopsTheRouteAtStartNamingTheProperty() throws Exception {
        Flow flow = Flow.start(dir, ROUTE.formatted(dir.resolve("tickets"), dir.resolve("delivered.ndjson")), Map.of("ticketbridge.push.token", " "), Map.of());
        await().atMost(Duration.ofSeconds(20)).until(() -> ended(flow));
        assertThatThrownBy(flow::check).hasStackTraceContaining("ticket-http-source: token is empty; set it from the environment");
        assertThatThrownBy(flow::close).hasStackTraceContaining("token is empty");
    }

    private static boolean ended(Flow flow) {
        try {
            flow.check();
            return false;
        } catch (Exception e) {
            return true;
        }
    }
}
