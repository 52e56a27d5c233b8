package io.ticketbridge.connector.thulium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.JsonFields;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorHttp;
import io.ticketbridge.connector.VendorSink;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.ticketbridge.canonical.Status;
import java.util.EnumMap;
import java.util.regex.Pattern;

/**
 * The Thulium write side for the {@code thulium-sink} Kamelet (HTTP Basic, JSON):
 * <ul>
 *   <li>create: {@code POST /api/tickets} — {@code to} = the queue mailbox, {@code from} = the requester's e-mail,
 *       subject, the opening message as {@code body} ({@code direction: in_behalf_of} for a customer message,
 *       {@code out} + {@code user_login} for an agent one), attachments uploaded first with
 *       {@code POST /api/temporary_files} and passed as tokens, {@code tags[]} (the ticket's tags plus
 *       {@code priority:<P>}: Thulium has no priority) and an internal {@code comment} saying where the ticket came
 *       from (fields Thulium cannot hold: priority, requester name, assignee, source id);</li>
 *   <li>further messages: AGENT → {@code POST /api/tickets/:id/agent_response} (with attachments), CUSTOMER →
 *       {@code customer_response} (takes no attachments: they follow {@code unsupportedPolicy});</li>
 *   <li>NOTE and SYSTEM: Thulium documents no call that adds an internal comment to an existing ticket, and the
 *       only kinds it can add are an agent reply (e-mailed to the customer) and a customer message. So by default
 *       they are <b>skipped</b> (recorded as skipped in the id map and logged) — never turned into an e-mail to the
 *       customer unasked. {@code noteFallback}/{@code systemFallback} = {@code customer} writes them as a customer
 *       message with the marker line (kept in the thread, not e-mailed); {@code agent} as an agent reply (e-mailed!);</li>
 *   <li>status: {@code PUT /api/tickets/:id} with {@code status_id}/{@code substatus_id} from {@code statusIds}.</li>
 * </ul>
 * Messages carry the time of the import: the create call takes no date, and dating later replies in the past would
 * sort them before the opening message.
 */
public class ThuliumSink extends VendorSink {
    private static final Logger LOG = LoggerFactory.getLogger(ThuliumSink.class);
    private static final ThuliumConnector VENDOR = new ThuliumConnector();
    private static final String JSON = "application/json; charset=utf-8";
    /** The sandbox tenant's first queue mailbox and one of its agents: what works out of the box against it. */
    public static final String SANDBOX_MAILBOX = "wsparcie@example.pl";
    public static final String SANDBOX_AGENT = "akowalski";

    private final ThuliumSettings settings = new ThuliumSettings();
    private final ThuliumClient client = new ThuliumClient(settings);
    private String mailbox = SANDBOX_MAILBOX;
    private String queueId = "";
    private String agentLogin = SANDBOX_AGENT;
    private String agentLoginMap = "";
    private String statusIds = StatusIds.DEFAULT;
    private String noteFallback = "none";
    private String systemFallback = "none";
    private boolean openingComment = true;
    private String requesterFallback = "unknown-requester@ticketbridge.invalid";
    private volatile StatusIds statusTable;
    /** Author logins the tenant refused ("User x does not exist."): the default agent writes for them. */
    private final Set<String> unknownLogins = ConcurrentHashMap.newKeySet();
    /** Set while one delivery runs: whether it appended a message (Thulium then moves the status itself). */
    private final ThreadLocal<boolean[]> appended = new ThreadLocal<>();

    @Override
    public ThuliumSettings settings() {
        return settings;
    }

    @Override
    public Connector vendor() {
        return VENDOR;
    }

    /** An in-doubt create is found among tickets updated since (GET /api/tickets?date_from=) by subject and body. */
    @Override
    protected ThuliumSource readBack() {
        ThuliumSource s = new ThuliumSource(settings);
        s.setBaseUrl(getBaseUrl());
        return s;
    }

    @Override
    protected Set<MessageKind> nativeKinds() {
        return EnumSet.of(MessageKind.CUSTOMER, MessageKind.AGENT);
    }

    @Override
    protected MessageKind fallbackKind(MessageKind kind) {
        return switch (kind) {
            case CUSTOMER, AGENT -> kind;
            case NOTE -> fallback("noteFallback", noteFallback);
            case SYSTEM -> fallback("systemFallback", systemFallback);
        };
    }

