package io.ticketbridge.connector.plusofon;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Plusofon payloads → canonical tickets. Two shapes are read, both as the API returns them:
 * <ul>
 *   <li>the <b>get-ticket</b> shape of {@code GET api/v1/ticket/{id}} (also returned by create and answer):
 *       {@code {"id","subject","date","status":bool,"unread_messages":bool,"posts":[...]}};</li>
 *   <li>the <b>list</b> shape of {@code GET api/v1/ticket}: Kayako XML converted to JSON, {@code {"ticket": {...}}}
 *       for one ticket and {@code {"ticket": [...]}} for several, every value a string, Unix times as strings and
 *       {@code []} for an empty string. List entries carry no posts, so those tickets have no messages.</li>
 * </ul>
 * A JSON array of either shape is accepted too. The API is the <em>customer side</em> of Plusofon's support desk:
 * the author of the first post is the account holder (requester); posts by that author id are CUSTOMER, all others
 * (e.g. "Оператор") AGENT.
 */
public final class PlusofonTicketMapper implements TicketMapper {

    /** Key suffixes that refine the active flag {@code "true"} by who wrote last (see {@link #DEFAULT_STATUS}). */
    public static final String NO_REPLY = "true:no-reply";
    public static final String AGENT_LAST = "true:agent-last";
    public static final String CUSTOMER_LAST = "true:customer-last";

    /**
     * Default status table. Get-ticket shape: the vendor only says active ({@code "true"}) or not ({@code "false"});
     * an active ticket is refined by its thread — no agent post yet → NEW, an agent wrote last → PENDING (waiting for
     * the customer), the customer wrote last after an agent → OPEN. The refined keys are looked up first, then the bare
     * value, so {@code true:agent-last=OPEN} turns the refinement off. List shape: Kayako {@code statusid}s, which
     * Plusofon does not publish: 1 Open, 2 On Hold, 3 Closed are Kayako's defaults; 4 is Plusofon's own — its one
     * sample has the operator as last replier, so it is read as "answered, waiting for the customer". Unknown → OPEN.
     */
    public static final Map<String, Status> DEFAULT_STATUS = orderedMap(
            "true", Status.OPEN,
            "false", Status.CLOSED,
            NO_REPLY, Status.NEW,
            AGENT_LAST, Status.PENDING,
            CUSTOMER_LAST, Status.OPEN,
            "1", Status.OPEN,
            "2", Status.PENDING,
            "3", Status.CLOSED,
            "4", Status.PENDING);

    /**
     * Default priority table (list shape only; the get-ticket shape has no priority): Kayako's default
     * {@code priorityid}s 1 Low, 2 Medium, 3 High, 4 Urgent, 5 Emergency, 6 Critical. Unknown → null (raw kept).
     */
    public static final Map<String, Priority> DEFAULT_PRIORITY = orderedMap(
            "1", Priority.LOW,
            "2", Priority.NORMAL,
            "3", Priority.HIGH,
            "4", Priority.URGENT,
            "5", Priority.URGENT,
            "6", Priority.URGENT);

    /** List-shape fields kept as custom fields (ids without published names, and the contract number). */
    static final List<String> LIST_CUSTOM_FIELDS = List.of("userorganization", "userorganizationid", "departmentid",
            "typeid", "userid", "ownerstaffid", "flagtype", "slaplanid", "isescalated", "templategroupname");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    // the API does not say whether a post is HTML; a known tag (opening, closing or self-closing) decides
    private static final Pattern HTML_TAG = Pattern.compile(
            "</?(p|br|div|span|b|i|u|s|em|strong|a|ul|ol|li|table|tr|td|th|thead|tbody|img|h[1-6]|code|pre|blockquote|hr|font)\\b[^>]*>",
            Pattern.CASE_INSENSITIVE);

    private final MapperSettings settings;
    private final String baseUrl;
    private final JsonFields f = new JsonFields(PlusofonConnector.ID);
    private final Vocabulary<Status> statuses;
    private final Vocabulary<Status> refinedStatuses;
    private final Vocabulary<Priority> priorities;

    public PlusofonTicketMapper(MapperSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.baseUrl = settings.baseUrl() == null || settings.baseUrl().isBlank() ? null : settings.baseUrl();
        this.statuses = new Vocabulary<>(DEFAULT_STATUS, settings.statusOverrides(), Status.OPEN);
        this.refinedStatuses = new Vocabulary<>(DEFAULT_STATUS, settings.statusOverrides(), null);
        this.priorities = new Vocabulary<>(DEFAULT_PRIORITY, settings.priorityOverrides(), null);
    }

