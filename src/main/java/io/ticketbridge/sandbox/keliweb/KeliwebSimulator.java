package io.ticketbridge.sandbox.keliweb;

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
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stateful simulator of Keliweb's API v2: {@code POST /oauth/token} (password and refresh_token grants) and
 * {@code POST /api/v2/keliweb/{action}} with form fields (url-encoded or multipart). WHMCS semantics behind every
 * action; the reseller account is WHMCS client 1 and the seed stories' customers are its contacts.
 * Business errors answer HTTP 200 with {@code {"result":"error","message":...}} (WHMCS clients read only
 * {@code result}); auth failures answer as Laravel Passport does (401 {@code {"message":"Unauthenticated."}}).
 */
public final class KeliwebSimulator implements VendorSimulator {
    /**
     * The server's local time: WHMCS writes dates without a zone in server time, and Keliweb does not say which
     * (INFERENCE: an Italian host on Italian time).
     */
    public static final ZoneId SERVER_ZONE = ZoneId.of("Europe/Rome");
    public static final String CLIENT_ID = "3";
    public static final String CLIENT_SECRET = "sandbox-client-secret-keliweb";
    public static final String USERNAME = "api@reseller.example.it";
    public static final String PASSWORD = "sandbox-password";
    public static final List<String> STATUSES =
            List.of("Open", "Answered", "Customer-Reply", "On Hold", "In Progress", "Closed");
    public static final List<String> PRIORITIES = List.of("Low", "Medium", "High");
    private static final Map<String, String> STATUS_COLORS = Map.of("Open", "#779500", "Answered", "#000000",
            "Customer-Reply", "#ff6600", "On Hold", "#224488", "In Progress", "#cc0000", "Closed", "#888888");
    private static final DateTimeFormatter WHMCS_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String API = "/api/v2/keliweb/";
    private static final int OWNER_ID = 1;
    private static final String OWNER_NAME = "Reseller Demo Srl";

    private record Dept(int id, String name) {
    }

    private record Admin(int id, String name, String login) {
    }

    private record Contact(int id, String name, String email) {
    }

    private record StoredFile(String storedName, String fileName, byte[] data) {
    }

    /** A reply (replyid 0 = the opening message, stored on the ticket in WHMCS) or a note. */
    private static final class Post {
        long id;
        int userid;
        int contactid;
        String name = "";
        String email = "";
        String admin = "";
        LocalDateTime date;
        String message;
        List<StoredFile> files = new ArrayList<>();
        boolean filesRemoved;
    }

    private static final class Tkt {
        long id;
        String tid;
        String c;
        int deptid;
        int userid = OWNER_ID;
        int contactid;
        String name;
        String email;
        String cc = "";
        LocalDateTime date;
        String subject;
        String status;
        String priority;
        String admin = "";
        LocalDateTime lastreply;
        int flag;
        String service = "";
        final List<Post> replies = new ArrayList<>();
        final List<Post> notes = new ArrayList<>();
    }

    private record Token(Instant expires) {
    }

    private final ZoneId zone;
    private volatile Clock clock;
    private volatile Duration accessTokenTtl = Duration.ofHours(1);
    private volatile Duration refreshTokenTtl = Duration.ofDays(10);
    private volatile boolean newerShape;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Token> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Token> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> grants = new ConcurrentHashMap<>();

    // state: guarded by this
    private final Map<Long, Tkt> tickets = new LinkedHashMap<>();
    private final List<Dept> depts = new ArrayList<>();
    private final List<Admin> admins = new ArrayList<>();
    private final List<Contact> contacts = new ArrayList<>();
    private long nextTicketId = 1;
    private long nextReplyId = 1;
    private long nextNoteId = 1;
    private int nextFilePrefix = 100000;
    /** get-tickets' order, kept until the next write action so paging does not sort on every page; null = stale. */
    private List<Tkt> byActivity;

    public KeliwebSimulator() {
        this(Clock.systemUTC(), SERVER_ZONE);
    }

    /** @param clock drives token expiry and the time of writes; @param zone the server's local time zone */
    public KeliwebSimulator(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        seed(SeedStories.all());
    }

    // ---- knobs for tests and the CLI ----

    public KeliwebSimulator accessTokenTtl(Duration ttl) {
        this.accessTokenTtl = Objects.requireNonNull(ttl);
        return this;
    }

    public KeliwebSimulator refreshTokenTtl(Duration ttl) {
        this.refreshTokenTtl = Objects.requireNonNull(ttl);
        return this;
    }