    private static MessageKind fallback(String property, String value) {
        return switch (value == null ? "" : value.strip().toLowerCase(Locale.ROOT)) {
            case "none", "" -> null;
            case "customer" -> MessageKind.CUSTOMER;
            case "agent" -> MessageKind.AGENT;
            default -> throw new IllegalArgumentException(property + " must be none, customer or agent, got '" + value + "'");
        };
    }

    // ---- delivery ----

    /**
     * Thulium moves a ticket's status itself when a message is added (a reply → waiting for the customer, a
     * customer message → new). When this delivery appended messages but the canonical status did not change (so the
     * base does not write it), the status is written again so the target does not drift from the source.
     */
    @Override
    public void deliver(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        Ticket ticket = body instanceof Ticket t ? t : TicketJson.read(exchange.getIn().getBody(String.class));
        exchange.getIn().setBody(ticket);
        String before = ticket.status() == null ? null : store(exchange)
                .lastStatus(stateKey(), ticket.source().system(), ticket.source().ticketId()).orElse(null);
        boolean[] flag = {false};
        appended.set(flag);
        try {
            super.deliver(exchange);
        } finally {
            appended.remove();
        }
        if (flag[0] && isUpdateStatus() && ticket.status() != null && ticket.status().name().equals(before)) {
            writeStatus(http(exchange), exchange.getIn().getHeader("TicketBridgeTargetTicketId", String.class), ticket);
        }
    }

    @Override
    protected Created createTicket(VendorHttp http, Ticket ticket, Message opening) {
        ObjectNode req = TicketJson.mapper().createObjectNode();
        req.put("to", required("mailbox", mailbox));
        if (queueId != null && !queueId.isBlank()) req.put("ticket_queue_id", queueId.strip());
        req.put("from", requesterAddress(ticket.requester()));
        req.put("subject", ticket.subject() == null || ticket.subject().isBlank() ? "(no subject)" : ticket.subject());
        List<String> problems = new ArrayList<>();
        if (opening == null) {
            req.put("body", "(no message)");
        } else {
            req.put("body", bodyWithUncarried(opening, List.of()));
            tokens(req, upload(http, opening, problems));
        }
        if (openingComment) req.put("comment", provenance(ticket));
        ArrayNode tags = req.putArray("tags");
        ticket.tags().forEach(tags::add);
        if (ticket.priority() != null) tags.add("priority:" + ticket.priority().name());
        String assignee = mappedLogin(ticket.assignee());
        boolean agentOpening = opening != null && opening.kind() == MessageKind.AGENT;
        if (agentOpening) req.put("direction", "out");
        if (!problems.isEmpty()) req.put("body", withMarkers(req.get("body").asText(), opening, problems));

        VendorHttp.Response r;
        if (agentOpening) {
            // direction out: user_login is the author of the opening reply
            r = withAgent(opening.author(), login -> {
                req.put("user_login", login);
                return http.call("POST", "/api/tickets", null, client.headers(), JSON, req.toString());
            });
        } else {
            if (assignee != null) req.put("user_login", assignee);
            r = http.call("POST", "/api/tickets", null, client.headers(), JSON, req.toString());
        }
        ThuliumClient.requireOk(http, r, "POST /api/tickets");
        JsonNode res = parse(r.body(), "POST /api/tickets");
        Long id = new JsonFields(ThuliumConnector.ID).longValue(res, "ticket_id", "$");
        if (id == null || id <= 0) throw new VendorCallException(ThuliumConnector.ID, "POST /api/tickets: the answer has no ticket_id", null);
        return new Created(Long.toString(id), null);
    }

