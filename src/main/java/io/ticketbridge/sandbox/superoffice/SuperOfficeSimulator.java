package io.ticketbridge.sandbox.superoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.SimExchange;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.sandbox.VendorSimulator;
import io.ticketbridge.sandbox.superoffice.SuperOfficeArchive.Type;
import io.ticketbridge.sandbox.superoffice.SuperOfficeStore.StoredAttachment;
import io.ticketbridge.sandbox.superoffice.SuperOfficeStore.Ticket;
import io.ticketbridge.sandbox.superoffice.SuperOfficeStore.TicketMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A stateful simulator of a SuperOffice Service tenant's ticket API: the Agents RPC endpoints
 * ({@code POST /api/v1/Agents/Ticket/<Method>}, JSON bodies) and the REST endpoints ({@code /api/v1/Ticket},
 * {@code /api/v1/TicketMessage}, {@code /api/v1/Webhook}), with Basic, Bearer and SOTicket (+ SO-AppToken)
 * authentication, {@code SO-TimeZone} handling and SuperOffice's error envelope
 * {@code {"Error":true,"ErrorType","ErrorMessage","ErrorSource"}} for every error. See docs/vendors/superoffice.md.
 */
public final class SuperOfficeSimulator implements VendorSimulator {
    public static final String USERNAME = "ticketbridge";
    public static final String PASSWORD = "sandbox-Passw0rd";
    /** Accepted as a Bearer token and as an SOTicket credential (with {@link #APP_TOKEN}). */
    public static final String TOKEN = "7T:c2FuZGJveC10aWNrZXQ=";
    public static final String APP_TOKEN = "sandbox-app-token";
    /** The secret the sandbox signs its webhooks with, when a run or the sandbox command registers one. */
    public static final String WEBHOOK_SECRET = "sandbox-webhook-secret";
    static final String API = "/api/v1";
    private static final String SOURCE_SERVICES = "SuperOffice.Services.Implementation";
    private static final String SOURCE_WEBAPI = "SuperOffice.WebApi";
    private static final Set<String> WEBHOOK_EVENTS = Set.of("ticket.created", "ticket.changed");

