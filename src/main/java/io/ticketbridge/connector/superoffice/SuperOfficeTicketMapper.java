package io.ticketbridge.connector.superoffice;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketBuilder;
import io.ticketbridge.connector.JsonFields;
import io.ticketbridge.connector.MapperSettings;
import io.ticketbridge.connector.TicketMapper;
import io.ticketbridge.connector.Vocabulary;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SuperOffice Service tickets → canonical tickets. Three payload shapes are accepted:
 * <ol>
 *   <li>the array {@code POST Agents/Ticket/GetTickets} returns: flat {@code Ticket} carriers (ids + names, no
 *       messages) → one ticket each, without messages;</li>
 *   <li>one {@code TicketEntity} ({@code GET /api/v1/Ticket/{id}}, {@code Agents/Ticket/GetTicketEntity}): nested
 *       Person/OwnedBy/Category/Priority/Status, {@code Messages[]} as summaries without bodies;</li>
 *   <li>"TicketEntity with expanded Messages": what {@link SuperOfficeSource} assembles, the entity whose
 *       {@code Messages} are the full {@code TicketMessageEntity} list of {@code Agents/Ticket/GetTicketMessageEntities}.</li>
 * </ol>
 * Dates carry offsets; a value without one is read in the configured zone, UTC when none is configured
 * (SuperOffice has no fixed zone: it converts to {@code SO-TimeZone} and drops the offset unless
 * {@code includeTZOffset} was asked for). {@code 0001-01-01…} (.NET {@code DateTime.MinValue}) means "not set".
 */
public final class SuperOfficeTicketMapper implements TicketMapper {
    static final String VENDOR = "superoffice";

    /**
     * BaseStatus (SuperOffice's internal status every tenant status is linked to) → canonical. Active becomes NEW
     * while nobody has replied yet (see {@link #status}). Deleted and Spam also set {@code deleted=true}.
     */
    public static final Map<String, Status> DEFAULT_STATUS = orderedMap(
            "Unknown", Status.OPEN,
            "Active", Status.OPEN,
            "Postponed", Status.PENDING,
            "PostponedSpecific", Status.PENDING,
            "Postponed1Hour", Status.PENDING,
            "Postponed2Hours", Status.PENDING,
            "Postponed3Hours", Status.PENDING,
            "Postponed4Hours", Status.PENDING,
            "PostponedDay", Status.PENDING,
            "PostponedWeek", Status.PENDING,
            "PostponedMonth", Status.PENDING,
            "Closed", Status.CLOSED,
            "Merged", Status.CLOSED,
            "Deleted", Status.CLOSED,
            "Spam", Status.CLOSED);

    /**
     * Tenant status names (TicketStatusDisplayValue / Status.Name) that say more than their BaseStatus: SuperOffice
     * has no "resolved" base status, so tenants model it as a user status linked to Closed. Consulted before
     * {@link #DEFAULT_STATUS}; {@code statusMap} entries apply to both lookups.
     */
    public static final Map<String, Status> DEFAULT_STATUS_NAMES = orderedMap(
            "Resolved", Status.RESOLVED,
            "Solved", Status.RESOLVED,
            "Waiting for customer", Status.PENDING);

    /** PriorityName → canonical; priority names are tenant-defined, unknown names give a null priority. */
    public static final Map<String, Priority> DEFAULT_PRIORITY = orderedMap(
            "Low", Priority.LOW,
            "Medium", Priority.NORMAL,
            "Normal", Priority.NORMAL,
            "High", Priority.HIGH,
            "Critical", Priority.URGENT,
            "Urgent", Priority.URGENT);

    /** MessageCategory values the mail system generates itself: delivery failures. */
    static final Set<String> SYSTEM_CATEGORIES = Set.of("bounce", "outboxfailed");

    private static final Pattern NAME_AND_ADDRESS = Pattern.compile("^\\s*\"?([^\"<]*?)\"?\\s*<([^>]+@[^>]+)>\\s*$");