    @Override
    protected String appendMessage(VendorHttp http, String targetTicketId, Ticket ticket, Message message) {
        boolean[] flag = appended.get();
        if (flag != null) flag[0] = true;
        String id = ThuliumSource.safeTicketId(targetTicketId);
        ObjectNode req = TicketJson.mapper().createObjectNode();
        req.put("body_type", message.bodyFormat() == BodyFormat.HTML ? "HTML" : "PLAIN");
        List<String> problems = new ArrayList<>();
        if (message.kind() == MessageKind.AGENT) {
            String path = "/api/tickets/" + id + "/agent_response";
            req.put("body", bodyWithUncarried(message, List.of()));
            tokens(req, upload(http, message, problems));
            if (!problems.isEmpty()) req.put("body", withMarkers(req.get("body").asText(), message, problems));
            ThuliumClient.requireOk(http, withAgent(message.author(), login -> {
                req.put("user_login", login);
                return http.call("POST", path, null, client.headers(), JSON, req.toString());
            }), "POST " + path);
        } else {
            // customer_response documents body, body_type and date only: attachments cannot go with it
            String path = "/api/tickets/" + id + "/customer_response";
            req.put("body", bodyWithUncarried(message, message.attachments()));
            ThuliumClient.requireOk(http, http.call("POST", path, null, client.headers(), JSON, req.toString()), "POST " + path);
        }
        return null; // neither call answers with the new message's id
    }

    @Override
    protected boolean writeStatus(VendorHttp http, String targetTicketId, Ticket ticket) {
        StatusIds.Target t = statusTable().target(ticket.status());
        if (t == null) {
            LOG.info("thulium: status {} of {} ticket {} not written: statusIds has no entry for it", ticket.status(),
                    ticket.source().system(), ticket.source().ticketId());
            return false;
        }
        String path = "/api/tickets/" + ThuliumSource.safeTicketId(targetTicketId);
        ObjectNode req = TicketJson.mapper().createObjectNode();
        req.put("status_id", t.statusId());
        if (t.subStatusId() != null) req.put("substatus_id", t.subStatusId());
        ThuliumClient.requireOk(http, http.call("PUT", path, null, client.headers(), JSON, req.toString()), "PUT " + path);
        return true;
    }

    // ---- pieces ----

    /**
     * Uploads the message's attachments that carry bytes; returns their tokens. An attachment without bytes (the
     * source did not download it) is named in {@code problems} for the marker line.
     */
    private List<String> upload(VendorHttp http, Message m, List<String> problems) {
        List<String> tokens = new ArrayList<>();
        int n = 0;
        for (Attachment a : m.attachments()) {
            n++;
            if (a.content() == null) {
                problems.add(uncarried(a, "no bytes in the canonical ticket"));
                continue;
            }
            String name = a.fileName() == null || a.fileName().isBlank() ? "attachment-" + n : a.fileName();
            VendorHttp.Response r = http.call("POST", "/api/temporary_files", Map.of("filename", name), client.headers(),
                    "application/octet-stream", a.content());
            ThuliumClient.requireOk(http, r, "POST /api/temporary_files");
            String token = new JsonFields(ThuliumConnector.ID).requiredText(parse(r.body(), "POST /api/temporary_files"), "token", "$");
            tokens.add(token);
        }
        return tokens;
    }

    private static void tokens(ObjectNode req, List<String> tokens) {
        if (tokens.isEmpty()) return;
        ArrayNode a = req.putArray("attachments");
        tokens.forEach(a::add);
    }

    /** The body (Thulium requires one), plus marker lines for attachments this call cannot carry (text policy). */
    private String bodyWithUncarried(Message m, List<Attachment> cannotCarry) {
        String body = m.body().isBlank() ? "(no text)" : m.body();
        if (cannotCarry.isEmpty()) return body;
        List<String> lines = new ArrayList<>();
        for (Attachment a : cannotCarry) lines.add(uncarried(a, "Thulium's customer_response takes no attachments"));
        return withMarkers(body, m, lines);
    }

    /** Marker lines for what could not be carried: appended under the text policy, logged under skip. */
    private String withMarkers(String body, Message m, List<String> lines) {
        if (!"text".equalsIgnoreCase(getUnsupportedPolicy())) {
            LOG.info("thulium: message {}: {} (unsupportedPolicy=skip)", m.id(), lines);
            return body;
        }
        return append(body, m.bodyFormat(), lines);
    }

    private static String uncarried(Attachment a, String why) {
        return "[Attachment not carried over: " + (a.fileName() == null ? a.id() : a.fileName())
                + (a.size() == null ? "" : ", " + a.size() + " bytes") + " (" + why + ")]";
    }

    private static String append(String body, BodyFormat format, List<String> lines) {
        StringBuilder b = new StringBuilder(body);
        for (String line : lines) {
            b.append(format == BodyFormat.HTML ? "<p>" + escapeHtml(line) + "</p>" : "\n\n" + line);
        }
        return b.toString();
    }

