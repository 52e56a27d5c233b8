package io.ticketbridge.sandbox.superoffice;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.sandbox.SimExchange;
import io.ticketbridge.sandbox.superoffice.SuperOfficeStore.Associate;
import io.ticketbridge.sandbox.superoffice.SuperOfficeStore.Person;
import io.ticketbridge.sandbox.superoffice.SuperOfficeStore.StoredAttachment;
import io.ticketbridge.sandbox.superoffice.SuperOfficeStore.Ticket;
import io.ticketbridge.sandbox.superoffice.SuperOfficeStore.TicketMessage;
import io.ticketbridge.sandbox.superoffice.SuperOfficeStore.TicketStatus;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The simulator's SuperOffice wire shapes (written from the SuperOffice documents, not shared with the client),
 * rendered from the store: the flat {@code Ticket} carrier of GetTickets, the nested
 * {@code TicketEntity}, message summaries and {@code TicketMessageEntity}, {@code AttachmentEntity}. Dates follow
 * the request's {@code SO-TimeZone}: Json.NET style ({@code FFFFFFF}: up to 7 fraction digits, trailing zeros
 * dropped), with an offset unless the header names a zone without {@code includeTZOffset}; unset dates are .NET's
 * {@code DateTime.MinValue}.
 */
final class SuperOfficeWire {
    static final String MIN_VALUE = "0001-01-01T00:00:00";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ofPattern("xxx");
    /** SuperOffice's own zone codes the sandbox knows (it also accepts IANA ids such as Europe/Oslo). */
    static final Map<String, String> ZONE_CODES = Map.of("NO", "Europe/Oslo", "SE", "Europe/Stockholm",
            "DK", "Europe/Copenhagen", "FI", "Europe/Helsinki", "NL", "Europe/Amsterdam", "DE", "Europe/Berlin",
            "UK", "Europe/London", "GB", "Europe/London", "UTC", "UTC");

    /** How dates are written for one request. */
    record Dates(ZoneId zone, boolean withOffset) {
        String format(Instant at) {
            if (at == null) return MIN_VALUE;
            ZonedDateTime z = at.atZone(zone);
            StringBuilder s = new StringBuilder(SECONDS.format(z));
            int nanos = z.getNano();
            if (nanos != 0) {
                String fraction = String.format(Locale.ROOT, "%09d", nanos).substring(0, 7).replaceAll("0+$", "");
                if (!fraction.isEmpty()) s.append('.').append(fraction);
            }
            if (withOffset) s.append(OFFSET.format(z));
            return s.toString();
        }

        /** A filter literal: with an offset it is exact, without one it is read in this request's zone. */
        Instant parse(String literal) {
            try {
                return java.time.OffsetDateTime.parse(literal).toInstant();
            } catch (DateTimeException e) {
                return LocalDateTime.parse(literal).atZone(zone).toInstant();
            }
        }

        /**
         * From the {@code SO-TimeZone} header: {@code <zone>[, includeTZOffset]}. Without the header the tenant's
         * zone is used with offsets; with it, offsets only when {@code includeTZOffset} is given (as documented).
         */
        static Dates of(String header) {
            if (header == null || header.isBlank()) return new Dates(ZoneId.of(SuperOfficeStore.TENANT_ZONE), true);
            ZoneId zone = null;
            boolean offset = false;
            for (String part : header.split(",")) {
                String p = part.strip();
                if (p.isEmpty()) continue;
                if (p.equalsIgnoreCase("includeTZOffset")) {
                    offset = true;
                } else if (zone == null) {
                    String id = ZONE_CODES.getOrDefault(p.toUpperCase(Locale.ROOT), p);
                    try {
                        zone = ZoneId.of(id);
                    } catch (DateTimeException e) {
                        throw new IllegalArgumentException("SO-TimeZone: unknown time zone '" + p + "'");
                    }
                } else {
                    throw new IllegalArgumentException("SO-TimeZone: unexpected '" + p + "'");
                }
            }
            return new Dates(zone == null ? ZoneId.of(SuperOfficeStore.TENANT_ZONE) : zone, offset);
        }
    }

