package io.ticketbridge.connector.keliweb;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keliweb {@code POST api/v2/keliweb/get-ticket} (WHMCS GetTicket) → canonical ticket. Reads both the seed shape
 * (attachment names in {@code attachment}, joined by '|') and the newer WHMCS shape ({@code requestor_*},
 * {@code attachments[{filename,index}]} or {@code [[]]}, {@code attachments_removed}).
 */
public final class KeliwebTicketMapper implements TicketMapper {
    static final String VENDOR = "keliweb";

    /** WHMCS default statuses (Setup → Support → Ticket Statuses). Unknown (custom) statuses map to OPEN. */
    public static final Map<String, Status> DEFAULT_STATUSES = table(
            "Open", Status.NEW,                // new ticket, no staff answer yet
            "Customer-Reply", Status.OPEN,     // the customer wrote last: ball with the agents
            "In Progress", Status.OPEN,
            "Answered", Status.PENDING,        // staff wrote last: waiting for the customer
            "On Hold", Status.PENDING,
            "Closed", Status.CLOSED);
    public static final Status FALLBACK_STATUS = Status.OPEN;

    /** WHMCS priorities are Low|Medium|High; Urgent/Critical appear on customised installs. */
    public static final Map<String, Priority> DEFAULT_PRIORITIES = table(
            "Low", Priority.LOW,
            "Medium", Priority.NORMAL,
            "High", Priority.HIGH,
            "Urgent", Priority.URGENT,
            "Critical", Priority.URGENT);

    /** "Not set" in MySQL zero-date form; WHMCS sends it for lastreply of some imported tickets. */
    private static final Pattern ZERO_DATE = Pattern.compile("0000-00-00( 00:00(:00)?)?");
    /** WHMCS stores uploads as "<random digits>_<original name>". */
    private static final Pattern STORED_PREFIX = Pattern.compile("^\\d+_(?=.)");
    /** Bodies carry no format flag: HTML is recognised by common tags only, so "a < b" stays text. */
    private static final Pattern HTML_TAG = Pattern.compile(
            "(?i)<(p|br|div|span|b|i|u|s|strong|em|a|ul|ol|li|table|thead|tbody|tr|td|th|h[1-6]|code|pre|blockquote|img|hr|font|html|body)(\\s[^<>]*)?/?>"
                    + "|</(p|div|span|b|i|u|s|strong|em|a|ul|ol|li|table|tr|td|th|h[1-6]|code|pre|blockquote|font|html|body)>");

    private final JsonFields f = new JsonFields(VENDOR);
    private final ZoneId zone;
    private final Vocabulary<Status> statuses;
    private final Vocabulary<Priority> priorities;
    private final String baseUrl;

    public KeliwebTicketMapper(MapperSettings settings) {
        this.zone = settings.timeZone();
        this.statuses = new Vocabulary<>(DEFAULT_STATUSES, settings.statusOverrides(), FALLBACK_STATUS);
        this.priorities = new Vocabulary<>(DEFAULT_PRIORITIES, settings.priorityOverrides(), null);
        this.baseUrl = settings.baseUrl() == null || settings.baseUrl().isBlank() ? null : settings.baseUrl();
    }