    public KeliwebSimulator clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
        return this;
    }

    /** Render get-ticket in the newer WHMCS shape (requestor_*, attachments[], attachments_removed) instead of the seed's. */
    public KeliwebSimulator newerShape(boolean on) {
        this.newerShape = on;
        return this;
    }

    /** How many tokens were issued per grant type ("password", "refresh_token"). */
    public int grantCount(String grantType) {
        AtomicInteger n = grants.get(grantType);
        return n == null ? 0 : n.get();
    }

    /** Revokes every access token (as a password change would): the next API call answers 401. */
    public void revokeAccessTokens() {
        accessTokens.clear();
    }

    /** Deletes a ticket's files from "disk", as WHMCS's attachment pruning does (attachments_removed). */
    public synchronized void pruneAttachments(long ticketId) {
        Tkt t = tickets.get(ticketId);
        if (t == null) throw new IllegalArgumentException("no ticket " + ticketId);
        t.replies.forEach(p -> p.filesRemoved = !p.files.isEmpty());
        t.notes.forEach(p -> p.filesRemoved = !p.files.isEmpty());
    }


    @Override
    public Map<String, String> credentials() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("clientId", CLIENT_ID);
        c.put("clientSecret", CLIENT_SECRET);
        c.put("username", USERNAME);
        c.put("password", PASSWORD);
        return c;
    }

    @Override
    public synchronized int ticketCount() {
        return tickets.size();
    }

    @Override
    public void install(SimServer server) {
        server.errors((ex, status, message) -> ex.json(status, envelope(message)));
        server.route("POST", "/oauth/token", this::token);
        // every call is a POST: the token and the get-* actions only read
        server.readOnly("/oauth/token/?").readOnly(java.util.regex.Pattern.quote(API) + "get-[a-z-]+/?");
        action(server, "get-ticket", this::getTicket);
        action(server, "get-tickets", this::getTickets);
        action(server, "open-ticket", this::openTicket);
        action(server, "add-ticket-reply", this::addTicketReply);
        action(server, "add-ticket-note", this::addTicketNote);
        action(server, "update-ticket", this::updateTicket);
        action(server, "get-ticket-notes", this::getTicketNotes);
        action(server, "get-ticket-attachment", this::getTicketAttachment);
        action(server, "get-support-statuses", this::getSupportStatuses);
        action(server, "get-support-departments", this::getSupportDepartments);
    }

    @FunctionalInterface
    private interface Action {
        Object run(Map<String, String> form);
    }

    private void action(SimServer server, String name, Action a) {
        server.route("POST", API + name, ex -> {
            if (!authorized(ex.header("Authorization"))) {
                ex.json(401, Map.of("message", "Unauthenticated."));
                return;
            }
            Object answer;
            synchronized (this) {
                if (!name.startsWith("get-")) byActivity = null;
                answer = a.run(ex.form());
            }
            ex.json(200, answer);
        });
    }

    // ---- OAuth2 (Laravel Passport style) ----

    private void token(SimExchange ex) throws IOException {
        Map<String, String> form = fields(ex);
        String grant = form.getOrDefault("grant_type", "");
        if (!grant.equals("password") && !grant.equals("refresh_token")) {
            oauthError(ex, 400, "unsupported_grant_type",
                    "The authorization grant type is not supported by the authorization server.", null);
            return;
        }
        if (blank(form.get("client_id")) || blank(form.get("client_secret"))) {
            oauthError(ex, 400, "invalid_request", "The request is missing a required parameter, includes an invalid"
                    + " parameter value, includes a parameter more than once, or is otherwise malformed.",
                    "Check the `client_id` parameter");
            return;
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            oauthError(ex, 401, "invalid_client", "Client authentication failed", null);
            return;
        }
        Instant now = clock.instant();
        if (grant.equals("password")) {
            for (String p : List.of("username", "password")) {
                if (blank(form.get(p))) {
                    oauthError(ex, 400, "invalid_request", "The request is missing a required parameter, includes an"
                            + " invalid parameter value, includes a parameter more than once, or is otherwise malformed.",
                            "Check the `" + p + "` parameter");
                    return;
                }
            }
            if (!USERNAME.equalsIgnoreCase(form.get("username")) || !PASSWORD.equals(form.get("password"))) {
                oauthError(ex, 400, "invalid_grant", "The user credentials were incorrect.", null);
                return;
            }
        } else {
            String refresh = form.get("refresh_token");
            Token known = refresh == null ? null : refreshTokens.remove(refresh); // one use, as Passport revokes it
            if (known == null || !known.expires().isAfter(now)) {
                oauthError(ex, 400, "invalid_grant", "The refresh token is invalid.",
                        known == null ? "Token has been revoked" : "Token has expired");
                return;
            }
        }
        grants.computeIfAbsent(grant, g -> new AtomicInteger()).incrementAndGet();
        String access = newAccessToken(now);
        String refresh = "def50200" + HexFormat.of().formatHex(bytes(48));
        accessTokens.put(access, new Token(now.plus(accessTokenTtl)));
        refreshTokens.put(refresh, new Token(now.plus(refreshTokenTtl)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", accessTokenTtl.toSeconds());
        body.put("access_token", access);
        body.put("refresh_token", refresh);
        ex.json(200, body);
    }

    /** Passport takes the token request as a form or as JSON. */
    private static Map<String, String> fields(SimExchange ex) {
        String type = ex.header("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            Map<String, String> out = new LinkedHashMap<>();
            JsonNode n = ex.json();
            if (n != null && n.isObject()) n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }
        return ex.form();
    }

    private static void oauthError(SimExchange ex, int status, String error, String description, String hint)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        if (hint != null) body.put("hint", hint);
        body.put("message", description);
        ex.json(status, body);
    }

    private String newAccessToken(Instant now) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"aud\":\"" + CLIENT_ID + "\",\"jti\":\""
                + HexFormat.of().formatHex(bytes(20)) + "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":"
                + now.plus(accessTokenTtl).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + b64.encodeToString(bytes(64));
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        Token t = accessTokens.get(header.substring(7).strip());
        return t != null && t.expires().isAfter(clock.instant());
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    // ---- actions (called holding the lock) ----

    private Object getTicket(Map<String, String> form) {
        Tkt t = find(form);
        if (t == null) return error("Ticket ID Not Found");
        String sort = form.getOrDefault("repliessort", "ASC");
        ObjectNode o = ticketHead(t);
        ArrayNode replies = o.putObject("replies").putArray("reply");
        List<Post> ordered = new ArrayList<>(t.replies);
        if (sort.equalsIgnoreCase("DESC")) java.util.Collections.reverse(ordered);
        for (Post p : ordered) replies.add(reply(t, p));
        ArrayNode notes = o.putObject("notes").putArray("note");
        for (Post n : t.notes) {
            ObjectNode j = notes.addObject();
            j.put("noteid", Long.toString(n.id));
            j.put("date", fmt(n.date));
            j.put("message", n.message);
            if (newerShape || !n.files.isEmpty()) j.put("attachment", joined(n));
            if (newerShape) {
                j.set("attachments", attachmentList(n));
                j.put("attachments_removed", n.filesRemoved);
            }
            j.put("admin", n.admin);
        }
        return o;
    }

    private ObjectNode ticketHead(Tkt t) {
        ObjectNode o = SimExchange.NODES.objectNode();
        o.put("result", "success");
        o.put("ticketid", Long.toString(t.id));
        o.put("tid", t.tid);
        o.put("c", t.c);
        o.put("deptid", Integer.toString(t.deptid));
        o.put("deptname", dept(t.deptid).name());
        o.put("userid", Integer.toString(t.userid));
        o.put("contactid", Integer.toString(t.contactid));
        o.put("name", t.name);
        o.put("email", t.email);
        o.put("cc", t.cc);
        o.put("date", fmt(t.date));
        o.put("subject", t.subject);
        o.put("status", t.status);
        o.put("priority", t.priority);
        o.put("admin", t.admin);
        o.put("lastreply", fmt(t.lastreply));
        o.put("flag", Integer.toString(t.flag));
        o.put("service", t.service);
        return o;
    }

    private ObjectNode reply(Tkt t, Post p) {
        ObjectNode j = SimExchange.NODES.objectNode();
        j.put("replyid", Long.toString(p.id));
        j.put("userid", Integer.toString(p.userid));
        j.put("contactid", Integer.toString(p.contactid));
        j.put("name", p.name);
        j.put("email", p.email);
        if (newerShape) {
            boolean staff = !p.admin.isEmpty();
            boolean owner = !staff && p.name.isEmpty() && p.userid == t.userid && p.contactid == t.contactid;
            j.put("requestor_name", staff ? p.admin : owner ? t.name : p.name);
            j.put("requestor_email", staff ? "" : owner ? t.email : p.email);
            j.put("requestor_type", staff ? "Operator" : p.userid == 0 ? "Guest" : "Owner");
        }
        j.put("date", fmt(p.date));
        j.put("message", p.message);
        j.put("attachment", joined(p));
        if (newerShape) {
            j.set("attachments", attachmentList(p));
            j.put("attachments_removed", p.filesRemoved);
        }
        j.put("admin", p.admin);
        if (p.id != 0) j.put("rating", "0");
        return j;
    }

    private static String joined(Post p) {
        return String.join("|", p.files.stream().map(StoredFile::storedName).toList());
    }

    /** WHMCS's "[[]]" when there is nothing, else [{filename,index}]. */
    private static ArrayNode attachmentList(Post p) {
        ArrayNode a = SimExchange.NODES.arrayNode();
        if (p.files.isEmpty()) {
            a.addArray();
            return a;
        }
        for (int i = 0; i < p.files.size(); i++) {
            a.addObject().put("filename", p.files.get(i).fileName()).put("index", i);
        }
        return a;
    }

    private Object getTickets(Map<String, String> form) {
        int start = intOr(form.get("limitstart"), 0);
        int num = intOr(form.get("limitnum"), 25);
        if (start < 0) start = 0;
        if (num <= 0) num = 25;
        String status = form.get("status");
        String deptid = form.get("deptid");
        String email = form.get("email");
        String subject = form.get("subject");
        if (byActivity == null) {
            // WHMCS lists by last activity, newest first (its own UI order; the API does not document one)
            byActivity = tickets.values().stream()
                    .sorted(Comparator.comparing((Tkt t) -> t.lastreply).reversed().thenComparing(t -> -t.id)).toList();
        }
        List<Tkt> match = byActivity.stream()
                .filter(t -> blank(deptid) || Integer.toString(t.deptid).equals(deptid.strip()))
                .filter(t -> blank(email) || t.email.equalsIgnoreCase(email.strip()))
                .filter(t -> blank(subject) || t.subject.toLowerCase(Locale.ROOT).contains(subject.strip().toLowerCase(Locale.ROOT)))
                .filter(t -> statusMatches(t, status))
                .toList();
        ObjectNode o = SimExchange.NODES.objectNode();
        o.put("result", "success");
        o.put("totalresults", Integer.toString(match.size())); // a string, unlike the two counters below
        o.put("startnumber", start);
        List<Tkt> page = match.subList(Math.min(start, match.size()), Math.min(start + num, match.size()));
        o.put("numreturned", page.size());
        ArrayNode list = o.putObject("tickets").putArray("ticket");
        for (Tkt t : page) {
            Post opening = t.replies.get(0);
            ObjectNode j = list.addObject();
            j.put("id", Long.toString(t.id));
            j.put("tid", t.tid);
            j.put("deptid", Integer.toString(t.deptid));
            j.put("userid", Integer.toString(t.userid));
            j.put("name", t.name);
            j.put("owner_name", OWNER_NAME);
            j.put("email", t.email);
            j.put("requestor_name", t.name);
            j.put("requestor_email", t.email);
            j.put("requestor_type", t.contactid == 0 ? "Owner" : "Authorized User");
            j.put("cc", t.cc);
            j.put("c", t.c);
            j.put("date", fmt(t.date));
            j.put("subject", t.subject);
            j.put("status", t.status);
            j.put("priority", t.priority);
            j.put("admin", t.admin);
            j.put("attachment", joined(opening));
            j.set("attachments", attachmentList(opening));
            j.put("attachments_removed", opening.filesRemoved);
            j.put("lastreply", fmt(t.lastreply));
            j.put("flag", Integer.toString(t.flag));
            j.put("service", t.service);
        }
        return o;
    }

    private static boolean statusMatches(Tkt t, String status) {
        if (blank(status)) return true;
        return switch (status.strip()) {
            case "All Active Tickets" -> !t.status.equals("Closed");
            case "Awaiting Reply" -> t.status.equals("Open") || t.status.equals("Customer-Reply");
            case "My Flagged Tickets" -> t.flag != 0;
            default -> t.status.equalsIgnoreCase(status.strip());
        };
    }

    private Object openTicket(Map<String, String> form) {
        Dept dept = blank(form.get("deptid")) ? null : deptOrNull(form.get("deptid"));
        if (dept == null) return error("Department ID not found");
        if (blank(form.get("subject"))) return error("Subject is required");
        if (blank(form.get("message"))) return error("Message is required");
        String priority = form.getOrDefault("priority", "Medium");
        if (blank(priority)) priority = "Medium";
        String canonicalPriority = PRIORITIES.stream().filter(priority.strip()::equalsIgnoreCase).findFirst().orElse(null);
        if (canonicalPriority == null) return error("Invalid Ticket Priority. Valid priorities are: Low,Medium,High");
        Tkt t = new Tkt();
        if (!blank(form.get("contactid")) && !form.get("contactid").strip().equals("0")) {
            Contact c = contact(form.get("contactid"));
            if (c == null) return error("Contact ID Not Found");
            t.contactid = c.id();
            t.name = c.name();
            t.email = c.email();
        } else if (!blank(form.get("name")) || !blank(form.get("email"))) {
            if (blank(form.get("name")) || blank(form.get("email"))) {
                return error("Name and email address are required if not a client");
            }
            t.name = form.get("name").strip();
            t.email = form.get("email").strip();
        } else {
            t.name = OWNER_NAME;
            t.email = USERNAME;
        }
        List<StoredFile> files;
        try {
            files = decodeAttachments(form.get("attachments"));
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        LocalDateTime created;
        try {
            created = created(form, "Ticket");
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        t.id = nextTicketId++;
        t.tid = ticketNumber(t.id);
        t.c = accessKey(t.id);
        t.deptid = dept.id();
        t.date = created;
        t.lastreply = t.date;
        t.subject = form.get("subject").strip();
        t.status = "Open";
        t.priority = canonicalPriority;
        if (!blank(form.get("serviceid"))) t.service = "S" + form.get("serviceid").strip();
        else if (!blank(form.get("domainid"))) t.service = "D" + form.get("domainid").strip();
        Post opening = new Post();
        opening.id = 0;
        opening.userid = t.userid;
        opening.contactid = t.contactid;
        opening.name = t.name;
        opening.email = t.email;
        opening.date = t.date;
        opening.message = form.get("message");
        opening.files = files;
        t.replies.add(opening);
        tickets.put(t.id, t);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", "success");
        out.put("id", Long.toString(t.id));
        out.put("tid", t.tid);
        out.put("c", t.c);
        return out;
    }

    private Object addTicketReply(Map<String, String> form) {
        Tkt t = blank(form.get("ticketid")) ? null : tickets.get(longOr(form.get("ticketid"), -1));
        if (t == null) return error("Ticket ID not found");
        if (blank(form.get("message"))) return error("Message is required");
        String status = form.get("status");
        if (!blank(status) && STATUSES.stream().noneMatch(status.strip()::equals)) return error("Invalid Ticket Status");
        Post p;
        try {
            p = newPost(form, "Reply");
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        p.id = nextReplyId++;
        String adminUser = form.get("adminusername");
        if (!blank(adminUser)) {
            p.admin = adminName(adminUser);
        } else {
            p.userid = t.userid;
            if (!blank(form.get("contactid")) && !form.get("contactid").strip().equals("0")) {
                Contact c = contact(form.get("contactid"));
                if (c == null) return error("Contact ID Not Found");
                p.contactid = c.id();
            } else {
                p.contactid = t.contactid;
            }
            // a reply by the ticket's own client carries no name/email (WHMCS reads them from the client record)
            if (!blank(form.get("name"))) p.name = form.get("name").strip();
            if (!blank(form.get("email"))) p.email = form.get("email").strip();
        }
        t.replies.add(p);
        if (t.lastreply == null || p.date.isAfter(t.lastreply)) t.lastreply = p.date; // a back-dated reply is not the last
        t.status = !blank(status) ? status.strip() : p.admin.isEmpty() ? "Customer-Reply" : "Answered";
        return Map.of("result", "success");
    }

    private Object addTicketNote(Map<String, String> form) {
        Tkt t = find(form);
        if (t == null) return error("Ticket ID not found");
        if (blank(form.get("message"))) return error("Message is required");
        Post n;
        try {
            n = newPost(form, "Note");
        } catch (IllegalArgumentException e) {
            return error(e.getMessage());
        }
        n.id = nextNoteId++;
        String adminUser = form.get("adminusername");
        n.admin = blank(adminUser) ? "API User" : adminName(adminUser);
        t.notes.add(n); // notes do not touch lastreply or status
        return Map.of("result", "success");
    }

    /**
     * A reply's or note's message, attachments and date (checked in that order, as WHMCS does); the caller numbers
     * it only once it is valid, so a refused call uses up no id. IllegalArgumentException carries WHMCS's message.
     */
    private Post newPost(Map<String, String> form, String what) {
        List<StoredFile> files = decodeAttachments(form.get("attachments"));
        LocalDateTime created = created(form, what);
        Post p = new Post();
        p.date = created;
        p.message = form.get("message");
        p.files = files;
        return p;
    }

    /** The display name of an admin login; an unknown login is shown as given. */
    private String adminName(String login) {
        return admins.stream().filter(a -> a.login().equalsIgnoreCase(login.strip())).map(Admin::name)
                .findFirst().orElse(login.strip());
    }

    private Object updateTicket(Map<String, String> form) {
        Tkt t = blank(form.get("ticketid")) ? null : tickets.get(longOr(form.get("ticketid"), -1));
        if (t == null) return error("Ticket ID Not Found");
        // validate everything before changing anything
        Dept dept = null;
        if (!blank(form.get("deptid"))) {
            dept = deptOrNull(form.get("deptid"));
            if (dept == null) return error("Department ID not found");
        }
        String status = form.get("status");
        if (!blank(status) && STATUSES.stream().noneMatch(status.strip()::equals)) {
            return error("Invalid Ticket Status. Valid statuses are: " + String.join(",", STATUSES));
        }
        String priority = form.get("priority");
        String canonicalPriority = blank(priority) ? null
                : PRIORITIES.stream().filter(priority.strip()::equalsIgnoreCase).findFirst().orElse(null);
        if (!blank(priority) && canonicalPriority == null) {
            return error("Invalid Ticket Priority. Valid priorities are: Low,Medium,High");
        }
        Integer flag = null;
        if (!blank(form.get("flag"))) {
            int f = intOr(form.get("flag"), -1);
            if (f != 0 && admins.stream().noneMatch(a -> a.id() == f)) return error("Invalid Admin ID for Flag");
            flag = f;
        }
        if (dept != null) t.deptid = dept.id();
        if (!blank(status)) t.status = status.strip();
        if (canonicalPriority != null) t.priority = canonicalPriority;
        if (!blank(form.get("subject"))) t.subject = form.get("subject").strip();
        if (form.containsKey("cc")) t.cc = form.get("cc").strip();
        if (!blank(form.get("name"))) t.name = form.get("name").strip();
        if (!blank(form.get("email"))) t.email = form.get("email").strip();
        if (flag != null) t.flag = flag;
        if ("1".equals(form.get("removeFlag")) || "true".equalsIgnoreCase(form.get("removeFlag"))) t.flag = 0;
        if (!blank(form.get("message"))) t.replies.get(0).message = form.get("message");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", "success");
        out.put("ticketid", Long.toString(t.id));
        return out;
    }

    private Object getTicketNotes(Map<String, String> form) {
        Tkt t = blank(form.get("ticketid")) ? null : tickets.get(longOr(form.get("ticketid"), -1));
        if (t == null) return error("Ticket ID Not Found");
        ObjectNode o = SimExchange.NODES.objectNode();
        o.put("result", "success");
        o.put("totalresults", t.notes.size());
        ArrayNode list = o.putObject("notes").putArray("note");
        for (Post n : t.notes) {
            list.addObject().put("id", Long.toString(n.id)).put("admin", n.admin).put("date", fmt(n.date))
                    .put("message", n.message).put("attachment", joined(n)).put("attachments_removed", n.filesRemoved);
        }
        return o;
    }

    private Object getTicketAttachment(Map<String, String> form) {
        if (blank(form.get("relatedid"))) return error("Related ID Required");
        String type = form.getOrDefault("type", "").strip();
        if (!List.of("ticket", "reply", "note").contains(type)) return error("Invalid Type. Must be one of ticket, reply, note");
        if (blank(form.get("index"))) return error("Attachment Index Required");
        long related = longOr(form.get("relatedid"), -1);
        Post owner = switch (type) {
            case "ticket" -> tickets.containsKey(related) ? tickets.get(related).replies.get(0) : null;
            case "reply" -> tickets.values().stream().flatMap(t -> t.replies.stream())
                    .filter(p -> p.id == related && p.id != 0).findFirst().orElse(null);
            default -> tickets.values().stream().flatMap(t -> t.notes.stream())
                    .filter(p -> p.id == related).findFirst().orElse(null);
        };
        if (owner == null) return error("Related ID Not Found");
        if (owner.files.isEmpty()) return error("No Attachments Found");
        if (owner.filesRemoved) return error("Attachments Deleted");
        int index = intOr(form.get("index"), -1);
        if (index < 0 || index >= owner.files.size()) return error("Invalid Attachment Index");
        StoredFile f = owner.files.get(index);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", "success");
        out.put("filename", f.fileName());
        out.put("data", Base64.getEncoder().encodeToString(f.data()));
        return out;
    }

    private Object getSupportStatuses(Map<String, String> form) {
        String deptid = form.get("deptid");
        ObjectNode o = SimExchange.NODES.objectNode();
        o.put("result", "success");
        o.put("totalresults", STATUSES.size());
        ArrayNode list = o.putObject("statuses").putArray("status");
        for (String s : STATUSES) {
            long count = tickets.values().stream().filter(t -> t.status.equals(s))
                    .filter(t -> blank(deptid) || Integer.toString(t.deptid).equals(deptid.strip())).count();
            list.addObject().put("title", s).put("count", count).put("color", STATUS_COLORS.get(s));
        }
        return o;
    }

    private Object getSupportDepartments(Map<String, String> form) {
        ObjectNode o = SimExchange.NODES.objectNode();
        o.put("result", "success");
        o.put("totalresults", depts.size());
        ArrayNode list = o.putObject("departments").putArray("department");
        for (Dept d : depts) {
            long awaiting = tickets.values().stream().filter(t -> t.deptid == d.id())
                    .filter(t -> t.status.equals("Open") || t.status.equals("Customer-Reply")).count();
            long open = tickets.values().stream().filter(t -> t.deptid == d.id() && !t.status.equals("Closed")).count();
            list.addObject().put("id", Integer.toString(d.id())).put("name", d.name())
                    .put("awaitingreply", Long.toString(awaiting)).put("opentickets", Long.toString(open));
        }
        return o;
    }

    // ---- helpers ----

    private Tkt find(Map<String, String> form) {
        if (!blank(form.get("ticketid"))) return tickets.get(longOr(form.get("ticketid"), -1));
        if (!blank(form.get("ticketnum"))) {
            String num = form.get("ticketnum").strip();
            return tickets.values().stream().filter(t -> t.tid.equals(num)).findFirst().orElse(null);
        }
        return null;
    }

    /** base64(JSON [{name, data(base64)}]), as WHMCS's OpenTicket/AddTicketReply/AddTicketNote take it. */
    private List<StoredFile> decodeAttachments(String encoded) {
        List<StoredFile> out = new ArrayList<>();
        if (blank(encoded)) return out;
        try {
            JsonNode list = SimExchange.JSON.readTree(Base64.getDecoder().decode(encoded.strip()));
            if (!list.isArray()) throw new IllegalArgumentException("not a list");
            for (JsonNode a : list) {
                String name = a.path("name").asText("");
                if (name.isBlank()) name = a.path("filename").asText("");
                if (name.isBlank() || !a.hasNonNull("data")) throw new IllegalArgumentException("name/data missing");
                byte[] data = Base64.getDecoder().decode(a.get("data").asText());
                out.add(new StoredFile(nextFilePrefix++ + "_" + name.strip(), name.strip(), data));
            }
            return out;
        } catch (IOException | IllegalArgumentException e) {
            // the message is ours: WHMCS documents none for a broken attachments value
            throw new IllegalArgumentException("Invalid attachments: expected base64 encoded JSON [{name, data}]");
        }
    }

    private static Map<String, Object> error(String message) {
        return envelope(message);
    }

    private static Map<String, Object> envelope(String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", "error");
        m.put("message", message);
        return m;
    }

    private Dept dept(int id) {
        return depts.stream().filter(d -> d.id() == id).findFirst().orElseThrow();
    }

    private Dept deptOrNull(String id) {
        int n = intOr(id, -1);
        return depts.stream().filter(d -> d.id() == n).findFirst().orElse(null);
    }

    private Contact contact(String id) {
        int n = intOr(id, -1);
        return contacts.stream().filter(c -> c.id() == n).findFirst().orElse(null);
    }

    /**
     * WHMCS's optional {@code created} (OpenTicket, AddTicketReply, AddTicketNote): ISO-8601 or
     * {@code YYYY-MM-DD HH:mm:ss} in the server's zone, never in the future; absent = now.
     */
    private LocalDateTime created(Map<String, String> form, String what) {
        String v = form.get("created");
        if (blank(v)) return now();
        LocalDateTime t;
        try {
            t = LocalDateTime.ofInstant(java.time.OffsetDateTime.parse(v.strip()).toInstant(), zone);
        } catch (java.time.format.DateTimeParseException e) {
            try {
                t = LocalDateTime.parse(v.strip().replace(' ', 'T'));
            } catch (java.time.format.DateTimeParseException e2) {
                throw new IllegalArgumentException("Invalid Date Format");
            }
        }
        t = t.withNano(0);
        if (t.isAfter(now())) throw new IllegalArgumentException(what + " creation date cannot be in the future");
        return t;
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), zone).withNano(0);
    }

    private String fmt(LocalDateTime t) {
        return t == null ? "0000-00-00 00:00:00" : t.format(WHMCS_TIME);
    }

    private static String ticketNumber(long id) {
        return Long.toString(100000 + (id * 7919 + 516757) % 900000);
    }

    private static String accessKey(long id) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder b = new StringBuilder();
        long x = id * 2654435761L + 97;
        for (int i = 0; i < 8; i++) {
            b.append(alphabet.charAt((int) Math.floorMod(x, alphabet.length())));
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return b.toString();
    }

    private static int intOr(String s, int dflt) {
        try {
            return s == null || s.isBlank() ? dflt : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static long longOr(String s, long dflt) {
        try {
            return s == null || s.isBlank() ? dflt : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    // ---- seed: the 30 stories as WHMCS rows ----

    /** Canonical → WHMCS default vocabulary; RESOLVED has no WHMCS status and URGENT no WHMCS priority. */
    public static String statusFor(Status s) {
        return switch (s) {
            case NEW -> "Open";
            case OPEN -> "Customer-Reply";
            case PENDING -> "Answered";
            case RESOLVED, CLOSED -> "Closed";
        };
    }

    public static String priorityFor(Priority p) {
        return switch (p) {
            case LOW -> "Low";
            case NORMAL -> "Medium";
            case HIGH, URGENT -> "High";
        };
    }

    @Override
    public synchronized void addStories(List<SeedStories.Story> stories) {
        seed(stories);
        byActivity = null;
    }

    private void seed(List<SeedStories.Story> stories) {
        Map<String, Dept> deptByName = new HashMap<>();
        Map<String, Admin> adminByLogin = new HashMap<>();
        Map<String, Contact> contactByEmail = new HashMap<>();
        depts.forEach(d -> deptByName.put(d.name(), d));
        admins.forEach(a -> adminByLogin.put(a.login(), a));
        contacts.forEach(c -> contactByEmail.put(c.email(), c));
        for (SeedStories.Story s : stories) {
            Dept d = deptByName.computeIfAbsent(s.queue(), q -> add(depts, new Dept(depts.size() + 1, q)));
            Contact c = contactByEmail.computeIfAbsent(s.requester().email(),
                    e -> add(contacts, new Contact(contacts.size() + 1, s.requester().name(), e)));
            Tkt t = new Tkt();
            t.id = nextTicketId++;
            t.tid = ticketNumber(t.id);
            t.c = accessKey(t.id);
            t.deptid = d.id();
            t.contactid = c.id();
            t.name = c.name();
            t.email = c.email();
            t.date = local(s.createdAt());
            t.subject = s.subject();
            t.status = statusFor(s.status());
            t.priority = priorityFor(s.priority());
            if (s.assignee() != null) {
                Admin a = adminByLogin.computeIfAbsent(s.assignee().login(),
                        l -> add(admins, new Admin(admins.size() + 1, s.assignee().name(), l)));
                t.flag = a.id();
            }
            boolean first = true;
            for (SeedStories.StoryMessage m : s.messages()) {
                Post p = new Post();
                p.date = local(m.at());
                p.message = m.body().replace("\n", "\r\n");
                for (SeedStories.StoryAttachment a : m.attachments()) {
                    p.files.add(new StoredFile(nextFilePrefix++ + "_" + a.fileName(), a.fileName(), a.bytes()));
                }
                if (m.kind() == MessageKind.NOTE) {
                    p.id = nextNoteId++;
                    p.admin = m.author().name();
                    t.notes.add(p);
                    continue;
                }
                if (first) {
                    p.id = 0;
                    p.name = c.name();
                    p.email = c.email();
                    first = false;
                } else {
                    p.id = nextReplyId++;
                }
                if (m.kind() == MessageKind.AGENT) {
                    p.admin = m.author().name();
                } else {
                    p.userid = t.userid;
                    p.contactid = t.contactid;
                }
                t.replies.add(p);
                t.lastreply = p.date;
            }
            tickets.put(t.id, t);
        }
    }

    private LocalDateTime local(Instant i) {
        return LocalDateTime.ofInstant(i, zone);
    }

    private static <T> T add(List<T> list, T item) {
        list.add(item);
        return item;
    }
}