    @Override
    public List<Ticket> map(JsonNode payload) {
        if (payload == null || payload.isNull() || payload.isMissingNode()) {
            throw f.error("$", "expected a Plusofon ticket or ticket list but found nothing");
        }
        List<Ticket> out = new ArrayList<>();
        if (payload.isArray()) {
            for (int i = 0; i < payload.size(); i++) {
                JsonNode item = payload.get(i);
                if (item.isContainerNode() && item.isEmpty()) continue; // [[]]: an XML-converted empty element
                out.add(mapEither(item, "$[" + i + "]"));
            }
            return out;
        }
        f.requireObject(payload, "$");
        if (payload.has("message") && payload.has("code") && !payload.has("id")) {
            throw f.error("$", "an error answer, not a ticket: " + PlusofonClient.describe(payload));
        }
        if (payload.has("ticket")) {
            JsonNode t = payload.get("ticket");
            List<JsonNode> items = f.list(payload, "ticket", "$");
            for (int i = 0; i < items.size(); i++) {
                JsonNode item = items.get(i);
                if (item.isContainerNode() && item.isEmpty()) continue;
                out.add(mapListItem(item, t.isArray() ? "$.ticket[" + i + "]" : "$.ticket"));
            }
            return out;
        }
        if (payload.isEmpty()) return out; // {}: how SimpleXML renders an empty <tickets/>
        out.add(mapEither(payload, "$"));
        return out;
    }

    private Ticket mapEither(JsonNode node, String path) {
        f.requireObject(node, path);
        return node.has("@attributes") ? mapListItem(node, path) : mapTicket(node, path);
    }

    // ---- get-ticket shape ----

    private Ticket mapTicket(JsonNode t, String path) {
        String id = f.requiredText(t, "id", path);
        TicketBuilder b = Ticket.builder(PlusofonConnector.ID, id).ticketNumber(id).url(url(id))
                .subject(f.text(t, "subject", path));
        Instant created = f.naiveTime(t, "date", path, settings.timeZone());
        b.createdAt(created);

        JsonNode postsNode = t.get("posts");
        List<JsonNode> posts = f.list(t, "posts", path);
        String postsPath = postsNode != null && postsNode.isArray() ? path + ".posts[%d]" : path + ".posts";
        List<Post> read = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            JsonNode p = posts.get(i);
            if (p.isContainerNode() && p.isEmpty()) continue;
            read.add(readPost(p, String.format(postsPath, i)));
        }
        // the account holder opened the ticket: the oldest post's author (array order breaks ties)
        Post first = read.stream().filter(p -> p.at != null)
                .min((x, y) -> x.at.compareTo(y.at)).orElse(read.isEmpty() ? null : read.get(0));
        String owner = first == null ? null : first.authorKey();
        if (first != null) b.requester(first.party());

        Instant updated = created;
        Post last = null;
        boolean agentSeen = false;
        for (Post p : read) {
            MessageKind kind = p.authorKey() == null ? MessageKind.SYSTEM
                    : p.authorKey().equals(owner) ? MessageKind.CUSTOMER : MessageKind.AGENT;
            if (kind == MessageKind.AGENT) agentSeen = true;
            b.message(new Message(p.id, kind, p.party(), p.text, isHtml(p.text) ? BodyFormat.HTML : BodyFormat.TEXT,
                    p.at, p.attachments));
            if (p.at != null && (updated == null || !p.at.isBefore(updated))) updated = p.at;
            if (kind != MessageKind.SYSTEM && (last == null || later(p, last))) last = p;
        }
        b.updatedAt(updated);