    /** The opening comment's first line (openingComment). */
    @Override
    protected String sourceMark(Ticket ticket) {
        return openingComment ? provenance(ticket).lines().findFirst().orElse(null) : null;
    }

    /** The internal comment a created ticket opens with: what Thulium has no field for. Never e-mailed. */
    String provenance(Ticket t) {
        List<String> lines = new ArrayList<>();
        lines.add("Imported by TicketBridge from " + t.source().system() + " ticket " + t.source().ticketId()
                + (t.source().ticketNumber() != null && !t.source().ticketNumber().equals(t.source().ticketId())
                ? " (#" + t.source().ticketNumber() + ")" : ""));
        if (t.priority() != null) lines.add("Priority: " + t.priority() + (t.priorityRaw() == null ? "" : " (" + t.priorityRaw() + ")"));
        Party r = t.requester();
        if (r != null && (r.name() != null || r.email() == null)) {
            lines.add("Requester: " + describe(r));
        }
        if (t.assignee() != null) lines.add("Assignee: " + describe(t.assignee()));
        if (t.queue() != null) lines.add("Queue: " + t.queue());
        if (t.createdAt() != null) lines.add("Created: " + t.createdAt());
        return String.join("\n", lines);
    }

    private static String describe(Party p) {
        List<String> parts = new ArrayList<>();
        if (p.name() != null) parts.add(p.name());
        if (p.email() != null) parts.add("<" + p.email() + ">");
        if (p.login() != null) parts.add("login " + p.login());
        return String.join(" ", parts);
    }

    private String requesterAddress(Party requester) {
        if (requester != null && requester.email() != null && requester.email().contains("@")) return requester.email();
        return required("requesterFallback", requesterFallback);
    }

    /** The Thulium login for a canonical party: agentLoginMap first, else the party's own login; null if none. */
    private String mappedLogin(Party p) {
        if (p == null) return null;
        Map<String, String> map = loginMap();
        for (String key : new String[]{p.login(), p.email()}) {
            if (key != null && map.containsKey(key.toLowerCase(Locale.ROOT))) return map.get(key.toLowerCase(Locale.ROOT));
        }
        return null;
    }

    /**
     * Calls with the author's Thulium login when the tenant may know it (mapped, or the author's own login not
     * refused before), else with {@code agentLogin}. A 400 with the author's login is retried once with
     * {@code agentLogin} and the login remembered as unknown: Thulium documents no user lookup.
     */
    private VendorHttp.Response withAgent(Party author, java.util.function.Function<String, VendorHttp.Response> call) {
        String fallback = required("agentLogin", agentLogin);
        String login = mappedLogin(author);
        if (login == null && author != null && author.login() != null && !unknownLogins.contains(author.login())) {
            login = author.login();
        }
        if (login == null || login.equals(fallback)) return call.apply(fallback);
        VendorHttp.Response r = call.apply(login);
        if (r.status() != 400) return r;
        LOG.info("thulium: the tenant refused agent login '{}' ({}); writing as '{}'", login,
                ThuliumClient.describe(r.body()), fallback);
        if (author.login() != null) unknownLogins.add(author.login());
        return call.apply(fallback);
    }

    private Map<String, String> loginMap() {
        Map<String, String> out = new LinkedHashMap<>();
        if (agentLoginMap == null || agentLoginMap.isBlank()) return out;
        for (String e : agentLoginMap.split(",")) {
            if (e.isBlank()) continue;
            int eq = e.indexOf('=');
            if (eq <= 0 || eq == e.length() - 1) {
                throw new IllegalArgumentException("bad agentLoginMap entry '" + e.strip() + "': expected sourceLoginOrEmail=thuliumLogin");
            }
            out.put(e.substring(0, eq).strip().toLowerCase(Locale.ROOT), e.substring(eq + 1).strip());
        }
        return out;
    }

    private StatusIds statusTable() {
        StatusIds t = statusTable;
        if (t == null) statusTable = t = new StatusIds(statusIds);
        return t;
    }

    private static JsonNode parse(String body, String call) {
        return ThuliumSource.parse(body, call);
    }

    private static String required(String property, String value) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("thulium sink: " + property + " must be set");
        return value.strip();
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    protected String accountUser() {
        return settings.user();
    }