    private final SuperOfficeStore store;
    private final Dates dates;

    SuperOfficeWire(SuperOfficeStore store, Dates dates) {
        this.store = store;
        this.dates = dates;
    }

    Dates dates() {
        return dates;
    }

    private static ObjectNode obj() {
        return SimExchange.NODES.objectNode();
    }

    private static ObjectNode fieldProperties(String type, int length) {
        ObjectNode fp = obj();
        fp.putObject("fieldName").putNull("FieldRight").put("FieldType", type).put("FieldLength", length);
        return fp;
    }

    private static void trailer(ObjectNode n) {
        n.putNull("TableRight");
        n.set("FieldProperties", fieldProperties("System.String", 252));
    }

    String baseStatus(Ticket t) {
        return store.status(t.statusId).base();
    }

    int numReplies(Ticket t) {
        return (int) store.messagesOf(t).stream().filter(SuperOfficeStore::isReply).count();
    }

    boolean hasAttachment(Ticket t) {
        return store.messagesOf(t).stream().anyMatch(m -> !m.attachmentIds.isEmpty());
    }

    // ---- Ticket (flat carrier of Agents/Ticket/GetTickets) ----

    ObjectNode flatTicket(Ticket t) {
        Associate owner = store.associate(t.ownedBy);
        Associate creator = store.associate(t.createdBy);
        Person person = store.person(t.personId);
        TicketStatus status = store.status(t.statusId);
        var category = store.category(t.categoryId);
        var priority = store.priority(t.priorityId);
        ObjectNode n = ticketHead(t, false);
        n.put("CreatedBy", creator == null ? 1 : creator.ejUserId());
        n.put("CreatedByName", creator == null ? "SYSTEM" : creator.fullName());
        n.put("Author", t.author);
        n.put("OwnedBy", owner == null ? 1 : owner.ejUserId());
        n.put("OwnedByName", owner == null ? "" : owner.fullName());
        n.put("Category", category.id());
        n.put("CategoryName", category.name());
        n.put("CategoryFullname", category.fullname());
        n.put("Slevel", t.slevel);
        n.put("Priority", priority.id());
        n.put("PriorityName", priority.name());
        n.put("BaseStatus", status.base());
        n.put("TicketStatus", status.id());
        n.put("TicketStatusDisplayValue", status.name());
        n.put("Origin", t.origin);
        n.put("CustId", person == null ? -1 : person.id());
        n.put("PersonFirstname", person == null ? "" : person.firstname());
        n.put("PersonMiddleName", "");
        n.put("PersonLastname", person == null ? "" : person.lastname());
        n.put("PersonFullname", person == null ? "" : person.fullName());
        n.put("AlertLevel", 0);
        n.put("ConnectId", 0);
        n.put("ReadStatus", "Green");
        for (String counter : List.of("TimeToReply", "RealTimeToReply", "TimeToClose", "RealTimeToClose",
                "TimeSpentInternally", "TimeSpentExternally", "TimeSpentQueue", "RealTimeSpentInternally",
                "RealTimeSpentExternally", "RealTimeSpentQueue", "TimeSpent")) {
            n.put(counter, 0);
        }
        n.put("HasAttachment", hasAttachment(t));
        n.put("NumReplies", numReplies(t));
        n.put("NumMessages", t.messageIds.size());
        n.put("FromAddress", t.fromAddress);
        n.put("ContactId", person == null ? 0 : person.contactId());
        n.put("ContactName", person == null ? "" : person.contactName());
        n.put("OwnedByAssociateId", owner == null ? 0 : owner.id());
        n.put("Language", "");
        n.put("Sentiment", 0);
        n.put("SentimentConfidence", 0);
        n.put("SaleId", 0);
        n.put("ProjectId", 0);
        n.put("SaleHeading", "");
        n.put("ProjectName", "");
        n.put("FormSubmissionId", 0);
        n.put("TicketTypeId", 1);
        n.put("TicketTypeName", "Support Request");
        trailer(n);
        return n;
    }

    // ---- TicketEntity ----

