package io.ticketbridge.sandbox.keliweb;

import io.ticketbridge.testing.TestResources;
import io.ticketbridge.testing.MutableClock;
import io.ticketbridge.connector.keliweb.KeliwebConnector;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.connector.VendorHttp;
import java.net.URI;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator over real HTTP, as a Keliweb client sees it. */
class KeliwebSimulatorTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T10:00:00Z"));
    private final HttpClient client = HttpClient.newHttpClient();
    private KeliwebSimulator sandbox;
    private SimServer server;

    record Answer(int status, JsonNode json) {
    }

    @BeforeEach
    void start() throws Exception {
        sandbox = new KeliwebSimulator(clock, KeliwebConnector.DEFAULT_ZONE);
        server = new SimServer("keliweb", 0);
        sandbox.install(server);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Answer post(String path, String contentType, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("X-Requested-With", "XMLHttpRequest")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) b.header("Content-Type", contentType);
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(r.statusCode(), TestResources.parse(r.body()));
    }

    private Answer form(String path, Map<String, String> fields, String bearer) throws Exception {
        return post(path, "application/x-www-form-urlencoded", VendorHttp.encode(fields), bearer);
    }

    private Answer action(String action, Map<String, String> fields) throws Exception {
        return form("/api/v2/keliweb/" + action, fields, token().json().get("access_token").asText());
    }

    private Answer token() throws Exception {
        return form("/oauth/token", Map.of("grant_type", "password", "client_id", KeliwebSimulator.CLIENT_ID,
                "client_secret", KeliwebSimulator.CLIENT_SECRET, "username", KeliwebSimulator.USERNAME,
                "password", KeliwebSimulator.PASSWORD), null);
    }

    private static String attachments(String name, byte[] data) {
        String json = "[{\"name\":\"" + name + "\",\"data\":\"" + Base64.getEncoder().encodeToString(data) + "\"}]";
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void passwordGrantAnswersTheDocumentedTokenShape() throws Exception {
        Answer a = token();
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().get("token_type").asText()).isEqualTo("Bearer");
        assertThat(a.json().get("expires_in").asLong()).isEqualTo(3600);
        assertThat(a.json().get("access_token").asText()).isNotBlank();
        assertThat(a.json().get("refresh_token").asText()).startsWith("def50200");
        assertThat(sandbox.grantCount("password")).isEqualTo(1);
    }

    @Test
    void eachAuthFailureAnswersPassportStyle() throws Exception {
        Map<String, String> bad = new LinkedHashMap<>(Map.of("grant_type", "password", "client_id", KeliwebSimulator.CLIENT_ID,
                "client_secret", "wrong", "username", KeliwebSimulator.USERNAME, "password", KeliwebSimulator.PASSWORD));
        Answer client = form("/oauth/token", bad, null);
        assertThat(client.status()).isEqualTo(401);
        assertThat(client.json().get("error").asText()).isEqualTo("invalid_client");

        bad.put("client_secret", KeliwebSimulator.CLIENT_SECRET);
        bad.put("password", "nope");
        Answer user = form("/oauth/token", bad, null);
        assertThat(user.status()).isEqualTo(400);
        assertThat(user.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(user.json().get("message").asText()).isEqualTo("The user credentials were incorrect.");

        bad.put("grant_type", "client_credentials");
        assertThat(form("/oauth/token", bad, null).json().get("error").asText()).isEqualTo("unsupported_grant_type");

        Answer noBearer = form("/api/v2/keliweb/get-ticket", Map.of("ticketid", "1"), null);
        assertThat(noBearer.status()).isEqualTo(401);
        assertThat(noBearer.json().toString()).isEqualTo("{\"message\":\"Unauthenticated.\"}");
        assertThat(form("/api/v2/keliweb/get-ticket", Map.of("ticketid", "1"), "forged").status()).isEqualTo(401);
    }

    @Test
    void accessTokenExpiresAfterItsConfiguredLifetimeAndTheRefreshGrantRenewsIt() throws Exception {
        sandbox.accessTokenTtl(Duration.ofSeconds(30));
        Answer t = token();
        assertThat(t.json().get("expires_in").asLong()).isEqualTo(30);
        String access = t.json().get("access_token").asText();
        String refresh = t.json().get("refresh_token").asText();
        assertThat(form("/api/v2/keliweb/get-ticket", Map.of("ticketid", "1"), access).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(31));
        assertThat(form("/api/v2/keliweb/get-ticket", Map.of("ticketid", "1"), access).status()).isEqualTo(401);

        Map<String, String> grant = Map.of("grant_type", "refresh_token", "client_id", KeliwebSimulator.CLIENT_ID,
                "client_secret", KeliwebSimulator.CLIENT_SECRET, "refresh_token", refresh);
        Answer renewed = form("/oauth/token", grant, null);
        assertThat(renewed.status()).isEqualTo(200);
        String fresh = renewed.json().get("access_token").asText();
        assertThat(form("/api/v2/keliweb/get-ticket", Map.of("ticketid", "1"), fresh).status()).isEqualTo(200);
        // a refresh token is good once
        Answer reused = form("/oauth/token", grant, null);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.json().get("error").asText()).isEqualTo("invalid_grant");
        // and for ten days
        clock.advance(Duration.ofDays(10).plusSeconds(1));
        Answer old = form("/oauth/token", Map.of("grant_type", "refresh_token", "client_id", KeliwebSimulator.CLIENT_ID,
                "client_secret", KeliwebSimulator.CLIENT_SECRET, "refresh_token",
                renewed.json().get("refresh_token").asText()), null);
        assertThat(old.json().get("hint").asText()).isEqualTo("Token has expired");
    }

    @Test
    void getTicketAcceptsMultipartAndUrlEncodedByIdOrNumber() throws Exception {
        String bearer = token().json().get("access_token").asText();
        String boundary = "----kw" + System.nanoTime();
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"ticketid\"\r\n\r\n12\r\n--" + boundary + "--\r\n";
        Answer viaMultipart = post("/api/v2/keliweb/get-ticket", "multipart/form-data; boundary=" + boundary, multipart, bearer);
        assertThat(viaMultipart.status()).isEqualTo(200);
        JsonNode t = viaMultipart.json();
        assertThat(t.get("result").asText()).isEqualTo("success");
        assertThat(t.get("ticketid").isTextual()).isTrue();
        assertThat(t.get("ticketid").asText()).isEqualTo("12");
        assertThat(t.get("status").asText()).isEqualTo("Customer-Reply"); // story 12 is OPEN
        assertThat(t.get("replies").get("reply").get(0).get("replyid").asText()).isEqualTo("0");
        assertThat(t.get("replies").get("reply").get(0).get("attachment").asText()).matches("\\d{6}_log-12\\.txt");
        assertThat(t.get("notes").get("note")).hasSize(1);

        Answer viaNumber = form("/api/v2/keliweb/get-ticket",
                Map.of("ticketnum", t.get("tid").asText(), "repliessort", "DESC"), bearer);
        JsonNode replies = viaNumber.json().get("replies").get("reply");
        assertThat(viaNumber.json().get("ticketid").asText()).isEqualTo("12");
        assertThat(replies.get(replies.size() - 1).get("replyid").asText()).isEqualTo("0");
    }

    @Test
    void errorsUseTheWhmcsEnvelope() throws Exception {
        Answer missing = action("get-ticket", Map.of("ticketid", "999"));
        assertThat(missing.status()).isEqualTo(200); // WHMCS clients read result, not the status
        assertThat(missing.json().toString()).isEqualTo("{\"result\":\"error\",\"message\":\"Ticket ID Not Found\"}");
        assertThat(action("get-ticket", Map.of()).json().get("message").asText()).isEqualTo("Ticket ID Not Found");
        assertThat(action("open-ticket", Map.of("deptid", "1", "message", "m")).json().get("message").asText())
                .isEqualTo("Subject is required");
        assertThat(action("open-ticket", Map.of("deptid", "99", "subject", "s", "message", "m")).json().get("message").asText())
                .isEqualTo("Department ID not found");
        assertThat(action("update-ticket", Map.of("ticketid", "1", "status", "Done")).json().get("message").asText())
                .isEqualTo("Invalid Ticket Status. Valid statuses are: Open,Answered,Customer-Reply,On Hold,In Progress,Closed");
        assertThat(action("get-ticket-attachment", Map.of("relatedid", "1", "type", "file", "index", "0")).json()
                .get("message").asText()).isEqualTo("Invalid Type. Must be one of ticket, reply, note");
        String bearer = token().json().get("access_token").asText();
        Answer unknown = form("/api/v2/keliweb/delete-everything", Map.of(), bearer);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("result").asText()).isEqualTo("error");
    }

    @Test
    void createdBackDatesWritesAndRefusesBadOrFutureDates() throws Exception {
        String id = action("open-ticket", Map.of("deptid", "1", "subject", "Old", "message", "first",
                "name", "A", "email", "a@example.it", "created", "2024-02-01 10:00:00")).json().get("id").asText();
        assertThat(action("add-ticket-reply", Map.of("ticketid", id, "message", "second", "created", "2024-02-01T09:30:00Z"))
                .json().get("result").asText()).isEqualTo("success");
        var ticket = action("get-ticket", Map.of("ticketid", id)).json();
        assertThat(ticket.get("date").asText()).isEqualTo("2024-02-01 10:00:00");
        assertThat(ticket.get("replies").get("reply").get(1).get("date").asText()).as("09:30Z in Rome").isEqualTo("2024-02-01 10:30:00");
        assertThat(action("add-ticket-note", Map.of("ticketid", id, "message", "n", "created", "yesterday"))
                .json().get("message").asText()).isEqualTo("Invalid Date Format");
        assertThat(action("add-ticket-reply", Map.of("ticketid", id, "message", "n", "created", "2999-01-01 00:00:00"))
                .json().get("message").asText()).isEqualTo("Reply creation date cannot be in the future");
    }

    @Test
    void openedTicketWithAttachmentReadsBackThroughGetListAndAttachment() throws Exception {
        byte[] png = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        Answer opened = action("open-ticket", Map.of("deptid", "3", "subject", "Sito lento 🐢", "message",
                "Buongiorno,\r\nil sito è lento.", "priority", "High", "contactid", "5",
                "attachments", attachments("schermata.png", png)));
        assertThat(opened.json().get("result").asText()).isEqualTo("success");
        String id = opened.json().get("id").asText();
        assertThat(id).isEqualTo("31");
        assertThat(opened.json().get("tid").asText()).matches("\\d{6}");

        JsonNode t = action("get-ticket", Map.of("ticketid", id)).json();
        assertThat(t.get("subject").asText()).isEqualTo("Sito lento 🐢");
        assertThat(t.get("status").asText()).isEqualTo("Open");
        assertThat(t.get("priority").asText()).isEqualTo("High");
        assertThat(t.get("date").asText()).isEqualTo("2025-06-01 12:00:00"); // 10:00Z in Rome (CEST)
        assertThat(t.get("replies").get("reply").get(0).get("message").asText()).isEqualTo("Buongiorno,\r\nil sito è lento.");

        JsonNode file = action("get-ticket-attachment", Map.of("relatedid", id, "type", "ticket", "index", "0")).json();
        assertThat(file.get("filename").asText()).isEqualTo("schermata.png");
        assertThat(Base64.getDecoder().decode(file.get("data").asText())).isEqualTo(png);

        assertThat(action("add-ticket-reply", Map.of("ticketid", id, "message", "Ciao", "adminusername", "lferrari"))
                .json().get("result").asText()).isEqualTo("success");
        assertThat(action("add-ticket-note", Map.of("ticketid", id, "message", "interno")).json().get("result").asText())
                .isEqualTo("success");
        assertThat(action("update-ticket", Map.of("ticketid", id, "flag", "3")).json().get("ticketid").asText()).isEqualTo(id);
        JsonNode after = action("get-ticket", Map.of("ticketid", id)).json();
        assertThat(after.get("status").asText()).isEqualTo("Answered");
        assertThat(after.get("flag").asText()).isEqualTo("3");
        assertThat(after.get("replies").get("reply").get(1).get("admin").asText()).isEqualTo("Luca Ferrari");
        assertThat(after.get("notes").get("note").get(0).get("message").asText()).isEqualTo("interno");

        JsonNode first = action("get-tickets", Map.of("limitnum", "1")).json();
        assertThat(first.get("tickets").get("ticket").get(0).get("id").asText()).isEqualTo(id); // newest activity first
        assertThat(sandbox.ticketCount()).isEqualTo(31);
    }

    @Test
    void getTicketsPagesWithStringTotalAndNumericCounters() throws Exception {
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        for (int start = 0; start < 30; start += 7) {
            JsonNode page = action("get-tickets", Map.of("limitstart", Integer.toString(start), "limitnum", "7")).json();
            assertThat(page.get("totalresults").isTextual()).isTrue();
            assertThat(page.get("totalresults").asText()).isEqualTo("30");
            assertThat(page.get("startnumber").isNumber()).isTrue();
            assertThat(page.get("startnumber").asInt()).isEqualTo(start);
            assertThat(page.get("numreturned").asInt()).isEqualTo(Math.min(7, 30 - start));
            page.get("tickets").get("ticket").forEach(t -> {
                seen.add(t.get("id").asText());
                order.add(t.get("lastreply").asText());
            });
        }
        assertThat(seen).hasSize(30);
        assertThat(order).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        long active = SeedStories.all().stream()
                .filter(s -> s.status() != Status.CLOSED && s.status() != Status.RESOLVED).count();
        assertThat(action("get-tickets", Map.of("status", "All Active Tickets")).json().get("totalresults").asText())
                .isEqualTo(Long.toString(active));
        assertThat(action("get-tickets", Map.of("limitnum", "25")).json().get("numreturned").asInt()).isEqualTo(25);
    }

    @Test
    void injectedServerErrorUsesTheEnvelopeAndClearsAgain() throws Exception {
        String bearer = token().json().get("access_token").asText();
        server.faults(new Faults(0, 1.0, 502, 0, 1, 0, 0, 7));
        Answer failed = form("/api/v2/keliweb/get-ticket", Map.of("ticketid", "1"), bearer);
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.json().get("result").asText()).isEqualTo("error");
        server.faults(Faults.NONE);
        assertThat(form("/api/v2/keliweb/get-ticket", Map.of("ticketid", "1"), bearer).status()).isEqualTo(200);
    }

    @Test
    void answersHaveTheShapeOfTheWhmcsReferencePayloads() throws Exception {
        sandbox.newerShape(true);
        assertSameShape(TestResources.json("reference-payloads/keliweb/whmcs_GetTicket_response.json"),
                action("get-ticket", Map.of("ticketid", "12")).json(), "$");
        assertSameShape(TestResources.json("reference-payloads/keliweb/whmcs_GetTickets_response.json"),
                action("get-tickets", Map.of()).json(), "$");
        assertSameShape(TestResources.json("reference-payloads/keliweb/whmcs_GetSupportStatuses_response.json"),
                action("get-support-statuses", Map.of()).json(), "$");
        assertSameShape(TestResources.json("reference-payloads/keliweb/whmcs_GetSupportDepartments_response.json"),
                action("get-support-departments", Map.of()).json(), "$");
        assertSameShape(TestResources.json("reference-payloads/keliweb/whmcs_GetTicketNotes_response.json"),
                action("get-ticket-notes", Map.of("ticketid", "12")).json(), "$");
        assertSameShape(TestResources.json("reference-payloads/keliweb/whmcs_OpenTicket_response.json"),
                action("open-ticket", Map.of("deptid", "1", "subject", "s", "message", "m")).json(), "$");
    }

    /** Same field names and JSON types (string vs number vs boolean); arrays compared by their first element. */
    private static void assertSameShape(JsonNode ref, JsonNode actual, String path) {
        assertThat(actual.getNodeType()).as(path).isEqualTo(ref.getNodeType());
        if (ref.isObject()) {
            Set<String> names = new HashSet<>();
            ref.fieldNames().forEachRemaining(names::add);
            Set<String> got = new HashSet<>();
            actual.fieldNames().forEachRemaining(got::add);
            assertThat(got).as(path + " fields").isEqualTo(names);
            for (Iterator<String> it = ref.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                assertSameShape(ref.get(f), actual.get(f), path + "." + f);
            }
        } else if (ref.isArray() && !ref.isEmpty() && !actual.isEmpty()
                && !(ref.get(0).isContainerNode() && ref.get(0).isEmpty())) {
            assertSameShape(ref.get(0), actual.get(0), path + "[0]");
        }
    }
}
