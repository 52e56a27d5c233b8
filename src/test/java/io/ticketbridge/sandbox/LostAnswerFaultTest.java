package io.ticketbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.sandbox.Faults.LostAnswerMode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lost-answer fault on a bare {@link SimServer} over real HTTP: the write happens, its answer never arrives. */
class LostAnswerFaultTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger created = new AtomicInteger();
    private SimServer server;

    @BeforeEach
    void start() throws IOException {
        server = new SimServer("test", 0);
        // an answer long enough that half of it is visibly not JSON
        server.route("POST", "/things", ex -> ex.json(201, Map.of("id", created.incrementAndGet(), "note", "x".repeat(200))));
        server.route("DELETE", "/things/{id}", ex -> ex.json(200, Map.of("deleted", ex.pathParam("id"))));
        server.route("POST", "/things/search", ex -> ex.json(200, Map.of("count", created.get())));
        server.route("GET", "/things", ex -> ex.json(200, Map.of("count", created.get())));
        server.readOnly("/things/search");
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int count() throws Exception {
        return SimExchange.JSON.readTree(call("GET", "/things", null).body()).get("count").asInt();
    }

    @Test
    void droppedAnswerAppliesTheWriteAndClosesTheConnectionWithoutAStatusLine() throws Exception {
        server.faults(Faults.lostAnswers(1.0, LostAnswerMode.DROP, null, 1));

        assertThatThrownBy(() -> call("POST", "/things", "{}")).isInstanceOf(IOException.class);

        assertThat(count()).isEqualTo(1);
        assertThat(server.stats().lostAnswersDropped()).isEqualTo(1);
        assertThat(server.stats().lostAnswersTruncated()).isZero();
    }

    @Test
    void truncatedAnswerSendsTheStatusAndHalfTheBodyThenCloses() throws Exception {
        server.faults(Faults.lostAnswers(1.0, LostAnswerMode.TRUNCATE, null, 1));
        List<String> seen = new ArrayList<>();
        // the raw socket shows what java.net.http hides behind its IOException: a 201 and half a body
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("POST /things HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String raw = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            seen.add(raw);
        }
        String raw = seen.get(0);
        assertThat(raw).startsWith("HTTP/1.1 201");
        int declared = Integer.parseInt(raw.replaceAll("(?s).*[Cc]ontent-[Ll]ength: (\\d+).*", "$1"));
        String body = raw.substring(raw.indexOf("\r\n\r\n") + 4);
        assertThat(body.length()).isEqualTo(declared / 2);
        assertThat(body).startsWith("{");

        assertThatThrownBy(() -> call("POST", "/things", "{}")).isInstanceOf(IOException.class);
        assertThat(count()).isEqualTo(2);
        assertThat(server.stats().lostAnswersTruncated()).isEqualTo(2);
    }

    @Test
    void readsAndReadOnlyPostsKeepTheirAnswers() throws Exception {
        server.faults(Faults.lostAnswers(1.0, LostAnswerMode.DROP, null, 1));

        assertThat(call("GET", "/things", null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/things/search", "{}").statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> call("DELETE", "/things/7", null)).isInstanceOf(IOException.class);

        SimStats stats = server.stats();
        assertThat(stats.requests()).isEqualTo(3);
        assertThat(stats.writes()).isEqualTo(1);
        assertThat(stats.lostAnswers()).isEqualTo(1);
    }

    @Test
    void lostAnswerPathAimsTheFaultAtMatchingWritesOnly() throws Exception {
        server.faults(Faults.lostAnswers(1.0, LostAnswerMode.DROP, "/things/\\d+", 1));

        assertThat(call("POST", "/things", "{}").statusCode()).isEqualTo(201);
        assertThatThrownBy(() -> call("DELETE", "/things/1", null)).isInstanceOf(IOException.class);
        assertThat(server.stats().lostAnswers()).isEqualTo(1);
    }

    @Test
    void mixedModeDrawsBothKindsFromTheSeedSoTheSequenceRepeats() throws Exception {
        List<String> first = outcomes(20250611L);
        List<String> second = outcomes(20250611L);

        assertThat(first).isEqualTo(second).contains("dropped", "truncated", "answered");
        assertThat(created.get()).isEqualTo(first.size() + second.size()); // every write applied, answered or not
    }

    /** 30 creates at a lost-answer rate of 0.5, mixed: what the client saw for each. */
    private List<String> outcomes(long seed) throws Exception {
        server.faults(new Faults(0, 0, 503, 0, 1, 0, 0, seed, null, 0.5, LostAnswerMode.MIXED, null));
        server.resetStats();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            try {
                HttpResponse<String> r = call("POST", "/things", "{}");
                SimExchange.JSON.readTree(r.body());
                seen.add("answered");
            } catch (IOException e) {
                // java.net.http: no status line at all vs. a body that ended early
                seen.add(e.getMessage() != null && e.getMessage().contains("header") ? "dropped" : "truncated");
            }
        }
        SimStats stats = server.stats();
        assertThat(stats.lostAnswersDropped()).isEqualTo(seen.stream().filter("dropped"::equals).count());
        assertThat(stats.lostAnswersTruncated()).isEqualTo(seen.stream().filter("truncated"::equals).count());
        return seen;
    }

    @Test
    void controlEndpointsMergeTheFaultAndCountWhatWasServed() throws Exception {
        HttpResponse<String> set = call("PUT", "/__sandbox/faults",
                "{\"lostAnswerRate\":1,\"lostAnswerMode\":\"truncate\",\"lostAnswerPath\":\"/things\"}");
        assertThat(set.statusCode()).isEqualTo(200);
        JsonNode faults = SimExchange.JSON.readTree(set.body());
        assertThat(faults.get("lostAnswerMode").asText()).isEqualTo("truncate");
        assertThat(faults.get("errorStatus").asInt()).isEqualTo(503); // left out: the no-fault value

        assertThatThrownBy(() -> call("POST", "/things", "{}")).isInstanceOf(IOException.class);
        JsonNode stats = SimExchange.JSON.readTree(call("GET", "/__sandbox/stats", null).body());
        assertThat(stats.get("requests").asLong()).isEqualTo(1);
        assertThat(stats.get("writes").asLong()).isEqualTo(1);
        assertThat(stats.get("lostAnswersTruncated").asLong()).isEqualTo(1);
        assertThat(stats.get("lostAnswersDropped").asLong()).isZero();

        assertThat(call("PUT", "/__sandbox/faults", "{\"lostAnswerMode\":\"sometimes\"}").statusCode()).isEqualTo(400);
        assertThat(call("PUT", "/__sandbox/faults", "{\"lostAnswerRate\":2}").statusCode()).isEqualTo(400);
        JsonNode reset = SimExchange.JSON.readTree(call("DELETE", "/__sandbox/stats", null).body());
        assertThat(reset.get("requests").asLong()).isZero();
    }
}
