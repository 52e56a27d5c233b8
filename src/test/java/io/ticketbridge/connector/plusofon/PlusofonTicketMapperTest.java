package io.ticketbridge.connector.plusofon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.SourceRef;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.MapperSettings;
import io.ticketbridge.connector.MappingException;
import io.ticketbridge.connector.Connectors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlusofonTicketMapperTest {
    private static final MapperSettings DEFAULTS = MapperSettings.defaults(new PlusofonConnector());

    // ---- seed samples, field by field ----

    @Test
    void seedGetTicketMapsEveryCanonicalField() {
        Ticket t = one(fixture("get_ticket_12345.json"));
        Party holder = new Party("test704@mail.ru", "test704@mail.ru", null);
        Instant at = Instant.parse("2021-09-23T14:44:27Z"); // 17:44:27 Moscow (UTC+3)

        assertThat(t.schemaVersion()).isEqualTo(1);
        assertThat(t.source()).isEqualTo(new SourceRef("plusofon", "12345", "12345", null));
        assertThat(t.subject()).isEqualTo("test 3");
        assertThat(t.status()).isEqualTo(Status.CLOSED);
        assertThat(t.statusRaw()).isEqualTo("false");
        assertThat(t.priority()).isNull();
        assertThat(t.priorityRaw()).isNull();
        assertThat(t.requester()).isEqualTo(holder);
        assertThat(t.assignee()).isNull();
        assertThat(t.queue()).isNull();
        assertThat(t.tags()).isEmpty();
        assertThat(t.customFields()).containsExactly(entry("unread_messages", "false"));
        assertThat(t.createdAt()).isEqualTo(at);
        assertThat(t.updatedAt()).isEqualTo(at);
        assertThat(t.closedAt()).isEqualTo(at);
        assertThat(t.deleted()).isFalse();
        assertThat(t.messages()).containsExactly(
                new Message("43807", MessageKind.CUSTOMER, holder, "test ticket 3", BodyFormat.TEXT, at, List.of()));
    }

    @Test
    void seedCreateAndAnswerSamplesAreActiveTicketsWithoutAgentReplyHenceNew() {
        for (String file : List.of("create_ticket_23624.json", "answer_ticket_23624.json")) {
            Ticket t = one(fixture(file));
            assertThat(t.source().ticketId()).isEqualTo("23624");
            assertThat(t.status()).isEqualTo(Status.NEW);
            assertThat(t.statusRaw()).isEqualTo("true");
            assertThat(t.closedAt()).isNull();
            assertThat(t.messages()).singleElement().extracting(Message::kind).isEqualTo(MessageKind.CUSTOMER);
        }
    }

    @Test
    void seedListSampleWithOneTicketAsObjectMapsEveryCanonicalField() {
        Ticket t = one(fixture("list_single_ticket_22525.json"));
        assertThat(t.source()).isEqualTo(new SourceRef("plusofon", "22525", "22525", null));
        assertThat(t.subject()).isEqualTo("test");
        assertThat(t.status()).isEqualTo(Status.PENDING);
        assertThat(t.statusRaw()).isEqualTo("4");
        assertThat(t.priority()).isEqualTo(Priority.NORMAL);
        assertThat(t.priorityRaw()).isEqualTo("2");
        assertThat(t.requester()).isEqualTo(new Party("test409d@mail.ru", "test409d@mail.ru", null));
        assertThat(t.assignee()).as("ownerstaffname [] is an empty string").isNull();
        assertThat(t.queue()).isEqualTo("5");
        assertThat(t.tags()).containsExactly("неизвестно");
        assertThat(t.customFields()).containsExactly(
                entry("userorganization", "57599"), entry("userorganizationid", "25"), entry("departmentid", "5"),
                entry("typeid", "32"), entry("userid", "9747"), entry("ownerstaffid", "0"), entry("flagtype", "4"),
                entry("slaplanid", "3"), entry("isescalated", "1"), entry("templategroupname", "Plusofon"));
        assertThat(t.createdAt()).isEqualTo(Instant.parse("2021-08-27T12:59:03Z")); // 1630069143
        assertThat(t.updatedAt()).isEqualTo(Instant.parse("2021-08-27T13:16:04Z")); // 1630070164
        assertThat(t.closedAt()).isNull();
        assertThat(t.deleted()).isFalse();
        assertThat(t.messages()).as("list entries carry no posts").isEmpty();
    }

    @Test
    void errorEnvelopesAreRejectedWithTheirMessageNotMappedAsTickets() {
        assertThatThrownBy(() -> one(fixture("error_not_found.json")))
                .isInstanceOf(MappingException.class)
                .hasMessage("plusofon payload at $: an error answer, not a ticket: Ticket not Found "
                        + "(code 500, upstream HTTP/1.1 404 Not Found)");
        assertThatThrownBy(() -> one(fixture("error_bad_state.json")))
                .hasMessageContaining("Undefined index: all (code 400)");
    }

    @Test
    void theDocumentedNotFoundIsRecognisedByTheUpstream404ItWraps() {
        assertThat(PlusofonClient.isNotFound(fixture("error_not_found.json"))).isTrue();
        assertThat(PlusofonClient.isNotFound(fixture("error_bad_state.json"))).isFalse();
    }

    @Test
    void vendorIsRegisteredAndBuildsThisMapper() {
        assertThat(Connectors.get("plusofon")).isInstanceOf(PlusofonConnector.class);
        assertThat(Connectors.get("plusofon").defaultTimeZone()).isEqualTo(ZoneId.of("Europe/Moscow"));
        assertThat(Connectors.get("plusofon").mapper(DEFAULTS)).isInstanceOf(PlusofonTicketMapper.class);
    }

    // ---- list shape ----

    @Test
    void listWithSeveralTicketsIsAnArrayAndEmptyListsInEveryRenderingGiveNoTickets() {
        List<Ticket> two = map("""
                {"ticket":[
                  {"@attributes":{"id":"1","flagtype":"0"},"displayid":"1","statusid":"3","priorityid":"4",
                   "subject":"a","creationtime":"1630069143","lastactivity":"1630070164","ownerstaffname":"Оператор"},
                  {"@attributes":{"id":"2"},"statusid":"1","priorityid":"9","subject":[],"creationtime":"1630069143",
                   "lastactivity":"0","fullname":"Иван","email":[]}
                ]}""");
        assertThat(two).extracting(t -> t.source().ticketId()).containsExactly("1", "2");
        Ticket closed = two.get(0);
        assertThat(closed.status()).isEqualTo(Status.CLOSED);
        assertThat(closed.priority()).isEqualTo(Priority.URGENT);
        assertThat(closed.assignee()).isEqualTo(new Party("Оператор", null, null));
        assertThat(closed.closedAt()).isEqualTo(Instant.ofEpochSecond(1630070164));
        Ticket open = two.get(1);
        assertThat(open.source().ticketNumber()).as("no displayid: the id").isEqualTo("2");
        assertThat(open.subject()).isNull();
        assertThat(open.priority()).as("unknown priorityid").isNull();
        assertThat(open.priorityRaw()).isEqualTo("9");
        assertThat(open.updatedAt()).as("lastactivity 0 = never: created").isEqualTo(Instant.ofEpochSecond(1630069143));
        assertThat(open.requester()).isEqualTo(new Party("Иван", null, null));

        for (String empty : List.of("{\"ticket\":[]}", "{}", "[]", "{\"ticket\":[[]]}", "{\"ticket\":null}", "[[]]")) {
            assertThat(map(empty)).as(empty).isEmpty();
        }
    }

    @Test
    void anArrayOfGetTicketPayloadsMapsEachOne() {
        List<Ticket> ts = map("[" + fixture("get_ticket_12345.json") + "," + fixture("create_ticket_23624.json") + "]");
        assertThat(ts).extracting(t -> t.source().ticketId()).containsExactly("12345", "23624");
    }

    // ---- status derivation and overrides ----

    private static final String THREAD = """
            {"id":"7","subject":"s","date":"2025-01-10 10:00:00","status":%s,"unread_messages":true,"posts":[
              {"id":"1","date":"2025-01-10 10:00:00","text":"q","author":{"id":"9740","name":"c@example.ru"},"attachments":[]}
              %s
            ]}""";
    private static final String AGENT_POST = """
            ,{"id":"2","date":"2025-01-10 11:00:00","text":"a","author":{"id":"17","name":"Оператор"},"attachments":[]}""";
    private static final String CUSTOMER_POST = """
            ,{"id":"3","date":"2025-01-10 12:00:00","text":"thanks","author":{"id":"9740","name":"c@example.ru"},"attachments":[]}""";

    @Test
    void activeTicketStatusIsRefinedByWhoWroteLast() {
        assertThat(one(THREAD.formatted("true", "")).status()).isEqualTo(Status.NEW);
        assertThat(one(THREAD.formatted("true", AGENT_POST)).status()).isEqualTo(Status.PENDING);
        assertThat(one(THREAD.formatted("true", AGENT_POST + CUSTOMER_POST)).status()).isEqualTo(Status.OPEN);
        Ticket closed = one(THREAD.formatted("false", AGENT_POST + CUSTOMER_POST));
        assertThat(closed.status()).isEqualTo(Status.CLOSED);
        assertThat(closed.closedAt()).as("no close time is sent: last post").isEqualTo(Instant.parse("2025-01-10T09:00:00Z"));
        assertThat(closed.messages()).extracting(Message::kind)
                .containsExactly(MessageKind.CUSTOMER, MessageKind.AGENT, MessageKind.CUSTOMER);
        assertThat(closed.messages().get(1).author()).isEqualTo(new Party("Оператор", null, null));
        assertThat(closed.customFields()).containsEntry("unread_messages", "true");
    }

    @Test
    void statusAndPriorityOverridesReplaceDefaultEntries() {
        var settings = new MapperSettings(PlusofonConnector.ZONE,
                Map.of(PlusofonTicketMapper.AGENT_LAST, Status.OPEN, "FALSE", Status.RESOLVED, "4", Status.CLOSED),
                Map.of("2", Priority.HIGH));
        var mapper = new PlusofonTicketMapper(settings);
        Ticket agentLast = mapper.map(json(THREAD.formatted("true", AGENT_POST))).get(0);
        assertThat(agentLast.status()).isEqualTo(Status.OPEN);
        assertThat(agentLast.statusRaw()).isEqualTo("true");
        Ticket inactive = mapper.map(json(THREAD.formatted("false", ""))).get(0);
        assertThat(inactive.status()).isEqualTo(Status.RESOLVED);
        assertThat(inactive.closedAt()).isNotNull();
        Ticket listed = mapper.map(json(fixture("list_single_ticket_22525.json"))).get(0);
        assertThat(listed.status()).isEqualTo(Status.CLOSED);
        assertThat(listed.priority()).isEqualTo(Priority.HIGH);
        assertThat(listed.priorityRaw()).isEqualTo("2");
        // untouched entries keep their defaults
        assertThat(mapper.map(json(THREAD.formatted("true", ""))).get(0).status()).isEqualTo(Status.NEW);
    }

    @Test
    void defaultTablesAreTheDocumentedOnes() {
        assertThat(PlusofonTicketMapper.DEFAULT_STATUS).containsExactly(
                entry("true", Status.OPEN), entry("false", Status.CLOSED), entry("true:no-reply", Status.NEW),
                entry("true:agent-last", Status.PENDING), entry("true:customer-last", Status.OPEN),
                entry("1", Status.OPEN), entry("2", Status.PENDING), entry("3", Status.CLOSED), entry("4", Status.PENDING));
        assertThat(PlusofonTicketMapper.DEFAULT_PRIORITY).containsExactly(
                entry("1", Priority.LOW), entry("2", Priority.NORMAL), entry("3", Priority.HIGH),
                entry("4", Priority.URGENT), entry("5", Priority.URGENT), entry("6", Priority.URGENT));
    }

    // ---- time ----

    @Test
    void naiveDatesAreMoscowTimeByDefaultAndFollowTheConfiguredZone() {
        String p = THREAD.formatted("true", "");
        assertThat(one(p).createdAt()).isEqualTo(Instant.parse("2025-01-10T07:00:00Z"));
        var utc = new PlusofonTicketMapper(DEFAULTS.withTimeZone(ZoneOffset.UTC));
        assertThat(utc.map(json(p)).get(0).createdAt()).isEqualTo(Instant.parse("2025-01-10T10:00:00Z"));
    }

    @Test
    void dstGapMovesForwardAndOverlapTakesTheEarlierInstantInAZoneWithDst() {
        // Moscow has had no DST since 2014, so the policy is proven with a zone that has it
        var warsaw = new PlusofonTicketMapper(DEFAULTS.withTimeZone(ZoneId.of("Europe/Warsaw")));
        Ticket t = warsaw.map(json("""
                {"id":"8","subject":"dst","date":"2025-03-30 02:30:00","status":true,"posts":[
                  {"id":"1","date":"2025-03-30 02:30:00","text":"gap","author":{"id":"1","name":"c@x.pl"}},
                  {"id":"2","date":"2025-10-26 02:30:00","text":"overlap","author":{"id":"2","name":"Operator"}}
                ]}""")).get(0);
        assertThat(t.createdAt()).as("02:30 never existed: 03:30 +02:00").isEqualTo(Instant.parse("2025-03-30T01:30:00Z"));
        assertThat(t.messages().get(1).createdAt()).as("02:30 happened twice: the earlier, +02:00")
                .isEqualTo(Instant.parse("2025-10-26T00:30:00Z"));
        // and Moscow's own history: summer time 2010 (+04:00) vs today's +03:00
        assertThat(one(THREAD.formatted("true", "").replace("2025-01-10 10:00:00", "2010-07-01 12:00:00"))
                .createdAt()).isEqualTo(Instant.parse("2010-07-01T08:00:00Z"));
    }

    // ---- thread order, owner, kinds ----

    @Test
    void newestFirstPostsEndOldestFirstAndTheOldestAuthorIsTheRequester() {
        Ticket t = one("""
                {"id":"9","subject":"s","date":"2025-01-10 10:00:00","status":true,"posts":[
                  {"id":"3","date":"2025-01-10 12:00:00","text":"c2","author":{"id":"9740","name":"Иван Петров"}},
                  {"id":"2","date":"2025-01-10 11:00:00","text":"a1","author":{"id":"17","name":"Оператор"}},
                  {"id":"1","date":"2025-01-10 10:00:00","text":"c1","author":{"id":"9740","name":"Иван Петров"}}
                ]}""");
        assertThat(t.messages()).extracting(Message::id).containsExactly("1", "2", "3");
        assertThat(t.messages()).extracting(Message::kind)
                .containsExactly(MessageKind.CUSTOMER, MessageKind.AGENT, MessageKind.CUSTOMER);
        assertThat(t.requester()).isEqualTo(new Party("Иван Петров", null, null));
        assertThat(t.updatedAt()).isEqualTo(Instant.parse("2025-01-10T09:00:00Z"));
        assertThat(t.status()).isEqualTo(Status.OPEN);
    }

    @Test
    void postWithoutAuthorIsSystemAndAuthorsWithoutIdAreComparedByName() {
        Ticket t = one("""
                {"id":"10","subject":"s","date":"2025-01-10 10:00:00","status":true,"posts":[
                  {"id":"1","date":"2025-01-10 10:00:00","text":"c1","author":{"name":"a@b.ru"}},
                  {"id":"2","date":"2025-01-10 10:05:00","text":"auto","author":null},
                  {"id":"3","date":"2025-01-10 10:06:00","text":"c2","author":{"id":[],"name":"a@b.ru"}}
                ]}""");
        assertThat(t.messages()).extracting(Message::kind)
                .containsExactly(MessageKind.CUSTOMER, MessageKind.SYSTEM, MessageKind.CUSTOMER);
        assertThat(t.messages().get(1).author()).isNull();
        assertThat(t.status()).as("no agent post yet").isEqualTo(Status.NEW);
    }

    @Test
    void htmlIsDetectedByKnownTagsAndPlainTextWithAngleBracketsStaysText() {
        Ticket t = one("""
                {"id":"11","subject":"s","date":"2025-01-10 10:00:00","status":true,"posts":[
                  {"id":"1","date":"2025-01-10 10:00:00","text":"if a < b and c > d then <ok>","author":{"id":"1"}},
                  {"id":"2","date":"2025-01-10 10:01:00","text":"<p>Добрый день!</p><p>Готово.</p>","author":{"id":"2"}},
                  {"id":"3","date":"2025-01-10 10:02:00","text":"line one<br/>line two","author":{"id":"2"}}
                ]}""");
        assertThat(t.messages()).extracting(Message::bodyFormat)
                .containsExactly(BodyFormat.TEXT, BodyFormat.HTML, BodyFormat.HTML);
        assertThat(t.messages().get(1).body()).isEqualTo("<p>Добрый день!</p><p>Готово.</p>");
    }

    @Test
    void unicodeInEveryScriptIsPreserved() {
        String text = "Zażółć gęślą jaźń — Съешь же ещё этих булок 👍 日本語のテスト";
        Ticket t = one("""
                {"id":"12","subject":"%s","date":"2025-01-10 10:00:00","status":true,"posts":[
                  {"id":"1","date":"2025-01-10 10:00:00","text":"%s","author":{"id":"1","name":"Ольга Смирнова 🙂"},
                   "attachments":[{"id":"5","name":"отчёт 報告.pdf","size":10,"type":"application/pdf"}]}
                ]}""".formatted(text, text));
        assertThat(t.subject()).isEqualTo(text);
        assertThat(t.messages().get(0).body()).isEqualTo(text);
        assertThat(t.requester().name()).isEqualTo("Ольга Смирнова 🙂");
        assertThat(t.messages().get(0).attachments()).containsExactly(
                new Attachment("5", "отчёт 報告.pdf", "application/pdf", 10L));
        assertThat(TicketJson.read(TicketJson.write(t))).as("survives the canonical JSON codec").isEqualTo(t);
    }

    // ---- XML-converted empties, numbers as strings and vice versa ----

    @Test
    void emptyValuesAsArraysObjectsAndNullsReadAsMissing() {
        Ticket t = one("""
                {"id":"13","subject":[],"date":"2025-01-10 10:00:00","status":"1","unread_messages":{},"posts":[
                  {"id":"1","date":"2025-01-10 10:00:00","text":[],"author":{"id":"1","name":[]},"attachments":[[]]},
                  {"id":"2","date":"2025-01-10 10:01:00","text":null,"author":{"id":"2","name":"Оператор"},"attachments":null},
                  []
                ]}""");
        assertThat(t.subject()).isNull();
        assertThat(t.statusRaw()).isEqualTo("true");
        assertThat(t.status()).isEqualTo(Status.PENDING);
        assertThat(t.customFields()).as("{} is an empty value, not false").doesNotContainKey("unread_messages");
        assertThat(t.messages()).hasSize(2);
        assertThat(t.messages().get(0).body()).isEmpty();
        assertThat(t.messages().get(0).attachments()).isEmpty();
        assertThat(t.messages().get(0).author()).isNull();
        assertThat(t.requester()).isNull();
        assertThat(t.messages().get(0).kind()).as("owner known by id").isEqualTo(MessageKind.CUSTOMER);
        assertThat(one("{\"id\":\"14\",\"date\":\"2025-01-10 10:00:00\",\"status\":false,\"posts\":[]}").messages())
                .isEmpty();
    }

    @Test
    void numbersAndStringsAreInterchangeable() {
        Ticket t = one("""
                {"id":12345,"subject":42,"date":"2025-01-10 10:00:00","status":"false","posts":[
                  {"id":43807,"date":"2025-01-10 10:00:00","text":"x","author":{"id":9740,"name":"a@b.ru"},
                   "attachments":[{"id":7,"filename":"a.png","filesize":"2048","filetype":"image/png"},"scan.pdf"]}
                ]}""");
        assertThat(t.source().ticketId()).isEqualTo("12345");
        assertThat(t.subject()).isEqualTo("42");
        assertThat(t.status()).isEqualTo(Status.CLOSED);
        assertThat(t.messages().get(0).id()).isEqualTo("43807");
        assertThat(t.messages().get(0).attachments()).containsExactly(
                new Attachment("7", "a.png", "image/png", 2048L), new Attachment("scan.pdf", "scan.pdf", null, null));
    }

    @Test
    void sourceUrlIsTheApiAddressWhenTheBaseUrlIsKnown() {
        var mapper = new PlusofonTicketMapper(new MapperSettings(DEFAULTS.timeZone(), DEFAULTS.statusOverrides(),
                DEFAULTS.priorityOverrides(), "https://restapi.plusofon.ru/"));
        assertThat(mapper.map(json(fixture("get_ticket_12345.json"))).get(0).source().url())
                .isEqualTo("https://restapi.plusofon.ru/api/v1/ticket/12345");
        assertThat(mapper.map(json(fixture("list_single_ticket_22525.json"))).get(0).source().url())
                .isEqualTo("https://restapi.plusofon.ru/api/v1/ticket/22525");
    }

    // ---- malformed payloads name the path ----

    @Test
    void malformedPayloadsFailWithTheJsonPath() {
        assertPath("\"just text\"", "$", "expected a JSON object");
        assertPath("{\"subject\":\"no id\",\"date\":\"2025-01-10 10:00:00\",\"status\":true}", "$.id", "required value is missing");
        assertPath("{\"id\":\"1\",\"date\":\"yesterday\",\"status\":true}", "$.date", "expected a date");
        assertPath("{\"id\":\"1\",\"date\":\"2025-01-10 10:00:00\",\"status\":\"maybe\"}", "$.status", "expected a boolean");
        assertPath("{\"id\":\"1\",\"date\":\"2025-01-10 10:00:00\",\"posts\":[]}", "$.status", "required value is missing");
        assertPath("{\"id\":\"1\",\"date\":\"2025-01-10 10:00:00\",\"status\":true,\"posts\":\"none\"}", "$.posts", "expected a list");
        assertPath("{\"id\":\"1\",\"date\":\"2025-01-10 10:00:00\",\"status\":true,\"posts\":[{\"id\":\"1\",\"date\":\"2025-13-01 10:00:00\"}]}",
                "$.posts[0].date", "expected a date");
        assertPath("{\"id\":\"1\",\"date\":\"2025-01-10 10:00:00\",\"status\":true,\"posts\":[{\"id\":\"1\",\"date\":\"2025-01-10 10:00:00\",\"author\":\"Оператор\"}]}",
                "$.posts[0].author", "expected a JSON object");
        assertPath("{\"id\":\"1\",\"date\":\"2025-01-10 10:00:00\",\"status\":true,\"posts\":[{\"id\":\"1\",\"date\":\"2025-01-10 10:00:00\",\"text\":{\"b\":1}}]}",
                "$.posts[0].text", "expected a text value");
        assertPath("{\"id\":\"1\",\"date\":\"2025-01-10 10:00:00\",\"status\":true,\"posts\":[{\"id\":\"1\",\"date\":\"2025-01-10 10:00:00\",\"attachments\":[{\"id\":\"1\",\"size\":\"big\"}]}]}",
                "$.posts[0].attachments[0].size", "expected a whole number");
        assertPath("{\"ticket\":[{\"@attributes\":{\"id\":\"1\"},\"creationtime\":\"1630069143\"},{\"@attributes\":{\"id\":\"2\"},\"creationtime\":\"soon\"}]}",
                "$.ticket[1].creationtime", "expected Unix seconds");
        assertPath("{\"ticket\":{\"@attributes\":{\"flagtype\":\"4\"},\"subject\":\"x\"}}", "$.ticket.@attributes.id", "required value is missing");
        assertPath("[1]", "$[0]", "expected a JSON object");
    }

    private static void assertPath(String payload, String path, String problem) {
        assertThatThrownBy(() -> map(payload))
                .as(payload)
                .isInstanceOfSatisfying(MappingException.class, e -> assertThat(e.path()).isEqualTo(path))
                .hasMessageStartingWith("plusofon payload at " + path + ": ")
                .hasMessageContaining(problem);
    }

    // ---- helpers ----

    static String fixture(String name) {
        try (InputStream in = PlusofonTicketMapperTest.class.getResourceAsStream("/fixtures/plusofon/" + name)) {
            if (in == null) throw new IllegalStateException("missing fixture " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return TicketJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Ticket> map(String payload) {
        return new PlusofonTicketMapper(DEFAULTS).map(json(payload));
    }

    private static Ticket one(String payload) {
        List<Ticket> ts = map(payload);
        assertThat(ts).hasSize(1);
        return ts.get(0);
    }
}
