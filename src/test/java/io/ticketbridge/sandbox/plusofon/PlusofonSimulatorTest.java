package io.ticketbridge.sandbox.plusofon;

import io.ticketbridge.connector.plusofon.PlusofonConnector;
import io.ticketbridge.connector.plusofon.PlusofonTicketMapper;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.connector.MapperSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator over real HTTP, as a client of restapi.plusofon.ru would see it. */
class PlusofonSimulatorTest {
    private static final Instant NOW = Instant.parse("2025-06-01T09:30:00Z"); // 12:30:00 Moscow
    private final HttpClient client = HttpClient.newHttpClient();
    private SimServer server;
    private PlusofonSimulator sim;

    @BeforeEach
    void start() throws IOException {
        server = new SimServer("plusofon", 0);
        sim = new PlusofonSimulator(Clock.fixed(NOW, ZoneOffset.UTC));
        sim.install(server);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    // ---- auth ----

    @Test
    void missingOrWrongClientHeaderIs403AndMissingOrWrongTokenIs401InTheVendorEnvelope() throws Exception {
        assertError(send("GET", "/api/v1/ticket/23601", null, null, "Bearer " + PlusofonSimulator.TOKEN),
                403, "The Client header is required");
        assertError(send("GET", "/api/v1/ticket/23601", null, "99999", "Bearer " + PlusofonSimulator.TOKEN),
                403, "Unknown application code in Client header");
        assertError(send("GET", "/api/v1/ticket/23601", null, "10553", null), 401, "Unauthenticated.");
        assertError(send("GET", "/api/v1/ticket/23601", null, "10553", "Bearer wrong-token"), 401, "Unauthenticated.");
        assertError(send("GET", "/api/v1/ticket/23601", null, "10553", "Basic " + PlusofonSimulator.TOKEN), 401, "Unauthenticated.");
        assertThat(call("GET", "/api/v1/ticket/23601", null).statusCode()).isEqualTo(200);
    }

    @Test
    void loginTradesEmailAndPasswordForTheTokenAndAuthuserNamesTheAccount() throws Exception {
        var ok = send("POST", "/api/v1/login", "{\"email\":\"test704@mail.ru\",\"password\":\"sandbox-password\"}", "10553", null);
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(json(ok).get("token").asText()).isEqualTo(PlusofonSimulator.TOKEN);
        assertError(send("POST", "/api/v1/login", "{\"email\":\"test704@mail.ru\",\"password\":\"nope\"}", "10553", null),
                401, "Invalid email or password");
        assertError(send("POST", "/api/v1/login", "{\"email\":\"test704@mail.ru\"}", "10553", null),
                400, "The password field is required");
        JsonNode user = json(call("GET", "/api/v1/authuser", null)).get("user");
        assertThat(user.get("email").asText()).isEqualTo("test704@mail.ru");
        assertThat(user.at("/role/client_id").asInt()).isEqualTo(10553);
    }

    // ---- list ----

    @Test
    void listSplitsTheThirtySeedTicketsIntoOpenAndClosedWithoutPaging() throws Exception {
        JsonNode open = json(call("GET", "/api/v1/ticket?state=true", null)).get("ticket");
        JsonNode closed = json(call("GET", "/api/v1/ticket?state=false", null)).get("ticket");
        assertThat(open.size()).isEqualTo(18); // NEW, OPEN, PENDING stories
        assertThat(closed.size()).isEqualTo(12); // RESOLVED, CLOSED stories
        assertThat(sim.ticketCount()).isEqualTo(30);
        List<String> ids = new ArrayList<>();
        open.forEach(t -> ids.add(t.at("/@attributes/id").asText()));
        closed.forEach(t -> ids.add(t.at("/@attributes/id").asText()));
        assertThat(ids).doesNotHaveDuplicates().hasSize(30).allMatch(id -> id.matches("236\\d\\d"));
        // newest activity first
        assertThat(open.get(0).get("lastactivity").asLong()).isGreaterThanOrEqualTo(open.get(1).get("lastactivity").asLong());
    }

    @Test
    void listEntriesHaveTheKayakoXmlToJsonShape() throws Exception {
        JsonNode open = json(call("GET", "/api/v1/ticket?state=true", null)).get("ticket");
        JsonNode fresh = null;
        for (JsonNode t : open) if (t.get("@attributes").get("id").asText().equals("23601")) fresh = t; // story 1: NEW
        assertThat(fresh).isNotNull();
        assertThat(fresh.get("ownerstaffname").isArray()).as("empty string as []").isTrue();
        assertThat(fresh.get("ownerstaffname")).isEmpty();
        assertThat(fresh.get("ownerstaffid").asText()).isEqualTo("0");
        assertThat(fresh.get("statusid").asText()).isEqualTo("1");
        assertThat(fresh.get("creationtime").isTextual()).as("Unix seconds as a string").isTrue();
        assertThat(fresh.get("creationtime").asText()).isEqualTo(Long.toString(Instant.parse("2025-01-06T08:15:00Z").getEpochSecond()));
        assertThat(fresh.get("laststaffreply").asText()).isEqualTo("0");
        fresh.fields().forEachRemaining(e -> assertThat(e.getValue().isTextual() || e.getValue().isContainerNode())
                .as(e.getKey()).isTrue());
        assertThat(fresh.get("fullname").asText()).isEqualTo(fresh.get("email").asText()).contains("@");
    }

    @Test
    void stateMayTravelAsAJsonBodyOnTheGetAsTheSamplesSendIt() throws Exception {
        var r = call("GET", "/api/v1/ticket", "{\"state\":\"false\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("ticket").size()).isEqualTo(12);
    }

    @Test
    void badOrMissingStateIsTheDocumentedUndefinedIndexError() throws Exception {
        assertError(call("GET", "/api/v1/ticket?state=all", null), 400, "Undefined index: all");
        assertError(call("GET", "/api/v1/ticket", null), 400, "Undefined index: all");
        assertError(call("GET", "/api/v1/ticket", "{\"state\":\"open\"}"), 400, "Undefined index: open");
    }

    @Test
    void oneTicketInAListIsAnObjectAndNoneIsAnEmptyArray() throws Exception {
        JsonNode closed = json(call("GET", "/api/v1/ticket?state=false", null)).get("ticket");
        List<String> ids = new ArrayList<>();
        closed.forEach(t -> ids.add(t.at("/@attributes/id").asText()));
        for (String id : ids.subList(1, ids.size())) {
            assertThat(call("PUT", "/api/v1/ticket/answer/" + id, "{\"text\":\"reopen\"}").statusCode()).isEqualTo(200);
        }
        JsonNode single = json(call("GET", "/api/v1/ticket?state=false", null)).get("ticket");
        assertThat(single.isObject()).isTrue();
        assertThat(single.at("/@attributes/id").asText()).isEqualTo(ids.get(0));
        call("PUT", "/api/v1/ticket/answer/" + ids.get(0), "{\"text\":\"reopen\"}");
        assertThat(call("GET", "/api/v1/ticket?state=false", null).body()).isEqualTo("{\"ticket\":[]}");
    }

    // ---- get ----

    @Test
    void getReturnsTheTicketShapeWithPostsOldestFirstAndNoInternalNotes() throws Exception {
        JsonNode t = json(call("GET", "/api/v1/ticket/23608", null)); // story 8: PENDING, agent reply with PNG + a note
        assertThat(t.get("id").asText()).isEqualTo("23608");
        assertThat(t.get("status").isBoolean()).isTrue();
        assertThat(t.get("status").asBoolean()).isTrue();
        assertThat(t.get("unread_messages").asBoolean()).as("support answered last").isTrue();
        assertThat(t.get("date").asText()).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");
        JsonNode posts = t.get("posts");
        assertThat(posts.size()).as("customer question + agent reply; the note is internal").isEqualTo(2);
        assertThat(posts.get(1).at("/attachments/0/name").asText()).isEqualTo("screenshot-8.png");
        assertThat(posts.get(1).at("/attachments/0/size").asInt()).isPositive();
        Ticket mapped = new PlusofonTicketMapper(MapperSettings.defaults(new PlusofonConnector())).map(t).get(0);
        assertThat(mapped.status()).isEqualTo(Status.PENDING);
        assertThat(mapped.messages()).extracting(m -> m.kind()).containsExactly(MessageKind.CUSTOMER, MessageKind.AGENT);
    }

    @Test
    void unknownTicketIsCode500WrappingTheUpstream404ExactlyAsDocumented() throws Exception {
        var r = call("GET", "/api/v1/ticket/99999", null);
        assertThat(r.statusCode()).isEqualTo(500);
        JsonNode body = json(r);
        assertThat(body.get("code").asInt()).isEqualTo(500);
        assertThat(body.get("message").asText())
                .startsWith("HTTP/1.1 404 Not Found\r\nServer: nginx\r\nDate: Sun, 01 Jun 2025 09:30:00 GMT\r\n"
                        + "Content-Type: text/xml;charset=UTF-8\r\n")
                .endsWith("X-Content-Type-Options: nosniff\r\n\r\nTicket not Found");
    }

    // ---- writes ----

    @Test
    void createdTicketReadsBackThroughGetAndListAndAnswersAppend() throws Exception {
        String file = Base64.getEncoder().encodeToString("лог 👍".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var created = call("POST", "/api/v1/ticket",
                "{\"subject\":\"Не работает SIP 🚨\",\"description\":\"С утра тишина\",\"file\":\"" + file + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode c = json(created);
        String id = c.get("id").asText();
        assertThat(id).isEqualTo("23631");
        assertThat(c.get("status").asBoolean()).isTrue();
        assertThat(c.get("date").asText()).isEqualTo("2025-06-01 12:30:00");
        assertThat(c.at("/posts/0/author/name").asText()).isEqualTo(PlusofonSimulator.ACCOUNT_EMAIL);
        assertThat(c.at("/posts/0/attachments/0/size").asInt()).as("UTF-8 bytes").isEqualTo(11);
        assertThat(json(call("GET", "/api/v1/ticket/" + id, null))).isEqualTo(c);
        assertThat(call("GET", "/api/v1/ticket?state=true", null).body()).contains("\"id\":\"" + id + "\"");
        assertThat(sim.ticketCount()).isEqualTo(31);

        JsonNode answered = json(call("PUT", "/api/v1/ticket/answer/" + id, "{\"text\":\"Добавлю деталей\"}"));
        assertThat(answered.get("posts").size()).isEqualTo(2);
        assertThat(answered.at("/posts/1/text").asText()).isEqualTo("Добавлю деталей");
        assertThat(answered.at("/posts/1/author/id")).isEqualTo(answered.at("/posts/0/author/id"));
        assertThat(json(call("GET", "/api/v1/ticket/" + id, null))).isEqualTo(answered);
    }

    @Test
    void writesValidateTheirFieldsWithLaravelMessages() throws Exception {
        assertError(call("POST", "/api/v1/ticket", "{\"description\":\"x\"}"), 400, "The subject field is required");
        assertError(call("POST", "/api/v1/ticket", "{\"subject\":\"x\"}"), 400, "The description field is required");
        assertError(call("POST", "/api/v1/ticket", "{\"subject\":\"x\",\"description\":\"y\",\"file\":\"@@@\"}"),
                400, "The file must be a file.");
        assertError(call("PUT", "/api/v1/ticket/answer/23601", "{}"), 400, "The text field is required");
        assertThat(json(call("PUT", "/api/v1/ticket/answer/1", "{\"text\":\"x\"}")).get("message").asText())
                .endsWith("Ticket not Found");
        assertError(call("POST", "/api/v1/ticket/attachment", "{\"ticketPostID\":15,\"filename\":\"a\",\"contents\":\"bmVtbw==\"}"),
                400, "The ticketId field is required");
        assertError(call("POST", "/api/v1/ticket", "not json"), 400, null);
        assertThat(sim.ticketCount()).isEqualTo(30);
    }

    @Test
    void answeringAClosedTicketReopensIt() throws Exception {
        String id = json(call("GET", "/api/v1/ticket?state=false", null)).get("ticket").get(0).at("/@attributes/id").asText();
        assertThat(json(call("GET", "/api/v1/ticket/" + id, null)).get("status").asBoolean()).isFalse();
        assertThat(json(call("PUT", "/api/v1/ticket/answer/" + id, "{\"text\":\"ещё вопрос\"}")).get("status").asBoolean()).isTrue();
        assertThat(call("GET", "/api/v1/ticket?state=true", null).body()).contains("\"id\":\"" + id + "\"");
    }

    @Test
    void attachmentIsAddedToThePostAndAnswersSuccess() throws Exception {
        JsonNode t = json(call("GET", "/api/v1/ticket/23601", null));
        String postId = t.at("/posts/0/id").asText();
        var r = call("POST", "/api/v1/ticket/attachment",
                "{\"ticketId\":23601,\"filename\":\"счёт.pdf\",\"ticketPostID\":" + postId + ",\"contents\":\"JVBERi0xLjQK\"}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"success\":true}");
        JsonNode att = json(call("GET", "/api/v1/ticket/23601", null)).at("/posts/0/attachments/0");
        assertThat(att.get("name").asText()).isEqualTo("счёт.pdf");
        assertThat(att.get("size").asInt()).isEqualTo(9);
        assertThat(att.get("type").asText()).isEqualTo("application/pdf");
        assertThat(json(call("POST", "/api/v1/ticket/attachment",
                "{\"ticketId\":23601,\"filename\":\"a\",\"ticketPostID\":1,\"contents\":\"JVBERi0xLjQK\"}")).get("message").asText())
                .endsWith("Ticket Post not Found");
    }

    // ---- envelope for everything else, faults ----

    @Test
    void unknownPathsAndMethodsUseTheVendorEnvelope() throws Exception {
        assertError(call("GET", "/api/v1/tickets", null), 404, "no such endpoint: /api/v1/tickets");
        assertError(call("DELETE", "/api/v1/ticket/23601", null), 405, "method not allowed");
    }

    @Test
    void injectedFaultsAnswerInTheVendorEnvelope() throws Exception {
        server.faults(new Faults(0, 1.0, 502, 0, 1, 0, 0, 7));
        assertError(call("GET", "/api/v1/ticket/23601", null), 502, "simulated server error");
        server.faults(new Faults(0, 0, 503, 1.0, 3, 0, 0, 7));
        var throttled = call("GET", "/api/v1/ticket?state=true", null);
        assertError(throttled, 429, "Too Many Requests");
        assertThat(throttled.headers().firstValue("Retry-After")).contains("3");
        server.faults(Faults.NONE);
        assertThat(call("GET", "/api/v1/ticket/23601", null).statusCode()).isEqualTo(200);
    }

    // ---- helpers ----

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        return send(method, path, body, PlusofonSimulator.CLIENT, "Bearer " + PlusofonSimulator.TOKEN);
    }

    private HttpResponse<String> send(String method, String path, String body, String clientCode, String authorization)
            throws Exception {
        var b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) b.header("Content-Type", "application/json");
        if (clientCode != null) b.header("Client", clientCode);
        if (authorization != null) b.header("Authorization", authorization);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return io.ticketbridge.canonical.TicketJson.mapper().readTree(r.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertError(HttpResponse<String> r, int status, String message) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode body = json(r);
        assertThat(body.get("code").asInt()).as("code equals the HTTP status").isEqualTo(status);
        assertThat(body.fieldNames()).toIterable().containsExactly("message", "code");
        if (message != null) assertThat(body.get("message").asText()).isEqualTo(message);
    }
}
