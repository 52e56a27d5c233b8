package io.ticketbridge.sandbox.thulium;

import io.ticketbridge.testing.MutableClock;
import io.ticketbridge.testing.TestResources;
import io.ticketbridge.connector.thulium.ThuliumTicketMapper;
import io.ticketbridge.connector.thulium.ThuliumConnector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.connector.MapperSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Thulium simulator over real HTTP (java.net.http against its loopback port). */
class ThuliumSimulatorTest {
    static final String AUTH = basic(ThuliumSimulator.USERNAME, ThuliumSimulator.PASSWORD);
    static final Instant START = Instant.parse("2026-01-15T10:00:00Z"); // 11:00 in Warsaw

    private final HttpClient client = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock(START); // temporary files live 24 h
    private ThuliumSimulator sandbox;
    private SimServer server;

    @BeforeEach
    void start() throws IOException {
        sandbox = new ThuliumSimulator(clock, ThuliumConnector.DEFAULT_ZONE);
        server = new SimServer("thulium", 0);
        sandbox.install(server);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    record Answer(int status, HttpResponse<String> raw) {
        JsonNode json() {
            return TestResources.parse(raw.body());
        }

        String body() {
            return raw.body();
        }
    }

    private Answer call(String method, String pathAndQuery, String jsonBody, String auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) b.header("Content-Type", "application/json; charset=utf-8");
        if (auth != null) b.header("Authorization", auth);
        return send(b.build());
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(r.statusCode(), r);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer get(String pathAndQuery) {
        return call("GET", pathAndQuery, null, AUTH);
    }

    private Answer post(String path, String json) {
        return call("POST", path, json, AUTH);
    }

    private Answer upload(String filename, byte[] bytes, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/temporary_files"
                        + (filename == null ? "" : "?filename=" + URLEncoder.encode(filename, StandardCharsets.UTF_8))))
                .header("Authorization", AUTH)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (contentType != null) b.header("Content-Type", contentType);
        return send(b.build());
    }

    private static void assertEnvelope(Answer a, int status, String messagePart) {
        assertThat(a.status()).isEqualTo(status);
        assertThat(a.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode n = a.json();
        assertThat(fieldNames(n)).containsExactly("request_id", "errors");
        assertThat(n.get("request_id").asText()).matches("[0-9a-f]{13}");
        assertThat(n.get("errors")).isNotEmpty();
        for (JsonNode e : n.get("errors")) {
            assertThat(fieldNames(e)).containsExactly("message", "code");
            assertThat(e.get("code").isInt()).isTrue();
            assertThat(e.get("code").asInt()).isEqualTo(status);
        }
        assertThat(n.get("errors").findValuesAsText("message")).anySatisfy(m -> assertThat(m).contains(messagePart));
    }

    static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private Ticket read(long id) {
        Answer a = get("/api/tickets/" + id + "?include_custom_fields=true");
        assertThat(a.status()).isEqualTo(200);
        return new ThuliumTicketMapper(MapperSettings.defaults(new ThuliumConnector())).map(a.json()).get(0);
    }

    // ---- auth ----

    @Test
    void everyEndpointRefusesAMissingAuthorizationWith401AndTheEnvelope() {
        String[][] endpoints = {{"GET", "/api/tickets"}, {"POST", "/api/tickets"}, {"GET", "/api/tickets/1001"},
            {"PUT", "/api/tickets/1001"}, {"POST", "/api/tickets/1001/agent_response"},
            {"POST", "/api/tickets/1001/customer_response"}, {"POST", "/api/temporary_files?filename=a.txt"},
            {"GET", "/api/webhooks"}, {"POST", "/api/webhooks"}};
        for (String[] e : endpoints) {
            Answer a = call(e[0], e[1], e[0].equals("GET") ? null : "{}", null);
            assertEnvelope(a, 401, "Authentication required");
            assertThat(a.raw().headers().firstValue("WWW-Authenticate")).contains("Basic realm=\"Thulium API\"");
        }
    }

    @Test
    void wrongPasswordUnknownUserOtherSchemeAndGarbageAreEach401() {
        assertEnvelope(call("GET", "/api/tickets/1001", null, basic(ThuliumSimulator.USERNAME, "wrong")), 401, "Invalid API user or password");
        assertEnvelope(call("GET", "/api/tickets/1001", null, basic("someone", ThuliumSimulator.PASSWORD)), 401, "Invalid API user or password");
        assertEnvelope(call("GET", "/api/tickets/1001", null, "Bearer abc"), 401, "use HTTP Basic");
        assertEnvelope(call("GET", "/api/tickets/1001", null, "Basic %%%not-base64"), 401, "Invalid authorization header");
        assertEnvelope(call("GET", "/api/tickets/1001", null, "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes())), 401, "Invalid API user");
        assertThat(call("GET", "/api/tickets/1001", null, AUTH.replace("Basic", "basic")).status()).isEqualTo(200);
    }

    // ---- reads ----

    @Test
    void getTicketHasTheDocumentedShapeWithMessagesNewestFirst() {
        Answer a = get("/api/tickets/1002?include_custom_fields=true");
        assertThat(a.status()).isEqualTo(200);
        JsonNode n = a.json();
        JsonNode sample = TestResources.json("/fixtures/thulium/get_ticket_1234.json");
        assertThat(fieldNames(n)).containsExactlyElementsOf(fieldNames(sample));
        assertThat(fieldNames(n.get("messages").get(0))).containsExactlyElementsOf(fieldNames(sample.get("messages").get(0)));
        assertThat(n.get("ticket_id").isIntegralNumber()).isTrue();
        assertThat(n.get("status_id").isTextual()).isTrue();
        assertThat(n.get("category_id").isTextual()).isTrue();
        assertThat(n.get("created_at").asText()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        assertThat(n.get("first_agent_response_time").asText()).matches("\\d{2,}:\\d{2}:\\d{2}");
        List<String> times = n.get("messages").findValuesAsText("created_at");
        assertThat(times).isSortedAccordingTo((x, y) -> y.compareTo(x));
        assertThat(n.get("custom_fields").has("contract")).isTrue();
        assertThat(n.get("custom_fields").get("channel").isNull()).isTrue(); // even stories have no channel: null kept

        assertThat(get("/api/tickets/1002").json().has("custom_fields")).isFalse();
    }

    @Test
    void seededStoryReadsBackThroughTheMapper() {
        // story 1 is NEW, Polish, one customer mail; created 2025-01-06T08:15Z = 09:15 in Warsaw
        JsonNode raw = get("/api/tickets/1001").json();
        assertThat(raw.get("created_at").asText()).isEqualTo("2025-01-06 09:15");
        assertThat(raw.get("full_status_name").asText()).isEqualTo("Nowe");
        Ticket t = read(1001);
        assertThat(t.status()).isEqualTo(Status.NEW);
        assertThat(t.createdAt()).isEqualTo(Instant.parse("2025-01-06T08:15:00Z"));
        assertThat(t.subject()).isEqualTo("Brak dostępu do panelu");
        assertThat(t.messages()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MessageKind.CUSTOMER);
            assertThat(m.body()).contains("Zażółć gęślą jaźń");
        });
    }

    @Test
    void unknownTicketNonNumericIdUnknownPathAndWrongMethodAnswerInTheEnvelope() {
        assertEnvelope(get("/api/tickets/999999"), 404, "Ticket 999999 not found");
        assertEnvelope(get("/api/tickets/abc"), 404, "not found");
        assertEnvelope(get("/api/nothing_here"), 404, "no such endpoint");
        assertEnvelope(call("DELETE", "/api/tickets/1001", null, AUTH), 405, "method not allowed");
        assertEnvelope(post("/api/tickets/999999/agent_response", "{\"body\":\"x\",\"user_login\":\"akowalski\"}"), 404, "not found");
    }

    // ---- list ----

    @Test
    void listPagesThroughAllTicketsNewestModificationFirstWithATotalCount() {
        List<Long> ids = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        for (int offset = 0; ; offset += 7) {
            JsonNode page = get("/api/tickets?limit=7&offset=" + offset).json();
            assertThat(fieldNames(page)).containsExactly("count", "tickets");
            assertThat(page.get("count").asInt()).isEqualTo(30);
            page.get("tickets").forEach(t -> {
                ids.add(t.get("ticket_id").asLong());
                updated.add(t.get("updated_at").asText());
                assertThat(t.has("messages")).isFalse();
            });
            if (page.get("tickets").size() < 7) break;
        }
        assertThat(ids).hasSize(30).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).containsAll(List.of(1001L, 1030L));
        assertThat(updated).isSortedAccordingTo((x, y) -> y.compareTo(x));
        assertThat(get("/api/tickets").json().get("tickets")).hasSize(30); // default limit 100
        assertThat(get("/api/tickets?limit=5&offset=30").json().get("tickets")).isEmpty();
    }

    @Test
    void listRejectsALimitAbove100AndOtherBadPagingInsteadOfClamping() {
        assertEnvelope(get("/api/tickets?limit=101"), 400, "limit must be a whole number between 1 and 100");
        assertEnvelope(get("/api/tickets?limit=0"), 400, "limit");
        assertEnvelope(get("/api/tickets?offset=-1"), 400, "offset");
        Answer both = get("/api/tickets?limit=x&date_from=yesterday");
        assertThat(both.json().get("errors")).hasSize(2);
        assertThat(get("/api/tickets?limit=100").status()).isEqualTo(200);
    }

    @Test
    void listFiltersOnModificationAndCreationDatesStatusesAndPeople() {
        // story n is created 1147 min after story n-1 from 2025-01-06 09:15 Warsaw
        JsonNode day = get("/api/tickets?date_from=2025-01-06&date_to=2025-01-06").json();
        assertThat(day.get("tickets").findValuesAsText("ticket_id")).containsExactly("1001");
        JsonNode minute = get("/api/tickets?" + "date_from=" + enc("2025-01-06 09:15") + "&date_to=" + enc("2025-01-06 09:15")).json();
        assertThat(minute.get("count").asInt()).isEqualTo(1);
        assertThat(get("/api/tickets?date_to=" + enc("2025-01-06 09:14")).json().get("count").asInt()).isZero();
        JsonNode created = get("/api/tickets?create_date_from=2025-01-07&create_date_to=2025-01-07").json();
        // story 2 at 04:22 and story 3 at 23:29 local time, both on 7 January; newest modification first
        assertThat(created.get("tickets").findValuesAsText("ticket_id")).containsExactly("1003", "1002");

        JsonNode statuses = get("/api/tickets?status_id[]=1&status_id[]=6").json();
        assertThat(statuses.get("tickets").findValuesAsText("status_id")).isNotEmpty().allMatch(s -> s.equals("1") || s.equals("6"));
        assertThat(statuses.get("count").asInt()).isEqualTo(6 + 12); // NEW: 6 stories; CLOSED + RESOLVED: 12

        assertThat(get("/api/tickets?user_login=operator1").json().get("tickets").findValuesAsText("user_login"))
                .isNotEmpty().containsOnly("operator1");
        JsonNode first = get("/api/tickets/1001").json();
        long customer = first.get("customer_id").asLong();
        assertThat(get("/api/tickets?customer_id=" + customer).json().get("tickets").findValuesAsText("from"))
                .isNotEmpty().containsOnly(first.get("from").asText());
        long queue = first.get("ticket_queue_id").asLong();
        assertThat(get("/api/tickets?ticket_queue_id=" + queue).json().get("count").asInt()).isEqualTo(6);
        long messageId = first.get("messages").get(0).get("message_id").asLong();
        assertThat(get("/api/tickets?message_id=" + messageId).json().get("tickets").findValuesAsText("ticket_id"))
                .containsExactly("1001");
        assertEnvelope(get("/api/tickets?date_from=06.01.2025"), 400, "date_from");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- writes ----

    @Test
    void createdTicketWithAnAttachmentReadsBackThroughGetAndList() {
        String token = upload("faktura.pdf", "%PDF-1.4 ż".getBytes(StandardCharsets.UTF_8), "application/octet-stream")
                .json().get("token").asText();
        clock.set(START.plus(Duration.ofMinutes(5)));
        String to = sandbox.queues().get(0).mailbox();
        Answer created = post("/api/tickets", "{\"to\":\"" + to + "\",\"from\":\"klient@example.pl\","
                + "\"subject\":\"Nowe zgłoszenie — żółw 🐢\",\"body\":\"<p>Treść</p>\",\"comment\":\"notatka\","
                + "\"attachments\":[\"" + token + "\"],\"user_login\":\"operator1\",\"tags\":[\"api\"],"
                + "\"custom_fields\":{\"contract\":\"C-1\"}}");
        assertThat(created.status()).isEqualTo(200);
        assertThat(fieldNames(created.json())).containsExactly("ticket_id");
        long id = created.json().get("ticket_id").asLong();
        assertThat(id).isEqualTo(1031);
        assertThat(sandbox.ticketCount()).isEqualTo(31);

        Ticket t = read(id);
        assertThat(t.subject()).isEqualTo("Nowe zgłoszenie — żółw 🐢");
        assertThat(t.status()).isEqualTo(Status.NEW);
        assertThat(t.requester().email()).isEqualTo("klient@example.pl");
        assertThat(t.assignee().login()).isEqualTo("operator1");
        assertThat(t.queue()).isEqualTo(sandbox.queues().get(0).name());
        assertThat(t.createdAt()).isEqualTo(START.plus(Duration.ofMinutes(5)));
        assertThat(t.customFields()).containsEntry("contract", "C-1").containsKey("channel");
        assertThat(t.messages()).extracting(m -> m.kind()).containsExactly(MessageKind.CUSTOMER, MessageKind.NOTE);
        assertThat(t.messages().get(0).attachments()).extracting(a -> a.id()).containsExactly(token);
        assertThat(t.messages().get(0).bodyFormat()).isEqualTo(io.ticketbridge.canonical.BodyFormat.HTML);

        JsonNode newest = get("/api/tickets?limit=1").json();
        assertThat(newest.get("count").asInt()).isEqualTo(31);
        assertThat(newest.get("tickets").get(0).get("ticket_id").asLong()).isEqualTo(id);
    }

    @Test
    void createListsEveryProblemInOneEnvelope() {
        Answer a = post("/api/tickets", "{\"to\":\"nobody@nowhere.example\",\"source\":\"fax\",\"status_id\":\"42\","
                + "\"attachments\":[\"nosuchtoken\"],\"custom_fields\":{\"Nieznane\":\"x\"}}");
        assertEnvelope(a, 400, "Parameter subject is required.");
        assertThat(a.json().get("errors").findValuesAsText("message")).contains(
                "Parameter from is required.", "Parameter body is required.",
                "Parameter to must be a mailbox configured in the system, got 'nobody@nowhere.example'.",
                "Parameter source must be one of email, phone, sms, chat, www.", "Status 42 does not exist.",
                "Temporary file nosuchtoken does not exist or has expired.", "Custom field Nieznane does not exist.");
        assertEnvelope(post("/api/tickets", "{not json"), 400, "not valid JSON");
        assertEnvelope(post("/api/tickets", "[1,2]"), 400, "must be a JSON object");
        assertThat(sandbox.ticketCount()).isEqualTo(30);
    }

    @Test
    void seedAgentResponseRequestIsAcceptedAndReadsBack() {
        // the request of seed 001, with its (long expired) attachment token swapped for a fresh upload
        String token = upload("hello.txt", "Hello".getBytes(StandardCharsets.UTF_8), "application/octet-stream")
                .json().get("token").asText();
        String request = "{\"body\":\"Hello world.\",\"user_login\":\"testowy.agent17\",\"date\":\"2014-07-14 12:34\",\"attachments\":[\"61527075253ba62a76ca5c\"]}"
                .replace("61527075253ba62a76ca5c", token);
        Answer a = post("/api/tickets/1001/agent_response", request);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEqualTo("[]");

        JsonNode raw = get("/api/tickets/1001").json();
        JsonNode reply = raw.get("messages").findParents("type").stream().filter(m -> m.get("type").asText().equals("REPLY"))
                .findFirst().orElseThrow();
        assertThat(reply.get("created_at").asText()).isEqualTo("2014-07-14 12:34");
        assertThat(reply.get("user_login").asText()).isEqualTo("testowy.agent17");
        assertThat(reply.get("system_comment").asText()).isEqualTo("Changed status from [Nowe] to [Oczekuje na klienta]");
        assertThat(raw.get("status_id").asText()).isEqualTo("3");
        assertThat(raw.get("updated_at").asText()).isEqualTo("2026-01-15 11:00"); // modified now, whatever the date
        assertThat(raw.get("first_agent_responded_at").asText()).isEqualTo("2014-07-14 12:34");

        Ticket t = read(1001);
        assertThat(t.status()).isEqualTo(Status.PENDING);
        assertThat(t.messages()).extracting(m -> m.id().endsWith("-system") ? "SYSTEM-companion" : m.kind().name())
                .contains("AGENT", "SYSTEM-companion");
        assertThat(t.messages()).filteredOn(m -> m.kind() == MessageKind.AGENT).singleElement()
                .satisfies(m -> assertThat(m.attachments()).extracting(x -> x.id()).containsExactly(token));
    }

    @Test
    void agentResponseValidatesItsParameters() {
        Answer a = post("/api/tickets/1001/agent_response", "{\"body_type\":\"MARKDOWN\",\"date\":\"14.07.2014\"}");
        assertEnvelope(a, 400, "Parameter body is required.");
        assertThat(a.json().get("errors").findValuesAsText("message")).contains("Parameter user_login is required.",
                "Parameter body_type must be HTML or PLAIN.");
        assertEnvelope(post("/api/tickets/1001/agent_response", "{\"body\":\"x\",\"user_login\":\"ghost\"}"), 400, "User ghost does not exist.");
        assertThat(post("/api/tickets/1001/agent_response", "{\"body\":\"plain\",\"body_type\":\"PLAIN\",\"user_login\":\"operator1\"}").status()).isEqualTo(200);
    }

    @Test
    void customerResponseAddsAMailAndMakesTheTicketNewAgain() {
        // story 3 is PENDING ("Oczekuje na klienta")
        assertThat(get("/api/tickets/1003").json().get("status_id").asText()).isEqualTo("3");
        clock.set(START.plus(Duration.ofHours(1)));
        Answer a = post("/api/tickets/1003/customer_response", "{\"body\":\"Dalej nie działa 😞\",\"body_type\":\"PLAIN\"}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEmpty();
        Ticket t = read(1003);
        assertThat(t.status()).isEqualTo(Status.NEW);
        assertThat(t.updatedAt()).isEqualTo(START.plus(Duration.ofHours(1)));
        assertThat(t.messages()).extracting(m -> m.kind() + ":" + m.body()).endsWith(
                "CUSTOMER:Dalej nie działa 😞", "SYSTEM:Changed status from [Oczekuje na klienta] to [Nowe]");
    }

    @Test
    void putChangesOnlyWhatIsSentAndLogsAStatusChange() {
        clock.set(START.plus(Duration.ofMinutes(30)));
        Answer a = call("PUT", "/api/tickets/1002", "{\"status_id\":\"6\",\"user_login\":null,\"custom_fields\":{\"contract\":\"C-9\"}}", AUTH);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body()).isEmpty();
        JsonNode raw = get("/api/tickets/1002?include_custom_fields=true").json();
        assertThat(raw.get("status_id").asText()).isEqualTo("6");
        assertThat(raw.get("full_status_name").asText()).isEqualTo("Zamknięte");
        assertThat(raw.get("closed_at").asText()).isEqualTo("2026-01-15 11:30");
        assertThat(raw.get("user_login").asText()).isEqualTo("operator1"); // null = unchanged
        assertThat(raw.get("custom_fields").get("contract").asText()).isEqualTo("C-9");
        assertThat(raw.get("messages").get(0).get("system_comment").asText())
                .isEqualTo("Changed status from [W realizacji] to [Zamknięte]");
        assertThat(read(1002).status()).isEqualTo(Status.CLOSED);

        assertThat(call("PUT", "/api/tickets/1002", "{\"status_id\":6,\"substatus_id\":\"61\"}", AUTH).status()).isEqualTo(200);
        assertThat(read(1002).status()).isEqualTo(Status.RESOLVED);
        assertEnvelope(call("PUT", "/api/tickets/1002", "{\"status_id\":\"9\",\"ticket_queue_id\":1}", AUTH), 400, "Status 9 does not exist.");
        assertEnvelope(call("PUT", "/api/tickets/1002", "{\"substatus_id\":\"61\",\"status_id\":\"2\"}", AUTH), 400, "Substatus 61 does not exist for status 2.");
    }

    // ---- temporary files ----

    @Test
    void temporaryFileAnswerHasTheDocumentedShapeAndExpiresAfter24Hours() {
        JsonNode reference = TestResources.json("/reference-payloads/thulium/temporary_files_post_response.json");
        byte[] bytes = "hello world!".getBytes(StandardCharsets.UTF_8);
        Answer a = upload("file.txt", bytes, "application/octet-stream");
        assertThat(a.status()).isEqualTo(200);
        assertThat(fieldNames(a.json())).containsExactlyElementsOf(fieldNames(reference));
        assertThat(a.json().get("filename").asText()).isEqualTo("file.txt");
        assertThat(a.json().get("size").asInt()).isEqualTo(reference.get("size").asInt()).isEqualTo(12);
        String token = a.json().get("token").asText();
        assertThat(token).matches("[0-9a-f]{23}").hasSameSizeAs(reference.get("token").asText());

        String reply = "{\"body\":\"x\",\"user_login\":\"operator1\",\"attachments\":[\"" + token + "\"]}";
        clock.set(START.plus(Duration.ofHours(24)).minusSeconds(1));
        assertThat(post("/api/tickets/1005/agent_response", reply).status()).isEqualTo(200);
        clock.set(START.plus(Duration.ofHours(24)));
        assertEnvelope(post("/api/tickets/1005/agent_response", reply), 400, "Temporary file " + token + " does not exist or has expired.");
    }

    @Test
    void temporaryFileNeedsAFilenameAndARawOctetStream() {
        assertEnvelope(upload(null, new byte[] {1}, "application/octet-stream"), 400, "Parameter filename is required.");
        assertEnvelope(upload("a.txt", new byte[] {1}, "application/json"), 400, "application/octet-stream");
    }

    // ---- webhooks ----

    @Test
    void webhooksAreCreatedAndListedInTheDocumentedShape() {
        JsonNode reference = TestResources.json("/reference-payloads/thulium/webhooks_get_response.json");
        assertThat(get("/api/webhooks").body()).isEqualTo("[]");
        Answer a = post("/api/webhooks", "{\"actions\":[\"CHAT_CONVERSATION_CREATED\"],\"subscription_url\":\"https://example.pl\","
                + "\"http_auth_user\":\"\",\"http_auth_password\":\"\"}");
        assertThat(a.status()).isEqualTo(200);
        assertThat(fieldNames(a.json())).containsExactlyElementsOf(fieldNames(reference.get(0)));
        assertThat(a.json().get("id").asInt()).isEqualTo(1);
        JsonNode list = get("/api/webhooks").json();
        assertThat(list).hasSize(1);
        assertThat(list.get(0)).isEqualTo(a.json());
        assertEnvelope(post("/api/webhooks", "{\"actions\":[],\"subscription_url\":\"ftp://x\"}"), 400, "Parameter actions is required.");
    }

    // ---- faults and concurrency ----

    @Test
    void injectedFaultsAnswerInThuliumsEnvelope() {
        server.faults(new Faults(0, 1.0, 502, 0, 1, 0, 0, 7));
        assertEnvelope(get("/api/tickets/1001"), 502, "simulated server error");
        server.faults(new Faults(0, 0, 503, 1.0, 3, 0, 0, 7));
        Answer throttled = get("/api/tickets/1001");
        assertEnvelope(throttled, 429, "Too Many Requests");
        assertThat(throttled.raw().headers().firstValue("Retry-After")).contains("3");
        server.faults(new Faults(0, 0, 503, 0, 1, 1.0, 0, 7));
        Answer cut = get("/api/tickets/1001");
        assertThat(cut.status()).isEqualTo(200);
        assertThatThrownBy(() -> TicketJson.mapper().readTree(cut.body())).isInstanceOf(IOException.class);
        server.faults(Faults.NONE);
        assertThat(get("/api/tickets/1001").status()).isEqualTo(200);
    }

    @Test
    void concurrentRepliesAreAllKeptWithDistinctMessageIds() {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            HttpRequest r = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/tickets/1004/agent_response"))
                    .header("Authorization", AUTH).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"reply " + i + "\",\"user_login\":\"sjohnson\"}"))
                    .build();
            calls.add(client.sendAsync(r, HttpResponse.BodyHandlers.ofString()));
        }
        calls.forEach(c -> assertThat(c.join().statusCode()).isEqualTo(200));
        JsonNode messages = get("/api/tickets/1004").json().get("messages");
        Set<Long> ids = new HashSet<>();
        int replies = 0;
        for (Iterator<JsonNode> it = messages.elements(); it.hasNext(); ) {
            JsonNode m = it.next();
            assertThat(ids.add(m.get("message_id").asLong())).isTrue();
            if (m.get("body").asText().startsWith("reply ")) replies++;
        }
        assertThat(replies).isEqualTo(24);
    }
}