    private final JsonFields json = new JsonFields(VENDOR);
    private final ZoneId zone;
    private final Vocabulary<Status> statusByName;
    private final Vocabulary<Status> statusByBase;
    private final Vocabulary<Priority> priorities;
    private final String apiBase;

    /**
     * @param apiBase the tenant base URL (e.g. https://online.superoffice.com/Cust12345) used for
     *                {@code source.url}; null when unknown
     */
    /** {@code settings.baseUrl()}: the tenant base URL (e.g. https://online.superoffice.com/Cust12345), for source.url. */
    public SuperOfficeTicketMapper(MapperSettings settings) {
        this.zone = settings.timeZone() == null ? ZoneOffset.UTC : settings.timeZone();
        this.statusByName = new Vocabulary<>(DEFAULT_STATUS_NAMES, settings.statusOverrides(), null);
        this.statusByBase = new Vocabulary<>(DEFAULT_STATUS, settings.statusOverrides(), Status.OPEN);
        this.priorities = new Vocabulary<>(DEFAULT_PRIORITY, settings.priorityOverrides(), null);
        this.apiBase = settings.baseUrl() == null || settings.baseUrl().isBlank() ? null : settings.baseUrl();
    }

    @Override
    public List<Ticket> map(JsonNode payload) {
        if (payload != null && payload.isArray()) {
            List<Ticket> out = new ArrayList<>();
            for (int i = 0; i < payload.size(); i++) {
                JsonNode item = payload.get(i);
                if (item.isContainerNode() && item.isEmpty()) continue; // [[]]: an empty result rendered as a list
                out.add(ticket(json.requireObject(item, "$[" + i + "]"), "$[" + i + "]"));
            }
            return out;
        }
        return List.of(ticket(json.requireObject(payload, "$"), "$"));
    }

    private Ticket ticket(JsonNode t, String path) {
        Long id = json.longValue(t, "TicketId", path);
        if (id == null) throw json.error(path + ".TicketId", "required value is missing");
        if (id <= 0) throw json.error(path + ".TicketId", "expected a saved ticket id (> 0) but found " + id
                + " (TicketId 0 is an unsaved default entity)");
        String ticketId = Long.toString(id);
        TicketBuilder b = Ticket.builder(VENDOR, ticketId).ticketNumber(ticketId)
                .url(apiBase == null ? null : apiBase + "/api/v1/Ticket/" + ticketId)
                .subject(blankToNull(json.text(t, "Title", path)));

        Party requester = requester(t, path);
        b.requester(requester);
        b.assignee(assignee(t, path));
        b.queue(queue(t, path));
        for (String tag : tags(t, path)) b.tag(tag);
        for (Map.Entry<String, String> f : customFields(t, path).entrySet()) b.customField(f.getKey(), f.getValue());

        List<Message> messages = new ArrayList<>();
        List<JsonNode> raw = json.list(t, "Messages", path);
        for (int i = 0; i < raw.size(); i++) {
            JsonNode m = raw.get(i);
            if (m.isContainerNode() && m.isEmpty()) continue;
            messages.add(message(json.requireObject(m, path + ".Messages[" + i + "]"), path + ".Messages[" + i + "]",
                    requester));
        }
        messages.forEach(b::message);

        String base = baseStatus(t, path);
        String display = statusDisplay(t, path);
        Status status = status(t, path, base, display, messages);
        b.status(status, display != null ? display : base);
        b.deleted(base != null && (base.equalsIgnoreCase("Deleted") || base.equalsIgnoreCase("Spam")));

        String priorityName = priorityName(t, path);
        b.priority(priorities.map(priorityName), priorityName);

        b.createdAt(time(t, "CreatedAt", path));
        b.updatedAt(time(t, "LastChanged", path));
        // SuperOffice keeps closed_at when a ticket is reopened: only a closed ticket reports it
        b.closedAt(status == Status.CLOSED || status == Status.RESOLVED ? time(t, "ClosedAt", path) : null);
        return b.build();
    }

