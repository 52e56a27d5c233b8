package io.ticketbridge.connector.keliweb;

import io.ticketbridge.testing.TestResources;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.MapperSettings;
import io.ticketbridge.connector.MappingException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeliwebTicketMapperTest {
    private static final KeliwebConnector VENDOR = new KeliwebConnector();
    private static final MapperSettings DEFAULTS = MapperSettings.defaults(VENDOR);

    private static Ticket map(JsonNode payload) {
        List<Ticket> tickets = VENDOR.mapper(DEFAULTS).map(payload);
        assertThat(tickets).hasSize(1);
        return tickets.get(0);
    }

    private static Ticket map(MapperSettings settings, JsonNode payload) {
        return new KeliwebTicketMapper(settings).map(payload).get(0);
    }

    /** The seed ticket with its replies replaced (JSON text of the reply array). */
    private static ObjectNode seedWith(String field, String json) {
        ObjectNode t = (ObjectNode) KeliwebFixtures.seed();
        t.set(field, TestResources.parse(json));
        return t;
    }

    private static ObjectNode minimal(String date, String repliesJson) {
        return (ObjectNode) TestResources.parse("""
                {"result":"success","ticketid":"7","tid":"123456","deptid":"1","deptname":"Supporto","userid":"1",
                 "contactid":"0","name":"Giulia Bianchi","email":"g@example.it","date":"%s","subject":"s",
                 "status":"Open","priority":"Low","admin":"","lastreply":"%s","flag":"0","service":"",
                 "replies":%s,"notes":[]}""".formatted(date, date, repliesJson));
    }

    @Test
    void seedSampleMapsFieldByFieldInRomeTime() {
        Ticket t = map(KeliwebFixtures.seed());

        assertThat(t.schemaVersion()).isEqualTo(1);
        assertThat(t.source().system()).isEqualTo("keliweb");
        assertThat(t.source().ticketId()).isEqualTo("1");
        assertThat(t.source().ticketNumber()).isEqualTo("516757");
        assertThat(t.source().url()).isNull(); // base URL unknown to a plain convert
        assertThat(t.subject()).isEqualTo("This is a sample ticket");
        assertThat(t.status()).isEqualTo(Status.CLOSED);
        assertThat(t.statusRaw()).isEqualTo("Closed");
        assertThat(t.priority()).isEqualTo(Priority.NORMAL);
        assertThat(t.priorityRaw()).isEqualTo("Medium");
        assertThat(t.requester()).isEqualTo(new Party("Cynthia Reilly", "testuser@whmcs.com", null));
        assertThat(t.assignee()).isNull(); // flag "0"
        assertThat(t.queue()).isEqualTo("Sample Support Department");
        assertThat(t.tags()).isEmpty();
        Map<String, String> custom = new java.util.LinkedHashMap<>();
        custom.put("deptid", "1");
        custom.put("userid", "1");
        custom.put("contactid", "0");
        custom.put("cc", null); // "" on the wire
        custom.put("service", null);
        assertThat(t.customFields()).containsExactlyEntriesOf(custom);
        // January: Europe/Rome is UTC+1
        assertThat(t.createdAt()).isEqualTo(Instant.parse("2016-01-01T05:26:29Z"));
        assertThat(t.updatedAt()).isEqualTo(Instant.parse("2016-01-01T05:30:16Z"));
        assertThat(t.closedAt()).isEqualTo(Instant.parse("2016-01-01T05:30:16Z"));
        assertThat(t.deleted()).isFalse();

        assertThat(t.messages()).extracting(Message::id).containsExactly("reply-0", "note-1", "reply-1", "reply-2");
        Message opening = t.messages().get(0);
        assertThat(opening.kind()).isEqualTo(MessageKind.CUSTOMER);
        assertThat(opening.author()).isEqualTo(new Party("Cynthia Reilly", "testuser@whmcs.com", null));
        assertThat(opening.body()).isEqualTo("Hey, \r\n\r\nThis is the first ticket message!\r\n\r\nThanks\r\n\r\nCynthia");
        assertThat(opening.bodyFormat()).isEqualTo(BodyFormat.TEXT);
        assertThat(opening.createdAt()).isEqualTo(Instant.parse("2016-01-01T05:26:29Z"));
        assertThat(opening.attachments()).isEmpty();

        Message note = t.messages().get(1);
        assertThat(note.kind()).isEqualTo(MessageKind.NOTE);
        assertThat(note.author()).isEqualTo(new Party("Demo Admin", null, null));
        assertThat(note.body()).isEqualTo("This is a ticket note");
        assertThat(note.bodyFormat()).isEqualTo(BodyFormat.TEXT);
        assertThat(note.createdAt()).isEqualTo(Instant.parse("2016-01-01T05:26:42Z"));
        assertThat(note.attachments()).isEmpty();

        Message agent = t.messages().get(2);
        assertThat(agent.kind()).isEqualTo(MessageKind.AGENT);
        assertThat(agent.author()).isEqualTo(new Party("Demo Admin", null, null));
        assertThat(agent.body()).startsWith("Hello, \r\n\r\nThis is the first ticket reply by an admin user!");
        assertThat(agent.bodyFormat()).isEqualTo(BodyFormat.TEXT);
        assertThat(agent.createdAt()).isEqualTo(Instant.parse("2016-01-01T05:27:01Z"));
        assertThat(agent.attachments()).isEmpty();

        Message second = t.messages().get(3);
        assertThat(second.kind()).isEqualTo(MessageKind.CUSTOMER);
        // name/email are "" on the reply: same userid/contactid as the ticket, so it is the requester
        assertThat(second.author()).isEqualTo(new Party("Cynthia Reilly", "testuser@whmcs.com", null));
        assertThat(second.body()).isEqualTo("Hey, \r\n\r\nThis is a second reply!\r\n\r\nThanks\r\n\r\nCynthia");
        assertThat(second.createdAt()).isEqualTo(Instant.parse("2016-01-01T05:30:16Z"));
    }

    @Test
    void sourceUrlIsTheGetTicketCallWhenTheBaseUrlIsKnown() {
        Ticket t = new KeliwebTicketMapper(new MapperSettings(DEFAULTS.timeZone(), DEFAULTS.statusOverrides(),
                DEFAULTS.priorityOverrides(), "https://apiv2.keliweb.it/")).map(KeliwebFixtures.seed()).get(0);
        assertThat(t.source().url()).isEqualTo("https://apiv2.keliweb.it/api/v2/keliweb/get-ticket?ticketid=1");
    }

    @Test
    void newerWhmcsShapeWithRequestorFieldsAndEmptyAttachmentQuirkMaps() {
        Ticket t = map(KeliwebFixtures.reference("whmcs_GetTicket_response.json"));

        assertThat(t.source().ticketId()).isEqualTo("1");
        assertThat(t.source().ticketNumber()).isEqualTo("516757");
        assertThat(t.status()).isEqualTo(Status.CLOSED);
        assertThat(t.requester()).isEqualTo(new Party("Cynthia Reilly", "testuser@whmcs.com", null));
        assertThat(t.messages()).extracting(Message::id).containsExactly("reply-0", "note-1", "reply-1", "reply-2");
        assertThat(t.messages()).extracting(Message::kind).containsExactly(MessageKind.CUSTOMER, MessageKind.NOTE,
                MessageKind.AGENT, MessageKind.CUSTOMER);
        // attachments_removed: true → the file is listed but can no longer be fetched (null id)
        assertThat(t.messages().get(0).attachments())
                .containsExactly(new Attachment(null, "attachment_name.png", null, null));
        // "attachments": [[]] means none
        assertThat(t.messages().get(1).attachments()).isEmpty();
        assertThat(t.messages().get(2).attachments()).isEmpty();
        assertThat(t.messages().get(3).attachments()).isEmpty();
        assertThat(t.messages().get(2).author()).isEqualTo(new Party("Demo Admin", null, null));
        assertThat(t.messages().get(3).author()).isEqualTo(new Party("Cynthia Reilly", "testuser@whmcs.com", null));
    }

    @Test
    void attachmentsListedInTheNewerShapeGetFetchableIds() {
        ObjectNode t = (ObjectNode) KeliwebFixtures.reference("whmcs_GetTicket_response.json");
        ArrayNode replies = (ArrayNode) t.get("replies").get("reply");
        ((ObjectNode) replies.get(0)).put("attachments_removed", false);
        ((ObjectNode) replies.get(1)).set("attachments", TestResources.parse(
                "[{\"filename\":\"a.png\",\"index\":0},{\"filename\":\"b.pdf\",\"index\":\"1\"}]"));
        Ticket m = map(t);
        assertThat(m.messages().get(0).attachments())
                .containsExactly(new Attachment("ticket:1:0", "attachment_name.png", null, null));
        assertThat(m.messages().get(2).attachments()).containsExactly(
                new Attachment("reply:1:0", "a.png", null, null), new Attachment("reply:1:1", "b.pdf", null, null));
    }

    @Test
    void seedShapePipeJoinedAttachmentStringLosesTheStoragePrefix() {
        ObjectNode t = seedWith("notes", """
                {"note":[{"id":"4","admin":"admin admin","date":"2016-01-01 06:26:42","message":"n",
                  "attachment":"123456_attachment_name.png|987654_second_attachment.pdf","attachments_removed":false}]}""");
        ArrayNode replies = (ArrayNode) t.get("replies").get("reply");
        ((ObjectNode) replies.get(0)).put("attachment", "111111_log 1.txt");
        ((ObjectNode) replies.get(2)).put("attachment", "222222_2025_report.csv|");
        Ticket m = map(t);
        assertThat(m.messages().get(0).attachments()).containsExactly(new Attachment("ticket:1:0", "log 1.txt", null, null));
        // a GetTicketNotes-style note: "id" instead of "noteid"
        Message note = m.messages().stream().filter(x -> x.kind() == MessageKind.NOTE).findFirst().orElseThrow();
        assertThat(note.id()).isEqualTo("note-4");
        assertThat(note.attachments()).containsExactly(
                new Attachment("note:4:0", "attachment_name.png", null, null),
                new Attachment("note:4:1", "second_attachment.pdf", null, null));
        assertThat(m.messages().get(3).attachments())
                .containsExactly(new Attachment("reply:2:0", "2025_report.csv", null, null));
    }

    @Test
    void dstGapMovesForwardAndOverlapTakesTheEarlierInstantInRome() {
        // 2025-03-30 02:30 never happened in Rome (clocks jumped 02:00 → 03:00): read as 03:30 +02:00
        Ticket gap = map(minimal("2025-03-30 02:30:00",
                "{\"reply\":[{\"replyid\":\"0\",\"date\":\"2025-03-30 02:30:00\",\"message\":\"x\",\"admin\":\"\"}]}"));
        assertThat(gap.createdAt()).isEqualTo(Instant.parse("2025-03-30T01:30:00Z"));
        // 2025-10-26 02:30 happened twice: the earlier one (+02:00)
        Ticket overlap = map(minimal("2025-10-26 02:30:00",
                "{\"reply\":[{\"replyid\":\"0\",\"date\":\"2025-10-26 02:30:00\",\"message\":\"x\",\"admin\":\"\"}]}"));
        assertThat(overlap.createdAt()).isEqualTo(Instant.parse("2025-10-26T00:30:00Z"));
        assertThat(overlap.messages().get(0).createdAt()).isEqualTo(Instant.parse("2025-10-26T00:30:00Z"));
    }

    @Test
    void timeZoneOverrideReadsNaiveTimesInThatZone() {
        Ticket t = map(DEFAULTS.withTimeZone(ZoneId.of("Asia/Tokyo")), KeliwebFixtures.seed());
        assertThat(t.createdAt()).isEqualTo(Instant.parse("2015-12-31T21:26:29Z"));
        assertThat(t.messages().get(0).createdAt()).isEqualTo(Instant.parse("2015-12-31T21:26:29Z"));
    }

    @Test
    void defaultTablesCoverTheWhmcsVocabulary() {
        assertThat(KeliwebTicketMapper.DEFAULT_STATUSES).containsExactly(
                Map.entry("Open", Status.NEW), Map.entry("Customer-Reply", Status.OPEN),
                Map.entry("In Progress", Status.OPEN), Map.entry("Answered", Status.PENDING),
                Map.entry("On Hold", Status.PENDING), Map.entry("Closed", Status.CLOSED));
        // every status the reference GetSupportStatuses lists has an entry
        KeliwebFixtures.reference("whmcs_GetSupportStatuses_response.json").get("statuses").get("status")
                .forEach(s -> assertThat(KeliwebTicketMapper.DEFAULT_STATUSES).containsKey(s.get("title").asText()));
        ObjectNode t = (ObjectNode) KeliwebFixtures.seed();
        for (var e : Map.of("customer-reply", Status.OPEN, "On Hold", Status.PENDING, "Escalated", Status.OPEN,
                "Answered", Status.PENDING, "Open", Status.NEW).entrySet()) {
            t.put("status", e.getKey());
            Ticket m = map(t);
            assertThat(m.status()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(m.statusRaw()).isEqualTo(e.getKey());
            assertThat(m.closedAt()).as("closedAt only for closed tickets").isNull();
        }
        for (var e : Map.of("Low", Priority.LOW, "High", Priority.HIGH, "Urgent", Priority.URGENT,
                "Critical", Priority.URGENT).entrySet()) {
            t.put("priority", e.getKey());
            assertThat(map(t).priority()).as(e.getKey()).isEqualTo(e.getValue());
        }
        t.put("priority", "Whenever");
        assertThat(map(t).priority()).isNull();
        assertThat(map(t).priorityRaw()).isEqualTo("Whenever");
    }

    @Test
    void statusAndPriorityOverridesWinOverTheDefaults() {
        MapperSettings settings = new MapperSettings(ZoneId.of("Europe/Rome"),
                Map.of("closed", Status.RESOLVED, "Escalated", Status.PENDING), Map.of("Medium", Priority.HIGH));
        Ticket t = map(settings, KeliwebFixtures.seed());
        assertThat(t.status()).isEqualTo(Status.RESOLVED);
        assertThat(t.statusRaw()).isEqualTo("Closed");
        assertThat(t.closedAt()).isEqualTo(Instant.parse("2016-01-01T05:30:16Z"));
        assertThat(t.priority()).isEqualTo(Priority.HIGH);
        assertThat(t.priorityRaw()).isEqualTo("Medium");
        ObjectNode custom = (ObjectNode) KeliwebFixtures.seed();
        custom.put("status", "Escalated");
        assertThat(map(settings, custom).status()).isEqualTo(Status.PENDING);
    }

    @Test
    void flaggedAdminBecomesTheAssigneeLogin() {
        ObjectNode t = (ObjectNode) KeliwebFixtures.seed();
        t.put("flag", 3);
        assertThat(map(t).assignee()).isEqualTo(new Party(null, null, "3"));
    }

    @Test
    void emptyRepliesAndNotesInEveryFormMeanNoMessages() {
        for (String empty : List.of("\"\"", "[]", "null", "{}", "{\"reply\":[]}", "{\"reply\":null}", "{\"reply\":\"\"}")) {
            ObjectNode t = seedWith("replies", empty);
            t.set("notes", TestResources.parse(empty.replace("reply", "note")));
            assertThat(map(t).messages()).as(empty).isEmpty();
        }
    }

    @Test
    void aSingleReplyObjectInsteadOfAnArrayIsOneMessage() {
        ObjectNode t = seedWith("replies", """
                {"reply":{"replyid":"0","userid":"1","contactid":"0","name":"Cynthia Reilly","email":"testuser@whmcs.com",
                  "date":"2016-01-01 06:26:29","message":"only","attachment":"","admin":""}}""");
        t.set("notes", TestResources.parse("{\"note\":{\"noteid\":\"9\",\"date\":\"2016-01-01 06:26:42\",\"message\":\"n\",\"admin\":\"A\"}}"));
        assertThat(map(t).messages()).extracting(Message::id).containsExactly("reply-0", "note-9");
    }

    @Test
    void numbersSentAsNumbersReadLikeTheirStrings() {
        ObjectNode t = (ObjectNode) KeliwebFixtures.seed();
        t.put("ticketid", 1).put("tid", 516757).put("userid", 1).put("contactid", 0).put("flag", 0).put("deptid", 1);
        ((ObjectNode) t.get("replies").get("reply").get(2)).put("replyid", 2).put("userid", 1).put("contactid", 0);
        Ticket m = map(t);
        assertThat(m.source().ticketId()).isEqualTo("1");
        assertThat(m.source().ticketNumber()).isEqualTo("516757");
        assertThat(m.assignee()).isNull();
        assertThat(m.messages().get(3).id()).isEqualTo("reply-2");
        assertThat(m.messages().get(3).author().name()).isEqualTo("Cynthia Reilly");
        assertThat(m.customFields()).containsEntry("contactid", "0");
    }

    @Test
    void repliesSortedDescEndOldestFirstAndEqualTimesKeepIdOrder() {
        ObjectNode t = seedWith("replies", """
                {"reply":[
                 {"replyid":"12","date":"2016-01-02 10:00:00","message":"third","admin":"Demo Admin"},
                 {"replyid":"11","date":"2016-01-02 10:00:00","message":"second","admin":""},
                 {"replyid":"0","date":"2016-01-01 06:26:29","message":"first","admin":""}]}""");
        t.set("notes", TestResources.parse("[]"));
        assertThat(map(t).messages()).extracting(Message::body).containsExactly("first", "second", "third");
    }

    @Test
    void htmlBodiesAreDetectedByTagsAndPlainTextWithAngleBracketsStaysText() {
        ObjectNode t = seedWith("replies", """
                {"reply":[
                 {"replyid":"0","date":"2016-01-01 06:26:29","message":"if a < b and c > d then <tag> stays text","admin":""},
                 {"replyid":"1","date":"2016-01-01 06:27:00","message":"<p>Gentile cliente,</p><p>il DNS è stato corretto.</p>","admin":"Luca"},
                 {"replyid":"2","date":"2016-01-01 06:28:00","message":"line<br/>break","admin":"Luca"}]}""");
        t.remove("notes");
        List<Message> m = map(t).messages();
        assertThat(m.get(0).bodyFormat()).isEqualTo(BodyFormat.TEXT);
        assertThat(m.get(1).bodyFormat()).isEqualTo(BodyFormat.HTML);
        assertThat(m.get(2).bodyFormat()).isEqualTo(BodyFormat.HTML);
    }

    @Test
    void unicodeInEveryScriptIsPreserved() {
        String body = "Zażółć gęślą jaźń — Здравствуйте! 日本語のテスト 👍 æøå";
        ObjectNode t = (ObjectNode) KeliwebFixtures.seed();
        t.put("subject", "Не работает SIP-транк 📞");
        t.put("name", "Agnieszka Wróbel");
        t.put("deptname", "Техподдержка");
        ((ObjectNode) t.get("replies").get("reply").get(0)).put("message", body).put("name", "Agnieszka Wróbel");
        Ticket m = map(t);
        assertThat(m.subject()).isEqualTo("Не работает SIP-транк 📞");
        assertThat(m.queue()).isEqualTo("Техподдержка");
        assertThat(m.requester().name()).isEqualTo("Agnieszka Wróbel");
        assertThat(m.messages().get(0).body()).isEqualTo(body);
    }

    @Test
    void zeroDateLastReplyFallsBackToTheCreationTime() {
        ObjectNode t = (ObjectNode) KeliwebFixtures.seed();
        t.put("lastreply", "0000-00-00 00:00:00");
        Ticket m = map(t);
        assertThat(m.updatedAt()).isEqualTo(Instant.parse("2016-01-01T05:26:29Z"));
        assertThat(m.closedAt()).isEqualTo(Instant.parse("2016-01-01T05:26:29Z"));
    }

    @Test
    void anErrorEnvelopeIsAMappingErrorWithTheVendorMessage() {
        assertThatThrownBy(() -> map(TestResources.parse("{\"result\":\"error\",\"message\":\"Ticket ID Not Found\"}")))
                .isInstanceOf(MappingException.class)
                .hasMessage("keliweb payload at $.result: Keliweb answered an error: Ticket ID Not Found");
    }

    @Test
    void malformedPayloadsNameTheJsonPath() {
        assertFails(TestResources.parse("[1,2]"), "$", "expected a JSON object");
        ObjectNode noId = (ObjectNode) KeliwebFixtures.seed();
        noId.remove("ticketid");
        assertFails(noId, "$.ticketid", "required value is missing");
        ObjectNode badId = (ObjectNode) KeliwebFixtures.seed();
        badId.put("ticketid", "1; DROP");
        assertFails(badId, "$.ticketid", "expected a numeric id");
        ObjectNode badDate = (ObjectNode) KeliwebFixtures.seed();
        ((ObjectNode) badDate.get("replies").get("reply").get(1)).put("date", "yesterday");
        assertFails(badDate, "$.replies.reply[1].date", "expected a date");
        ObjectNode badReplies = seedWith("replies", "\"none\"");
        assertFails(badReplies, "$.replies", "expected an object holding 'reply'");
        ObjectNode badReply = seedWith("replies", "{\"reply\":[\"x\"]}");
        assertFails(badReply, "$.replies.reply[0]", "expected a JSON object");
        ObjectNode badReplyId = (ObjectNode) KeliwebFixtures.seed();
        ((ObjectNode) badReplyId.get("replies").get("reply").get(2)).put("replyid", "two");
        assertFails(badReplyId, "$.replies.reply[2].replyid", "expected a numeric id");
        ObjectNode badAttachment = (ObjectNode) KeliwebFixtures.seed();
        ((ObjectNode) badAttachment.get("replies").get("reply").get(0)).set("attachments", TestResources.parse("[\"a.png\"]"));
        assertFails(badAttachment, "$.replies.reply[0].attachments[0]", "expected an attachment object");
        ObjectNode badSubject = (ObjectNode) KeliwebFixtures.seed();
        badSubject.set("subject", TestResources.parse("{\"it\":\"x\"}"));
        assertFails(badSubject, "$.subject", "expected a text value");
        ObjectNode badResult = (ObjectNode) KeliwebFixtures.seed();
        badResult.put("result", "maybe");
        assertFails(badResult, "$.result", "expected 'success' or 'error'");
    }

    private static void assertFails(JsonNode payload, String path, String problem) {
        assertThatThrownBy(() -> map(payload)).isInstanceOfSatisfying(MappingException.class, e -> {
            assertThat(e.path()).isEqualTo(path);
            assertThat(e.getMessage()).startsWith("keliweb payload at " + path + ": ").contains(problem);
        });
    }
}