    private final SuperOfficeStore store = new SuperOfficeStore();
    private final SuperOfficeArchive<Ticket> ticketArchive;
    private final SuperOfficeArchive<TicketMessage> messageArchive;
    private volatile String baseUrl = "";
    private final SuperOfficeWebhooks webhooks = new SuperOfficeWebhooks();
    private final java.util.concurrent.ScheduledExecutorService activity = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "superoffice-sim-activity");
                t.setDaemon(true);
                return t;
            });
    private int nextRead; // guarded by store

    public SuperOfficeSimulator() {
        ticketArchive = new SuperOfficeArchive<Ticket>("ticket", t -> t.id, List.of("ticketId", "title", "lastChanged"))
                .column("ticketId", Type.INT, t -> t.id)
                .column("title", Type.TEXT, t -> t.title)
                .column("createdAt", Type.DATE, t -> t.createdAt)
                .column("lastChanged", Type.DATE, t -> t.lastChanged)
                .column("closedAt", Type.DATE, t -> t.closedAt)
                .column("repliedAt", Type.DATE, t -> t.repliedAt)
                .column("author", Type.TEXT, t -> t.author)
                .column("ownedBy", Type.TEXT, t -> t.ownedBy == null ? "" : store.associate(t.ownedBy).fullName())
                .column("ticketStatusName", Type.TEXT, t -> store.status(t.statusId).name())
                .column("status", Type.TEXT, t -> store.status(t.statusId).base())
                .column("priorityName", Type.TEXT, t -> store.priority(t.priorityId).name())
                .column("categoryFullName", Type.TEXT, t -> store.category(t.categoryId).fullname())
                .column("origin", Type.TEXT, t -> t.origin)
                .column("slevel", Type.TEXT, t -> t.slevel)
                .column("numberOfMessages", Type.INT, t -> t.messageIds.size())
                .column("numberOfReplies", Type.INT, t -> (int) store.messagesOf(t).stream().filter(SuperOfficeStore::isReply).count())
                .column("connectId", Type.INT, t -> 0)
                .column("tags", Type.TEXT, t -> String.join(",", t.tags))
                .column("person/personId", Type.INT, t -> t.personId == null ? 0 : t.personId)
                .column("person/fullName", Type.TEXT, t -> t.personId == null ? "" : store.person(t.personId).fullName());
        messageArchive = new SuperOfficeArchive<TicketMessage>("ej_message", m -> m.id, List.of("id", "createdAt", "author", "slevel"))
                .column("id", Type.INT, m -> m.id)
                .column("createdAt", Type.DATE, m -> m.createdAt)
                .column("author", Type.TEXT, m -> m.author)
                .column("slevel", Type.TEXT, m -> m.slevel)
                .column("type", Type.TEXT, m -> m.type)
                .column("badge", Type.TEXT, m -> m.badge)
                .column("numberOfAttachments", Type.INT, m -> m.attachmentIds.size());
    }


    @Override
    public Map<String, String> credentials() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("authMethod", "basic");
        c.put("username", USERNAME);
        c.put("password", PASSWORD);
        c.put("token", TOKEN);
        c.put("appToken", APP_TOKEN);
        return c;
    }

    @Override
    public int ticketCount() {
        synchronized (store) {
            return store.tickets.size();
        }
    }

    @Override
    public void addStories(List<SeedStories.Story> stories) {
        synchronized (store) {
            store.seed(stories);
        }
    }

    @Override
    public void install(SimServer server) {
        baseUrl = server.baseUrl();
        server.errors(this::renderError);
        server.route("POST", API + "/Agents/Ticket/{method}", guarded(this::agent));
        // Agents methods are all POSTs: the Get* and CreateDefault* ones change nothing
        server.readOnly("(?i)" + API + "/Agents/\\w+/(Get|CreateDefault)\\w*/?");
        server.route("GET", API + "/Ticket", guarded(this::listTickets));
        server.route("POST", API + "/Ticket", guarded(this::restCreateTicket));
        server.route("GET", API + "/Ticket/{id}", guarded(this::restGetTicket));
        server.route("DELETE", API + "/Ticket/{id}", guarded(this::restDeleteTicket));
        server.route("GET", API + "/Ticket/{id}/Messages", guarded(this::restTicketMessages));
        server.route("POST", API + "/TicketMessage", guarded(this::restCreateMessage));
        server.route("GET", API + "/TicketMessage/{id}", guarded(this::restGetMessage));
        server.route("POST", API + "/Agents/EMail/GetPersonsFromEmailAddress", guarded(this::personsFromEmail));
        server.route("POST", API + "/Agents/Person/CreateDefaultPersonEntity", guarded(this::defaultPerson));
        server.route("POST", API + "/Agents/Person/SavePersonEntity", guarded(this::savePerson));
        server.route("GET", API + "/MDOList/{name}", guarded(this::mdoList));
        server.route("POST", API + "/Webhook", guarded(this::createWebhook));
        server.route("GET", API + "/Webhook", guarded(this::listWebhooks));
    }

    // ---- errors and auth ----

    /** The one error envelope SuperOffice uses, for every status. */
    static ObjectNode envelope(String type, String message, String source) {
        ObjectNode n = SimExchange.NODES.objectNode();
        n.put("Error", true).put("ErrorType", type).put("ErrorMessage", message).put("ErrorSource", source);
        return n;
    }

    private void renderError(SimExchange ex, int status, String message) throws IOException {
        String type = switch (status) {
            case 400 -> "ArgumentException";
            case 401 -> "SoNotLoggedInException";
            case 404 -> "SoNotFoundException";
            case 405 -> "MethodNotAllowedException";
            case 429 -> "TooManyRequestsException";
            default -> status >= 500 ? "SoServerException" : "SoException";
        };
        ex.json(status, envelope(type, message, status == 404 ? SOURCE_SERVICES : SOURCE_WEBAPI));
    }

    private static void notFound(SimExchange ex, String message) throws IOException {
        ex.json(404, envelope("SoNotFoundException", message, SOURCE_SERVICES));
    }

    private SimServer.Handler guarded(SimServer.Handler handler) {
        return ex -> {
            String problem = authProblem(ex);
            if (problem != null) {
                ex.header("WWW-Authenticate", "Basic realm=\"SuperOffice\", Bearer, SOTicket");
                ex.json(401, envelope("SoNotLoggedInException", problem, SOURCE_WEBAPI));
                return;
            }
            try {
                handler.handle(ex);
            } catch (NoSuchElementException e) {
                if (!ex.answered()) notFound(ex, e.getMessage());
            }
        };
    }

    /** Null when the request carries a valid credential; otherwise what is wrong (never echoing a secret). */
    static String authProblem(SimExchange ex) {
        String auth = ex.header("Authorization");
        if (auth == null || auth.isBlank()) {
            return ex.header("X-XSRF-TOKEN") != null
                    ? "Cookie/XSRF sessions are not supported by this API simulator; use an Authorization header"
                    : "Authorization header is missing: use Basic, Bearer or SOTicket";
        }
        String value = auth.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        String credential = space < 0 ? "" : value.substring(space + 1).strip();
        switch (scheme.toLowerCase(Locale.ROOT)) {
            case "basic" -> {
                String decoded;
                try {
                    decoded = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return "Basic credentials are not valid base64";
                }
                int colon = decoded.indexOf(':');
                if (colon < 0) return "Basic credentials must be user:password";
                return same(decoded.substring(0, colon), USERNAME) && same(decoded.substring(colon + 1), PASSWORD)
                        ? null : "Invalid user name or password";
            }
            case "bearer" -> {
                return same(credential, TOKEN) ? null : "Bearer token is not valid or has expired";
            }
            case "soticket" -> {
                if (!same(credential, TOKEN)) return "SOTicket credential is not valid or has expired";
                String app = ex.header("SO-AppToken");
                if (app == null || app.isBlank()) return "SO-AppToken header is required with the SOTicket scheme";
                return same(app.strip(), APP_TOKEN) ? null : "SO-AppToken is not valid for this tenant";
            }
            default -> {
                return "Unsupported authorization scheme '" + scheme + "': use Basic, Bearer or SOTicket";
            }
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    // ---- helpers ----

    private SuperOfficeWire wire(SimExchange ex) {
        return new SuperOfficeWire(store, SuperOfficeWire.Dates.of(ex.header("SO-TimeZone")));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** An int sent as a number or a numeric string; null when absent/null. */
    static Integer intOf(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || n.isNull()) return null;
        if (n.isIntegralNumber()) return n.intValue();
        if (n.isTextual() && n.asText().strip().matches("-?\\d{1,9}")) return Integer.parseInt(n.asText().strip());
        throw new IllegalArgumentException(field + " must be an integer, got " + n);
    }

    /** An id from a nested carrier ({@code "Category":{"TicketCategoryId":2}}) or a bare number. */
    static Integer nestedId(JsonNode parent, String field, String idField) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || n.isNull()) return null;
        if (n.isObject()) return intOf(n, idField);
        return intOf(parent, field);
    }

    private static String text(JsonNode parent, String field) {
        JsonNode n = parent == null ? null : parent.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    private static int pathId(SimExchange ex, String name, String what) {
        String raw = ex.pathParam(name);
        if (raw == null || !raw.matches("\\d{1,9}")) throw new IllegalArgumentException("'" + raw + "' is not a valid " + what + " id");
        return Integer.parseInt(raw);
    }

    private static JsonNode requireBody(SimExchange ex) {
        JsonNode body = ex.json();
        if (body == null || !body.isObject()) throw new IllegalArgumentException("request body must be a JSON object");
        return body;
    }

    private Ticket ticket(int id) {
        Ticket t = store.tickets.get(id);
        if (t == null) throw new NoSuchElementException("Ticket id " + id + " not found");
        return t;
    }

    private TicketMessage message(int id) {
        TicketMessage m = store.messages.get(id);
        if (m == null) throw new NoSuchElementException("TicketMessage id " + id + " not found");
        return m;
    }

    private StoredAttachment attachment(int id) {
        StoredAttachment a = store.attachments.get(id);
        if (a == null) throw new NoSuchElementException("Attachment id " + id + " not found");
        return a;
    }

    // ---- Agents RPC ----

    private void agent(SimExchange ex) throws IOException {
        String method = ex.pathParam("method");
        JsonNode body = ex.json();
        SuperOfficeWire wire = wire(ex);
        synchronized (store) {
            switch (method.toLowerCase(Locale.ROOT)) {
                case "gettickets" -> ex.json(200, getTickets(ex, body, wire));
                case "getticketentity" -> {
                    String id = ex.query().get("ticketEntityId");
                    if (id == null || !id.matches("\\d{1,9}")) throw new IllegalArgumentException("ticketEntityId query parameter is required");
                    ex.json(200, wire.entity(ticket(Integer.parseInt(id))));
                }
                case "createdefaultticketentity" -> ex.json(200, defaultTicket(wire));
                case "saveticketentity" -> ex.json(200, wire.entity(saveTicket(requireBody(ex))));
                case "createdefaultticketmessageentity" -> ex.json(200, defaultMessage(wire));
                case "saveticketmessageentity" -> ex.json(200, wire.messageEntity(saveMessage(requireBody(ex))));
                case "getticketmessageentities" -> ex.json(200, getMessageEntities(requireBody(ex), wire));
                case "createdefaultattachmententity" -> ex.json(200, wire.attachment(null));
                case "saveattachmententity" -> ex.json(200, wire.attachment(saveAttachment(requireBody(ex))));
                case "uploadattachment" -> {
                    uploadAttachment(requireBody(ex));
                    ex.send(204, null, new byte[0]);
                }
                case "addattachments" -> {
                    addAttachments(requireBody(ex));
                    ex.send(204, null, new byte[0]);
                }
                case "getattachmentstream" -> {
                    Integer id = intOf(requireBody(ex), "AttachmentId");
                    if (id == null) throw new IllegalArgumentException("AttachmentId is required");
                    StoredAttachment a = attachment(id);
                    ex.send(200, a.contentType == null ? "application/octet-stream" : a.contentType, a.content);
                }
                default -> ex.json(404, envelope("SoNotFoundException",
                        "TicketAgent has no method '" + method + "'", SOURCE_WEBAPI));
            }
        }
    }

    /** {@code {"TicketIds":[..]}} → flat carriers in request order; unknown ids are left out; $select nulls the rest. */
    private ArrayNode getTickets(SimExchange ex, JsonNode body, SuperOfficeWire wire) {
        if (body == null || !body.isObject() || !body.path("TicketIds").isArray()) {
            throw new IllegalArgumentException("request body must be {\"TicketIds\":[...]}");
        }
        String select = ex.query().get("$select");
        ArrayNode out = SimExchange.NODES.arrayNode();
        for (JsonNode idNode : body.get("TicketIds")) {
            int id;
            if (idNode.isIntegralNumber()) id = idNode.intValue();
            else if (idNode.isTextual() && idNode.asText().matches("\\d{1,9}")) id = Integer.parseInt(idNode.asText());
            else throw new IllegalArgumentException("TicketIds must hold integers, found " + idNode);
            Ticket t = store.tickets.get(id);
            if (t != null) out.add(applySelect(wire.flatTicket(t), select));
        }
        return out;
    }

    /** Properties not named in $select (case-insensitive; "category/id" selects Category) are nulled; TicketId stays. */
    static ObjectNode applySelect(ObjectNode carrier, String select) {
        if (select == null || select.isBlank()) return carrier;
        Set<String> keep = new java.util.HashSet<>();
        for (String s : select.split(",")) {
            String name = s.strip();
            int slash = name.indexOf('/');
            if (slash > 0) name = name.substring(0, slash);
            if (!name.isEmpty()) keep.add(name.toLowerCase(Locale.ROOT));
        }
        keep.add("ticketid");
        List<String> names = new ArrayList<>();
        carrier.fieldNames().forEachRemaining(names::add);
        for (String name : names) if (!keep.contains(name.toLowerCase(Locale.ROOT))) carrier.putNull(name);
        return carrier;
    }

    private ObjectNode defaultTicket(SuperOfficeWire wire) {
        Ticket t = new Ticket(); // not stored: TicketId 0 until saved
        t.createdAt = now();
        t.lastChanged = t.createdAt;
        t.categoryId = store.categories.get(0).id();
        t.priorityId = 2;
        t.statusId = 1;
        t.origin = "API";
        t.title = "";
        return wire.entity(t);
    }

    private ObjectNode defaultMessage(SuperOfficeWire wire) {
        TicketMessage m = new TicketMessage();
        m.createdAt = now();
        m.slevel = "External";
        m.type = "Html";
        m.body = "";
        m.htmlBody = "";
        m.badge = "Unknown";
        return wire.messageEntity(m);
    }

    /** TicketId 0 (or absent) creates; otherwise updates the fields the body names. */
    private Ticket saveTicket(JsonNode body) {
        Integer id = intOf(body, "TicketId");
        boolean create = id == null || id == 0;
        String title = text(body, "Title");
        if (create && (title == null || title.isBlank())) throw new IllegalArgumentException("Title is required to create a ticket");
        Integer category = nestedId(body, "Category", "TicketCategoryId");
        Integer priority = nestedId(body, "Priority", "TicketPriorityId");
        Integer status = nestedId(body, "Status", "TicketStatusId");
        Integer person = nestedId(body, "Person", "PersonId");
        Integer owner = nestedId(body, "OwnedBy", "AssociateId");
        // validate every reference before changing anything
        if (category != null) store.category(category);
        if (priority != null) store.priority(priority);
        if (status != null) store.status(status);
        if (person != null && person != 0 && store.person(person) == null) throw new NoSuchElementException("Person id " + person + " not found");
        if (owner != null && owner != 0 && store.associate(owner) == null) throw new NoSuchElementException("Associate id " + owner + " not found");
        Ticket existing = create ? null : ticket(id);
        Instant now = now();
        Ticket t = create ? store.newTicket(now) : existing;
        if (create) t.origin = "API";
        if (title != null) t.title = title;
        if (category != null) t.categoryId = category;
        if (priority != null) t.priorityId = priority;
        if (status != null && (create || status != t.statusId)) {
            // closing stamps ClosedAt; reopening keeps the old value, as SuperOffice does
            if ("Closed".equals(store.status(status).base())) t.closedAt = now;
            t.statusId = status;
        }
        if (body.has("Person")) t.personId = person == null || person == 0 ? null : person;
        if (body.has("OwnedBy")) t.ownedBy = owner == null || owner == 0 ? null : owner;
        if (text(body, "Origin") != null && !text(body, "Origin").isBlank()) t.origin = text(body, "Origin");
        if (text(body, "Author") != null) t.author = text(body, "Author");
        if (text(body, "FromAddress") != null) t.fromAddress = text(body, "FromAddress");
        if (create && t.author == null && t.personId != null) t.author = store.person(t.personId).email();
        if (body.path("Tags").isArray()) {
            t.tags.clear();
            for (JsonNode tag : body.get("Tags")) {
                String name = tag.isTextual() ? tag.asText() : text(tag, "Name");
                if (name != null && !name.isBlank() && !t.tags.contains(name.strip())) {
                    t.tags.add(name.strip());
                    store.tagId(name.strip());
                }
            }
        }
        if (body.path("CustomFields").isObject()) {
            body.get("CustomFields").fields().forEachRemaining(e ->
                    t.customFields.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        }
        t.lastChanged = now;
        changed(t, create ? "ticket.created" : "ticket.changed", create ? List.of("ticket_id", "title", "created_at", "last_changed")
                : List.of("last_changed", "title", "ticket_status", "priority", "category", "owned_by"), owner);
        return t;
    }

    /** EjMessageId 0 (or absent) adds a message to Ticket.TicketId; otherwise updates that message's texts. */
    private TicketMessage saveMessage(JsonNode body) {
        Integer id = intOf(body, "EjMessageId");
        Instant now = now();
        if (id != null && id != 0) {
            TicketMessage m = message(id);
            if (text(body, "Body") != null) m.body = text(body, "Body");
            if (text(body, "HtmlBody") != null) m.htmlBody = text(body, "HtmlBody");
            ticket(m.ticketId).lastChanged = now;
            changed(ticket(m.ticketId), "ticket.changed", List.of("last_changed"), null);
            return m;
        }
        Integer ticketId = nestedId(body, "Ticket", "TicketId");
        if (ticketId == null) ticketId = intOf(body, "TicketId");
        if (ticketId == null || ticketId == 0) throw new IllegalArgumentException("Ticket.TicketId is required to add a message");
        Ticket t = ticket(ticketId);
        String bodyText = text(body, "Body");
        String html = text(body, "HtmlBody");
        if ((bodyText == null || bodyText.isBlank()) && (html == null || html.isBlank())) {
            throw new IllegalArgumentException("Body or HtmlBody is required");
        }
        Integer person = nestedId(body, "Person", "PersonId");
        Integer createdBy = nestedId(body, "CreatedBy", "AssociateId");
        if (person != null && person != 0 && store.person(person) == null) throw new NoSuchElementException("Person id " + person + " not found");
        if (createdBy != null && createdBy != 0 && store.associate(createdBy) == null) throw new NoSuchElementException("Associate id " + createdBy + " not found");
        String slevel = text(body, "Slevel") == null ? "External" : text(body, "Slevel");
        if (!slevel.equals("External") && !slevel.equals("Internal")) throw new IllegalArgumentException("Slevel must be External or Internal, got '" + slevel + "'");
        String createdAtText = text(body, "CreatedAt");
        Instant at = createdAtText == null || createdAtText.startsWith("0001-01-01") ? now
                : SuperOfficeWire.Dates.of(null).parse(createdAtText);
        TicketMessage m = store.newMessage(t, at);
        m.body = bodyText == null ? "" : bodyText;
        m.htmlBody = html == null ? "" : html;
        m.type = text(body, "Type") != null ? text(body, "Type") : !m.htmlBody.isBlank() ? "Html" : "Plain";
        m.slevel = slevel;
        m.personId = person == null || person == 0 ? null : person;
        m.createdBy = createdBy == null || createdBy == 0 ? null : createdBy;
        m.author = text(body, "Author") != null ? text(body, "Author")
                : m.personId != null ? store.person(m.personId).email()
                : m.createdBy != null ? store.associate(m.createdBy).email() : null;
        m.important = body.path("Important").asBoolean(false);
        if (text(body, "MessageCategory") != null) m.category = text(body, "MessageCategory");
        String badge = text(body, "Badge");
        m.badge = badge != null && !badge.equals("Unknown") ? badge
                : "Internal".equals(slevel) ? "Comment" : m.personId != null ? "Incoming" : "Reply";
        store.messageAdded(t, m, now);
        changed(t, "ticket.changed", List.of("last_changed", "num_messages", "num_replies"), m.createdBy);
        return m;
    }

    private ArrayNode getMessageEntities(JsonNode body, SuperOfficeWire wire) {
        Integer ticketId = intOf(body, "TicketId");
        if (ticketId == null) throw new IllegalArgumentException("TicketId is required");
        Ticket t = ticket(ticketId);
        ArrayNode out = SimExchange.NODES.arrayNode();
        for (JsonNode idNode : body.path("MessageIds")) {
            if (!idNode.canConvertToInt() && !(idNode.isTextual() && idNode.asText().matches("\\d{1,9}"))) {
                throw new IllegalArgumentException("MessageIds must hold integers, found " + idNode);
            }
            int id = idNode.isTextual() ? Integer.parseInt(idNode.asText()) : idNode.intValue();
            if (t.messageIds.contains(id)) out.add(wire.messageEntity(store.messages.get(id)));
        }
        return out;
    }

    private StoredAttachment saveAttachment(JsonNode body) {
        Integer id = intOf(body, "AttachmentId");
        String name = text(body, "Name");
        StoredAttachment a;
        if (id == null || id == 0) {
            if (name == null || name.isBlank()) throw new IllegalArgumentException("Name is required for a new attachment");
            a = store.newAttachment();
        } else {
            a = attachment(id);
        }
        if (name != null && !name.isBlank()) a.name = name;
        String type = text(body, "ContentType");
        a.contentType = type == null || type.isBlank() ? (a.contentType == null ? "application/octet-stream" : a.contentType) : type;
        a.inlineImage = body.path("InlineImage").asBoolean(a.inlineImage);
        if (text(body, "ContentId") != null) a.contentId = text(body, "ContentId");
        return a;
    }

    private void uploadAttachment(JsonNode body) {
        Integer id = intOf(body, "AttachmentId");
        if (id == null) throw new IllegalArgumentException("AttachmentId is required");
        String content = text(body, "Content");
        if (content == null) throw new IllegalArgumentException("Content (base64) is required");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(content.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Content is not valid base64");
        }
        attachment(id).content = bytes;
    }

    private void addAttachments(JsonNode body) {
        Integer messageId = intOf(body, "TicketMessageEntityId");
        if (messageId == null) throw new IllegalArgumentException("TicketMessageEntityId is required");
        TicketMessage m = message(messageId);
        List<Integer> ids = new ArrayList<>();
        for (JsonNode n : body.path("AttachmentIds")) {
            if (!n.canConvertToInt()) throw new IllegalArgumentException("AttachmentIds must hold integers, found " + n);
            attachment(n.intValue());
            ids.add(n.intValue());
        }
        if (ids.isEmpty()) throw new IllegalArgumentException("AttachmentIds must name at least one attachment");
        for (int id : ids) if (!m.attachmentIds.contains(id)) m.attachmentIds.add(id);
        ticket(m.ticketId).lastChanged = now();
        changed(ticket(m.ticketId), "ticket.changed", List.of("last_changed", "has_attachment"), null);
    }

    // ---- REST ----

    private void listTickets(SimExchange ex) throws IOException {
        SuperOfficeWire wire = wire(ex);
        synchronized (store) {
            ex.json(200, ticketArchive.query(new ArrayList<>(store.tickets.values()), ex.query(),
                    baseUrl + API + "/Ticket", baseUrl + API + "/$metadata#Ticket", wire.dates()));
        }
    }

    private void restGetTicket(SimExchange ex) throws IOException {
        SuperOfficeWire wire = wire(ex);
        synchronized (store) {
            if ("default".equalsIgnoreCase(ex.pathParam("id"))) {
                ex.json(200, defaultTicket(wire));
                return;
            }
            ex.json(200, wire.entity(ticket(pathId(ex, "id", "ticket"))));
        }
    }

    private void restCreateTicket(SimExchange ex) throws IOException {
        SuperOfficeWire wire = wire(ex);
        synchronized (store) {
            JsonNode body = requireBody(ex);
            Integer id = intOf(body, "TicketId");
            if (id != null && id != 0) throw new IllegalArgumentException("POST creates a ticket: TicketId must be 0");
            Ticket t = saveTicket(body);
            ex.header("Location", baseUrl + API + "/Ticket/" + t.id);
            ex.json(201, wire.entity(t));
        }
    }

    /** REST DELETE: 204 and the ticket is gone with its messages; 404 (the envelope) when there is none. */
    private void restDeleteTicket(SimExchange ex) throws IOException {
        synchronized (store) {
            store.deleteTicket(ticket(pathId(ex, "id", "ticket")));
        }
        ex.send(204, null, new byte[0]);
    }

    private void restTicketMessages(SimExchange ex) throws IOException {
        SuperOfficeWire wire = wire(ex);
        synchronized (store) {
            int id = pathId(ex, "id", "ticket");
            Ticket t = ticket(id);
            ex.json(200, messageArchive.query(store.messagesOf(t), ex.query(), baseUrl + API + "/Ticket/" + id + "/Messages",
                    baseUrl + API + "/$metadata#TicketMessage", wire.dates()));
        }
    }

    private void restCreateMessage(SimExchange ex) throws IOException {
        SuperOfficeWire wire = wire(ex);
        synchronized (store) {
            JsonNode body = requireBody(ex);
            Integer id = intOf(body, "EjMessageId");
            if (id != null && id != 0) throw new IllegalArgumentException("POST creates a message: EjMessageId must be 0");
            TicketMessage m = saveMessage(body);
            ex.header("Location", baseUrl + API + "/TicketMessage/" + m.id);
            ex.json(201, wire.messageEntity(m));
        }
    }

    private void restGetMessage(SimExchange ex) throws IOException {
        SuperOfficeWire wire = wire(ex);
        synchronized (store) {
            if ("default".equalsIgnoreCase(ex.pathParam("id"))) {
                ex.json(200, defaultMessage(wire));
                return;
            }
            ex.json(200, wire.messageEntity(message(pathId(ex, "id", "ticket message"))));
        }
    }

    // ---- persons and lists (what the sink needs) ----

    /** {@code {"EmailAddress":"a@b.c"}} → the persons with that address (case-insensitive), as PersonEntity-like carriers. */
    private void personsFromEmail(SimExchange ex) throws IOException {
        SuperOfficeWire wire = wire(ex);
        JsonNode body = requireBody(ex);
        String email = text(body, "EmailAddress");
        if (email == null || email.isBlank()) throw new IllegalArgumentException("EmailAddress is required");
        synchronized (store) {
            ArrayNode out = SimExchange.NODES.arrayNode();
            for (SuperOfficeStore.Person p : store.persons) {
                if (p.email().equalsIgnoreCase(email.strip())) out.add(wire.person(p));
            }
            ex.json(200, out);
        }
    }

    private void defaultPerson(SimExchange ex) throws IOException {
        ObjectNode n = wire(ex).person(new SuperOfficeStore.Person(0, "", "", "", 0, ""));
        n.putArray("Emails");
        ex.json(200, n);
    }

    /** PersonId 0 creates a person from Firstname, Lastname and the first of Emails[].Value (required). */
    private void savePerson(SimExchange ex) throws IOException {
        SuperOfficeWire wire = wire(ex);
        JsonNode body = requireBody(ex);
        Integer id = intOf(body, "PersonId");
        if (id != null && id != 0) throw new IllegalArgumentException("the sandbox only creates persons: PersonId must be 0");
        String first = text(body, "Firstname") == null ? "" : text(body, "Firstname").strip();
        String last = text(body, "Lastname") == null ? "" : text(body, "Lastname").strip();
        String email = null;
        for (JsonNode e : body.path("Emails")) {
            String v = text(e, "Value");
            if (v != null && !v.isBlank()) {
                email = v.strip();
                break;
            }
        }
        if (first.isEmpty() && last.isEmpty()) throw new IllegalArgumentException("Firstname or Lastname is required");
        if (email == null || !email.contains("@")) throw new IllegalArgumentException("Emails must hold an e-mail address");
        synchronized (store) {
            SuperOfficeStore.Person p = store.newPerson(first, last, email);
            ObjectNode n = wire.person(p);
            n.putArray("Emails").addObject().put("Value", p.email()).put("StrippedValue", p.email()).put("Description", "");
            ex.json(200, n);
        }
    }

    /** {@code GET /api/v1/MDOList/ticketpriority}: the tenant's priorities as list items (INFERENCE: shape of MDO items). */
    private void mdoList(SimExchange ex) throws IOException {
        String name = ex.pathParam("name");
        ArrayNode out = SimExchange.NODES.arrayNode();
        synchronized (store) {
            switch (name.toLowerCase(Locale.ROOT)) {
                case "ticketpriority" -> store.priorities.forEach(p -> out.addObject().put("Id", p.id()).put("Name", p.name())
                        .put("ToolTip", "").put("Deleted", false).put("Rank", p.id()).put("Type", "ticketpriority"));
                case "ticketstatus" -> store.statuses.forEach(st -> out.addObject().put("Id", st.id()).put("Name", st.name())
                        .put("ToolTip", st.base()).put("Deleted", false).put("Rank", st.id()).put("Type", "ticketstatus"));
                case "ejcategory" -> store.categories.forEach(c -> out.addObject().put("Id", c.id()).put("Name", c.name())
                        .put("ToolTip", c.fullname()).put("Deleted", false).put("Rank", c.id()).put("Type", "ejcategory"));
                default -> throw new NoSuchElementException("MDO list '" + name + "' not found");
            }
        }
        ex.json(200, out);
    }

    // ---- test hooks (not API) ----

    /** Sets a ticket's lastChanged, as a change committed at that instant would (for boundary tests). */
    public void touchTicket(int ticketId, Instant at) {
        synchronized (store) {
            ticket(ticketId).lastChanged = at;
        }
    }

    /** Number of messages in the whole tenant. */
    public int messageCount() {
        synchronized (store) {
            return store.messages.size();
        }
    }

    /**
     * Sandbox-side, for tests of {@code migrate verify}: removes the message at {@code position} (0 = first) of a
     * ticket, as if someone deleted it in the tenant; returns its text.
     */
    public String removeMessage(int ticketId, int position) {
        synchronized (store) {
            Ticket t = ticket(ticketId);
            TicketMessage m = store.messages.remove(t.messageIds.remove(position));
            return m.body;
        }
    }

    /** Sandbox-side: a second copy of the message at {@code position}, appended to the ticket (a write done twice). */
    public void duplicateMessage(int ticketId, int position) {
        synchronized (store) {
            Ticket t = ticket(ticketId);
            TicketMessage m = store.messages.get(t.messageIds.get(position));
            TicketMessage copy = store.newMessage(t, m.createdAt);
            copy.createdBy = m.createdBy;
            copy.personId = m.personId;
            copy.author = m.author;
            copy.slevel = m.slevel;
            copy.type = m.type;
            copy.body = m.body;
            copy.htmlBody = m.htmlBody;
            copy.badge = m.badge;
            copy.attachmentIds.addAll(m.attachmentIds);
        }
    }

    /** Number of persons in the tenant. */
    public int personCount() {
        synchronized (store) {
            return store.persons.size();
        }
    }

    private void createWebhook(SimExchange ex) throws IOException {
        JsonNode body = requireBody(ex);
        String name = text(body, "Name");
        String target = text(body, "TargetUrl");
        if (name == null || name.isBlank()) throw new IllegalArgumentException("Name is required");
        if (target == null || !(target.toLowerCase(Locale.ROOT).startsWith("https://") || loopbackHttp(target))) {
            throw new IllegalArgumentException("TargetUrl must be an https:// URL with a valid certificate"
                    + " (this sandbox also takes http://127.0.0.1 and http://localhost)");
        }
        List<String> events = new ArrayList<>();
        for (JsonNode e : body.path("Events")) {
            String event = e.asText();
            if (!WEBHOOK_EVENTS.contains(event)) {
                throw new IllegalArgumentException("Unknown webhook event '" + event + "'; ticket events are "
                        + String.join(", ", WEBHOOK_EVENTS.stream().sorted().toList()) + " (there is no ticket.deleted)");
            }
            events.add(event);
        }
        if (events.isEmpty()) throw new IllegalArgumentException("Events must name at least one event");
        String type = text(body, "Type") == null ? "webhook" : text(body, "Type");
        int hookId;
        synchronized (store) {
            hookId = store.newWebhookId();
        }
        SuperOfficeWebhooks.Hook sender = new SuperOfficeWebhooks.Hook(hookId, name, java.net.URI.create(target),
                text(body, "Secret"), Set.copyOf(events));
        // registration: the target must answer 200 to a test event
        if (!webhooks.test(sender)) {
            throw new IllegalArgumentException("TargetUrl " + target + " did not answer 200 to the test event (X-Hook-Test: true)");
        }
        sender.state = text(body, "State") == null ? "Active" : text(body, "State");
        webhooks.add(sender);
        Map<String, Object> hook = new LinkedHashMap<>();
        synchronized (store) {
            hook.put("WebhookId", hookId);
            hook.put("Name", name);
            hook.put("Events", events);
            hook.put("TargetUrl", target);
            hook.put("Secret", ""); // write-only: never read back
            hook.put("State", text(body, "State") == null ? "Active" : text(body, "State"));
            hook.put("Type", type);
            hook.put("Headers", Map.of());
            hook.put("Properties", Map.of());
            hook.put("Registered", wire(ex).dates().format(now()));
            hook.put("RegisteredAssociateId", 100);
            store.webhooks.add(hook);
        }
        ex.json(200, hook);
    }

    private void listWebhooks(SimExchange ex) throws IOException {
        synchronized (store) {
            for (Map<String, Object> hook : store.webhooks) {
                webhooks.hooks().stream().filter(h -> h.id == (int) hook.get("WebhookId")).findFirst()
                        .ifPresent(h -> hook.put("State", h.state));
            }
            ex.json(200, new ArrayList<>(store.webhooks));
        }
    }

    private static boolean loopbackHttp(String url) {
        String u = url.toLowerCase(Locale.ROOT);
        return u.startsWith("http://127.0.0.1:") || u.startsWith("http://127.0.0.1/") || u.startsWith("http://localhost:")
                || u.startsWith("http://localhost/");
    }

    // ---- webhooks: what changed, sent to every registered webhook ----

    /** Called with the store's lock held, once per committed change of a ticket. */
    private void changed(Ticket t, String event, List<String> changes, Integer associateId) {
        if (webhooks.hooks().isEmpty()) return;
        ObjectNode fv = SimExchange.NODES.objectNode();
        java.time.ZoneId zone = java.time.ZoneId.of(SuperOfficeStore.TENANT_ZONE);
        fv.put("category", t.categoryId);
        fv.put("connect_id", 0);
        fv.put("contact_id", t.personId == null ? 0 : store.person(t.personId).contactId());
        fv.put("created_at", SuperOfficeWebhooks.naive(t.createdAt, zone));
        fv.put("cust_id", t.personId == null ? 0 : t.personId);
        fv.put("has_attachment", t.messageIds.stream().anyMatch(id -> !store.messages.get(id).attachmentIds.isEmpty()));
        fv.put("last_changed", SuperOfficeWebhooks.naive(t.lastChanged, zone));
        fv.put("owned_by", t.ownedBy == null ? 1 : store.associate(t.ownedBy).ejUserId());
        fv.put("priority", t.priorityId);
        fv.put("project_id", 0);
        fv.put("sale_id", 0);
        fv.put("slevel", t.slevel);
        fv.put("status", store.status(t.statusId).base());
        fv.put("ticket_status", t.statusId);
        fv.put("ticket_type", 1);
        webhooks.ticketEvent(event, fv, t.id, changes, t.lastChanged, associateId);
    }

    /**
     * Registers a webhook for ticket.created and ticket.changed without the registration's test event (the
     * receiver may not be up yet): what the sandbox command and the default run configure.
     */
    public void sendWebhooksTo(String targetUrl, String secret) {
        int id;
        synchronized (store) {
            id = store.newWebhookId();
            Map<String, Object> hook = new LinkedHashMap<>();
            hook.put("WebhookId", id);
            hook.put("Name", "TicketBridge sandbox");
            hook.put("Events", List.of("ticket.created", "ticket.changed"));
            hook.put("TargetUrl", targetUrl);
            hook.put("Secret", "");
            hook.put("State", "Active");
            hook.put("Type", "webhook");
            store.webhooks.add(hook);
        }
        webhooks.add(new SuperOfficeWebhooks.Hook(id, "TicketBridge sandbox", java.net.URI.create(targetUrl), secret,
                Set.of("ticket.created", "ticket.changed")));
    }

    /** How long a delivery that failed its 3 attempts waits before it is sent again with a new EventId (default 30 s). */
    public void webhookRequeueDelay(java.time.Duration delay) {
        webhooks.requeueDelayMs = delay.toMillis();
    }

    /**
     * Scripted activity: every {@code periodMs} the tenant's agent opens the next ticket (read_by_owner), which
     * changes it (LastChanged) and so fires ticket.changed; round robin over the tickets.
     */
    public void startActivity(long periodMs) {
        if (periodMs <= 0) return;
        activity.scheduleAtFixedRate(() -> {
            synchronized (store) {
                if (store.tickets.isEmpty()) return;
                List<Integer> ids = new ArrayList<>(store.tickets.keySet());
                Ticket t = store.tickets.get(ids.get(nextRead++ % ids.size()));
                t.lastChanged = now();
                changed(t, "ticket.changed", List.of("read_by_owner", "last_changed"), t.ownedBy);
            }
        }, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }
}