    // ---- status / priority ----

    private Status status(JsonNode t, String path, String base, String display, List<Message> messages) {
        if (display != null) {
            Status byName = statusByName.map(display);
            if (byName != null) return byName;
        }
        Status s = statusByBase.map(base);
        boolean overridden = base != null && statusByName.map(base) != null; // a statusMap entry names the base status
        if (s == Status.OPEN && "Active".equalsIgnoreCase(base) && !overridden && !replied(t, path, messages)) {
            return Status.NEW;
        }
        return s;
    }

    /** Someone on the agent side answered: RepliedAt is set, NumReplies > 0, or the thread holds an agent message. */
    private boolean replied(JsonNode t, String path, List<Message> messages) {
        if (time(t, "RepliedAt", path) != null) return true;
        Long replies = json.longValue(t, "NumReplies", path);
        if (replies != null && replies > 0) return true;
        return messages.stream().anyMatch(m -> m.kind() == MessageKind.AGENT);
    }

    private String baseStatus(JsonNode t, String path) {
        String base = blankToNull(json.text(t, "BaseStatus", path));
        JsonNode status = t.get("Status");
        if (base == null && status != null && status.isObject()) {
            base = blankToNull(json.text(status, "Status", path + ".Status"));
        }
        return base;
    }

    private String statusDisplay(JsonNode t, String path) {
        JsonNode status = t.get("Status");
        if (status != null && status.isObject()) return blankToNull(json.text(status, "Name", path + ".Status"));
        return blankToNull(json.text(t, "TicketStatusDisplayValue", path));
    }

    private String priorityName(JsonNode t, String path) {
        JsonNode p = t.get("Priority");
        if (p != null && p.isObject()) return blankToNull(json.text(p, "Name", path + ".Priority"));
        return blankToNull(json.text(t, "PriorityName", path));
    }

    // ---- parties, queue, tags, custom fields ----

    private Party requester(JsonNode t, String path) {
        JsonNode person = t.get("Person");
        if (person != null && person.isObject()) {
            Party p = person(person, path + ".Person");
            if (p != null) return p;
        }
        String fromAddress = blankToNull(json.text(t, "FromAddress", path));
        String author = blankToNull(json.text(t, "Author", path));
        String name = blankToNull(json.text(t, "PersonFullname", path));
        if (name == null) {
            name = blankToNull(String.join(" ", nonBlank(json.text(t, "PersonFirstname", path),
                    json.text(t, "PersonMiddleName", path), json.text(t, "PersonLastname", path))));
        }
        Party fromAuthor = address(author);
        Party fromAddr = address(fromAddress);
        String email = fromAddr != null && fromAddr.email() != null ? fromAddr.email()
                : fromAuthor != null ? fromAuthor.email() : null;
        if (name == null && fromAuthor != null) name = fromAuthor.name();
        if (name == null && fromAddr != null) name = fromAddr.name();
        return Party.of(name, email, null);
    }

    /** A Person carrier: FullName (or first/middle/last) and Email (EmailName when it holds the address). */
    private Party person(JsonNode p, String path) {
        String name = blankToNull(json.text(p, "FullName", path));
        if (name == null) {
            name = blankToNull(String.join(" ", nonBlank(json.text(p, "Firstname", path),
                    json.text(p, "MiddleName", path), json.text(p, "Lastname", path))));
        }
        String email = blankToNull(json.text(p, "Email", path));
        if (email == null) {
            String emailName = json.text(p, "EmailName", path);
            if (emailName != null && emailName.contains("@")) email = emailName;
        }
        return Party.of(name, email, null);
    }

    /** An Associate (agent): FullName, login Name; the carrier has no e-mail. */
    private Party associate(JsonNode a, String path) {
        Long id = json.longValue(a, "AssociateId", path);
        if (id != null && id == 0) return null; // an empty associate: nobody
        String full = blankToNull(json.text(a, "FullName", path));
        String login = blankToNull(json.text(a, "Name", path));
        return Party.of(full != null ? full : login, null, login);
    }

