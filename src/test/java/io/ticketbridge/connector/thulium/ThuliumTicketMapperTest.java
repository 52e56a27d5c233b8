package io.ticketbridge.connector.thulium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.MapperSettings;
import io.ticketbridge.connector.MappingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThuliumTicketMapperTest {
    private static final ThuliumConnector VENDOR = new ThuliumConnector();

    static String resource(String path) {
        try (InputStream in = ThuliumTicketMapperTest.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing test resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return TicketJson.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Ticket map(JsonNode payload) {
        return map(payload, MapperSettings.defaults(VENDOR));
    }

    private static Ticket map(JsonNode payload, MapperSettings settings) {
        List<Ticket> tickets = VENDOR.mapper(settings).map(payload);
        assertThat(tickets).hasSize(1);
        return tickets.get(0);
    }

    /** The seed sample with one field replaced (path a.b.c not needed: top-level or message 0). */
    private static ObjectNode seed() {
        return (ObjectNode) json(resource("/fixtures/thulium/get_ticket_1234.json"));
    }

    private static ObjectNode minimal(String messagesJson) {
        return (ObjectNode) json("{\"ticket_id\":7,\"from\":\"a@b.pl\",\"status_id\":\"1\",\"full_status_name\":\"Nowe\","
                + "\"created_at\":\"2025-01-10 10:00\",\"updated_at\":\"2025-01-10 10:00\",\"closed_at\":null,"
                + "\"messages\":" + messagesJson + "}");
    }

    private static String msg(long id, String type, String body, String comment, String system, String at) {
        return "{\"message_id\":" + id + ",\"user_login\":\"agent1\",\"type\":\"" + type + "\",\"body\":" + quote(body)
                + ",\"comment\":" + quote(comment) + ",\"system_comment\":" + quote(system)
                + ",\"created_at\":\"" + at + "\",\"attachments\":[]}";
    }

    private static String quote(String s) {
        try {
            return TicketJson.mapper().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- the seed sample ----

    @Test
    void fixtureIsTheSeedSampleWithOnlyTheMissingQuoteAdded() {
        String seed = resource("/seeds/000_625ef36869850894.txt");
        int start = seed.indexOf('{', seed.indexOf("Przykładowy response"));
        String published = seed.substring(start, seed.indexOf("Przykładowe wywołanie")).strip();
        assertThatThrownBy(() -> TicketJson.mapper().readTree(published)).isInstanceOf(JsonProcessingException.class);
        String repaired = published.replace("\"85734759348c94a5983b12]", "\"85734759348c94a5983b12\"]");
        assertThat(repaired).hasSize(published.length() + 1);
        assertThat(resource("/fixtures/thulium/get_ticket_1234.json").strip()).isEqualTo(repaired);
    }

    @Test
    void seedSampleMapsFieldByField() {
        Ticket t = map(seed());

        assertThat(t.schemaVersion()).isEqualTo(1);
        assertThat(t.source().system()).isEqualTo("thulium");
        assertThat(t.source().ticketId()).isEqualTo("1234");
        assertThat(t.source().ticketNumber()).isEqualTo("1234");
        assertThat(t.source().url()).isNull(); // no base URL in a plain convert
        assertThat(t.subject()).isEqualTo("Example ticket subject");
        // "some status" is no known name; id "2" is W realizacji in the default id table
        assertThat(t.status()).isEqualTo(Status.OPEN);
        assertThat(t.statusRaw()).isEqualTo("2");
        assertThat(t.priority()).isNull();
        assertThat(t.priorityRaw()).isNull();
        assertThat(t.requester()).isEqualTo(new Party(null, "john.doe@foo.bar", null));
        assertThat(t.assignee()).isEqualTo(new Party(null, null, "akowalski"));
        assertThat(t.queue()).isEqualTo("test@thulium.pl");
        assertThat(t.tags()).isEmpty();
        assertThat(t.customFields()).containsExactly(entry("ID", null), entry("Uwagi", "information"));
        assertThat(t.customFields()).containsKey("ID");
        // July: Europe/Warsaw is UTC+2
        assertThat(t.createdAt()).isEqualTo(Instant.parse("2014-07-08T06:05:00Z"));
        assertThat(t.updatedAt()).isEqualTo(Instant.parse("2014-07-11T06:05:00Z"));
        assertThat(t.closedAt()).isEqualTo(Instant.parse("2014-09-04T15:33:00Z"));
        assertThat(t.deleted()).isFalse();

        Party agent = new Party(null, null, "akowalski");
        assertThat(t.messages()).extracting(Message::id, Message::kind, Message::author, Message::body,
                        Message::bodyFormat, Message::createdAt)
                .containsExactly(
                        tuple("436", MessageKind.CUSTOMER, t.requester(), "Email content", BodyFormat.TEXT,
                                Instant.parse("2014-07-02T10:28:00Z")),
                        tuple("435", MessageKind.AGENT, agent, "Reply message send to client", BodyFormat.TEXT,
                                Instant.parse("2014-07-02T11:44:00Z")),
                        tuple("435-system", MessageKind.SYSTEM, agent,
                                "Changed status from [Nowe] to [Oczekuje na klienta]", BodyFormat.TEXT,
                                Instant.parse("2014-07-02T11:44:00Z")),
                        tuple("434", MessageKind.NOTE, agent, "Example comment", BodyFormat.TEXT,
                                Instant.parse("2014-07-02T11:54:00Z")),
                        tuple("433", MessageKind.SYSTEM, agent,
                                "Changed status from [Oczekuje na klienta] to [Nowe]", BodyFormat.TEXT,
                                Instant.parse("2014-07-02T11:56:00Z")),
                        tuple("432", MessageKind.NOTE, agent, "Example comment", BodyFormat.TEXT,
                                Instant.parse("2014-07-08T06:05:00Z")));
        assertThat(t.messages().get(1).attachments()).containsExactly(
                new Attachment("1175982115cb861c810534", null, null, null),
                new Attachment("85734759348c94a5983b12", null, null, null));
        assertThat(t.messages()).filteredOn(m -> !m.id().equals("435")).allSatisfy(m -> assertThat(m.attachments()).isEmpty());
    }

    @Test
    void sourceUrlIsTheApiUrlOfTheTicketWhenTheBaseUrlIsKnown() {
        ThuliumTicketMapper m = new ThuliumTicketMapper(new MapperSettings(VENDOR.defaultTimeZone(), null, null,
                "https://acme.thulium.com/"));
        assertThat(m.map(seed()).get(0).source().url()).isEqualTo("https://acme.thulium.com/api/tickets/1234");
    }

    @Test
    void seedSampleSurvivesTheCanonicalJsonRoundTrip() {
        Ticket t = map(seed());
        assertThat(TicketJson.read(TicketJson.write(t))).isEqualTo(t);
    }

    // ---- time zone ----

    @Test
    void dstGapTimeIsMovedForwardLikeAWallClock() {
        ObjectNode p = minimal("[]");
        p.put("created_at", "2025-03-30 02:30"); // never existed in Warsaw
        assertThat(map(p).createdAt()).isEqualTo(Instant.parse("2025-03-30T01:30:00Z")); // 03:30+02:00
    }

    @Test
    void dstOverlapTimeTakesTheEarlierInstant() {
        ObjectNode p = minimal("[]");
        p.put("created_at", "2025-10-26 02:30"); // happened twice in Warsaw
        assertThat(map(p).createdAt()).isEqualTo(Instant.parse("2025-10-26T00:30:00Z")); // 02:30+02:00
    }

    @Test
    void winterTimesAreUtcPlusOne() {
        assertThat(map(minimal("[]")).createdAt()).isEqualTo(Instant.parse("2025-01-10T09:00:00Z"));
    }

    @Test
    void configuredTimeZoneOverridesWarsaw() {
        Ticket t = map(seed(), MapperSettings.defaults(VENDOR).withTimeZone(ZoneId.of("UTC")));
        assertThat(t.createdAt()).isEqualTo(Instant.parse("2014-07-08T08:05:00Z"));
        assertThat(t.messages().get(0).createdAt()).isEqualTo(Instant.parse("2014-07-02T12:28:00Z"));
        Ticket tokyo = map(seed(), MapperSettings.defaults(VENDOR).withTimeZone(ZoneId.of("Asia/Tokyo")));
        assertThat(tokyo.closedAt()).isEqualTo(Instant.parse("2014-09-04T08:33:00Z"));
    }

    // ---- status and priority ----

    @ParameterizedTest(name = "status_id {0} / {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "1  | Nowe                   | NEW",
        "2  | W realizacji           | OPEN",
        "3  | Oczekuje na klienta    | PENDING",
        "4  | Odłożone               | OPEN",
        "5  | Połączone              | CLOSED",
        "6  | Zamknięte              | CLOSED",
        "6  | Zamknięte - Rozwiązane | RESOLVED",
        // names win over ids: another tenant's id 2 may be its Zamknięte
        "2  | Zamknięte - Do faktury | CLOSED",
        "17 | Oczekuje na klienta - Brak odpowiedzi | PENDING",
        "17 | Waiting for customer   | PENDING",
        // an unknown name falls back to the id table, an unknown id to OPEN
        "3  | some status - some sub status | PENDING",
        "99 | Eskalacja              | OPEN",
    })
    void defaultStatusTableMapsIdsAndPolishNames(String id, String fullName, Status expected) {
        ObjectNode p = minimal("[]");
        p.put("status_id", id);
        p.put("full_status_name", fullName);
        Ticket t = map(p);
        assertThat(t.status()).isEqualTo(expected);
        assertThat(t.statusRaw()).isEqualTo(id);
    }

    @Test
    void statusWithoutAnyNameUsesTheIdTable() {
        ObjectNode p = minimal("[]");
        p.put("status_id", "5");
        p.remove("full_status_name");
        assertThat(map(p).status()).isEqualTo(Status.CLOSED);
    }

    @Test
    void configuredStatusOverridesWinById() {
        MapperSettings s = new MapperSettings(VENDOR.defaultTimeZone(),
                Map.of("1", Status.OPEN, "4", Status.PENDING), Map.of());
        ObjectNode p = minimal("[]");
        assertThat(map(p, s).status()).isEqualTo(Status.OPEN); // id 1 "Nowe" overridden by id
        p.put("status_id", "4");
        p.put("full_status_name", "Odłożone");
        assertThat(map(p, s).status()).isEqualTo(Status.PENDING);
    }

    @Test
    void configuredStatusOverridesAlsoMatchNamesCaseInsensitively() {
        MapperSettings s = new MapperSettings(VENDOR.defaultTimeZone(),
                Map.of("eskalacja", Status.PENDING, "Zamknięte - Do faktury", Status.RESOLVED), Map.of());
        ObjectNode p = minimal("[]");
        p.put("status_id", "99");
        p.put("full_status_name", "Eskalacja - Poziom 2");
        assertThat(map(p, s).status()).isEqualTo(Status.PENDING);
        p.put("full_status_name", "Zamknięte - Do faktury");
        assertThat(map(p, s).status()).isEqualTo(Status.RESOLVED);
    }

    @Test
    void priorityStaysNullEvenWithPriorityOverridesBecauseThuliumHasNone() {
        MapperSettings s = new MapperSettings(VENDOR.defaultTimeZone(), Map.of(), Map.of("", Priority.HIGH, "2", Priority.URGENT));
        Ticket t = map(seed(), s);
        assertThat(t.priority()).isNull();
        assertThat(t.priorityRaw()).isNull();
    }

    // ---- empty values, types ----

    @Test
    void emptyValuesAsPhpArraysOrNullMeanNothing() {
        ObjectNode p = minimal("{}"); // PHP's empty map where a list is meant
        p.set("subject", json("[]"));
        p.set("custom_fields", json("[]"));
        p.set("user_login", json("null"));
        p.put("ticket_queue_name", "");
        p.put("closed_at", "");
        Ticket t = map(p);
        assertThat(t.messages()).isEmpty();
        assertThat(t.subject()).isNull();
        assertThat(t.customFields()).isEmpty();
        assertThat(t.assignee()).isNull();
        assertThat(t.queue()).isNull();
        assertThat(t.closedAt()).isNull();
    }

    @Test
    void zeroDateAndMissingCustomFieldsMeanNull() {
        ObjectNode p = minimal("[]");
        p.put("closed_at", "0000-00-00 00:00:00");
        p.remove("custom_fields");
        Ticket t = map(p);
        assertThat(t.closedAt()).isNull();
        assertThat(t.customFields()).isEmpty();
    }

    @Test
    void nestedEmptyAttachmentListsAreSkipped() {
        Ticket t = map(minimal("[{\"message_id\":1,\"type\":\"MAIL\",\"body\":\"x\",\"created_at\":\"2025-01-10 10:00\","
                + "\"attachments\":[[]]},{\"message_id\":2,\"type\":\"MAIL\",\"body\":\"y\",\"created_at\":\"2025-01-10 10:01\","
                + "\"attachments\":null}]"));
        assertThat(t.messages()).allSatisfy(m -> assertThat(m.attachments()).isEmpty());
    }

    @Test
    void numbersAsStringsAndStringsAsNumbersAreRead() {
        ObjectNode p = minimal("[{\"message_id\":\"41\",\"type\":\"mail\",\"body\":\"x\",\"created_at\":\"2025-01-10 10:00\","
                + "\"attachments\":[12345]}]");
        p.put("ticket_id", "0007");
        p.put("status_id", 3); // docs' examples send numbers
        p.remove("full_status_name");
        p.set("custom_fields", json("{\"Kwota\":12.5,\"Zgoda\":true,\"Lista\":[\"a\",\"b\"],\"Puste\":{}}"));
        Ticket t = map(p);
        assertThat(t.source().ticketId()).isEqualTo("7");
        assertThat(t.status()).isEqualTo(Status.PENDING);
        assertThat(t.statusRaw()).isEqualTo("3");
        assertThat(t.messages()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("41");
            assertThat(m.kind()).isEqualTo(MessageKind.CUSTOMER);
            assertThat(m.attachments()).containsExactly(new Attachment("12345", null, null, null));
        });
        assertThat(t.customFields()).containsExactly(entry("Kwota", "12.5"), entry("Zgoda", "true"),
                entry("Lista", "[\"a\",\"b\"]"), entry("Puste", null));
    }

    @Test
    void tagsAreReadWhenAPayloadCarriesThem() {
        ObjectNode p = minimal("[]");
        p.set("tags", json("[\"vip\", \" faktura \", \"\"]"));
        assertThat(map(p).tags()).containsExactly("vip", "faktura");
    }

    @Test
    void requesterThatIsNotAnEmailIsKeptAsName() {
        ObjectNode p = minimal("[]");
        p.put("from", "+48 600 100 200"); // phone / SMS tickets
        assertThat(map(p).requester()).isEqualTo(new Party("+48 600 100 200", null, null));
    }

    // ---- messages ----

    @Test
    void newestFirstInputEndsOldestFirstWithSameMinuteTiesInMessageIdOrder() {
        Ticket t = map(minimal("[" + String.join(",",
                msg(13, "COMMENT", "", "third, same minute", "", "2025-01-10 10:05"),
                msg(12, "REPLY", "second, same minute", "", "", "2025-01-10 10:05"),
                msg(11, "MAIL", "first", "", "", "2025-01-10 10:00")) + "]"));
        assertThat(t.messages()).extracting(Message::id).containsExactly("11", "12", "13");
    }

    @Test
    void systemCommentOnACustomerMailBecomesItsOwnSystemMessageRightAfterIt() {
        Ticket t = map(minimal("[" + String.join(",",
                msg(21, "MAIL", "Proszę o kontakt", "", "Changed status from [Zamknięte] to [Nowe]", "2025-01-10 10:00")
                        .replace("\"agent1\"", "\"\""), // customer mail: user_login ""
                msg(22, "REPLY", "Odpowiedź", "wewnętrzna uwaga", "", "2025-01-10 10:00")) + "]"));
        assertThat(t.messages()).extracting(Message::id, Message::kind, Message::body).containsExactly(
                tuple("21", MessageKind.CUSTOMER, "Proszę o kontakt"),
                tuple("21-system", MessageKind.SYSTEM, "Changed status from [Zamknięte] to [Nowe]"),
                tuple("22", MessageKind.AGENT, "Odpowiedź"),
                tuple("22-comment", MessageKind.NOTE, "wewnętrzna uwaga"));
        assertThat(t.messages().get(1).author()).isNull(); // a customer mail has no user_login
        assertThat(t.messages().get(0).author().email()).isEqualTo("a@b.pl");
    }

    @Test
    void commentWithBothCommentAndSystemCommentGivesNoteAndSystem() {
        Ticket t = map(minimal("[" + msg(31, "COMMENT", "", "Dzwonił klient", "Changed status from [Nowe] to [W realizacji]",
                "2025-01-10 10:00") + "]"));
        assertThat(t.messages()).extracting(Message::id, Message::kind)
                .containsExactly(tuple("31", MessageKind.NOTE), tuple("31-system", MessageKind.SYSTEM));
    }

    @Test
    void commentTextOnlyInBodyIsANoteAndAnEmptyCommentIsKeptAsAnEmptyNote() {
        Ticket t = map(minimal("[" + msg(41, "COMMENT", "w body", "", "", "2025-01-10 10:00") + ","
                + msg(42, "COMMENT", "", "", "", "2025-01-10 10:01") + "]"));
        assertThat(t.messages()).extracting(Message::id, Message::kind, Message::body)
                .containsExactly(tuple("41", MessageKind.NOTE, "w body"), tuple("42", MessageKind.NOTE, ""));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "<p>Dzień dobry</p>                | HTML",
        "line one<br/>line two             | HTML",
        "<div class=\"x\">a</div>          | HTML",
        "Hello</b>                         | HTML",
        "plain text                        | TEXT",
        "if a < b and c > d then           | TEXT",
        "John <john.doe@foo.bar> wrote:    | TEXT",
        "see <https://example.com>         | TEXT",
        "5<10 & 10>5                       | TEXT",
    })
    void bodyFormatIsDetectedFromHtmlTags(String body, BodyFormat expected) {
        Ticket t = map(minimal("[" + msg(1, "REPLY", body, "", "", "2025-01-10 10:00") + "]"));
        assertThat(t.messages().get(0).bodyFormat()).isEqualTo(expected);
        assertThat(t.messages().get(0).body()).isEqualTo(body);
    }

    @Test
    void unicodeIsPreservedInEveryText() {
        String pl = "Zażółć gęślą jaźń", ru = "Здравствуйте! Не работает SIP-транк", emoji = "Спасибо 👍🎉",
                cjk = "日本語のテスト — 中文 — 한국어";
        ObjectNode p = minimal("[" + msg(1, "MAIL", ru, "", "", "2025-01-10 10:00") + ","
                + msg(2, "COMMENT", "", emoji, "", "2025-01-10 10:01") + "]");
        p.put("subject", pl);
        p.put("ticket_queue_name", cjk);
        p.set("custom_fields", json("{\"Uwagi – ąę\":" + quote(cjk) + "}"));
        Ticket t = map(p);
        assertThat(t.subject()).isEqualTo(pl);
        assertThat(t.queue()).isEqualTo(cjk);
        assertThat(t.customFields()).containsExactly(entry("Uwagi – ąę", cjk));
        assertThat(t.messages()).extracting(Message::body).containsExactly(ru, emoji);
        assertThat(TicketJson.read(TicketJson.write(t))).isEqualTo(t);
    }

    @Test
    void attachmentObjectsAreAcceptedWithTheirKnownMetadata() {
        Ticket t = map(minimal("[{\"message_id\":1,\"type\":\"MAIL\",\"body\":\"x\",\"created_at\":\"2025-01-10 10:00\","
                + "\"attachments\":[{\"filename\":\"file.txt\",\"token\":\"180174033853be57b76ed6a\",\"size\":12}]}]"));
        assertThat(t.messages().get(0).attachments())
                .containsExactly(new Attachment("180174033853be57b76ed6a", "file.txt", null, 12L));
    }

    // ---- malformed payloads ----

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "{\"from\":\"a@b.pl\"}                                                             | $.ticket_id",
        "{\"ticket_id\":\"abc\"}                                                           | $.ticket_id",
        "{\"ticket_id\":-4}                                                                | $.ticket_id",
        "{\"ticket_id\":1,\"subject\":{\"a\":1}}                                           | $.subject",
        "{\"ticket_id\":1,\"created_at\":\"08.07.2014\"}                                   | $.created_at",
        "{\"ticket_id\":1,\"messages\":\"none\"}                                           | $.messages",
        "{\"ticket_id\":1,\"custom_fields\":\"x\"}                                         | $.custom_fields",
        "{\"ticket_id\":1,\"tags\":[{\"a\":1}]}                                            | $.tags[0]",
        "{\"ticket_id\":1,\"messages\":[{\"message_id\":1,\"type\":\"MAIL\"},7]}           | $.messages[1]",
        "{\"ticket_id\":1,\"messages\":[{\"type\":\"MAIL\"}]}                              | $.messages[0].message_id",
        "{\"ticket_id\":1,\"messages\":[{\"message_id\":1}]}                               | $.messages[0].type",
        "{\"ticket_id\":1,\"messages\":[{\"message_id\":1,\"type\":\"SMS\"}]}              | $.messages[0].type",
        "{\"ticket_id\":1,\"messages\":[{\"message_id\":1,\"type\":\"MAIL\"},{\"message_id\":2,\"type\":\"MAIL\",\"created_at\":\"yesterday\"}]} | $.messages[1].created_at",
        "{\"ticket_id\":1,\"messages\":[{\"message_id\":1,\"type\":\"MAIL\",\"attachments\":[\"ok\",true]}]} | $.messages[0].attachments[1]",
        "{\"ticket_id\":1,\"messages\":[{\"message_id\":1,\"type\":\"MAIL\",\"attachments\":[\" \"]}]} | $.messages[0].attachments[0]",
        "{\"ticket_id\":1,\"messages\":[{\"message_id\":1,\"type\":\"MAIL\",\"attachments\":[{\"size\":3}]}]} | $.messages[0].attachments[0].id",
        "[]                                                                                | $",
    })
    void malformedPayloadsFailWithTheJsonPath(String payload, String path) {
        assertThatThrownBy(() -> map(json(payload)))
                .isInstanceOf(MappingException.class)
                .hasMessageStartingWith("thulium payload at " + path + ":")
                .satisfies(e -> assertThat(((MappingException) e).path()).isEqualTo(path));
    }

    // ---- vendor ----

    @Test
    void vendorNamesItselfAndItsMapper() {
        assertThat(VENDOR.id()).isEqualTo("thulium");
        assertThat(VENDOR.defaultTimeZone()).isEqualTo(ZoneId.of("Europe/Warsaw"));
        assertThat(VENDOR.mapper(MapperSettings.defaults(VENDOR))).isInstanceOf(ThuliumTicketMapper.class);
        assertThat(io.ticketbridge.connector.Connectors.get("thulium")).isInstanceOf(ThuliumConnector.class);
    }
}
