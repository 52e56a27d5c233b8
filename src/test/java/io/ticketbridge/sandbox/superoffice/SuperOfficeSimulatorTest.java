package io.ticketbridge.sandbox.superoffice;

import io.ticketbridge.testing.TestResources;
import io.ticketbridge.connector.superoffice.SuperOfficeConnector;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.connector.MapperSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SuperOfficeSimulatorTest {
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (SuperOfficeSimulator.USERNAME + ":" + SuperOfficeSimulator.PASSWORD).getBytes(StandardCharsets.UTF_8));
    private final HttpClient client = HttpClient.newHttpClient();
    private SimServer server;
    private SuperOfficeSimulator sandbox;

    record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return TicketJson.mapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = new SimServer("superoffice", 0);
        sandbox = new SuperOfficeSimulator();
        sandbox.install(server);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Reply send(String method, String pathAndQuery, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(pathAndQuery.startsWith("http") ? pathAndQuery
                        : server.baseUrl() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Accept", "application/json");
        if (body != null) b.header("Content-Type", "application/json; charset=utf-8");
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), r.headers(), r.body());
    }

    private Reply agent(String method, String body) throws Exception {
        return send("POST", "/api/v1/Agents/Ticket/" + method, body, "Authorization", BASIC);
    }

    private Reply get(String path, String... headers) throws Exception {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = BASIC;
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("GET", path, null, all);
    }

    private static void assertEnvelope(Reply r, int status, String type, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        JsonNode e = r.json();
        assertThat(e.get("Error").asBoolean()).isTrue();
        assertThat(e.get("ErrorType").asText()).isEqualTo(type);
        assertThat(e.get("ErrorMessage").asText()).isEqualTo(message);
        assertThat(e.get("ErrorSource").asText()).isNotBlank();
        assertThat(e.size()).as("exactly the four envelope fields").isEqualTo(4);
    }

    // ---- auth ----

    @Test
    void missingAuthorizationIs401InTheErrorEnvelope() throws Exception {
        Reply r = send("GET", "/api/v1/Ticket/101", null);
        assertEnvelope(r, 401, "SoNotLoggedInException", "Authorization header is missing: use Basic, Bearer or SOTicket");
        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("SOTicket"));
    }

    @Test
    void wrongBasicPasswordIs401WithoutEchoingTheSecret() throws Exception {
        String wrong = "Basic " + Base64.getEncoder().encodeToString("ticketbridge:hunter2".getBytes(StandardCharsets.UTF_8));
        Reply r = send("GET", "/api/v1/Ticket/101", null, "Authorization", wrong);
        assertEnvelope(r, 401, "SoNotLoggedInException", "Invalid user name or password");
        assertThat(r.body()).doesNotContain("hunter2");
    }

    @Test
    void bearerTokenIsAcceptedAndAWrongOneRefused() throws Exception {
        assertThat(send("GET", "/api/v1/Ticket/101", null, "Authorization", "Bearer " + SuperOfficeSimulator.TOKEN).status()).isEqualTo(200);
        assertEnvelope(send("GET", "/api/v1/Ticket/101", null, "Authorization", "Bearer nope"), 401,
                "SoNotLoggedInException", "Bearer token is not valid or has expired");
    }

    @Test
    void soTicketNeedsTheAppTokenHeader() throws Exception {
        String ticket = "SOTicket " + SuperOfficeSimulator.TOKEN;
        assertEnvelope(send("GET", "/api/v1/Ticket/101", null, "Authorization", ticket), 401,
                "SoNotLoggedInException", "SO-AppToken header is required with the SOTicket scheme");
        assertEnvelope(send("GET", "/api/v1/Ticket/101", null, "Authorization", ticket, "SO-AppToken", "other-app"), 401,
                "SoNotLoggedInException", "SO-AppToken is not valid for this tenant");
        assertEnvelope(send("GET", "/api/v1/Ticket/101", null, "Authorization", "SOTicket 7T:expired",
                        "SO-AppToken", SuperOfficeSimulator.APP_TOKEN), 401,
                "SoNotLoggedInException", "SOTicket credential is not valid or has expired");
        assertThat(send("GET", "/api/v1/Ticket/101", null, "Authorization", "SoTicket " + SuperOfficeSimulator.TOKEN,
                "SO-AppToken", SuperOfficeSimulator.APP_TOKEN).status()).as("scheme is case-insensitive").isEqualTo(200);
    }

    @Test
    void unknownSchemeIsRefused() throws Exception {
        assertEnvelope(send("GET", "/api/v1/Ticket", null, "Authorization", "Digest abc"), 401,
                "SoNotLoggedInException", "Unsupported authorization scheme 'Digest': use Basic, Bearer or SOTicket");
    }

    // ---- errors ----

    @Test
    void unknownTicketIs404SoNotFoundException() throws Exception {
        assertEnvelope(get("/api/v1/Ticket/99999"), 404, "SoNotFoundException", "Ticket id 99999 not found");
        assertEnvelope(agent("GetTicketEntity?ticketEntityId=99999", null), 404, "SoNotFoundException", "Ticket id 99999 not found");
        assertEnvelope(get("/api/v1/Ticket/99999/Messages"), 404, "SoNotFoundException", "Ticket id 99999 not found");
        assertEnvelope(get("/api/v1/TicketMessage/424242"), 404, "SoNotFoundException", "TicketMessage id 424242 not found");
    }

    @Test
    void badRequestsAre400InTheEnvelope() throws Exception {
        assertEnvelope(agent("SaveTicketEntity", "{\"TicketId\":0,\"Title\":\"\"}"), 400, "ArgumentException",
                "Title is required to create a ticket");
        assertEnvelope(agent("GetTickets", "{\"Ids\":[1]}"), 400, "ArgumentException", "request body must be {\"TicketIds\":[...]}");
        assertEnvelope(get("/api/v1/Ticket?" + q("$filter", "lastChanged newerThan '2025-01-01'")), 400, "ArgumentException",
                "$filter: operator 'newerThan' is not supported for column lastChanged (date; supported: afterTime, beforeTime, dateTime)");
        assertEnvelope(get("/api/v1/Ticket?$select=ticketId,colour"), 400, "ArgumentException",
                "Unknown column 'colour' in archive provider ticket; known: ticketId,title,createdAt,lastChanged,closedAt,"
                        + "repliedAt,author,ownedBy,ticketStatusName,status,priorityName,categoryFullName,origin,slevel,"
                        + "numberOfMessages,numberOfReplies,connectId,tags,person/personId,person/fullName");
        assertEnvelope(get("/api/v1/Ticket/101", "SO-TimeZone", "Mars/Olympus"), 400, "ArgumentException",
                "SO-TimeZone: unknown time zone 'Mars/Olympus'");
    }

    @Test
    void unknownPathsAndMethodsUseTheEnvelope() throws Exception {
        assertEnvelope(get("/api/v1/Nothing"), 404, "SoNotFoundException", "no such endpoint: /api/v1/Nothing");
        assertEnvelope(agent("Explode", "{}"), 404, "SoNotFoundException", "TicketAgent has no method 'Explode'");
        assertEnvelope(send("DELETE", "/api/v1/Webhook", null, "Authorization", BASIC), 405, "MethodNotAllowedException",
                "method not allowed");
    }

    // ---- reads ----

    @Test
    void getTicketsAnswersSeedShapedCarriersInRequestOrderSkippingUnknownIds() throws Exception {
        Reply r = agent("GetTickets", "{\"TicketIds\":[105,101,99999]}");
        assertThat(r.status()).isEqualTo(200);
        JsonNode array = r.json();
        assertThat(array).hasSize(2);
        assertThat(array.get(0).get("TicketId").asInt()).isEqualTo(105);
        assertThat(array.get(1).get("TicketId").asInt()).isEqualTo(101);
        JsonNode seed = TestResources.json("/fixtures/superoffice/seed_GetTickets_response.json").get(0);
        assertThat(fieldNames(array.get(0))).as("same properties, same order as the seed sample").isEqualTo(fieldNames(seed));
        assertThat(array.get(1).get("CreatedAt").asText()).as("tenant zone with offset by default").isEqualTo("2025-01-06T09:15:00+01:00");
        assertThat(array.get(1).get("ReadByOwner").asText()).as("unset date").isEqualTo("0001-01-01T00:00:00");
    }

    @Test
    void getTicketsSelectNullsTheOtherFields() throws Exception {
        JsonNode t = agent("GetTickets?$select=Title,categoryName,category/id", "{\"TicketIds\":[\"101\"]}").json().get(0);
        assertThat(t.get("TicketId").asInt()).isEqualTo(101);
        assertThat(t.get("Title").asText()).isEqualTo("Brak dostępu do panelu");
        assertThat(t.get("CategoryName").asText()).isEqualTo("wsparcie@example.pl");
        assertThat(t.get("Category").asInt()).isPositive();
        assertThat(t.get("CreatedAt").isNull()).isTrue();
        assertThat(t.get("PriorityName").isNull()).isTrue();
    }

    @Test
    void soTimeZoneConvertsDatesWithOrWithoutOffset() throws Exception {
        assertThat(get("/api/v1/Ticket/101", "SO-TimeZone", "UTC").json().get("CreatedAt").asText())
                .isEqualTo("2025-01-06T08:15:00");
        assertThat(get("/api/v1/Ticket/101", "SO-TimeZone", "Asia/Tokyo, includeTZOffset").json().get("CreatedAt").asText())
                .isEqualTo("2025-01-06T17:15:00+09:00");
        assertThat(get("/api/v1/Ticket/101", "SO-TimeZone", "NO,includeTZOffset").json().get("CreatedAt").asText())
                .isEqualTo("2025-01-06T09:15:00+01:00");
    }

    @Test
    void archivePagesFollowNextLinkUntilNull() throws Exception {
        Set<Integer> ids = new LinkedHashSet<>();
        String next = "/api/v1/Ticket?$select=ticketId,lastChanged&$orderBy=ticketId%20asc&$top=7";
        int pages = 0;
        while (next != null) {
            JsonNode page = get(next).json();
            pages++;
            assertThat(page.get("odata.metadata").asText()).endsWith("/api/v1/$metadata#Ticket");
            for (JsonNode row : page.get("value")) {
                assertThat(row.get("EntityName").asText()).isEqualTo("ticket");
                assertThat(row.get("PrimaryKey").asInt()).isEqualTo(row.get("ticketId").asInt());
                ids.add(row.get("PrimaryKey").asInt());
            }
            next = page.get("odata.nextLink").isNull() ? null : page.get("odata.nextLink").asText();
        }
        assertThat(pages).isEqualTo(5);
        assertThat(ids).hasSize(SeedStories.COUNT).first().isEqualTo(101);
    }

    @Test
    void afterTimeIsInclusiveAndOrderByLastChangedWorks() throws Exception {
        JsonNode all = get("/api/v1/Ticket?$select=ticketId,lastChanged&$orderBy=lastChanged%20asc,ticketId%20asc", "SO-TimeZone", "UTC").json();
        JsonNode tenth = all.get("value").get(9);
        String cursor = tenth.get("lastChanged").asText(); // naive, in the SO-TimeZone the filter is read in
        JsonNode after = get("/api/v1/Ticket?" + q("$select", "ticketId,lastChanged") + "&"
                + q("$filter", "lastChanged afterTime '" + cursor + "'") + "&" + q("$orderBy", "lastChanged asc,ticketId asc"),
                "SO-TimeZone", "UTC").json();
        assertThat(after.get("value").get(0).get("ticketId").asInt()).as("the cursor's own row comes back").isEqualTo(tenth.get("ticketId").asInt());
        assertThat(after.get("value")).hasSize(SeedStories.COUNT - 9);
        assertThat(after.get("odata.nextLink").isNull()).isTrue();
    }

    @Test
    void ticketMessagesArchiveListsTheThread() throws Exception {
        JsonNode page = get("/api/v1/Ticket/108/Messages?$select=id,slevel,badge").json();
        assertThat(page.get("value")).extracting(r -> r.get("badge").asText()).containsExactly("Incoming", "Reply", "Comment");
        assertThat(page.get("value").get(2).get("slevel").asText()).isEqualTo("Internal");
    }

    // ---- writes ----

    @Test
    void createdTicketWithMessageAndAttachmentReadsBackThroughGetListAndMapper() throws Exception {
        ObjectNode draft = (ObjectNode) agent("CreateDefaultTicketEntity", null).json();
        assertThat(draft.get("TicketId").asInt()).isZero();
        draft.put("Title", "Skriver ut feil — 打印机 🖨️");
        draft.putObject("Person").put("PersonId", 11);
        draft.putObject("OwnedBy").put("AssociateId", 100);
        draft.putObject("Priority").put("TicketPriorityId", 3);
        draft.putArray("Tags").addObject().put("Name", "printer");
        draft.putObject("CustomFields").put("contract", "C-1");
        JsonNode saved = agent("SaveTicketEntity", draft.toString()).json();
        int id = saved.get("TicketId").asInt();
        assertThat(id).isEqualTo(101 + SeedStories.COUNT);
        assertThat(sandbox.ticketCount()).isEqualTo(SeedStories.COUNT + 1);

        ObjectNode msg = (ObjectNode) agent("CreateDefaultTicketMessageEntity", null).json();
        assertThat(msg.get("EjMessageId").asInt()).isZero();
        msg.putObject("Ticket").put("TicketId", id);
        msg.put("HtmlBody", "<p>Skriveren <b>virker ikke</b></p>").put("Body", "Skriveren virker ikke").put("Type", "Html");
        msg.putObject("Person").put("PersonId", 11);
        int messageId = agent("SaveTicketMessageEntity", msg.toString()).json().get("EjMessageId").asInt();
        assertThat(messageId).isPositive();

        ObjectNode att = (ObjectNode) agent("CreateDefaultAttachmentEntity", null).json();
        att.put("Name", "feil.txt").put("ContentType", "text/plain");
        int attId = agent("SaveAttachmentEntity", att.toString()).json().get("AttachmentId").asInt();
        byte[] bytes = "Feilkode 0x2A — æøå".getBytes(StandardCharsets.UTF_8);
        assertThat(agent("UploadAttachment", "{\"AttachmentId\":" + attId + ",\"Content\":\""
                + Base64.getEncoder().encodeToString(bytes) + "\"}").status()).isEqualTo(204);
        assertThat(agent("AddAttachments", "{\"TicketMessageEntityId\":" + messageId + ",\"AttachmentIds\":[" + attId + "]}").status())
                .isEqualTo(204);
        HttpResponse<byte[]> stream = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/Agents/Ticket/GetAttachmentStream"))
                .header("Authorization", BASIC).POST(HttpRequest.BodyPublishers.ofString("{\"AttachmentId\":" + attId + "}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(stream.body()).isEqualTo(bytes);

        // a REST note on top
        Reply note = send("POST", "/api/v1/TicketMessage", "{\"Ticket\":{\"TicketId\":" + id + "},\"Body\":\"Intern merknad\","
                + "\"Slevel\":\"Internal\",\"CreatedBy\":{\"AssociateId\":100}}", "Authorization", BASIC);
        assertThat(note.status()).isEqualTo(201);
        assertThat(get("/api/v1/TicketMessage/" + note.json().get("EjMessageId").asInt()).json().get("Slevel").asText()).isEqualTo("Internal");

        // read back as the Source does: entity + expanded messages
        ObjectNode entity = (ObjectNode) get("/api/v1/Ticket/" + id).json();
        ArrayNode ids = TicketJson.mapper().createArrayNode();
        entity.get("Messages").forEach(s -> ids.add(s.get("TicketMessageId").asInt()));
        JsonNode full = agent("GetTicketMessageEntities", "{\"TicketId\":" + id + ",\"MessageIds\":" + ids + "}").json();
        entity.set("Messages", full);
        Ticket t = new SuperOfficeConnector().mapper(new MapperSettings(null, null, null, server.baseUrl())).map(entity).get(0);
        assertThat(t.source().url()).isEqualTo(server.baseUrl() + "/api/v1/Ticket/" + id);
        assertThat(t.subject()).isEqualTo("Skriver ut feil — 打印机 🖨️");
        assertThat(t.status()).as("only the customer wrote so far").isEqualTo(Status.NEW);
        assertThat(t.priority()).isEqualTo(Priority.HIGH);
        assertThat(t.requester()).isEqualTo(new Party("Jan Kowalski", "jan.kowalski@example.pl", null));
        assertThat(t.assignee()).isEqualTo(new Party("Оператор", null, "operator1"));
        assertThat(t.tags()).containsExactly("printer");
        assertThat(t.customFields()).containsEntry("contract", "C-1");
        assertThat(t.messages()).extracting(Message::kind).containsExactly(MessageKind.CUSTOMER, MessageKind.NOTE);
        Message first = t.messages().get(0);
        assertThat(first.bodyFormat()).isEqualTo(BodyFormat.HTML);
        assertThat(first.body()).isEqualTo("<p>Skriveren <b>virker ikke</b></p>");
        assertThat(first.attachments()).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo(Integer.toString(attId));
            assertThat(a.fileName()).isEqualTo("feil.txt");
            assertThat(a.size()).isEqualTo((long) bytes.length);
        });

        // and it is listed
        JsonNode listed = get("/api/v1/Ticket?" + q("$filter", "ticketId eq " + id) + "&$select=ticketId,title,ticketStatusName").json();
        assertThat(listed.get("value")).singleElement().satisfies(r -> assertThat(r.get("title").asText()).isEqualTo("Skriver ut feil — 打印机 🖨️"));
    }

    @Test
    void restPostCreatesATicketAndAReplyUpdatesRepliedAt() throws Exception {
        Reply created = send("POST", "/api/v1/Ticket", "{\"Title\":\"REST\",\"Person\":{\"PersonId\":12}}", "Authorization", BASIC);
        assertThat(created.status()).isEqualTo(201);
        int id = created.json().get("TicketId").asInt();
        assertThat(created.headers().firstValue("Location")).hasValue(server.baseUrl() + "/api/v1/Ticket/" + id);
        assertThat(created.json().get("RepliedAt").asText()).isEqualTo("0001-01-01T00:00:00");
        agent("SaveTicketMessageEntity", "{\"Ticket\":{\"TicketId\":" + id + "},\"Body\":\"Svar\",\"Slevel\":\"External\",\"CreatedBy\":{\"AssociateId\":100}}");
        JsonNode carrier = agent("GetTickets", "{\"TicketIds\":[" + id + "]}").json().get(0);
        assertThat(carrier.get("NumReplies").asInt()).isEqualTo(1);
        assertThat(carrier.get("RepliedAt").asText()).isNotEqualTo("0001-01-01T00:00:00");
        assertEnvelope(agent("SaveTicketMessageEntity", "{\"Ticket\":{\"TicketId\":99999},\"Body\":\"x\"}"), 404,
                "SoNotFoundException", "Ticket id 99999 not found");
    }

    @Test
    void resavingAClosedTicketUpdatesItButKeepsClosedAt() throws Exception {
        ObjectNode entity = (ObjectNode) get("/api/v1/Ticket/105").json();
        String closedAt = entity.get("ClosedAt").asText();
        assertThat(entity.get("BaseStatus").asText()).isEqualTo("Closed");
        entity.put("Title", "Renamed");
        JsonNode saved = agent("SaveTicketEntity", entity.toString()).json();
        assertThat(saved.get("Title").asText()).isEqualTo("Renamed");
        assertThat(saved.get("ClosedAt").asText()).isEqualTo(closedAt);
        assertThat(saved.get("Messages")).hasSize(entity.get("Messages").size());
        assertThat(saved.get("LastChanged").asText()).isNotEqualTo(entity.get("LastChanged").asText());
    }

    @Test
    void webhooksNeedHttpsKnownTicketEventsAndATargetAnsweringTheTestEvent() throws Exception {
        assertEnvelope(send("POST", "/api/v1/Webhook", "{\"Name\":\"h\",\"Events\":[\"ticket.created\"],\"TargetUrl\":\"http://x\"}",
                "Authorization", BASIC), 400, "ArgumentException", "TargetUrl must be an https:// URL with a valid certificate"
                + " (this sandbox also takes http://127.0.0.1 and http://localhost)");
        assertThat(send("POST", "/api/v1/Webhook", "{\"Name\":\"h\",\"Events\":[\"ticket.deleted\"],\"TargetUrl\":\"https://x\"}",
                "Authorization", BASIC).json().get("ErrorMessage").asText()).contains("there is no ticket.deleted");
        // registration sends a test event first: a target that cannot answer it is refused (SuperOfficeWebhookSenderTest
        // registers one that does)
        Reply unreachable = send("POST", "/api/v1/Webhook", "{\"Name\":\"TB\",\"Events\":[\"ticket.created\",\"ticket.changed\"],"
                + "\"TargetUrl\":\"https://hooks.invalid/so\",\"Secret\":\"s3cr3t\",\"State\":\"Active\",\"Type\":\"webhook\"}", "Authorization", BASIC);
        assertThat(unreachable.status()).isEqualTo(400);
        assertThat(unreachable.body()).contains("did not answer 200 to the test event").doesNotContain("s3cr3t");
        assertThat(get("/api/v1/Webhook").json()).isEmpty();
    }

    // ---- faults ----

    @Test
    void injectedServerErrorsAndThrottlingUseTheEnvelope() throws Exception {
        server.faults(new Faults(0, 1.0, 503, 0, 1, 0, 0, 7));
        assertEnvelope(get("/api/v1/Ticket/101"), 503, "SoServerException", "simulated server error");
        server.faults(new Faults(0, 0, 503, 1.0, 3, 0, 0, 7));
        Reply throttled = get("/api/v1/Ticket/101");
        assertEnvelope(throttled, 429, "TooManyRequestsException", "Too Many Requests");
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("3");
        server.faults(Faults.NONE);
        assertThat(get("/api/v1/Ticket/101").status()).isEqualTo(200);
    }

    @Test
    void seededTicketsRenderEveryStory() throws Exception {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < SeedStories.COUNT; i++) ids.add(101 + i);
        JsonNode carriers = agent("GetTickets", "{\"TicketIds\":" + ids + "}").json();
        assertThat(carriers).hasSize(SeedStories.COUNT);
        List<Ticket> tickets = new SuperOfficeConnector().mapper(new MapperSettings(ZoneId.of("UTC"), null, null)).map(carriers);
        for (int i = 0; i < SeedStories.COUNT; i++) {
            SeedStories.Story s = SeedStories.all().get(i);
            Ticket t = tickets.get(i);
            assertThat(t.subject()).isEqualTo(s.subject());
            assertThat(t.status()).as("story %d", s.number()).isEqualTo(s.status());
            assertThat(t.priority()).isEqualTo(s.priority());
            assertThat(t.createdAt()).isEqualTo(s.createdAt());
            assertThat(t.updatedAt()).isEqualTo(s.updatedAt());
            assertThat(t.closedAt()).isEqualTo(s.closedAt());
        }
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) out.add(it.next());
        return out;
    }

    private static String q(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
