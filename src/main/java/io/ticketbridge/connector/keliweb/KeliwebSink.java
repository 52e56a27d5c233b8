package io.ticketbridge.connector.keliweb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.HtmlText;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorHttp;
import io.ticketbridge.connector.VendorSink;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes canonical tickets into Keliweb (customer/reseller API v2 over WHMCS):
 * <ul>
 *   <li>{@code open-ticket}: department {@code deptId}, subject, the opening message, requester {@code name} +
 *       {@code email}, priority Low|Medium|High, attachments → {@code {result,id,tid,c}};</li>
 *   <li>CUSTOMER → {@code add-ticket-reply} as the client (author's {@code name}/{@code email} when known);
 *       AGENT → {@code add-ticket-reply} with {@code adminusername} only when {@code adminUsername} is set
 *       (WHMCS semantics; Keliweb documents no such field), else by {@code unsupportedPolicy} as a marked
 *       customer reply; NOTE → {@code add-ticket-note} (WHMCS AddTicketNote, inferred) unless
 *       {@code internalNotes=false}; SYSTEM → by {@code unsupportedPolicy} (a marked note, or a marked reply);</li>
 *   <li>status → {@code update-ticket status} through {@code statusMap}.</li>
 * </ul>
 * Bodies are plain text in Keliweb: HTML is converted to readable text ({@code markdown=true}: to Markdown, sent
 * with WHMCS's {@code markdown} flag). WHMCS answers replies and notes with {@code result} only, so their target
 * ids are recorded as null; the opening message is always {@code reply-0} (WHMCS keeps it on the ticket).
 */
public class KeliwebSink extends VendorSink {
    private static final Logger LOG = LoggerFactory.getLogger(KeliwebSink.class);
    private static final Connector VENDOR = new KeliwebConnector();
    /** What the opening message is called when read back (replyid 0 = the ticket itself). */
    static final String OPENING_MESSAGE_ID = "reply-0";

    static final Map<Status, String> DEFAULT_STATUSES = defaults(Status.class,
            Status.NEW, "Open", Status.OPEN, "Customer-Reply", Status.PENDING, "Answered",
            Status.RESOLVED, "Closed", Status.CLOSED, "Closed");
    static final Map<Priority, String> DEFAULT_PRIORITIES = defaults(Priority.class,
            Priority.LOW, "Low", Priority.NORMAL, "Medium", Priority.HIGH, "High", Priority.URGENT, "High");

    /** WHMCS's fixed priority list (OpenTicket/UpdateTicket refuse anything else). */
    static final List<String> WHMCS_PRIORITIES = List.of("Low", "Medium", "High");

    private String deptId = "1";
    private String adminUsername = "";
    private boolean internalNotes = true;
    private boolean markdown;
    private boolean preserveDates = true;
    private String timeZone = KeliwebConnector.DEFAULT_ZONE.getId();
    private Map<Status, String> statuses = DEFAULT_STATUSES;
    private Map<Priority, String> priorities = DEFAULT_PRIORITIES;
    private String statusMap = "";
    private String priorityMap = "";
    private final KeliwebSettings settings = new KeliwebSettings();
    private final KeliwebClient client = new KeliwebClient(settings);

    @Override
    public KeliwebSettings settings() {
        return settings;
    }

    @Override
    public Connector vendor() {
        return VENDOR;
    }

    /** An in-doubt open-ticket is found by subject and opening message among the account's tickets. */
    @Override
    protected KeliwebSource readBack() {
        KeliwebSource s = new KeliwebSource(settings);
        s.setBaseUrl(getBaseUrl());
        s.setTimeZone(getTimeZone());
        return s;
    }

    private static String source(Ticket ticket) {
        return "Source: " + ticket.source().system() + " ticket "
                + (ticket.source().ticketNumber() != null ? ticket.source().ticketNumber() : ticket.source().ticketId());
    }

    /** The opening message's "[Source: …]" line (text policy). */
    @Override
    protected String sourceMark(Ticket ticket) {
        return textPolicy() ? source(ticket) : null;
    }

    @Override
    protected boolean backDates() {
        return preserveDates;
    }

    /**
     * preserveDates back-dates what it writes, so "changed since the intent" would miss it: the candidates are the
     * tickets get-tickets finds by subject (WHMCS's subject filter), whatever their dates.
     */
    @Override
    protected List<String> createdCandidates(VendorHttp http, Ticket ticket, java.time.Instant asked) {
        if (!preserveDates) return super.createdCandidates(http, ticket, asked);
        String subject = ticket.subject() == null || ticket.subject().isBlank() ? "(no subject)" : ticket.subject().strip();
        return ((KeliwebSource) reader()).listRows(http, Map.of("subject", subject)).stream().map(KeliwebSource.Row::id).toList();
    }

    @Override
    protected Set<MessageKind> nativeKinds() {
        Set<MessageKind> kinds = EnumSet.of(MessageKind.CUSTOMER);
        if (!adminUsername.isBlank()) kinds.add(MessageKind.AGENT);
        if (internalNotes) kinds.add(MessageKind.NOTE);
        return kinds;
    }

    @Override
    protected MessageKind fallbackKind(MessageKind kind) {
        // a system event is internal by nature: a note when notes can be written, else a (marked) reply
        if (kind == MessageKind.SYSTEM && internalNotes) return MessageKind.NOTE;
        return MessageKind.CUSTOMER;
    }

    @Override
    protected Created createTicket(VendorHttp http, Ticket ticket, Message opening) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("deptid", deptId.strip());
        form.put("subject", ticket.subject() == null || ticket.subject().isBlank() ? "(no subject)" : ticket.subject().strip());
        List<String> details = new ArrayList<>();
        Party requester = ticket.requester();
        if (requester != null && requester.email() != null) {
            form.put("name", requester.name() != null ? requester.name() : requester.email());
            form.put("email", requester.email());
        } else if (requester != null) {
            // WHMCS wants name and email together; without an email the ticket is the account's own
            details.add("[Requester: " + (requester.name() != null ? requester.name() : requester.login()) + "]");
        }
        if (ticket.priority() != null) {
            String written = priorities.get(ticket.priority());
            form.put("priority", written);
            if (KeliwebTicketMapper.DEFAULT_PRIORITIES.get(written) != ticket.priority()) {
                details.add("[Priority: " + ticket.priority() + (ticket.priorityRaw() == null ? "" : " (" + ticket.priorityRaw() + ")") + "]");
            }
        }
        if (!ticket.tags().isEmpty()) details.add("[Tags: " + String.join(", ", ticket.tags()) + "]");
        details.add("[" + source(ticket) + (ticket.createdAt() == null ? "" : ", created " + ticket.createdAt()) + "]");
        String head = textPolicy() ? String.join("\n", details) : "";
        if (!textPolicy()) {
            LOG.info("keliweb: ticket {} of {}: not written (unsupportedPolicy=skip): {}", ticket.source().ticketId(),
                    ticket.source().system(), details);
        }
        String body;
        List<Attachment> attachments = List.of();
        if (opening == null) {
            body = ticket.subject() == null || ticket.subject().isBlank() ? "(no message)" : ticket.subject().strip();
        } else {
            // open-ticket writes the client's message: anything else keeps a line saying what it was
            String kindLine = opening.kind() == MessageKind.CUSTOMER ? "" : marker(opening) + "\n\n";
            body = kindLine + text(opening, ticket);
            attachments = opening.attachments();
        }
        form.put("message", head.isEmpty() ? body : head + "\n\n" + body);
        putCreated(form, ticket.createdAt() != null ? ticket.createdAt() : opening == null ? null : opening.createdAt());
        putCommon(form, attachments);
        var answer = client.call(http, "open-ticket", form);
        String id = answer.path("id").asText("").strip();
        if (!id.matches("\\d{1,19}")) {
            throw new VendorCallException(http.vendor(), "POST " + KeliwebClient.API + "open-ticket: answer has no ticket id", null);
        }
        return new Created(id, opening == null ? null : OPENING_MESSAGE_ID);
    }

    @Override
    protected String appendMessage(VendorHttp http, String targetTicketId, Ticket ticket, Message message) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ticketid", targetTicketId);
        form.put("message", text(message, ticket));
        putCreated(form, message.createdAt());
        if (message.kind() == MessageKind.NOTE) {
            putCommon(form, message.attachments());
            client.call(http, "add-ticket-note", form);
            return null; // AddTicketNote answers {result} only
        }
        if (message.kind() == MessageKind.AGENT) {
            form.put("adminusername", adminUsername.strip());
        } else {
            Party a = message.author();
            if (a != null && a.email() != null) {
                form.put("name", a.name() != null ? a.name() : a.email());
                form.put("email", a.email());
            }
        }
        // WHMCS sets a status after every reply (Customer-Reply / Answered): keep the ticket's own instead
        if (isUpdateStatus() && ticket.status() != null) form.put("status", statuses.get(ticket.status()));
        putCommon(form, message.attachments());
        client.call(http, "add-ticket-reply", form);
        // AddTicketReply answers {result} only; reading the ticket back to guess the id would race other writers
        return null;
    }

    @Override
    protected boolean writeStatus(VendorHttp http, String targetTicketId, Ticket ticket) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ticketid", targetTicketId);
        form.put("status", statuses.get(ticket.status()));
        client.call(http, "update-ticket", form);
        return true;
    }

    /** The body as Keliweb text, plus a line per attachment that has no bytes to upload (text policy). */
    private String text(Message m, Ticket ticket) {
        String body = m.bodyFormat() == BodyFormat.HTML ? HtmlText.toText(m.body(), HtmlText.Style.PLAIN.withMarkdown(markdown)) : m.body();
        List<String> missing = m.attachments().stream().filter(a -> a.content() == null).map(Attachment::fileName).toList();
        if (!missing.isEmpty()) {
            if (textPolicy()) {
                body = body + (body.isBlank() ? "" : "\n\n") + String.join("\n",
                        missing.stream().map(n -> "[Attachment not transferred: " + n + "]").toList());
            } else {
                LOG.info("keliweb: message {} of {} ticket {}: attachments without bytes not written: {}", m.id(),
                        ticket.source().system(), ticket.source().ticketId(), missing);
            }
        }
        // every write action requires a message
        return body.isBlank() ? "(no text)" : body;
    }

    /**
     * WHMCS {@code created}: the original time, so the thread keeps its order and dates in Keliweb (replies and
     * notes written in the same second would otherwise read back replies first).
     */
    private void putCreated(Map<String, String> form, java.time.Instant at) {
        if (!preserveDates || at == null) return;
        form.put("created", java.time.LocalDateTime.ofInstant(at, java.time.ZoneId.of(timeZone)).withNano(0)
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")));
    }

    private void putCommon(Map<String, String> form, List<Attachment> attachments) {
        if (markdown) form.put("markdown", "true");
        String encoded = encodeAttachments(attachments);
        if (encoded != null) form.put("attachments", encoded);
    }

    /** base64(JSON [{name, data(base64)}]) of the attachments that carry bytes; null when none does. */
    static String encodeAttachments(List<Attachment> attachments) {
        ArrayNode list = TicketJson.mapper().createArrayNode();
        for (Attachment a : attachments) {
            if (a.content() == null) continue;
            String name = a.fileName() == null || a.fileName().isBlank() ? "attachment" : a.fileName();
            list.addObject().put("name", name).put("data", Base64.getEncoder().encodeToString(a.content()));
        }
        if (list.isEmpty()) return null;
        return Base64.getEncoder().encodeToString(list.toString().getBytes(StandardCharsets.UTF_8));
    }

    private boolean textPolicy() {
        return "text".equalsIgnoreCase(getUnsupportedPolicy());
    }

    /** "RESOLVED=Closed,OPEN=In Progress" over the defaults; a bad entry fails fast, naming it. */
    static <E extends Enum<E>> Map<E, String> table(String spec, Map<E, String> defaults, Class<E> type, String what) {
        Map<E, String> out = new EnumMap<>(defaults);
        if (spec == null || spec.isBlank()) return out;
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) continue;
            int eq = entry.indexOf('=');
            String key = eq <= 0 ? "" : entry.substring(0, eq).strip().toUpperCase(Locale.ROOT);
            String value = eq <= 0 ? "" : entry.substring(eq + 1).strip();
            E e;
            try {
                e = Enum.valueOf(type, key);
            } catch (IllegalArgumentException ex) {
                e = null;
            }
            if (e == null || value.isEmpty()) {
                throw new IllegalArgumentException("bad " + what + " entry '" + entry.strip() + "': expected "
                        + String.join("|", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList())
                        + "=<Keliweb value>");
            }
            out.put(e, value);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Enum<E>> Map<E, String> defaults(Class<E> type, Object... kv) {
        Map<E, String> m = new EnumMap<>(type);
        for (int i = 0; i < kv.length; i += 2) m.put((E) kv[i], (String) kv[i + 1]);
        return java.util.Collections.unmodifiableMap(m);
    }

    @Override
    protected String accountUser() {
        return settings.user();
    }

    // ---- Kamelet-bound properties ----

    public String getDeptId() { return deptId; }

    public void setDeptId(String deptId) {
        if (deptId == null || !deptId.strip().matches("\\d{1,9}")) {
            throw new IllegalArgumentException("keliweb: deptId must be a numeric department id, got '" + deptId + "'");
        }
        this.deptId = deptId.strip();
    }

    public String getAdminUsername() { return adminUsername; }
    public boolean isPreserveDates() { return preserveDates; }
    public void setPreserveDates(boolean preserveDates) { this.preserveDates = preserveDates; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { java.time.ZoneId.of(timeZone); this.timeZone = timeZone; }
    public void setAdminUsername(String adminUsername) { this.adminUsername = adminUsername == null ? "" : adminUsername; }
    public boolean isInternalNotes() { return internalNotes; }
    public void setInternalNotes(boolean internalNotes) { this.internalNotes = internalNotes; }
    public boolean isMarkdown() { return markdown; }
    public void setMarkdown(boolean markdown) { this.markdown = markdown; }
    public String getStatusMap() { return statusMap; }

    public void setStatusMap(String statusMap) {
        this.statuses = table(statusMap, DEFAULT_STATUSES, Status.class, "statusMap");
        this.statusMap = statusMap;
    }

    public String getPriorityMap() { return priorityMap; }

    public void setPriorityMap(String priorityMap) {
        Map<Priority, String> p = table(priorityMap, DEFAULT_PRIORITIES, Priority.class, "priorityMap");
        for (var e : p.entrySet()) {
            if (WHMCS_PRIORITIES.stream().noneMatch(e.getValue()::equalsIgnoreCase)) {
                throw new IllegalArgumentException("bad priorityMap entry '" + e.getKey() + "=" + e.getValue()
                        + "': Keliweb priorities are " + String.join("|", WHMCS_PRIORITIES));
            }
        }
        this.priorities = p;
        this.priorityMap = priorityMap;
    }
}