    private Party assignee(JsonNode t, String path) {
        JsonNode owner = t.get("OwnedBy");
        if (owner == null || owner.isNull()) return null;
        if (owner.isObject()) return associate(owner, path + ".OwnedBy");
        Long id = json.longValue(t, "OwnedBy", path);
        // flat carrier: 1 is the system user (unassigned), 0 nobody
        if (id == null || id == 0 || id == 1) return null;
        return Party.of(json.text(t, "OwnedByName", path), null, null);
    }

    private String queue(JsonNode t, String path) {
        JsonNode c = t.get("Category");
        if (c != null && c.isObject()) {
            String full = blankToNull(json.text(c, "Fullname", path + ".Category"));
            if (full == null) full = blankToNull(json.text(c, "FullName", path + ".Category"));
            return full != null ? full : blankToNull(json.text(c, "Name", path + ".Category"));
        }
        String full = blankToNull(json.text(t, "CategoryFullname", path));
        return full != null ? full : blankToNull(json.text(t, "CategoryName", path));
    }

    /** Tags[].Name, each once (SuperOffice may list a tag twice). */
    private List<String> tags(JsonNode t, String path) {
        Set<String> out = new LinkedHashSet<>();
        List<JsonNode> tags = json.list(t, "Tags", path);
        for (int i = 0; i < tags.size(); i++) {
            JsonNode tag = tags.get(i);
            if (tag.isContainerNode() && tag.isEmpty()) continue;
            String p = path + ".Tags[" + i + "]";
            String name = tag.isTextual() ? tag.asText() : json.text(json.requireObject(tag, p), "Name", p);
            if (name != null && !name.isBlank()) out.add(name.strip());
        }
        return new ArrayList<>(out);
    }