    // ---- Kamelet-bound properties ----

    public String getMailbox() { return mailbox; }
    public void setMailbox(String mailbox) { this.mailbox = mailbox; }
    public String getQueueId() { return queueId; }
    public void setQueueId(String queueId) { this.queueId = queueId; }
    public String getAgentLogin() { return agentLogin; }
    public void setAgentLogin(String agentLogin) { this.agentLogin = agentLogin; }
    public String getAgentLoginMap() { return agentLoginMap; }
    public void setAgentLoginMap(String agentLoginMap) { loginMapCheck(agentLoginMap); this.agentLoginMap = agentLoginMap; }
    public String getStatusIds() { return statusIds; }
    public void setStatusIds(String statusIds) { this.statusTable = new StatusIds(statusIds); this.statusIds = statusIds; }
    public String getNoteFallback() { return noteFallback; }
    public void setNoteFallback(String v) { fallback("noteFallback", v); this.noteFallback = v; }
    public String getSystemFallback() { return systemFallback; }
    public void setSystemFallback(String v) { fallback("systemFallback", v); this.systemFallback = v; }
    public boolean isOpeningComment() { return openingComment; }
    public void setOpeningComment(boolean openingComment) { this.openingComment = openingComment; }
    public String getRequesterFallback() { return requesterFallback; }
    public void setRequesterFallback(String requesterFallback) { this.requesterFallback = requesterFallback; }

    private void loginMapCheck(String spec) {
        String old = agentLoginMap;
        agentLoginMap = spec;
        try {
            loginMap();
        } finally {
            agentLoginMap = old;
        }
    }

    @Override
    public String toString() {
        return "ThuliumSink[baseUrl=" + getBaseUrl() + ", username=" + settings.getUsername() + ", mailbox=" + mailbox + "]"; // never the password
    }

    /**
     * Canonical status → the Thulium {@code status_id} (and optional {@code substatus_id}) the sink writes with
     * {@code PUT /api/tickets/:id}: {@code status_id[:substatus_id]} per canonical status. A status missing from the
     * table is not written. Status ids are tenant-specific and Thulium documents none, so the table is configuration;
     * the default ({@value #DEFAULT}) is an explicit assumption, see {@link #DEFAULT}.
     */
    static final class StatusIds {
        /**
         * Thulium's default statuses numbered as {@link ThuliumTicketMapper.Statuses#ASSUMED_IDS} assumes (the numbering is not
         * documented: check a tenant's own ids before relying on it). Thulium has no "resolved" status (its six
         * defaults: Nowe, W realizacji, Oczekuje na klienta, Odłożone, Połączone, Zamknięte), so RESOLVED is written
         * as Zamknięte like CLOSED; a tenant with a resolved sub-status maps it as {@code RESOLVED=6:<substatus_id>}.
         */
        public static final String DEFAULT = "NEW=1,OPEN=2,PENDING=3,RESOLVED=6,CLOSED=6";
        private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

        /** A target status; {@code subStatusId} null = none (a PUT then clears the sub-status). */
        public record Target(String statusId, String subStatusId) {
        }

        private final Map<Status, Target> table = new EnumMap<>(Status.class);

        /** @throws IllegalArgumentException naming the bad entry */
        public StatusIds(String spec) {
            if (spec == null || spec.isBlank()) return;
            for (String entry : spec.split(",")) {
                if (entry.isBlank()) continue;
                int eq = entry.indexOf('=');
                String problem = "bad statusIds entry '" + entry.strip() + "': expected CANONICAL=status_id[:substatus_id], e.g. RESOLVED=6:61";
                if (eq <= 0) throw new IllegalArgumentException(problem);
                Status status;
                try {
                    status = Status.valueOf(entry.substring(0, eq).strip().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(problem);
                }
                String[] ids = entry.substring(eq + 1).strip().split(":", -1);
                if (ids.length > 2 || !ID.matcher(ids[0]).matches() || (ids.length == 2 && !ID.matcher(ids[1]).matches())) {
                    throw new IllegalArgumentException(problem);
                }
                table.put(status, new Target(ids[0], ids.length == 2 ? ids[1] : null));
            }
        }

        /** null when the table has no entry for it. */
        public Target target(Status status) {
            return status == null ? null : table.get(status);
        }
    }
}