    ObjectNode associate(Associate a) {
        if (a == null) return null;
        ObjectNode n = obj();
        n.put("AssociateId", a.id());
        n.put("Name", a.login());
        n.put("PersonId", a.id() == 0 ? 0 : a.id() + 500);
        n.put("Rank", 0);
        n.put("Tooltip", a.fullName());
        n.put("Type", a.id() == 0 ? "SystemAssociate" : "InternalAssociate");
        n.put("GroupIdx", 1);
        n.put("FullName", a.fullName());
        n.put("FormalName", a.fullName());
        n.put("Deleted", false);
        n.put("EjUserId", a.ejUserId());
        n.put("UserName", a.login());
        trailer(n);
        return n;
    }

    ObjectNode person(Person p) {
        if (p == null) return null;
        ObjectNode n = obj();
        n.put("Position", "");
        n.put("PersonId", p.id());
        n.put("Mrmrs", "");
        n.put("Firstname", p.firstname());
        n.put("Lastname", p.lastname());
        n.put("MiddleName", "");
        n.put("Title", "");
        n.put("Description", "");
        n.put("Email", p.email());
        n.put("FullName", p.fullName());
        n.put("DirectPhone", "");
        n.put("FormalName", p.fullName());
        n.put("ContactId", p.contactId());
        n.put("ContactName", p.contactName());
        n.put("EmailName", p.email());
        trailer(n);
        return n;
    }

    /**
     * Id, title and the dates both ticket shapes start with, in SuperOffice's field order; only the REST entity
     * carries {@code FirstReadByOwner}.
     */
    private ObjectNode ticketHead(Ticket t, boolean entity) {
        ObjectNode n = obj();
        n.put("TicketId", t.id);
        n.put("Title", t.title);
        n.put("CreatedAt", dates.format(t.createdAt));
        n.put("LastChanged", dates.format(t.lastChanged));
        n.put("ReadByOwner", dates.format(null));
        n.put("ReadByCustomer", dates.format(null));
        if (entity) n.put("FirstReadByOwner", dates.format(null));
        n.put("FirstReadByUser", dates.format(null));
        n.put("Activate", dates.format(null));
        n.put("ClosedAt", dates.format(t.closedAt));
        n.put("RepliedAt", dates.format(t.repliedAt));
        n.put("AlertTimeout", dates.format(null));
        n.put("Deadline", dates.format(null));
        return n;
    }

    ObjectNode entity(Ticket t) {
        TicketStatus status = store.status(t.statusId);
        var category = store.category(t.categoryId);
        var priority = store.priority(t.priorityId);
        ObjectNode n = ticketHead(t, true);
        n.set("CreatedBy", associate(t.createdBy == null ? store.associate(0) : store.associate(t.createdBy)));
        n.put("Author", t.author);
        n.set("OwnedBy", associate(store.associate(t.ownedBy)));
        ObjectNode c = n.putObject("Category");
        c.put("TicketCategoryId", category.id()).put("ParentId", 0).put("Name", category.name())
                .put("Fullname", category.fullname());
        n.put("Slevel", t.slevel);
        ObjectNode p = n.putObject("Priority");
        p.put("TicketPriorityId", priority.id()).put("Name", priority.name()).put("Status", "InUse");
        n.put("BaseStatus", status.base());
        ObjectNode s = n.putObject("Status");
        s.put("TicketStatusId", status.id()).put("Name", status.name()).put("Status", status.base())
                .put("TimeCounter", "Internal").put("NoEmailReopen", false).put("IsDefault", status.id() == 1)
                .put("UsedInQueue", true);
        n.put("Origin", t.origin);
        n.set("Person", person(store.person(t.personId)));
        n.putArray("SecondaryPersons");
        n.put("AlertLevel", 0);
        n.put("ConnectId", 0);
        n.put("ReadStatus", "Green");
        n.put("HasAttachment", hasAttachment(t));
        n.put("NumReplies", numReplies(t));
        n.put("NumMessages", t.messageIds.size());
        n.put("FromAddress", t.fromAddress);
        ArrayNode msgs = n.putArray("Messages");
        for (TicketMessage m : store.messagesOf(t)) msgs.add(summary(m));
        ArrayNode tags = n.putArray("Tags");
        for (String tag : t.tags) {
            ObjectNode tn = tags.addObject();
            tn.put("Id", store.tagId(tag)).put("Name", tag).put("ToolTip", "");
            trailer(tn);
        }
        n.put("Language", "");
        n.putNull("Sale");
        n.putNull("Project");
        n.putNull("FormSubmission");
        n.putNull("TicketType");
        n.putObject("ExtraFields");
        ObjectNode cf = n.putObject("CustomFields");
        t.customFields.forEach(cf::put);
        trailer(n);
        return n;
    }

