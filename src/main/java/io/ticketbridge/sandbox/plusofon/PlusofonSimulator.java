package io.ticketbridge.sandbox.plusofon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.SimExchange;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.sandbox.VendorSimulator;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stateful simulator of Plusofon's customer-side ticket API ({@code restapi.plusofon.ru/api/v1}). One account
 * (contract) sees every ticket; the 30 sandbox stories are its tickets, written by several users of the contract.
 * Internal notes of the stories are not rendered: the customer side never shows them.
 *
 * <p>Every call needs {@code Client: 10553} and {@code Authorization: Bearer <token>}. Inferred failures (the
 * documents show none): missing or unknown {@code Client} → HTTP 403 {@code {"message":"...","code":403}}
 * (checked first, it names the application); missing, malformed or wrong token → HTTP 401
 * {@code {"message":"Unauthenticated.","code":401}} (Laravel's wording; the validation messages show Laravel).
 * The HTTP status always equals {@code code} in the body, the not-found {@code code: 500} included.
 */
public final class PlusofonSimulator implements VendorSimulator {
    /** The zone of {@code date} texts: the documents show none (INFERENCE: Moscow, Plusofon's own time). */
    static final ZoneId SERVER_ZONE = ZoneId.of("Europe/Moscow");
    public static final String TOKEN = "plusofon-sandbox-token";
    public static final String CLIENT = "10553";
    /** The account holder the token belongs to: author of tickets created through the API. */
    public static final String ACCOUNT_EMAIL = "test704@mail.ru";
    public static final String ACCOUNT_PASSWORD = "sandbox-password";
    public static final int FIRST_TICKET_ID = 23600;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Map<Priority, String> PRIORITY_IDS = Map.of(
            Priority.LOW, "1", Priority.NORMAL, "2", Priority.HIGH, "3", Priority.URGENT, "4");

    record User(String id, String name, boolean staff) {
    }

    record SimAttachment(String id, String name, String type, byte[] bytes) {
    }

    record Post(String id, Instant at, String text, User author, List<SimAttachment> attachments) {
    }

    /** Mutable state of one ticket; guarded by the sandbox's lock. */
    static final class SimTicket {
        final String id;
        final String subject;
        final Instant created;
        final User owner;
        final String departmentId;
        final String priorityId;
        final String contract;
        final List<String> tags;
        final List<Post> posts = new ArrayList<>();
        boolean active;
        User staff;

        SimTicket(String id, String subject, Instant created, User owner, String departmentId, String priorityId,
                  String contract, List<String> tags, boolean active) {
            this.id = id;
            this.subject = subject;
            this.created = created;
            this.owner = owner;
            this.departmentId = departmentId;
            this.priorityId = priorityId;
            this.contract = contract;
            this.tags = tags;
            this.active = active;
        }

        Post lastPost() {
            return posts.isEmpty() ? null : posts.get(posts.size() - 1);
        }

        Instant lastActivity() {
            Post p = lastPost();
            return p == null ? created : p.at();
        }
    }

    private final Object lock = new Object();
    private final Map<String, SimTicket> tickets = new LinkedHashMap<>();
    private final Map<String, User> users = new LinkedHashMap<>();
    private final Clock clock;
    private final User account;
    private int nextTicketId = FIRST_TICKET_ID + 1;
    private int nextPostId = 43800;
    private int nextAttachmentId = 7100;
    private int nextCustomerId = 9740;
    private int nextStaffId = 101;

    public PlusofonSimulator() {
        this(Clock.systemUTC());
    }

    public PlusofonSimulator(Clock clock) {
        this.clock = clock;
        this.account = user(ACCOUNT_EMAIL, false);
        seed(SeedStories.all());
    }


    @Override
    public Map<String, String> credentials() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("token", TOKEN);
        c.put("clientId", CLIENT);
        return c;
    }

    @Override
    public int ticketCount() {
        synchronized (lock) {
            return tickets.size();
        }
    }

    @Override
    public void install(SimServer server) {
        server.errors((ex, status, message) -> envelope(ex, status, message));
        server.route("POST", "/api/v1/login", this::login);
        server.readOnly("/api/v1/login/?");
        server.route("GET", "/api/v1/authuser", authed(this::authUser));
        server.route("GET", "/api/v1/ticket", authed(this::list));
        server.route("POST", "/api/v1/ticket", authed(this::create));
        server.route("POST", "/api/v1/ticket/attachment", authed(this::attach));
        server.route("GET", "/api/v1/ticket/{id}", authed(this::get));
        server.route("PUT", "/api/v1/ticket/answer/{id}", authed(this::answer));
        // INFERENCE: Plusofon documents no download; modelled on Kayako's GET /Tickets/TicketAttachment/{ticketid}/{attachmentid}
        server.route("GET", "/api/v1/ticket/attachment/{ticketId}/{attachmentId}", authed(this::download));
    }

    // ---- seed ----

    @Override
    public void addStories(List<SeedStories.Story> stories) {
        synchronized (lock) {
            seed(stories);
        }
    }

    /** Stories take the next ids: the built-in ones are FIRST_TICKET_ID + their number. */
    private void seed(List<SeedStories.Story> stories) {
        for (SeedStories.Story s : stories) {
            User owner = user(s.requester().email(), false);
            String id = Integer.toString(nextTicketId++);
            boolean active = s.status() == Status.NEW || s.status() == Status.OPEN || s.status() == Status.PENDING;
            SimTicket t = new SimTicket(id, s.subject(), s.createdAt(), owner, departmentId(s.language()),
                    PRIORITY_IDS.get(s.priority()), s.customFields().get("contract"), s.tags(), active);
            for (SeedStories.StoryMessage m : s.messages()) {
                if (m.kind() == MessageKind.NOTE) continue; // internal: never shown on the customer side
                boolean staff = m.kind() != MessageKind.CUSTOMER;
                User author = staff ? user(m.author().name(), true) : owner;
                if (staff) t.staff = author;
                List<SimAttachment> atts = new ArrayList<>();
                for (SeedStories.StoryAttachment a : m.attachments()) {
                    atts.add(new SimAttachment(Integer.toString(nextAttachmentId++), a.fileName(), a.contentType(), a.bytes()));
                }
                t.posts.add(new Post(Integer.toString(nextPostId++), m.at(), m.body(), author, atts));
            }
            tickets.put(id, t);
        }
    }

    /** Customers appear under their e-mail (as in the documented samples), staff under their display name. */
    private User user(String nameOrEmail, boolean staff) {
        return users.computeIfAbsent((staff ? "staff:" : "user:") + nameOrEmail, k -> new User(
                Integer.toString(staff ? nextStaffId++ : nextCustomerId++), nameOrEmail, staff));
    }

    private static String departmentId(String language) {
        return switch (language) {
            case "ru" -> "5";
            case "pl" -> "6";
            case "it" -> "7";
            case "no" -> "8";
            default -> "9";
        };
    }

    // ---- auth ----

    private SimServer.Handler authed(SimServer.Handler handler) {
        return ex -> {
            String client = ex.header("Client");
            if (client == null || client.isBlank()) {
                envelope(ex, 403, "The Client header is required");
                return;
            }
            if (!CLIENT.equals(client.strip())) {
                envelope(ex, 403, "Unknown application code in Client header");
                return;
            }
            String auth = ex.header("Authorization");
            if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)
                    || !constantTimeEquals(auth.substring(7).strip(), TOKEN)) {
                envelope(ex, 401, "Unauthenticated.");
                return;
            }
            handler.handle(ex);
        };
    }

    private static boolean constantTimeEquals(String a, String b) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return MessageDigest.isEqual(sha.digest(a.getBytes(StandardCharsets.UTF_8)),
                    MessageDigest.getInstance("SHA-256").digest(b.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST api/v1/login}: seen in third-party code only; the answer's shape is inferred. */
    private void login(SimExchange ex) throws IOException {
        String client = ex.header("Client");
        if (client == null || !CLIENT.equals(client.strip())) {
            envelope(ex, 403, client == null ? "The Client header is required" : "Unknown application code in Client header");
            return;
        }
        Map<String, String> p = params(ex);
        require(p, "email");
        require(p, "password");
        if (!ACCOUNT_EMAIL.equalsIgnoreCase(p.get("email")) || !ACCOUNT_PASSWORD.equals(p.get("password"))) {
            envelope(ex, 401, "Invalid email or password");
            return;
        }
        ObjectNode out = SimExchange.NODES.objectNode();
        out.put("success", true);
        out.put("token", TOKEN);
        ex.json(200, out);
    }

    /** {@code GET api/v1/authuser}: the account holder (shape from the published docs). */
    private void authUser(SimExchange ex) throws IOException {
        ObjectNode user = SimExchange.NODES.objectNode();
        user.put("id", Integer.parseInt(account.id()));
        user.put("email", ACCOUNT_EMAIL);
        user.put("phone", "74950000000");
        user.put("first_name", "Тест");
        user.put("last_name", "Тестов");
        user.put("middle_name", "");
        ObjectNode role = user.putObject("role");
        role.put("name", "client");
        role.put("client_id", Integer.parseInt(CLIENT));
        ObjectNode out = SimExchange.NODES.objectNode();
        out.set("user", user);
        ex.json(200, out);
    }

    // ---- tickets ----

    /**
     * {@code GET api/v1/ticket}: {@code state} from the query string (curl -G) or a JSON body on the GET (the other
     * samples). A missing state is looked up as "all", which is what the documented error names.
     */
    private void list(SimExchange ex) throws IOException {
        String state = ex.query().get("state");
        if (state == null) {
            JsonNode body = ex.json();
            if (body != null && body.isObject() && body.hasNonNull("state")) state = body.get("state").asText();
        }
        if (state == null) state = "all";
        boolean active;
        switch (state) {
            case "true" -> active = true;
            case "false" -> active = false;
            default -> {
                envelope(ex, 400, "Undefined index: " + state);
                return;
            }
        }
        ArrayNode items = SimExchange.NODES.arrayNode();
        synchronized (lock) {
            tickets.values().stream().filter(t -> t.active == active)
                    .sorted(Comparator.comparing(SimTicket::lastActivity).reversed()
                            .thenComparing(t -> Integer.parseInt(t.id), Comparator.reverseOrder()))
                    .forEach(t -> items.add(listItem(t)));
        }
        ObjectNode out = SimExchange.NODES.objectNode();
        // SimpleXML → JSON: one <ticket> is an object, several an array; none is rendered as an empty array
        out.set("ticket", items.size() == 1 ? items.get(0) : items);
        ex.json(200, out);
    }

    private void get(SimExchange ex) throws IOException {
        synchronized (lock) {
            SimTicket t = ticketOrNotFound(ex, ex.pathParam("id"));
            if (t == null) return;
            ex.json(200, ticketJson(t));
        }
    }

    /** The ticket, or null once Plusofon's "Ticket not Found" has been answered (callers hold the lock). */
    private SimTicket ticketOrNotFound(SimExchange ex, String id) throws IOException {
        SimTicket t = tickets.get(id);
        if (t == null) notFound(ex, "Ticket not Found");
        return t;
    }

    /** {@code POST api/v1/ticket}: subject and description required; {@code file} is Base64 content (inferred). */
    private void create(SimExchange ex) throws IOException {
        Map<String, String> p = params(ex);
        require(p, "subject");
        require(p, "description");
        SimAttachment file = fileParam(p);
        synchronized (lock) {
            String id = Integer.toString(nextTicketId++);
            SimTicket t = new SimTicket(id, p.get("subject"), now(), account, "5", "2", null, List.of(), true);
            t.posts.add(newPost(t.created, p.get("description"), account, file));
            tickets.put(id, t);
            ex.json(201, ticketJson(t));
        }
    }

    /** {@code PUT api/v1/ticket/answer/{id}}: a reply by the ticket's user; it reopens a closed ticket (Kayako does). */
    private void answer(SimExchange ex) throws IOException {
        Map<String, String> p = params(ex);
        synchronized (lock) {
            SimTicket t = ticketOrNotFound(ex, ex.pathParam("id"));
            if (t == null) return;
            require(p, "text");
            SimAttachment file = fileParam(p);
            Instant at = now();
            if (at.isBefore(t.lastActivity())) at = t.lastActivity(); // keep the thread ordered
            t.posts.add(newPost(at, p.get("text"), t.owner, file));
            t.active = true;
            ex.json(200, ticketJson(t));
        }
    }

    /** {@code POST api/v1/ticket/attachment}: Base64 {@code contents} added to one post of one ticket. */
    private void attach(SimExchange ex) throws IOException {
        Map<String, String> p = params(ex);
        require(p, "ticketId");
        require(p, "ticketPostID");
        require(p, "filename");
        require(p, "contents");
        byte[] bytes = base64(p.get("contents"), "The contents must be a valid Base64 string");
        synchronized (lock) {
            SimTicket t = ticketOrNotFound(ex, p.get("ticketId").strip());
            if (t == null) return;
            Post post = t.posts.stream().filter(x -> x.id().equals(p.get("ticketPostID").strip())).findFirst().orElse(null);
            if (post == null) {
                notFound(ex, "Ticket Post not Found");
                return;
            }
            post.attachments().add(new SimAttachment(Integer.toString(nextAttachmentId++), p.get("filename"),
                    guessType(p.get("filename")), bytes));
            ObjectNode out = SimExchange.NODES.objectNode();
            out.put("success", true);
            ex.json(200, out);
        }
    }

    /**
     * {@code GET api/v1/ticket/attachment/{ticketId}/{attachmentId}} — <b>inference</b>: not in Plusofon's documents.
     * Modelled on the Kayako backend's TicketAttachment read (XML → JSON like the list: every value a string) with
     * the bytes Base64 in {@code contents}, the same encoding the documented upload uses.
     */
    private void download(SimExchange ex) throws IOException {
        synchronized (lock) {
            SimTicket t = ticketOrNotFound(ex, ex.pathParam("ticketId"));
            if (t == null) return;
            for (Post p : t.posts) {
                for (SimAttachment a : p.attachments()) {
                    if (!a.id().equals(ex.pathParam("attachmentId"))) continue;
                    ObjectNode o = SimExchange.NODES.objectNode();
                    o.put("id", a.id());
                    o.put("ticketid", t.id);
                    o.put("ticketpostid", p.id());
                    o.put("filename", a.name());
                    o.put("filesize", Integer.toString(a.bytes().length));
                    o.put("filetype", a.type());
                    o.put("dateline", epoch(p.at()));
                    o.put("contents", Base64.getEncoder().encodeToString(a.bytes()));
                    ObjectNode out = SimExchange.NODES.objectNode();
                    out.set("attachment", o);
                    ex.json(200, out);
                    return;
                }
            }
            notFound(ex, "Attachment not Found");
        }
    }

    // ---- what support does (no customer-side endpoint): for tests and demos ----

    /** A reply by a support operator, as Plusofon's staff would write it in their desk; returns the post id. */
    public String operatorReply(String ticketId, String operatorName, String text) {
        synchronized (lock) {
            SimTicket t = existing(ticketId);
            Instant at = now();
            if (at.isBefore(t.lastActivity())) at = t.lastActivity();
            User staff = user(operatorName, true);
            t.staff = staff;
            Post p = newPost(at, text, staff, null);
            t.posts.add(p);
            return p.id();
        }
    }

    /** Support closes (false) or reopens (true) a ticket; Kayako keeps lastactivity as it was. */
    public void setActive(String ticketId, boolean active) {
        synchronized (lock) {
            existing(ticketId).active = active;
        }
    }

    /** How many posts a ticket has now (tests count what a sink appended). */
    public int postCount(String ticketId) {
        synchronized (lock) {
            return existing(ticketId).posts.size();
        }
    }

    /** How many attachments a ticket's posts hold now. */
    public int attachmentCount(String ticketId) {
        synchronized (lock) {
            return existing(ticketId).posts.stream().mapToInt(p -> p.attachments().size()).sum();
        }
    }

    private SimTicket existing(String ticketId) {
        SimTicket t = tickets.get(ticketId);
        if (t == null) throw new IllegalArgumentException("no sandbox ticket " + ticketId);
        return t;
    }

    // ---- rendering ----

    private ObjectNode ticketJson(SimTicket t) {
        ObjectNode o = SimExchange.NODES.objectNode();
        o.put("id", t.id);
        o.put("subject", t.subject);
        o.put("date", local(t.created));
        o.put("status", t.active);
        Post last = t.lastPost();
        // support has answered and the customer has not yet: there is something unread
        o.put("unread_messages", last != null && last.author().staff());
        ArrayNode posts = o.putArray("posts");
        for (Post p : t.posts) {
            ObjectNode po = posts.addObject();
            po.put("id", p.id());
            po.put("date", local(p.at()));
            po.put("text", p.text());
            ObjectNode author = po.putObject("author");
            author.put("id", p.author().id());
            author.put("name", p.author().name());
            ArrayNode atts = po.putArray("attachments");
            for (SimAttachment a : p.attachments()) {
                ObjectNode ao = atts.addObject();
                ao.put("id", a.id());
                ao.put("name", a.name());
                ao.put("size", a.bytes().length);
                ao.put("type", a.type());
            }
        }
        return o;
    }

    /** The old Kayako list entry: every value a string, Unix seconds as strings, {@code []} for an empty string. */
    private ObjectNode listItem(SimTicket t) {
        ObjectNode o = SimExchange.NODES.objectNode();
        ObjectNode attrs = o.putObject("@attributes");
        attrs.put("id", t.id);
        attrs.put("flagtype", "0");
        Post last = t.lastPost();
        Instant staffReply = null;
        Instant userReply = null;
        for (Post p : t.posts) {
            if (p.author().staff()) staffReply = p.at();
            else userReply = p.at();
        }
        o.put("displayid", t.id);
        o.put("departmentid", t.departmentId);
        o.put("statusid", !t.active ? "3" : last != null && last.author().staff() ? "4" : "1");
        o.put("priorityid", t.priorityId);
        o.put("typeid", "32");
        o.put("userid", t.owner.id());
        orEmpty(o, "userorganization", t.contract == null ? null : t.contract.replaceAll("\\D", ""));
        o.put("userorganizationid", "25");
        o.put("ownerstaffid", t.staff == null ? "0" : t.staff.id());
        orEmpty(o, "ownerstaffname", t.staff == null ? null : t.staff.name());
        o.put("fullname", t.owner.name());
        o.put("email", t.owner.name());
        orEmpty(o, "lastreplier", last == null ? null : last.author().name());
        o.put("subject", t.subject);
        o.put("creationtime", epoch(t.created));
        o.put("lastactivity", epoch(t.lastActivity()));
        o.put("laststaffreply", epoch(staffReply));
        o.put("lastuserreply", epoch(userReply));
        o.put("slaplanid", "3");
        o.put("nextreplydue", "0");
        o.put("resolutiondue", "0");
        o.put("replies", Integer.toString(Math.max(0, t.posts.size() - 1)));
        o.put("ipaddress", "10.10.80.124");
        o.put("creator", "2");
        o.put("creationmode", "4");
        o.put("creationtype", "1");
        o.put("isescalated", "0");
        o.put("escalationruleid", "0");
        o.put("templategroupid", "4");
        orEmpty(o, "tags", t.tags.isEmpty() ? null : String.join(", ", t.tags));
        o.put("templategroupname", "Plusofon");
        return o;
    }

    private static void orEmpty(ObjectNode o, String field, String value) {
        if (value == null || value.isEmpty()) o.putArray(field);
        else o.put(field, value);
    }

    private static String local(Instant at) {
        return LocalDateTime.ofInstant(at, SERVER_ZONE).format(DATE);
    }

    private static String epoch(Instant at) {
        return at == null ? "0" : Long.toString(at.getEpochSecond());
    }

    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    private Post newPost(Instant at, String text, User author, SimAttachment file) {
        List<SimAttachment> atts = new ArrayList<>();
        if (file != null) atts.add(file);
        return new Post(Integer.toString(nextPostId++), at, text, author, atts);
    }

    // ---- requests ----

    /** Fields of a JSON body (the documented format), or of an url-encoded / multipart form. */
    private static Map<String, String> params(SimExchange ex) {
        Map<String, String> out = new LinkedHashMap<>();
        String type = ex.header("Content-Type");
        if (type != null && (type.contains("form-urlencoded") || type.contains("multipart/"))) return ex.form();
        JsonNode body = ex.json();
        if (body == null) return out;
        if (!body.isObject()) throw new IllegalArgumentException("request body must be a JSON object");
        body.fields().forEachRemaining(e -> {
            if (!e.getValue().isNull() && !e.getValue().isContainerNode()) out.put(e.getKey(), e.getValue().asText());
        });
        return out;
    }

    /** Laravel's wording, answered by the server's error renderer as {@code {"message":...,"code":400}}. */
    private static void require(Map<String, String> p, String field) {
        String v = p.get(field);
        if (v == null || v.isBlank()) throw new IllegalArgumentException("The " + field + " field is required");
    }

    private SimAttachment fileParam(Map<String, String> p) {
        String file = p.get("file");
        if (file == null || file.isBlank()) return null;
        byte[] bytes = base64(file, "The file must be a file.");
        synchronized (lock) {
            return new SimAttachment(Integer.toString(nextAttachmentId++), "file", "application/octet-stream", bytes);
        }
    }

    private static byte[] base64(String s, String error) {
        try {
            return Base64.getDecoder().decode(s.replaceAll("\\s", "")); // line breaks allowed, nothing else
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(error);
        }
    }

    private static String guessType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".png")) return "image/png";
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) return "image/jpeg";
        if (n.endsWith(".pdf")) return "application/pdf";
        if (n.endsWith(".txt") || n.endsWith(".log")) return "text/plain";
        if (n.endsWith(".csv")) return "text/csv";
        return "application/octet-stream";
    }

    private static void envelope(SimExchange ex, int status, String message) throws IOException {
        ObjectNode o = SimExchange.NODES.objectNode();
        o.put("message", message);
        o.put("code", status);
        ex.json(status, o);
    }

    /** Not found, as documented: the Kayako backend's raw 404 answer wrapped in a {@code code: 500} envelope. */
    private void notFound(SimExchange ex, String what) throws IOException {
        envelope(ex, 500, "HTTP/1.1 404 Not Found\r\nServer: nginx\r\nDate: " + HTTP_DATE.format(clock.instant())
                + "\r\nContent-Type: text/xml;charset=UTF-8\r\nTransfer-Encoding: chunked\r\nConnection: keep-alive"
                + "\r\nVary: Accept-Encoding\r\nX-Frame-Options: SAMEORIGIN\r\nX-XSS-Protection: 1"
                + "\r\nX-Content-Type-Options: nosniff\r\n\r\n" + what);
    }
}
