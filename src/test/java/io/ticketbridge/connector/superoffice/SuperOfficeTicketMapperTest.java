package io.ticketbridge.connector.superoffice;

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
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.MapperSettings;
import io.ticketbridge.connector.MappingException;
import io.ticketbridge.connector.TicketMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SuperOfficeTicketMapperTest {
    private static final SuperOfficeConnector VENDOR = new SuperOfficeConnector();
    private static final TicketMapper DEFAULT = VENDOR.mapper(MapperSettings.defaults(VENDOR));

    static JsonNode resource(String path) {
        try (InputStream in = SuperOfficeTicketMapperTest.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing test resource " + path);
            return TicketJson.mapper().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
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

    static Ticket one(TicketMapper mapper, JsonNode payload) {
        List<Ticket> tickets = mapper.map(payload);
        assertThat(tickets).hasSize(1);
        return tickets.get(0);
    }

    /** The seed's GetTickets carrier, as an object to vary. */
    static ObjectNode seedCarrier() {
        return (ObjectNode) resource("/fixtures/superoffice/seed_GetTickets_response.json").get(0).deepCopy();
    }

    /** TicketEntity (reference SaveTicketEntity response) with Messages replaced by full TicketMessageEntities. */
    static ObjectNode expandedEntity(JsonNode... messages) {
        ObjectNode entity = (ObjectNode) resource("/reference-payloads/superoffice/agent_SaveTicketEntity_response.json").deepCopy();
        ArrayNode list = entity.putArray("Messages");
        for (JsonNode m : messages) list.add(m);
        return entity;
    }

    static ObjectNode referenceMessage() {
        return (ObjectNode) resource("/reference-payloads/superoffice/agent_GetTicketMessageEntity_response.json").deepCopy();
    }

    static MapperSettings settings(String zone, Map<String, Status> statuses, Map<String, Priority> priorities) {
        return new MapperSettings(zone == null ? null : ZoneId.of(zone), statuses, priorities);
    }

    @Nested
    class SeedSample {
        @Test
        void getTicketsCarrierFromTheSeedMapsEveryCanonicalField() {
            Ticket t = one(DEFAULT, resource("/fixtures/superoffice/seed_GetTickets_response.json"));

            assertThat(t.schemaVersion()).isEqualTo(1);
            assertThat(t.source().system()).isEqualTo("superoffice");
            assertThat(t.source().ticketId()).isEqualTo("1234");
            assertThat(t.source().ticketNumber()).isEqualTo("1234");
            assertThat(t.source().url()).isNull();
            assertThat(t.subject()).isEqualTo("Cannot access customer portal - Login button not working");
            assertThat(t.status()).isEqualTo(Status.CLOSED);
            assertThat(t.statusRaw()).isEqualTo("Closed");
            assertThat(t.priority()).isEqualTo(Priority.NORMAL);
            assertThat(t.priorityRaw()).isEqualTo("Medium");
            assertThat(t.requester()).isEqualTo(new Party("John Anderson", "customer@acmecorp.com", null));
            assertThat(t.assignee()).isEqualTo(new Party("Sarah Johnson", null, null));
            assertThat(t.queue()).isEqualTo("Service/Technical Support");
            assertThat(t.tags()).isEmpty();
            assertThat(t.customFields()).isEmpty();
            assertThat(t.createdAt()).isEqualTo(Instant.parse("2024-11-15T08:30:00Z"));
            assertThat(t.updatedAt()).isEqualTo(Instant.parse("2024-11-20T13:15:00Z"));
            assertThat(t.closedAt()).isEqualTo(Instant.parse("2024-11-20T13:15:00Z"));
            assertThat(t.deleted()).isFalse();
            assertThat(t.messages()).as("GetTickets carriers hold no messages").isEmpty();
        }

        @Test
        void sourceUrlNamesTheRestAddressWhenTheBaseUrlIsKnown() {
            TicketMapper mapper = VENDOR.mapper(new MapperSettings(null, null, null,
                    "https://online.superoffice.com/Cust12345/"));
            Ticket t = one(mapper, resource("/fixtures/superoffice/seed_GetTickets_response.json"));
            assertThat(t.source().url()).isEqualTo("https://online.superoffice.com/Cust12345/api/v1/Ticket/1234");
        }

        @Test
        void everyCarrierOfAGetTicketsArrayBecomesATicketInOrder() {
            ArrayNode array = TicketJson.mapper().createArrayNode();
            array.add(seedCarrier());
            array.add(seedCarrier().put("TicketId", 829).put("Title", "second"));
            List<Ticket> tickets = DEFAULT.map(array);
            assertThat(tickets).extracting(x -> x.source().ticketId()).containsExactly("1234", "829");
            assertThat(tickets.get(1).subject()).isEqualTo("second");
        }
    }

    @Nested
    class ReferencePayloads {
        @Test
        void ticketEntityWithMessageSummariesMapsNestedObjectsAndSummaries() {
            Ticket t = one(DEFAULT, resource("/reference-payloads/superoffice/agent_SaveTicketEntity_response.json"));

            assertThat(t.source().ticketId()).isEqualTo("633");
            assertThat(t.subject()).isEqualTo("sit");
            assertThat(t.status()).as("Active with RepliedAt set").isEqualTo(Status.OPEN);
            assertThat(t.statusRaw()).as("Status is null, so BaseStatus is the raw value").isEqualTo("Active");
            assertThat(t.priority()).isNull();
            assertThat(t.priorityRaw()).isNull();
            assertThat(t.requester()).as("no Person: Author names the requester").isEqualTo(new Party("provident", null, null));
            assertThat(t.assignee()).isNull();
            assertThat(t.queue()).isNull();
            assertThat(t.tags()).as("the duplicated tag appears once").containsExactly("McCullough, Beahan and Emard");
            assertThat(t.customFields()).containsExactly(Map.entry("CustomFields1", "laboriosam"),
                    Map.entry("CustomFields2", "dignissimos"));
            assertThat(t.createdAt()).isEqualTo(Instant.parse("2014-08-05T08:11:01.3964182Z"));
            assertThat(t.updatedAt()).isEqualTo(Instant.parse("2009-06-23T08:11:01.3964182Z"));
            assertThat(t.closedAt()).as("ClosedAt of a ticket that is not closed is stale").isNull();
            assertThat(t.deleted()).isFalse();

            assertThat(t.messages()).hasSize(1);
            Message m = t.messages().get(0);
            assertThat(m.id()).isEqualTo("847");
            assertThat(m.kind()).as("external, badge Comment, a person attached").isEqualTo(MessageKind.CUSTOMER);
            assertThat(m.author()).isEqualTo(new Party("Issac Satterfield", null, null));
            assertThat(m.body()).as("summaries carry no body").isEmpty();
            assertThat(m.bodyFormat()).isEqualTo(BodyFormat.TEXT);
            assertThat(m.createdAt()).isEqualTo(Instant.parse("2012-12-27T09:11:01.3964182Z"));
            assertThat(m.attachments()).isEmpty();
        }

        @Test
        void ticketEntityWithExpandedMessagesMapsTheFullMessage() {
            Ticket t = one(DEFAULT, expandedEntity(referenceMessage()));

            assertThat(t.source().ticketId()).isEqualTo("633");
            assertThat(t.messages()).hasSize(1);
            Message m = t.messages().get(0);
            assertThat(m.id()).isEqualTo("515");
            assertThat(m.kind()).as("MessageCategory Bounce is generated by the mail system").isEqualTo(MessageKind.SYSTEM);
            assertThat(m.author()).isEqualTo(new Party("unde", null, null));
            assertThat(m.body()).isEqualTo("vitae");
            assertThat(m.bodyFormat()).isEqualTo(BodyFormat.HTML);
            assertThat(m.createdAt()).isEqualTo(Instant.parse("2024-04-23T08:11:01.659039Z"));
            assertThat(m.attachments()).containsExactly(new Attachment("399", "Von, Wilkinson and Miller", "sint", 90L));
        }

        @Test
        void notFoundErrorEnvelopeIsNotATicket() {
            assertThatThrownBy(() -> DEFAULT.map(resource("/reference-payloads/superoffice/rest_error_404_SoNotFoundException.json")))
                    .isInstanceOf(MappingException.class)
                    .hasMessage("superoffice payload at $.TicketId: required value is missing");
        }
    }

    @Nested
    class TimeZones {
        private ObjectNode naive(String createdAt) {
            return seedCarrier().put("CreatedAt", createdAt);
        }

        @Test
        void naiveValuesAreReadAsUtcWhenNoZoneIsConfigured() {
            assertThat(VENDOR.defaultTimeZone()).isNull();
            assertThat(one(DEFAULT, naive("2025-05-16T14:25:37")).createdAt()).isEqualTo(Instant.parse("2025-05-16T14:25:37Z"));
        }

        @Test
        void naiveValuesAreReadInTheConfiguredZone() {
            TicketMapper oslo = VENDOR.mapper(settings("Europe/Oslo", Map.of(), Map.of()));
            assertThat(one(oslo, naive("2025-05-16T14:25:37")).createdAt()).isEqualTo(Instant.parse("2025-05-16T12:25:37Z"));
            TicketMapper tokyo = VENDOR.mapper(settings("Asia/Tokyo", Map.of(), Map.of()));
            assertThat(one(tokyo, naive("2025-05-16T14:25:37")).createdAt()).isEqualTo(Instant.parse("2025-05-16T05:25:37Z"));
        }

        @Test
        void anOffsetWinsOverTheConfiguredZone() {
            TicketMapper tokyo = VENDOR.mapper(settings("Asia/Tokyo", Map.of(), Map.of()));
            assertThat(one(tokyo, naive("2024-11-15T09:30:00+01:00")).createdAt()).isEqualTo(Instant.parse("2024-11-15T08:30:00Z"));
        }

        @Test
        void sevenDigitFractionsKeepTheirPrecision() {
            assertThat(one(DEFAULT, naive("2014-08-05T10:11:01.3964182+02:00")).createdAt())
                    .isEqualTo(Instant.parse("2014-08-05T08:11:01.396418200Z"));
        }

        @Test
        void dstGapInOsloMovesTheWallClockForward() {
            TicketMapper oslo = VENDOR.mapper(settings("Europe/Oslo", Map.of(), Map.of()));
            // 2025-03-30 02:30 never happened in Oslo: read as 03:30 +02:00
            assertThat(one(oslo, naive("2025-03-30T02:30:00")).createdAt()).isEqualTo(Instant.parse("2025-03-30T01:30:00Z"));
        }

        @Test
        void dstOverlapInOsloTakesTheEarlierInstant() {
            TicketMapper oslo = VENDOR.mapper(settings("Europe/Oslo", Map.of(), Map.of()));
            // 2025-10-26 02:30 happened twice in Oslo: the summer-time one (+02:00)
            assertThat(one(oslo, naive("2025-10-26T02:30:00")).createdAt()).isEqualTo(Instant.parse("2025-10-26T00:30:00Z"));
        }

        @Test
        void dotNetMinValueMeansNotSet() {
            Ticket t = one(DEFAULT, seedCarrier().put("ClosedAt", "0001-01-01T00:00:00"));
            assertThat(t.closedAt()).isNull();
        }
    }

    @Nested
    class Statuses {
        private Ticket carrier(String base, String display, Object repliedAt, int numReplies) {
            ObjectNode c = seedCarrier().put("BaseStatus", base).put("NumReplies", numReplies);
            if (display == null) c.putNull("TicketStatusDisplayValue"); else c.put("TicketStatusDisplayValue", display);
            if (repliedAt == null) c.putNull("RepliedAt"); else c.put("RepliedAt", repliedAt.toString());
            return one(DEFAULT, c);
        }

        @Test
        void activeWithoutAnyReplyIsNew() {
            Ticket t = carrier("Active", "Open", null, 0);
            assertThat(t.status()).isEqualTo(Status.NEW);
            assertThat(t.statusRaw()).isEqualTo("Open");
            assertThat(t.closedAt()).isNull();
        }

        @Test
        void activeWithAReplyIsOpen() {
            assertThat(carrier("Active", "Open", "2024-11-15T11:30:00+01:00", 1).status()).isEqualTo(Status.OPEN);
            assertThat(carrier("Active", null, null, 2).status()).isEqualTo(Status.OPEN);
        }

        @Test
        void everyPostponedVariantIsPending() {
            for (String base : List.of("Postponed", "PostponedSpecific", "Postponed1Hour", "Postponed2Hours",
                    "Postponed3Hours", "Postponed4Hours", "PostponedDay", "PostponedWeek", "PostponedMonth")) {
                assertThat(carrier(base, null, null, 0).status()).as(base).isEqualTo(Status.PENDING);
            }
        }

        @Test
        void closedAndMergedAreClosedButNotDeleted() {
            assertThat(carrier("Closed", "Closed", null, 0)).extracting(Ticket::status, Ticket::deleted)
                    .containsExactly(Status.CLOSED, false);
            assertThat(carrier("Merged", null, null, 0)).extracting(Ticket::status, Ticket::statusRaw, Ticket::deleted)
                    .containsExactly(Status.CLOSED, "Merged", false);
        }

        @Test
        void deletedAndSpamAreClosedAndFlaggedDeleted() {
            assertThat(carrier("Deleted", null, null, 0)).extracting(Ticket::status, Ticket::deleted)
                    .containsExactly(Status.CLOSED, true);
            assertThat(carrier("Spam", "Spam", null, 0)).extracting(Ticket::status, Ticket::deleted)
                    .containsExactly(Status.CLOSED, true);
        }

        @Test
        void tenantStatusResolvedLinkedToClosedIsResolved() {
            Ticket t = carrier("Closed", "Resolved", null, 1);
            assertThat(t.status()).isEqualTo(Status.RESOLVED);
            assertThat(t.statusRaw()).isEqualTo("Resolved");
            assertThat(t.closedAt()).isEqualTo(Instant.parse("2024-11-20T13:15:00Z"));
        }

        @Test
        void unknownBaseStatusFallsBackToOpen() {
            assertThat(carrier("SomethingNew", null, "2024-11-15T11:30:00+01:00", 1).status()).isEqualTo(Status.OPEN);
        }

        @Test
        void overridesApplyToTenantNamesAndBaseStatuses() {
            TicketMapper m = VENDOR.mapper(settings(null,
                    Map.of("Waiting for 3rd party", Status.PENDING, "Closed", Status.RESOLVED, "Active", Status.OPEN), Map.of()));
            assertThat(one(m, seedCarrier().put("BaseStatus", "Active").put("TicketStatusDisplayValue", "Waiting for 3rd party")).status())
                    .isEqualTo(Status.PENDING);
            assertThat(one(m, seedCarrier().put("BaseStatus", "Closed").put("TicketStatusDisplayValue", "Done")).status())
                    .isEqualTo(Status.RESOLVED);
            ObjectNode noReply = seedCarrier().put("BaseStatus", "Active").put("TicketStatusDisplayValue", "Open").put("NumReplies", 0);
            noReply.putNull("RepliedAt");
            assertThat(one(m, noReply).status()).as("Active=OPEN switches the NEW refinement off").isEqualTo(Status.OPEN);
        }

        @Test
        void entityStatusObjectGivesTheRawNameAndBaseStatus() {
            ObjectNode e = expandedEntity();
            e.remove("BaseStatus");
            e.putObject("Status").put("TicketStatusId", 4).put("Name", "Venter på kunde").put("Status", "Postponed");
            Ticket t = one(DEFAULT, e);
            assertThat(t.status()).isEqualTo(Status.PENDING);
            assertThat(t.statusRaw()).isEqualTo("Venter på kunde");
        }
    }

    @Nested
    class Priorities {
        @Test
        void defaultTableCoversTheUsualNamesCaseInsensitively() {
            Map<String, Priority> expected = Map.of("low", Priority.LOW, "Medium", Priority.NORMAL, "NORMAL", Priority.NORMAL,
                    "High", Priority.HIGH, "Critical", Priority.URGENT, "Urgent", Priority.URGENT);
            expected.forEach((name, p) -> assertThat(one(DEFAULT, seedCarrier().put("PriorityName", name)).priority())
                    .as(name).isEqualTo(p));
        }

        @Test
        void unknownTenantPriorityIsNullButKeptRaw() {
            Ticket t = one(DEFAULT, seedCarrier().put("PriorityName", "P1 – Betriebsstörung"));
            assertThat(t.priority()).isNull();
            assertThat(t.priorityRaw()).isEqualTo("P1 – Betriebsstörung");
        }

        @Test
        void overridesWinOverTheDefaultTable() {
            TicketMapper m = VENDOR.mapper(settings(null, Map.of(), Map.of("Medium", Priority.HIGH, "P1", Priority.URGENT)));
            assertThat(one(m, seedCarrier()).priority()).isEqualTo(Priority.HIGH);
            assertThat(one(m, seedCarrier().put("PriorityName", "p1")).priority()).isEqualTo(Priority.URGENT);
        }

        @Test
        void entityPriorityObjectIsRead() {
            ObjectNode e = expandedEntity();
            e.putObject("Priority").put("TicketPriorityId", 3).put("Name", "High");
            assertThat(one(DEFAULT, e)).extracting(Ticket::priority, Ticket::priorityRaw).containsExactly(Priority.HIGH, "High");
        }
    }

    @Nested
    class Parties {
        @Test
        void flatOwnerOneOrZeroIsUnassigned() {
            assertThat(one(DEFAULT, seedCarrier().put("OwnedBy", 1).put("OwnedByName", "SYSTEM")).assignee()).isNull();
            assertThat(one(DEFAULT, seedCarrier().put("OwnedBy", 0).put("OwnedByName", "")).assignee()).isNull();
        }

        @Test
        void entityOwnerIsAnAssociateWithLogin() {
            ObjectNode e = expandedEntity();
            e.putObject("OwnedBy").put("AssociateId", 7).put("Name", "IB").put("FullName", "Ingrid Berg");
            assertThat(one(DEFAULT, e).assignee()).isEqualTo(new Party("Ingrid Berg", null, "IB"));
            e.putObject("OwnedBy").put("AssociateId", 0).put("Name", "").put("FullName", "");
            assertThat(one(DEFAULT, e).assignee()).isNull();
        }

        @Test
        void entityPersonAndCategoryAreRead() {
            ObjectNode e = expandedEntity();
            e.putObject("Person").put("PersonId", 5).put("FullName", "Kari Nordmann").put("Email", "kari@example.no");
            e.putObject("Category").put("TicketCategoryId", 2).put("Name", "Support").put("Fullname", "Service/Support");
            Ticket t = one(DEFAULT, e);
            assertThat(t.requester()).isEqualTo(new Party("Kari Nordmann", "kari@example.no", null));
            assertThat(t.queue()).isEqualTo("Service/Support");
        }

        @Test
        void requesterFallsBackToFirstAndLastNameAndANamedAuthorAddress() {
            ObjectNode c = seedCarrier().put("PersonFullname", "").put("PersonFirstname", "Jan").put("PersonMiddleName", "van")
                    .put("PersonLastname", "Dijk").put("FromAddress", "").put("Author", "\"Jan van Dijk\" <jan@example.nl>");
            assertThat(one(DEFAULT, c).requester()).isEqualTo(new Party("Jan van Dijk", "jan@example.nl", null));
        }

        @Test
        void queueFallsBackToTheShortCategoryName() {
            assertThat(one(DEFAULT, seedCarrier().putNull("CategoryFullname")).queue()).isEqualTo("Technical Support");
        }
    }

    @Nested
    class Messages {
        private ObjectNode msg(long id, String createdAt, String slevel, String badge) {
            ObjectNode m = referenceMessage().put("EjMessageId", id).put("CreatedAt", createdAt).put("Slevel", slevel)
                    .put("Badge", badge).put("MessageCategory", "Message").put("Type", "Plain").put("Body", "b" + id)
                    .put("HtmlBody", "");
            m.putArray("AttachmentsInfo");
            return m;
        }

        @Test
        void kindsFollowSlevelBadgePersonAndCategory() {
            ObjectNode incoming = msg(1, "2025-01-01T10:00:00+01:00", "External", "Incoming");
            ObjectNode reply = msg(2, "2025-01-01T11:00:00+01:00", "External", "Reply");
            ObjectNode note = msg(3, "2025-01-01T12:00:00+01:00", "Internal", "Reply");
            ObjectNode bounce = msg(4, "2025-01-01T13:00:00+01:00", "External", "Outgoing").put("MessageCategory", "OutboxFailed");
            ObjectNode commentByRequester = msg(5, "2025-01-01T14:00:00+01:00", "External", "Comment").put("Author", "Kari <kari@example.no>");
            ObjectNode commentByAgent = msg(6, "2025-01-01T15:00:00+01:00", "External", "Unknown").put("Author", "agent@example.com");
            ObjectNode withPerson = msg(7, "2025-01-01T16:00:00+01:00", "External", "Unknown");
            withPerson.putObject("Person").put("PersonId", 5).put("FullName", "Kari Nordmann").put("Email", "kari@example.no");
            ObjectNode e = expandedEntity(incoming, reply, note, bounce, commentByRequester, commentByAgent, withPerson);
            e.putObject("Person").put("PersonId", 5).put("FullName", "Kari Nordmann").put("Email", "kari@example.no");

            assertThat(one(DEFAULT, e).messages()).extracting(Message::id, Message::kind).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("1", MessageKind.CUSTOMER),
                    org.assertj.core.groups.Tuple.tuple("2", MessageKind.AGENT),
                    org.assertj.core.groups.Tuple.tuple("3", MessageKind.NOTE),
                    org.assertj.core.groups.Tuple.tuple("4", MessageKind.SYSTEM),
                    org.assertj.core.groups.Tuple.tuple("5", MessageKind.CUSTOMER),
                    org.assertj.core.groups.Tuple.tuple("6", MessageKind.AGENT),
                    org.assertj.core.groups.Tuple.tuple("7", MessageKind.CUSTOMER));
        }

        @Test
        void agentAuthorComesFromCreatedByAndAuthorAddress() {
            ObjectNode reply = msg(2, "2025-01-01T11:00:00+01:00", "External", "Reply").put("Author", "ingrid.berg@service.example");
            reply.putObject("CreatedBy").put("AssociateId", 7).put("Name", "iberg").put("FullName", "Ingrid Berg");
            Message m = one(DEFAULT, expandedEntity(reply)).messages().get(0);
            assertThat(m.author()).isEqualTo(new Party("Ingrid Berg", "ingrid.berg@service.example", "iberg"));
        }

        @Test
        void customerAuthorComesFromThePerson() {
            ObjectNode in = msg(1, "2025-01-01T10:00:00+01:00", "External", "Incoming").put("Author", "kari@example.no");
            in.putObject("Person").put("PersonId", 5).put("Firstname", "Kari").put("Lastname", "Nordmann");
            in.putObject("CreatedBy").put("AssociateId", 1).put("Name", "SYSTEM").put("FullName", "System");
            Message m = one(DEFAULT, expandedEntity(in)).messages().get(0);
            assertThat(m.author()).isEqualTo(new Party("Kari Nordmann", "kari@example.no", null));
        }

        @Test
        void newestFirstInputEndsOldestFirst() {
            ObjectNode e = expandedEntity(msg(3, "2025-01-03T10:00:00+01:00", "External", "Reply"),
                    msg(2, "2025-01-02T10:00:00+01:00", "Internal", "Comment"),
                    msg(1, "2025-01-01T10:00:00+01:00", "External", "Incoming"));
            assertThat(one(DEFAULT, e).messages()).extracting(Message::id).containsExactly("1", "2", "3");
        }

        @Test
        void htmlOnlyWhenTheMessageIsHtmlAndHasAnHtmlBody() {
            ObjectNode html = msg(1, "2025-01-01T10:00:00Z", "External", "Reply").put("Type", "Html")
                    .put("HtmlBody", "<p>Hei <b>Kari</b></p>").put("Body", "Hei Kari");
            ObjectNode plainWithHtml = msg(2, "2025-01-01T11:00:00Z", "External", "Reply").put("Type", "Plain")
                    .put("HtmlBody", "<p>x</p>").put("Body", "plain text");
            ObjectNode htmlWithoutHtmlBody = msg(3, "2025-01-01T12:00:00Z", "External", "Reply").put("Type", "Html")
                    .put("Body", "only text");
            ObjectNode onlyHtml = msg(4, "2025-01-01T13:00:00Z", "External", "Reply").put("Type", "Unknown")
                    .put("HtmlBody", "<div>only html</div>").put("Body", "");
            List<Message> ms = one(DEFAULT, expandedEntity(html, plainWithHtml, htmlWithoutHtmlBody, onlyHtml)).messages();
            assertThat(ms).extracting(Message::bodyFormat, Message::body).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(BodyFormat.HTML, "<p>Hei <b>Kari</b></p>"),
                    org.assertj.core.groups.Tuple.tuple(BodyFormat.TEXT, "plain text"),
                    org.assertj.core.groups.Tuple.tuple(BodyFormat.TEXT, "only text"),
                    org.assertj.core.groups.Tuple.tuple(BodyFormat.HTML, "<div>only html</div>"));
        }

        @Test
        void unicodeIsPreservedInEveryField() {
            String text = "Здравствуйте! Zażółć gęślą jaźń 👍 日本語のテスト";
            ObjectNode m = msg(1, "2025-01-01T10:00:00Z", "External", "Incoming").put("Body", text).put("Author", "Иван <ivan@example.ru>");
            ObjectNode e = expandedEntity(m).put("Title", "Счёт 🧾 — błąd 日本");
            e.putArray("Tags").addObject().put("Id", 1).put("Name", "Ærlig 😀");
            e.putObject("CustomFields").put("заметка", "łódź 🚤");
            Ticket t = one(DEFAULT, e);
            assertThat(t.subject()).isEqualTo("Счёт 🧾 — błąd 日本");
            assertThat(t.messages().get(0).body()).isEqualTo(text);
            assertThat(t.messages().get(0).author().name()).isEqualTo("Иван");
            assertThat(t.tags()).containsExactly("Ærlig 😀");
            assertThat(t.customFields()).containsEntry("заметка", "łódź 🚤");
        }
    }

    @Nested
    class LooseValues {
        @Test
        void emptyListsAndNullsAreEmptyValues() {
            for (String empty : List.of("[]", "[[]]", "null")) {
                ObjectNode e = expandedEntity();
                e.set("Tags", json(empty));
                e.set("Messages", json(empty));
                e.set("CustomFields", json(empty.equals("[[]]") ? "{}" : empty));
                e.set("Title", json(empty.equals("[[]]") ? "[]" : empty));
                Ticket t = one(DEFAULT, e);
                assertThat(t.tags()).as(empty).isEmpty();
                assertThat(t.messages()).as(empty).isEmpty();
                assertThat(t.customFields()).as(empty).isEmpty();
                assertThat(t.subject()).as(empty).isNull();
            }
            assertThat(DEFAULT.map(json("[[]]"))).isEmpty();
            assertThat(DEFAULT.map(json("[]"))).isEmpty();
        }

        @Test
        void numbersSentAsStringsAreRead() {
            ObjectNode c = seedCarrier().put("TicketId", "1234").put("OwnedBy", "10").put("NumReplies", "0");
            c.putNull("RepliedAt");
            c.put("BaseStatus", "Active").putNull("TicketStatusDisplayValue");
            Ticket t = one(DEFAULT, c);
            assertThat(t.source().ticketId()).isEqualTo("1234");
            assertThat(t.assignee()).isEqualTo(new Party("Sarah Johnson", null, null));
            assertThat(t.status()).isEqualTo(Status.NEW);

            ObjectNode m = referenceMessage().put("EjMessageId", "515");
            ((ObjectNode) m.get("AttachmentsInfo").get(0)).put("AttachmentId", "399").put("AttSize", "90");
            Message msg = one(DEFAULT, expandedEntity(m)).messages().get(0);
            assertThat(msg.id()).isEqualTo("515");
            assertThat(msg.attachments().get(0).size()).isEqualTo(90L);
        }

        @Test
        void customFieldValuesOfAnyJsonTypeBecomeText() {
            ObjectNode e = expandedEntity();
            ObjectNode f = e.putObject("CustomFields");
            f.put("x_number", 42).put("x_flag", true).putNull("x_empty");
            f.putArray("x_list").add(1).add(2);
            assertThat(one(DEFAULT, e).customFields()).containsExactly(Map.entry("x_number", "42"),
                    Map.entry("x_flag", "true"), new java.util.AbstractMap.SimpleEntry<>("x_empty", null),
                    Map.entry("x_list", "[1,2]"));
        }
    }

    @Nested
    class Malformed {
        private void fails(JsonNode payload, String message) {
            assertThatThrownBy(() -> DEFAULT.map(payload)).isInstanceOf(MappingException.class).hasMessage(message);
        }

        @Test
        void rootThatIsNoObjectOrArray() {
            fails(json("\"ticket\""), "superoffice payload at $: expected a JSON object but found the text 'ticket'");
            fails(json("[{\"TicketId\":1},42]"), "superoffice payload at $[1]: expected a JSON object but found number 42");
        }

        @Test
        void missingOrNonNumericOrUnsavedTicketId() {
            fails(seedCarrier().put("TicketId", "12a"), "superoffice payload at $.TicketId: expected a whole number but found '12a'");
            fails(json("[{\"Title\":\"x\"}]"), "superoffice payload at $[0].TicketId: required value is missing");
            fails(seedCarrier().put("TicketId", 0), "superoffice payload at $.TicketId: expected a saved ticket id (> 0) but found 0"
                    + " (TicketId 0 is an unsaved default entity)");
        }

        @Test
        void badDatesNameTheirPath() {
            fails(seedCarrier().put("LastChanged", "yesterday"),
                    "superoffice payload at $.LastChanged: expected an ISO-8601 date-time but found 'yesterday'");
            ObjectNode m = referenceMessage().put("CreatedAt", "23.04.2024 10:11");
            fails(expandedEntity(referenceMessage(), m),
                    "superoffice payload at $.Messages[1].CreatedAt: expected an ISO-8601 date-time but found '23.04.2024 10:11'");
        }

        @Test
        void wrongContainerTypesNameTheirPath() {
            fails(expandedEntity().put("Messages", "none"), "superoffice payload at $.Messages: expected a list but found the text 'none'");
            ObjectNode tags = expandedEntity();
            tags.putArray("Tags").add(5);
            fails(tags, "superoffice payload at $.Tags[0]: expected a JSON object but found number 5");
            ObjectNode title = expandedEntity();
            title.putObject("Title").put("x", 1);
            fails(title, "superoffice payload at $.Title: expected a text value but found an object");
            fails(expandedEntity().put("CustomFields", "x"), "superoffice payload at $.CustomFields: expected a JSON object but found the text 'x'");
        }

        @Test
        void attachmentWithoutIdNamesItsPath() {
            ObjectNode m = referenceMessage();
            ((ObjectNode) m.get("AttachmentsInfo").get(0)).remove("AttachmentId");
            fails(expandedEntity(m), "superoffice payload at $.Messages[0].AttachmentsInfo[0].AttachmentId: required value is missing");
        }
    }
}