    // ---- messages ----

    ObjectNode summary(TicketMessage m) {
        Person p = store.person(m.personId);
        Associate a = store.associate(m.createdBy);
        ObjectNode n = obj();
        n.put("TicketMessageId", m.id);
        n.put("CreatedAt", dates.format(m.createdAt));
        n.put("Slevel", m.slevel);
        n.put("Important", m.important);
        n.put("Author", m.author);
        n.put("PersonId", p == null ? 0 : p.id());
        n.put("PersonFullName", p == null ? "" : p.fullName());
        n.put("ContactId", p == null ? 0 : p.contactId());
        n.put("ContactName", p == null ? "" : p.contactName());
        n.put("ContactDepartment", "");
        n.put("NumAttachments", m.attachmentIds.size());
        n.put("EmailHeader", m.author);
        n.putArray("MessageHeaders");
        n.put("Language", "");
        n.put("Sentiment", 0);
        n.put("SentimentConfidence", 0);
        n.put("CreatedBy", a == null ? 1 : a.ejUserId());
        n.put("ChangedAt", dates.format(m.createdAt));
        n.put("Badge", m.badge);
        trailer(n);
        return n;
    }

    ObjectNode messageEntity(TicketMessage m) {
        ObjectNode n = obj();
        n.put("EjMessageId", m.id);
        n.putNull("Ticket"); // as in the published GetTicketMessageEntity sample
        n.put("CreatedAt", dates.format(m.createdAt));
        n.set("CreatedBy", associate(m.createdBy == null ? store.associate(0) : store.associate(m.createdBy)));
        n.put("Author", m.author);
        n.put("Slevel", m.slevel);
        n.put("Type", m.type);
        n.put("MessageId", "<" + m.id + "." + m.ticketId + "@sandbox.superoffice.example>");
        n.put("TimeSpent", 0);
        n.put("Body", m.body);
        n.put("HtmlBody", m.htmlBody);
        n.put("EmailHeader", m.author == null ? "" : "From: " + m.author);
        n.put("DebugInfo", "");
        n.put("MailSorter", "");
        n.put("MessageCategory", m.category);
        n.set("Person", person(store.person(m.personId)));
        n.put("SearchTitle", "");
        n.putArray("MessageHeaders");
        n.put("Important", m.important);
        n.put("Language", "");
        n.put("Sentiment", 0);
        n.put("SentimentConfidence", 0);
        n.put("Badge", m.badge);
        ArrayNode infos = n.putArray("AttachmentsInfo");
        for (int id : m.attachmentIds) infos.add(attachment(store.attachments.get(id)));
        n.putObject("ExtraFields");
        n.putObject("CustomFields");
        trailer(n);
        return n;
    }

    ObjectNode attachment(StoredAttachment a) {
        ObjectNode n = obj();
        n.put("AttachmentId", a == null ? 0 : a.id);
        n.put("Name", a == null ? "" : a.name);
        n.put("ContentType", a == null ? "application/octet-stream" : a.contentType);
        n.put("AttSize", a == null ? 0 : a.content.length);
        n.put("InlineImage", a != null && a.inlineImage);
        n.put("ContentId", a == null ? "" : a.contentId);
        n.put("AuthKey", a == null ? "" : Integer.toHexString(a.id * 7919));
        n.put("IsSafeFileExtension", a == null || !a.name.toLowerCase(Locale.ROOT).matches(".*\\.(exe|bat|cmd|js|vbs)$"));
        trailer(n);
        return n;
    }
}