        Boolean activeFlag = flag(t, "status", path);
        if (activeFlag == null) throw f.error(path + ".status", "required value is missing");
        boolean active = activeFlag;
        String raw = Boolean.toString(active);
        Status status = statuses.map(raw);
        if (active) {
            String refinement = !agentSeen ? NO_REPLY
                    : last != null && !Objects.equals(last.authorKey(), owner) ? AGENT_LAST : CUSTOMER_LAST;
            Status refined = refinedStatuses.map(refinement);
            if (refined != null) status = refined;
        }
        b.status(status, raw);
        if (status == Status.CLOSED || status == Status.RESOLVED) b.closedAt(updated); // no close time is sent
        Boolean unread = flag(t, "unread_messages", path);
        if (unread != null) b.customField("unread_messages", unread.toString());
        return b.build();
    }

    /** Later in time; equal or unknown times fall back to array order (the later one wins). */
    private static boolean later(Post p, Post than) {
        if (p.at == null || than.at == null) return true;
        return !p.at.isBefore(than.at);
    }

    private record Post(String id, Instant at, String text, String authorId, String authorName,
                        List<Attachment> attachments) {
        String authorKey() {
            return authorId != null ? "id:" + authorId : authorName != null ? "name:" + authorName : null;
        }

        Party party() {
            return authorParty(authorName);
        }
    }

    private Post readPost(JsonNode p, String path) {
        f.requireObject(p, path);
        String id = f.requiredText(p, "id", path);
        Instant at = f.naiveTime(p, "date", path, settings.timeZone());
        String text = f.text(p, "text", path);
        JsonNode author = p.get("author");
        String authorId = null;
        String authorName = null;
        if (author != null && !author.isNull() && !(author.isContainerNode() && author.isEmpty())) {
            f.requireObject(author, path + ".author");
            authorId = blankToNull(f.text(author, "id", path + ".author"));
            authorName = blankToNull(f.text(author, "name", path + ".author"));
        }
        List<Attachment> attachments = new ArrayList<>();
        JsonNode attNode = p.get("attachments");
        List<JsonNode> items = f.list(p, "attachments", path);
        for (int i = 0; i < items.size(); i++) {
            String ap = attNode != null && attNode.isArray() ? path + ".attachments[" + i + "]" : path + ".attachments";
            Attachment a = readAttachment(items.get(i), ap);
            if (a != null) attachments.add(a);
        }
        return new Post(id, at, text, authorId, authorName, attachments);
    }

    /**
     * The attachment item shape is not documented; the sandbox sends {@code {"id","name","size","type"}} and Kayako's
     * own names ({@code filename}, {@code filesize}, {@code filetype}) are accepted too. A bare string is a file name.
     */
    private Attachment readAttachment(JsonNode a, String path) {
        if (a.isContainerNode() && a.isEmpty()) return null;
        if (a.isTextual()) return a.asText().isBlank() ? null : new Attachment(a.asText(), a.asText(), null, null);
        f.requireObject(a, path);
        String name = firstText(a, path, "name", "filename");
        String id = firstText(a, path, "id", "attachmentid");
        if (id == null) id = name;
        if (id == null) throw f.error(path, "attachment has neither id nor name");
        Long size = a.has("size") ? f.longValue(a, "size", path) : f.longValue(a, "filesize", path);
        return new Attachment(id, name, firstText(a, path, "type", "filetype"), size);
    }

    /** A boolean; null when missing, null or an XML-converted empty ({@code []}, {@code {}}). */
    private Boolean flag(JsonNode node, String field, String path) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull() || (n.isContainerNode() && n.isEmpty())) return null;
        return f.bool(node, field, path);
    }

    private String firstText(JsonNode node, String path, String... fields) {
        for (String field : fields) {
            String v = blankToNull(f.text(node, field, path));
            if (v != null) return v;
        }
        return null;
    }

    // ---- list shape (Kayako XML → JSON) ----

    private Ticket mapListItem(JsonNode t, String path) {
        f.requireObject(t, path);
        JsonNode attrs = t.get("@attributes");
        String id = attrs != null && attrs.isObject() ? blankToNull(f.text(attrs, "id", path + ".@attributes")) : null;
        if (id == null) id = blankToNull(f.text(t, "id", path));
        if (id == null) throw f.error(path + ".@attributes.id", "required value is missing");
        String number = blankToNull(f.text(t, "displayid", path));
        TicketBuilder b = Ticket.builder(PlusofonConnector.ID, id).ticketNumber(number == null ? id : number)
                .url(url(id)).subject(f.text(t, "subject", path));

        String statusRaw = blankToNull(f.text(t, "statusid", path));
        Status status = statuses.map(statusRaw);
        b.status(status, statusRaw);
        String priorityRaw = blankToNull(f.text(t, "priorityid", path));
        b.priority(priorities.map(priorityRaw), priorityRaw);

        String fullname = blankToNull(f.text(t, "fullname", path));
        String email = blankToNull(f.text(t, "email", path));
        b.requester(Party.of(fullname, email != null ? email : emailOrNull(fullname), null));
        String staff = blankToNull(f.text(t, "ownerstaffname", path));
        if (staff != null) b.assignee(Party.of(staff, null, null));
        b.queue(blankToNull(f.text(t, "departmentid", path)));
        String tags = f.text(t, "tags", path);
        if (tags != null) for (String tag : tags.split(",")) b.tag(tag);
        for (String field : LIST_CUSTOM_FIELDS) {
            // flagtype is an XML attribute: it sits under @attributes
            boolean attribute = field.equals("flagtype");
            JsonNode holder = attribute ? attrs : t;
            String holderPath = attribute ? path + ".@attributes" : path;
            if (holder != null && holder.isObject() && holder.has(field)) {
                b.customField(field, blankToNull(f.text(holder, field, holderPath)));
            }
        }

        Instant created = f.epochTime(t, "creationtime", path);
        Instant updated = f.epochTime(t, "lastactivity", path);
        b.createdAt(created).updatedAt(updated == null ? created : updated);
        if (status == Status.CLOSED || status == Status.RESOLVED) b.closedAt(updated == null ? created : updated);
        return b.build();
    }

    // ---- helpers ----

    private String url(String id) {
        return baseUrl == null ? null : baseUrl + "/api/v1/ticket/" + id;
    }

    /** Plusofon shows the account holder by e-mail ("имя или эл. адрес"): the value is the name, and the e-mail too. */
    static Party authorParty(String name) {
        return Party.of(name, emailOrNull(name), null);
    }

    static String emailOrNull(String s) {
        return s != null && EMAIL.matcher(s.strip()).matches() ? s.strip() : null;
    }

    static boolean isHtml(String text) {
        return text != null && HTML_TAG.matcher(text).find();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @SuppressWarnings("unchecked")
    private static <E> Map<String, E> orderedMap(Object... kv) {
        Map<String, E> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (E) kv[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}
