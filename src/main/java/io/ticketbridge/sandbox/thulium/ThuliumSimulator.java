package io.ticketbridge.sandbox.thulium;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.SimExchange;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.sandbox.VendorSimulator;
import io.ticketbridge.sandbox.thulium.ThuliumStore.Queue;
import io.ticketbridge.sandbox.thulium.ThuliumStore.StoredMessage;
import io.ticketbridge.sandbox.thulium.ThuliumStore.StoredTicket;
import io.ticketbridge.sandbox.thulium.ThuliumStore.TempFile;
import io.ticketbridge.sandbox.thulium.ThuliumStore.Webhook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A stateful simulator of Thulium's ticket API ({@code /api/tickets...}, {@code /api/temporary_files},
 * {@code /api/webhooks}) for one tenant, seeded with the 30 sandbox stories. HTTP Basic on every call; every error
 * in Thulium's envelope {@code {"request_id":"...","errors":[{"message":"...","code":N}]}} with {@code code} = the
 * HTTP status (the real codes are not published). Endpoint by endpoint in docs/vendors/thulium.md.
 */
public final class ThuliumSimulator implements VendorSimulator {
    /** The tenant's zone: Thulium's times carry none and the docs do not say (INFERENCE: a Polish tenant). */
    public static final ZoneId TENANT_ZONE = ZoneId.of("Europe/Warsaw");
    public static final String USERNAME = "api_user";
    public static final String PASSWORD = "api_pass";
    /** Story n of the seed is ticket {@code FIRST_TICKET_ID + n - 1}. */
    public static final long FIRST_TICKET_ID = ThuliumStore.FIRST_TICKET_ID;
    /** Thulium documents limit's default and maximum as 100. */
    public static final int MAX_LIMIT = 100;

    private static final Set<String> SOURCES = Set.of("email", "phone", "sms", "chat", "www");
    private static final Set<String> DIRECTIONS = Set.of("in_behalf_of", "out");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    private static final Pattern ACTION = Pattern.compile("[A-Z][A-Z0-9_]*");

    private final ThuliumStore store;
    private final ThuliumDates dates;

    public ThuliumSimulator() {
        this(Clock.systemUTC(), TENANT_ZONE);
    }

    /** @param clock the tenant's clock (tests move it to expire temporary files); zone the tenant's time zone */
    public ThuliumSimulator(Clock clock, ZoneId zone) {
        this.store = new ThuliumStore(clock);
        this.dates = new ThuliumDates(zone);
    }