    private Map<String, String> customFields(JsonNode t, String path) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode fields = t.get("CustomFields");
        if (fields == null || fields.isNull() || (fields.isContainerNode() && fields.isEmpty())) return out;
        json.requireObject(fields, path + ".CustomFields");
        fields.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            // list fields and other structured values are kept as their JSON text, not dropped
            out.put(e.getKey(), v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString());
        });
        return out;
    }

    // ---- messages ----

    private Message message(JsonNode m, String path, Party requester) {
        boolean full = m.has("EjMessageId");
        Long id = json.longValue(m, full ? "EjMessageId" : "TicketMessageId", path);
        if (id == null) throw json.error(path + (full ? ".EjMessageId" : ".TicketMessageId"), "required value is missing");

        MessageKind kind = kind(m, path, requester);
        Party author = author(m, path, kind);

        String body = "";
        BodyFormat format = BodyFormat.TEXT;
        if (full) {
            String type = blankToNull(json.text(m, "Type", path));
            String html = blankToNull(json.text(m, "HtmlBody", path));
            String text = json.text(m, "Body", path);
            if (html != null && ("Html".equalsIgnoreCase(type) || text == null || text.isBlank())) {
                body = html;
                format = BodyFormat.HTML;
            } else {
                body = text == null ? "" : text;
            }
        }

        List<Attachment> attachments = new ArrayList<>();
        List<JsonNode> infos = json.list(m, "AttachmentsInfo", path);
        for (int i = 0; i < infos.size(); i++) {
            JsonNode a = infos.get(i);
            if (a.isContainerNode() && a.isEmpty()) continue;
            String p = path + ".AttachmentsInfo[" + i + "]";
            json.requireObject(a, p);
            Long attId = json.longValue(a, "AttachmentId", p);
            if (attId == null) throw json.error(p + ".AttachmentId", "required value is missing");
            attachments.add(new Attachment(Long.toString(attId), blankToNull(json.text(a, "Name", p)),
                    blankToNull(json.text(a, "ContentType", p)), json.longValue(a, "AttSize", p)));
        }
        return new Message(Long.toString(id), kind, author, body, format, time(m, "CreatedAt", path), attachments);
    }

    /**
     * SYSTEM for mail-system messages (MessageCategory Bounce/OutboxFailed); Slevel Internal → NOTE; an external
     * message is CUSTOMER when Badge says Incoming, AGENT when Badge says Reply/Forward/Outgoing, otherwise
     * CUSTOMER when a person is attached to it or its author is the ticket's requester, else AGENT.
     */
    private MessageKind kind(JsonNode m, String path, Party requester) {
        String category = json.text(m, "MessageCategory", path);
        if (category != null && SYSTEM_CATEGORIES.contains(category.strip().toLowerCase(Locale.ROOT))) {
            return MessageKind.SYSTEM;
        }
        String slevel = json.text(m, "Slevel", path);
        if (slevel != null && slevel.strip().equalsIgnoreCase("Internal")) return MessageKind.NOTE;
        String badge = blankToNull(json.text(m, "Badge", path));
        if (badge != null) {
            switch (badge.strip().toLowerCase(Locale.ROOT)) {
                case "incoming" -> { return MessageKind.CUSTOMER; }
                case "reply", "forward", "outgoing" -> { return MessageKind.AGENT; }
                default -> { } // Unknown, Comment: decide from the author
            }
        }
        JsonNode person = m.get("Person");
        if (person != null && person.isObject() && !person.isEmpty()) return MessageKind.CUSTOMER;
        Long personId = json.longValue(m, "PersonId", path);
        if (personId != null && personId > 0) return MessageKind.CUSTOMER;
        Party author = address(json.text(m, "Author", path));
        if (requester != null && author != null && requester.email() != null
                && requester.email().equalsIgnoreCase(author.email())) {
            return MessageKind.CUSTOMER;
        }
        return MessageKind.AGENT;
    }

    private Party author(JsonNode m, String path, MessageKind kind) {
        Party fromAuthor = address(json.text(m, "Author", path));
        Party person = null;
        JsonNode p = m.get("Person");
        if (p != null && p.isObject()) person = person(p, path + ".Person");
        if (person == null) person = Party.of(json.text(m, "PersonFullName", path), null, null);
        Party agent = null;
        JsonNode createdBy = m.get("CreatedBy");
        if (kind != MessageKind.CUSTOMER && createdBy != null && createdBy.isObject()) {
            agent = associate(createdBy, path + ".CreatedBy");
        }
        Party who = kind == MessageKind.CUSTOMER ? person : agent;
        String name = who != null && who.name() != null ? who.name() : fromAuthor == null ? null : fromAuthor.name();
        String email = who != null && who.email() != null ? who.email() : fromAuthor == null ? null : fromAuthor.email();
        return Party.of(name, email, who == null ? null : who.login());
    }

    // ---- helpers ----

    /** "a@b.c", "Name <a@b.c>", "\"Name\" <a@b.c>" or a plain name → party with name and/or e-mail. */
    static Party address(String s) {
        if (s == null || s.isBlank()) return null;
        Matcher m = NAME_AND_ADDRESS.matcher(s);
        if (m.matches()) return Party.of(m.group(1), m.group(2).strip(), null);
        String v = s.strip();
        return v.contains("@") && !v.contains(" ") ? Party.of(null, v, null) : Party.of(v, null, null);
    }

    private Instant time(JsonNode node, String field, String path) {
        String s = json.text(node, field, path);
        // .NET DateTime.MinValue stands for "not set"
        if (s == null || s.isBlank() || s.startsWith("0001-01-01")) return null;
        return json.isoTime(node, field, path, zone);
    }

    private static List<String> nonBlank(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) if (p != null && !p.isBlank()) out.add(p.strip());
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @SuppressWarnings("unchecked")
    private static <E> Map<String, E> orderedMap(Object... kv) {
        Map<String, E> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) out.put((String) kv[i], (E) kv[i + 1]);
        return java.util.Collections.unmodifiableMap(out);
    }
}