    @Override
    public List<Ticket> map(JsonNode payload) {
        JsonNode t = f.requireObject(payload, "$");
        String result = f.text(t, "result", "$");
        if ("error".equalsIgnoreCase(result)) {
            String msg = f.text(t, "message", "$");
            throw f.error("$.result", "Keliweb answered an error: " + (msg == null ? "(no message)" : msg));
        }
        if (result != null && !"success".equalsIgnoreCase(result)) {
            throw f.error("$.result", "expected 'success' or 'error' but found '" + result + "'");
        }
        String id = digits(t, "ticketid", "$", true);
        TicketBuilder b = Ticket.builder(VENDOR, id);
        String tid = f.text(t, "tid", "$");
        b.ticketNumber(blankToNull(tid != null ? tid : f.text(t, "ticketnum", "$")));
        if (baseUrl != null) {
            b.url(baseUrl + "/api/v2/keliweb/get-ticket?ticketid=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        }
        b.subject(f.text(t, "subject", "$"));
        String status = f.text(t, "status", "$");
        Status canonicalStatus = statuses.map(status);
        b.status(canonicalStatus, status);
        String priority = f.text(t, "priority", "$");
        b.priority(priorities.map(priority), priority);

        String userid = f.text(t, "userid", "$");
        String contactid = f.text(t, "contactid", "$");
        Party requester = Party.of(f.text(t, "name", "$"), f.text(t, "email", "$"), null);
        if (requester == null) {
            requester = Party.of(f.text(t, "requestor_name", "$"), f.text(t, "requestor_email", "$"), null);
        }
        String flag = f.text(t, "flag", "$");
        // flag = id of the admin the ticket is flagged (assigned) to; "0" = nobody
        b.assignee(flag == null || flag.isBlank() || flag.strip().equals("0") ? null : Party.of(null, null, flag.strip()));
        b.queue(blankToNull(f.text(t, "deptname", "$")));
        b.customField("deptid", f.text(t, "deptid", "$"));
        b.customField("userid", userid);
        b.customField("contactid", contactid);
        b.customField("cc", blankToNull(f.text(t, "cc", "$")));
        b.customField("service", blankToNull(f.text(t, "service", "$")));

        Instant created = time(t, "date", "$");
        Instant lastReply = time(t, "lastreply", "$");
        b.createdAt(created);
        b.updatedAt(lastReply != null ? lastReply : created);
        // WHMCS keeps no closing time; the last reply is the latest moment the API shows for a closed ticket
        if (canonicalStatus == Status.CLOSED || canonicalStatus == Status.RESOLVED) {
            b.closedAt(lastReply != null ? lastReply : created);
        }

        List<JsonNode> replies = nested(t, "replies", "reply");
        List<Message> thread = new ArrayList<>();
        boolean sawOpening = false;
        for (int i = 0; i < replies.size(); i++) {
            String path = "$.replies.reply[" + i + "]";
            JsonNode r = f.requireObject(replies.get(i), path);
            Message m = reply(r, path, id, userid, contactid, requester);
            sawOpening |= m.id().equals("reply-0");
            thread.add(m);
        }
        if (requester == null && sawOpening) {
            // newer shape without ticket-level name/email: the opening message names the requester
            requester = replies.stream().filter(r -> "0".equals(f.text(r, "replyid", "$")))
                    .findFirst().map(r -> customerParty(r, "$")).orElse(null);
        }
        b.requester(requester);
        List<JsonNode> notes = nested(t, "notes", "note");
        for (int i = 0; i < notes.size(); i++) {
            String path = "$.notes.note[" + i + "]";
            thread.add(note(f.requireObject(notes.get(i), path), path));
        }
        // id order first (replies before notes), so messages with equal timestamps keep WHMCS's insertion order
        // whatever repliessort was; the builder then orders by time, stably
        thread.sort(Comparator.comparing((Message m) -> m.kind() == MessageKind.NOTE)
                .thenComparingLong(m -> Long.parseLong(m.id().substring(m.id().indexOf('-') + 1))));
        thread.forEach(b::message);
        return List.of(b.build());
    }

    /** {@code replies.reply[]} / {@code notes.note[]}: a single object counts as one; "", [] or null as none. */
    private List<JsonNode> nested(JsonNode t, String outer, String inner) {
        JsonNode o = t.get(outer);
        String path = "$." + outer;
        if (o == null || o.isNull() || (o.isTextual() && o.asText().isEmpty()) || (o.isContainerNode() && o.isEmpty())) {
            return List.of();
        }
        if (!o.isObject()) throw f.error(path, "expected an object holding '" + inner + "' but found " + JsonFields.describe(o));
        return f.list(o, inner, path);
    }

    private Message reply(JsonNode r, String path, String ticketId, String ticketUserId, String ticketContactId,
                          Party ticketRequester) {
        String replyId = digits(r, "replyid", path, true);
        String admin = blankToNull(f.text(r, "admin", path));
        String requestorType = f.text(r, "requestor_type", path);
        boolean staff = admin != null || "Operator".equalsIgnoreCase(requestorType == null ? "" : requestorType.strip());
        Party author;
        if (staff) {
            String name = admin != null ? admin : f.text(r, "requestor_name", path);
            author = Party.of(name, f.text(r, "email", path), null);
        } else {
            author = customerParty(r, path);
            // WHMCS leaves name/email empty on replies by the ticket's own client: they are the requester
            if (author == null && sameOwner(r, path, ticketUserId, ticketContactId)) author = ticketRequester;
        }
        String body = f.text(r, "message", path);
        // replyid 0 is the ticket itself: its files are fetched with type=ticket and the ticket id
        String owner = replyId.equals("0") ? "ticket:" + ticketId : "reply:" + replyId;
        return new Message("reply-" + replyId, staff ? MessageKind.AGENT : MessageKind.CUSTOMER, author, body,
                format(body), time(r, "date", path), attachments(r, path, owner));
    }

    private Message note(JsonNode n, String path) {
        // GetTicket says noteid, GetTicketNotes says id
        String noteId = n.has("noteid") ? digits(n, "noteid", path, true) : digits(n, "id", path, true);
        String body = f.text(n, "message", path);
        return new Message("note-" + noteId, MessageKind.NOTE, Party.of(f.text(n, "admin", path), null, null), body,
                format(body), time(n, "date", path), attachments(n, path, "note:" + noteId));
    }

    private Party customerParty(JsonNode r, String path) {
        Party p = Party.of(f.text(r, "name", path), f.text(r, "email", path), null);
        return p != null ? p : Party.of(f.text(r, "requestor_name", path), f.text(r, "requestor_email", path), null);
    }

    private boolean sameOwner(JsonNode r, String path, String ticketUserId, String ticketContactId) {
        String uid = f.text(r, "userid", path);
        String cid = f.text(r, "contactid", path);
        return uid != null && !uid.strip().equals("0") && uid.strip().equals(strip(ticketUserId))
                && strip(cid == null ? "0" : cid).equals(strip(ticketContactId == null ? "0" : ticketContactId));
    }

    /**
     * Attachment ids are "type:relatedid:index" — exactly what get-ticket-attachment needs. When WHMCS reports
     * {@code attachments_removed} the bytes are gone: the file is still listed, with a null id.
     */
    private List<Attachment> attachments(JsonNode m, String path, String owner) {
        boolean removed = f.bool(m, "attachments_removed", path);
        List<Attachment> out = new ArrayList<>();
        List<JsonNode> listed = f.list(m, "attachments", path);
        for (int i = 0; i < listed.size(); i++) {
            JsonNode a = listed.get(i);
            String ap = path + ".attachments[" + i + "]";
            if (a.isContainerNode() && a.isEmpty()) continue; // the [[]] quirk: "no attachments"
            if (!a.isObject()) throw f.error(ap, "expected an attachment object but found " + JsonFields.describe(a));
            String name = f.requiredText(a, "filename", ap);
            Long index = f.longValue(a, "index", ap);
            String idx = Long.toString(index == null ? i : index);
            out.add(new Attachment(removed ? null : owner + ":" + idx, name, null, null));
        }
        if (!out.isEmpty()) return out;
        String joined = f.text(m, "attachment", path);
        if (joined == null || joined.isBlank()) return out;
        String[] stored = joined.split("\\|");
        for (int i = 0; i < stored.length; i++) {
            if (stored[i].isBlank()) continue;
            String name = STORED_PREFIX.matcher(stored[i].strip()).replaceFirst("");
            out.add(new Attachment(removed ? null : owner + ":" + i, name, null, null));
        }
        return out;
    }

    private String digits(JsonNode n, String field, String path, boolean required) {
        String s = required ? f.requiredText(n, field, path) : f.text(n, field, path);
        if (s == null) return null;
        s = s.strip();
        if (!s.matches("\\d{1,19}")) throw f.error(path + "." + field, "expected a numeric id but found '" + s + "'");
        return s;
    }

    private Instant time(JsonNode n, String field, String path) {
        String s = f.text(n, field, path);
        if (s != null && ZERO_DATE.matcher(s.strip()).matches()) return null;
        return f.naiveTime(n, field, path, zone);
    }

    static BodyFormat format(String body) {
        return body != null && HTML_TAG.matcher(body).find() ? BodyFormat.HTML : BodyFormat.TEXT;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    @SuppressWarnings("unchecked")
    private static <E> Map<String, E> table(Object... kv) {
        Map<String, E> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (E) kv[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}