    @Override
    public Map<String, String> credentials() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("username", USERNAME);
        c.put("password", PASSWORD);
        return c;
    }

    @Override
    public int ticketCount() {
        return store.ticketCount();
    }

    @Override
    public void addStories(List<SeedStories.Story> stories) {
        store.seed(stories);
    }

    /** The tenant's queues (id, name, mailbox), e.g. for a {@code POST /api/tickets} {@code to}. */
    public List<Queue> queues() {
        return store.queues();
    }

    @Override
    public void install(SimServer server) {
        server.errors(this::error);
        server.route("GET", "/api/tickets", authed(this::list));
        server.route("POST", "/api/tickets", authed(this::create));
        server.route("GET", "/api/tickets/{id}", authed(this::get));
        server.route("PUT", "/api/tickets/{id}", authed(this::edit));
        server.route("POST", "/api/tickets/{id}/agent_response", authed(this::agentResponse));
        server.route("POST", "/api/tickets/{id}/customer_response", authed(this::customerResponse));
        server.route("GET", "/api/tickets/{id}/attachments/{token}", authed(this::download));
        server.route("POST", "/api/temporary_files", authed(this::upload));
        server.route("GET", "/api/webhooks", authed(this::listWebhooks));
        server.route("POST", "/api/webhooks", authed(this::createWebhook));
    }

    // ---- errors and auth ----

    /** One or more problems with a request: Thulium lists them all in one envelope. */
    static final class Invalid extends IllegalArgumentException {
        final int status;
        final List<String> problems;

        Invalid(int status, List<String> problems) {
            super(String.join("; ", problems));
            this.status = status;
            this.problems = List.copyOf(problems);
        }

        Invalid(int status, String problem) {
            this(status, List.of(problem));
        }
    }

    private void error(SimExchange ex, int status, String message) throws IOException {
        render(ex, status, List.of(message));
    }

    private void render(SimExchange ex, int status, List<String> messages) throws IOException {
        ObjectNode body = SimExchange.NODES.objectNode();
        body.put("request_id", store.requestId());
        ArrayNode errors = body.putArray("errors");
        messages.forEach(m -> errors.addObject().put("message", m).put("code", status));
        if (status == 401) ex.header("WWW-Authenticate", "Basic realm=\"Thulium API\"");
        ex.json(status, body);
    }

    private SimServer.Handler authed(SimServer.Handler h) {
        return ex -> {
            String problem = authProblem(ex.header("Authorization"));
            if (problem != null) {
                render(ex, 401, List.of(problem));
                return;
            }
            try {
                h.handle(ex);
            } catch (Invalid e) {
                if (!ex.answered()) render(ex, e.status, e.problems);
            }
        };
    }

    private static String authProblem(String header) {
        if (header == null || header.isBlank()) return "Authentication required.";
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) return "Authentication required: use HTTP Basic.";
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "Invalid authorization header.";
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) return "Invalid API user or password.";
        // both compared every time, in constant time: the answer must not tell which one was wrong
        boolean user = MessageDigest.isEqual(decoded.substring(0, colon).getBytes(StandardCharsets.UTF_8), USERNAME.getBytes(StandardCharsets.UTF_8));
        boolean pass = MessageDigest.isEqual(decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8), PASSWORD.getBytes(StandardCharsets.UTF_8));
        return user & pass ? null : "Invalid API user or password.";
    }

    // ---- GET /api/tickets ----

    private void list(SimExchange ex) throws IOException {
        Map<String, String> q = ex.query();
        Map<String, List<String>> all = ex.queryAll();
        List<String> problems = new ArrayList<>();
        int limit = intParam(q, "limit", 100, 1, MAX_LIMIT, problems);
        int offset = intParam(q, "offset", 0, 0, Integer.MAX_VALUE, problems);
        Predicate<StoredTicket> filter = t -> true;
        filter = filter.and(range(q, "date_from", "date_to", t -> t.updatedAt, problems));
        filter = filter.and(range(q, "create_date_from", "create_date_to", t -> t.createdAt, problems));
        List<String> statuses = new ArrayList<>(all.getOrDefault("status_id[]", List.of()));
        statuses.addAll(all.getOrDefault("status_id", List.of()));
        if (!statuses.isEmpty()) filter = filter.and(t -> statuses.contains(t.statusId));
        Long customerId = longParam(q, "customer_id", problems);
        if (customerId != null) filter = filter.and(t -> t.customerId == customerId);
        Long queueId = longParam(q, "ticket_queue_id", problems);
        if (queueId != null) filter = filter.and(t -> t.queue.id() == queueId);
        Long messageId = longParam(q, "message_id", problems);
        if (messageId != null) filter = filter.and(t -> t.messages.stream().anyMatch(m -> m.id() == messageId));
        String login = q.get("user_login");
        if (login != null && !login.isEmpty()) filter = filter.and(t -> login.equals(t.userLogin));
        String category = q.get("category_id");
        if (category != null && !category.isEmpty()) filter = filter.and(t -> category.equals(t.categoryId));
        String source = q.get("source");
        if (source != null && !source.isEmpty()) filter = filter.and(t -> source.equals(t.source));
        if (!problems.isEmpty()) throw new Invalid(400, problems);

        ThuliumStore.Page found = store.page(filter, offset, limit);
        ObjectNode body = SimExchange.NODES.objectNode();
        body.put("count", found.count());
        ArrayNode page = body.putArray("tickets");
        found.tickets().forEach(t -> page.add(summary(t)));
        ex.json(200, body);
    }

    private int intParam(Map<String, String> q, String name, int dflt, int min, int max, List<String> problems) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) return dflt;
        if (!DIGITS.matcher(v).matches() || Long.parseLong(v) < min || Long.parseLong(v) > max) {
            problems.add("Parameter " + name + " must be a whole number between " + min + " and " + max + ", got '" + v + "'.");
            return dflt;
        }
        return Integer.parseInt(v);
    }

    private static Long longParam(Map<String, String> q, String name, List<String> problems) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) return null;
        if (!DIGITS.matcher(v).matches()) {
            problems.add("Parameter " + name + " must be a number, got '" + v + "'.");
            return null;
        }
        return Long.parseLong(v);
    }

    private Predicate<StoredTicket> range(Map<String, String> q, String fromName, String toName,
                                          java.util.function.Function<StoredTicket, Instant> field, List<String> problems) {
        LocalDateTime from = bound(q, fromName, false, problems);
        LocalDateTime to = bound(q, toName, true, problems);
        if (from == null && to == null) return t -> true;
        return t -> {
            LocalDateTime v = dates.local(field.apply(t));
            return (from == null || !v.isBefore(from)) && (to == null || !v.isAfter(to));
        };
    }

    private LocalDateTime bound(Map<String, String> q, String name, boolean upper, List<String> problems) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) return null;
        try {
            return dates.bound(name, v, upper);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage() + ".");
            return null;
        }
    }

    // ---- GET /api/tickets/:id ----

    private void get(SimExchange ex) throws IOException {
        StoredTicket t = store.ticket(ticketId(ex)).orElseThrow(() -> notFound(ex));
        String include = ex.query().getOrDefault("include_custom_fields", "false");
        ObjectNode body = summary(t);
        ArrayNode messages = body.putArray("messages");
        // newest first, as Thulium lists them
        t.messages.stream().sorted(Comparator.comparing(StoredMessage::createdAt).thenComparingLong(StoredMessage::id).reversed())
                .forEach(m -> messages.add(message(m)));
        if (include.equalsIgnoreCase("true") || include.equals("1")) {
            ObjectNode cf = body.putObject("custom_fields");
            t.customFields.forEach(cf::put);
        }
        ex.json(200, body);
    }

    private ObjectNode summary(StoredTicket t) {
        ObjectNode o = SimExchange.NODES.objectNode();
        o.put("ticket_id", t.id);
        o.put("from", t.from);
        o.put("ticket_queue_name", t.queue.name());
        o.put("ticket_queue_id", t.queue.id());
        o.put("subject", t.subject);
        o.put("status_id", t.statusId);
        o.put("substatus_id", t.subStatusId);
        o.put("customer_id", t.customerId);
        o.put("full_status_name", ThuliumTenantStatuses.fullName(t.statusId, t.subStatusId));
        o.put("category_id", t.categoryId);
        o.put("user_login", t.userLogin);
        o.put("created_at", dates.text(t.createdAt));
        o.put("updated_at", dates.text(t.updatedAt));
        o.put("closed_at", dates.text(t.closedAt));
        o.put("close_time", ThuliumDates.duration(t.createdAt, t.closedAt));
        o.put("first_agent_responded_at", dates.text(t.firstAgentRespondedAt));
        o.put("first_agent_response_time", ThuliumDates.duration(t.createdAt, t.firstAgentRespondedAt));
        return o;
    }

    private ObjectNode message(StoredMessage m) {
        ObjectNode o = SimExchange.NODES.objectNode();
        o.put("message_id", m.id());
        o.put("user_login", m.userLogin());
        o.put("type", m.type());
        o.put("body", m.body());
        o.put("comment", m.comment());
        o.put("system_comment", m.systemComment());
        o.put("created_at", dates.text(m.createdAt()));
        ArrayNode a = o.putArray("attachments");
        m.attachments().forEach(a::add);
        return o;
    }

    // ---- POST /api/tickets ----

    private void create(SimExchange ex) throws IOException {
        JsonNode in = jsonBody(ex);
        List<String> problems = new ArrayList<>();
        String to = required(in, "to", problems);
        String from = required(in, "from", problems);
        String subject = required(in, "subject", problems);
        String body = required(in, "body", problems);
        String comment = optional(in, "comment");
        String source = optional(in, "source") == null ? "email" : optional(in, "source");
        if (!SOURCES.contains(source)) problems.add("Parameter source must be one of email, phone, sms, chat, www.");
        String direction = optional(in, "direction") == null ? "in_behalf_of" : optional(in, "direction");
        if (!DIRECTIONS.contains(direction)) problems.add("Parameter direction must be in_behalf_of or out.");
        String login = agentLogin(in, "user_login", problems);
        if ("out".equals(direction) && login == null) problems.add("Parameter user_login is required for direction out.");
        Queue queue = null;
        if (to != null) {
            queue = store.queueByMailbox(to).orElse(null);
            if (queue == null) problems.add("Parameter to must be a mailbox configured in the system, got '" + to + "'.");
        }
        Long queueId = optionalLong(in, "ticket_queue_id", problems);
        if (queueId != null) {
            queue = store.queueById(queueId).orElse(queue);
            if (store.queueById(queueId).isEmpty()) problems.add("Ticket queue " + queueId + " does not exist.");
        }
        String statusId = status(in, "status_id", problems);
        String subStatusId = subStatus(in, statusId == null ? null : statusId, problems);
        String categoryId = optional(in, "category_id");
        Long customerId = optionalLong(in, "customer_id", problems);
        List<String> attachments = tokens(in, problems);
        List<String> cc = strings(in, "cc", problems);
        List<String> tags = strings(in, "tags", problems);
        Map<String, String> custom = customFields(in, problems);
        if (!problems.isEmpty()) throw new Invalid(400, problems);

        Queue q = queue;
        long id = store.create(t -> {
            t.from = from;
            t.queue = q;
            t.subject = subject;
            t.source = source;
            t.userLogin = login;
            t.categoryId = categoryId;
            t.customerId = customerId != null ? customerId : store.customerId(from);
            t.cc.addAll(cc);
            t.tags.addAll(tags);
            t.customFields.putAll(custom);
            boolean out = "out".equals(direction);
            t.statusId = statusId != null ? statusId
                    : out ? ThuliumTenantStatuses.OCZEKUJE_NA_KLIENTA : ThuliumTenantStatuses.NOWE;
            t.subStatusId = subStatusId;
            if (ThuliumTenantStatuses.closes(t.statusId)) t.closedAt = t.createdAt;
            store.addMessage(t, out ? login : "", out ? "REPLY" : "MAIL", body, null, null, t.createdAt, attachments);
            if (out) t.firstAgentRespondedAt = t.createdAt;
            if (comment != null) store.addMessage(t, login, "COMMENT", null, comment, null, t.createdAt, List.of());
        });
        ObjectNode res = SimExchange.NODES.objectNode();
        res.put("ticket_id", id);
        ex.json(200, res);
    }

    // ---- PUT /api/tickets/:id ----

    private void edit(SimExchange ex) throws IOException {
        long id = ticketId(ex);
        StoredTicket current = store.ticket(id).orElseThrow(() -> notFound(ex));
        JsonNode in = jsonBody(ex);
        List<String> problems = new ArrayList<>();
        // omitted or null = leave as it is
        String login = agentLogin(in, "user_login", problems);
        String statusId = status(in, "status_id", problems);
        String subStatusId = subStatus(in, statusId != null ? statusId : current.statusId, problems);
        String categoryId = optional(in, "category_id");
        Long queueId = optionalLong(in, "ticket_queue_id", problems);
        Queue queue = null;
        if (queueId != null) {
            queue = store.queueById(queueId).orElse(null);
            if (queue == null) problems.add("Ticket queue " + queueId + " does not exist.");
        }
        boolean hasTags = in.hasNonNull("tags");
        List<String> tags = strings(in, "tags", problems);
        Map<String, String> custom = customFields(in, problems);
        if (!problems.isEmpty()) throw new Invalid(400, problems);

        Queue q = queue;
        Instant now = store.now();
        store.update(id, t -> {
            if (login != null) t.userLogin = login;
            if (statusId != null || subStatusId != null) {
                String log = ThuliumStore.changeStatus(t, statusId != null ? statusId : t.statusId,
                        subStatusId, now);
                if (log != null) store.addMessage(t, "", "COMMENT", null, null, log, now, List.of());
            }
            if (categoryId != null) t.categoryId = categoryId;
            if (q != null) t.queue = q;
            if (hasTags) {
                t.tags.clear();
                t.tags.addAll(tags);
            }
            custom.forEach((k, v) -> {
                if (v != null) t.customFields.put(k, v); // null = leave as it is
            });
            t.updatedAt = now;
        });
        ex.send(200, null, new byte[0]); // Thulium answers an empty body
    }

    // ---- POST /api/tickets/:id/agent_response and customer_response ----

    private void agentResponse(SimExchange ex) throws IOException {
        respond(ex, true);
    }

    private void customerResponse(SimExchange ex) throws IOException {
        respond(ex, false);
    }

    private void respond(SimExchange ex, boolean agent) throws IOException {
        long id = ticketId(ex);
        store.ticket(id).orElseThrow(() -> notFound(ex));
        JsonNode in = jsonBody(ex);
        List<String> problems = new ArrayList<>();
        String body = required(in, "body", problems);
        String bodyType = optional(in, "body_type");
        if (bodyType != null && !bodyType.equals("HTML") && !bodyType.equals("PLAIN")) {
            problems.add("Parameter body_type must be HTML or PLAIN.");
        }
        String login = agent ? required(in, "user_login", problems) : null;
        if (login != null && !store.isAgent(login)) problems.add("User " + login + " does not exist.");
        Instant now = store.now();
        Instant date = now;
        String dateText = optional(in, "date");
        if (dateText != null) {
            try {
                date = dates.input("date", dateText);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage() + ".");
            }
        }
        List<String> attachments = agent ? tokens(in, problems) : List.of();
        if (!problems.isEmpty()) throw new Invalid(400, problems);

        Instant at = date;
        store.update(id, t -> {
            // a reply waits for the customer; a customer's message makes the ticket new again
            String log = ThuliumStore.changeStatus(t,
                    agent ? ThuliumTenantStatuses.OCZEKUJE_NA_KLIENTA : ThuliumTenantStatuses.NOWE, null, at);
            store.addMessage(t, agent ? login : "", agent ? "REPLY" : "MAIL", body, null, log, at, attachments);
            if (agent && t.firstAgentRespondedAt == null) t.firstAgentRespondedAt = at;
            t.updatedAt = now;
        });
        if (agent) {
            ex.json(200, "[]");
        } else {
            ex.send(200, null, new byte[0]);
        }
    }

    // ---- POST /api/temporary_files?filename= ----

    private void upload(SimExchange ex) throws IOException {
        String filename = ex.query().get("filename");
        List<String> problems = new ArrayList<>();
        if (filename == null || filename.isBlank()) problems.add("Parameter filename is required.");
        String type = ex.header("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/octet-stream")) {
            problems.add("Send the file as the raw request body with Content-Type: application/octet-stream.");
        }
        if (!problems.isEmpty()) throw new Invalid(400, problems);
        TempFile f = store.upload(filename.strip(), ex.body());
        ObjectNode res = SimExchange.NODES.objectNode();
        res.put("filename", f.filename());
        res.put("token", f.token());
        res.put("size", f.bytes().length);
        ex.json(200, res);
    }

    // ---- GET /api/tickets/:id/attachments/:token (INFERENCE: Thulium documents no download) ----

    /**
     * The bytes of a file attached to the ticket, as JSON {@code {"filename","content_type","size","content"}} with
     * the content in base64. Not a documented Thulium call: the docs list attachments as bare tokens and say nothing
     * about reading them back. The shape mirrors the documented upload answer plus the content, and JSON (not raw
     * bytes) keeps it readable by a text-only HTTP client.
     */
    private void download(SimExchange ex) throws IOException {
        long id = ticketId(ex);
        store.ticket(id).orElseThrow(() -> notFound(ex));
        String token = ex.pathParam("token");
        TempFile f = store.attachedFile(id, token).orElseThrow(() -> new Invalid(404,
                "Attachment " + token + " not found on ticket " + ex.pathParam("id") + "."));
        ObjectNode res = SimExchange.NODES.objectNode();
        res.put("filename", f.filename());
        res.put("content_type", f.contentType());
        res.put("size", f.bytes().length);
        res.put("content", Base64.getEncoder().encodeToString(f.bytes()));
        ex.json(200, res);
    }

    /** What the tenant holds for a ticket, including what the API does not return (tags); for tests. */
    public record Held(String statusId, String subStatusId, List<String> tags, List<String> messageTypes) {
    }

    public java.util.Optional<Held> stored(long ticketId) {
        return store.ticket(ticketId).map(t -> new Held(t.statusId, t.subStatusId, List.copyOf(t.tags),
                t.messages.stream().map(StoredMessage::type).toList()));
    }

    // ---- /api/webhooks ----

    private void listWebhooks(SimExchange ex) throws IOException {
        ArrayNode out = SimExchange.NODES.arrayNode();
        store.webhooks().forEach(w -> out.add(webhook(w)));
        ex.json(200, out);
    }

    private void createWebhook(SimExchange ex) throws IOException {
        JsonNode in = jsonBody(ex);
        List<String> problems = new ArrayList<>();
        List<String> actions = strings(in, "actions", problems);
        if (actions.isEmpty()) problems.add("Parameter actions is required.");
        actions.stream().filter(a -> !ACTION.matcher(a).matches())
                .forEach(a -> problems.add("Unknown webhook action '" + a + "'."));
        String url = required(in, "subscription_url", problems);
        if (url != null && !url.matches("https?://\\S+")) problems.add("Parameter subscription_url must be an http(s) URL.");
        String user = optional(in, "http_auth_user");
        String password = optional(in, "http_auth_password");
        if (!problems.isEmpty()) throw new Invalid(400, problems);
        ex.json(200, webhook(store.addWebhook(actions, url, user == null ? "" : user, password == null ? "" : password)));
    }

    private static ObjectNode webhook(Webhook w) {
        ObjectNode o = SimExchange.NODES.objectNode();
        o.put("id", w.id());
        ArrayNode a = o.putArray("actions");
        w.actions().forEach(a::add);
        o.put("subscription_url", w.subscriptionUrl());
        o.put("http_auth_user", w.httpAuthUser());
        o.put("http_auth_password", w.httpAuthPassword());
        return o;
    }

    // ---- request reading ----

    private static long ticketId(SimExchange ex) {
        String id = ex.pathParam("id");
        // a non-number cannot name a ticket: same answer as a missing one
        return DIGITS.matcher(id).matches() ? Long.parseLong(id) : -1;
    }

    private static Invalid notFound(SimExchange ex) {
        return new Invalid(404, "Ticket " + ex.pathParam("id") + " not found.");
    }

    private static JsonNode jsonBody(SimExchange ex) {
        JsonNode in;
        try {
            in = ex.json();
        } catch (IllegalArgumentException e) {
            throw new Invalid(400, "Request body is not valid JSON.");
        }
        if (in == null) return SimExchange.NODES.objectNode();
        if (!in.isObject()) throw new Invalid(400, "Request body must be a JSON object.");
        return in;
    }

    private static String optional(JsonNode in, String field) {
        JsonNode n = in.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isValueNode()) throw new Invalid(400, "Parameter " + field + " must be a text value.");
        String s = n.asText();
        return s.isBlank() ? null : s;
    }

    private static String required(JsonNode in, String field, List<String> problems) {
        String s = optional(in, field);
        if (s == null) problems.add("Parameter " + field + " is required.");
        return s;
    }

    private static Long optionalLong(JsonNode in, String field, List<String> problems) {
        String s = optional(in, field);
        if (s == null) return null;
        if (!DIGITS.matcher(s.strip()).matches()) {
            problems.add("Parameter " + field + " must be a number.");
            return null;
        }
        return Long.parseLong(s.strip());
    }

    private String agentLogin(JsonNode in, String field, List<String> problems) {
        String login = optional(in, field);
        if (login != null && !store.isAgent(login)) problems.add("User " + login + " does not exist.");
        return login;
    }

    /** status ids travel as strings but the docs' examples send numbers: both are accepted. */
    private static String status(JsonNode in, String field, List<String> problems) {
        String s = optional(in, field);
        if (s != null && !ThuliumTenantStatuses.exists(s.strip())) {
            problems.add("Status " + s + " does not exist.");
            return null;
        }
        return s == null ? null : s.strip();
    }

    private static String subStatus(JsonNode in, String statusId, List<String> problems) {
        String s = optional(in, "substatus_id");
        if (s == null) return null;
        if (!ThuliumTenantStatuses.isSubStatusOf(s.strip(), statusId)) {
            problems.add("Substatus " + s + " does not exist for status " + statusId + ".");
            return null;
        }
        return s.strip();
    }

    private static List<String> strings(JsonNode in, String field, List<String> problems) {
        JsonNode n = in.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (!n.isArray()) {
            problems.add("Parameter " + field + " must be an array.");
            return out;
        }
        for (JsonNode e : n) {
            if (!e.isValueNode() || e.asText().isBlank()) {
                problems.add("Parameter " + field + " must hold non-empty texts.");
                return out;
            }
            out.add(e.asText().strip());
        }
        return out;
    }

    private List<String> tokens(JsonNode in, List<String> problems) {
        List<String> tokens = strings(in, "attachments", problems);
        for (String t : tokens) {
            if (store.file(t).isEmpty()) problems.add("Temporary file " + t + " does not exist or has expired.");
        }
        return tokens;
    }

    private Map<String, String> customFields(JsonNode in, List<String> problems) {
        JsonNode n = in.get("custom_fields");
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) return out;
        if (!n.isObject()) {
            problems.add("Parameter custom_fields must be an object.");
            return out;
        }
        Set<String> known = store.customFieldNames();
        n.fields().forEachRemaining(e -> {
            if (!known.contains(e.getKey())) {
                problems.add("Custom field " + e.getKey() + " does not exist.");
            } else if (!e.getValue().isNull() && !e.getValue().isValueNode()) {
                problems.add("Custom field " + e.getKey() + " must be a text value.");
            } else {
                out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
            }
        });
        return out;
    }
}
