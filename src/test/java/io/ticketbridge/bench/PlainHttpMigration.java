package io.ticketbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The baseline: the Thulium → Keliweb migration as a plain {@link HttpClient} + Jackson loop, no Camel, no state,
 * making the bridge's calls per ticket in the bridge's order — list pages, then per ticket get, one download per
 * attachment, open-ticket with the first message, add-ticket-reply / add-ticket-note per further message (a
 * message's comment and system comment each a note, as the bridge splits them), update-ticket — on
 * {@code concurrency} threads. Bodies go as Thulium wrote them (no HTML to text), attachments as their base64.
 *
 * <p>{@code java ... PlainHttpMigration TICKETS CONCURRENCY} with {@code -Dbench.thulium.*} and
 * {@code -Dbench.keliweb.*} accounts; prints one {@code RESULT} line.
 */
public final class PlainHttpMigration {
    private static final Map<String, String> STATUSES = Map.of("1", "Open", "2", "Customer-Reply", "3", "Answered", "6", "Closed");

    private final PlainThulium thulium;
    private final PlainKeliweb keliweb;
    private final ObjectMapper json;

    private PlainHttpMigration(PlainThulium thulium, PlainKeliweb keliweb, ObjectMapper json) {
        this.thulium = thulium;
        this.keliweb = keliweb;
        this.json = json;
    }

    public static void main(String[] args) throws Exception {
        int tickets = Integer.parseInt(args[0]);
        int concurrency = Integer.parseInt(args[1]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ObjectMapper json = new ObjectMapper();
        ProcessCpu start = ProcessCpu.now();
        PlainHttpMigration loop = new PlainHttpMigration(new PlainThulium(http, json, SandboxAccount.of("thulium")),
                PlainKeliweb.login(http, json, SandboxAccount.of("keliweb")), json);
        List<String> ids = loop.listAll();
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> done = new ArrayList<>();
        for (String id : ids) done.add(threads.submit(() -> {
            loop.migrate(id);
            return null;
        }));
        for (Future<?> f : done) f.get();
        ProcessCpu end = ProcessCpu.now();
        threads.shutdown();
        int held = loop.keliweb.ticketCount(); // after the clock stopped: a check, not part of the work
        if (ids.size() != tickets) throw new IllegalStateException("thulium listed " + ids.size() + " tickets, expected " + tickets);
        System.out.println(end.resultSince(start, ids.size(), 1) + " keliwebTickets=" + held);
        System.exit(0);
    }

    /** Every page of {@code GET /api/tickets}, 100 a page, as the source lists them. */
    private List<String> listAll() throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int offset = 0; ; offset += 100) {
            JsonNode page = thulium.get("/api/tickets?limit=100&offset=" + offset);
            page.path("tickets").forEach(t -> ids.add(t.path("ticket_id").asText()));
            if (page.path("tickets").size() < 100 || offset + 100 >= page.path("count").asLong()) return ids;
        }
    }

    private record Post(String action, String text, String createdAt, String attachments) {
    }

    private void migrate(String id) throws IOException, InterruptedException {
        JsonNode t = thulium.get("/api/tickets/" + id + "?include_custom_fields=true");
        List<JsonNode> messages = new ArrayList<>();
        t.path("messages").forEach(messages::add);
        messages.sort(Comparator.comparing((JsonNode m) -> m.path("created_at").asText()).thenComparingLong(m -> m.path("message_id").asLong()));
        List<Post> posts = new ArrayList<>();
        for (JsonNode m : messages) {
            String type = m.path("type").asText(), body = m.path("body").asText(""), comment = m.path("comment").asText("");
            String system = m.path("system_comment").asText(""), at = m.path("created_at").asText() + ":00";
            String files = attachments(id, m.path("attachments"));
            if (type.equals("COMMENT")) {
                String text = comment.isBlank() ? body : comment;
                posts.add(new Post("add-ticket-note", text.isBlank() ? system : text, at, files));
                if (text.isBlank()) system = "";
            } else {
                posts.add(new Post("add-ticket-reply", body, at, files));
                if (!comment.isBlank()) posts.add(new Post("add-ticket-note", comment, at, null));
            }
            if (!system.isBlank()) posts.add(new Post("add-ticket-note", system, at, null));
        }
        Post first = posts.get(0);
        Map<String, String> open = new LinkedHashMap<>();
        open.put("deptid", "1");
        open.put("subject", t.path("subject").asText());
        open.put("name", t.path("from").asText());
        open.put("email", t.path("from").asText());
        open.put("message", "[Source: thulium ticket " + id + "]\n\n" + first.text());
        open.put("created", first.createdAt());
        if (first.attachments() != null) open.put("attachments", first.attachments());
        String target = keliweb.call("open-ticket", open).path("id").asText();
        String status = STATUSES.getOrDefault(t.path("status_id").asText(), "Open");
        for (Post p : posts.subList(1, posts.size())) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("ticketid", target);
            form.put("message", p.text().isBlank() ? "(no text)" : p.text());
            form.put("created", p.createdAt());
            if (p.action().equals("add-ticket-reply")) form.put("status", status);
            if (p.attachments() != null) form.put("attachments", p.attachments());
            keliweb.call(p.action(), form);
        }
        keliweb.call("update-ticket", Map.of("ticketid", target, "status", status));
    }

    /** One download per attachment token, as base64(JSON [{name, data}]) the way Keliweb takes them; null for none. */
    private String attachments(String ticketId, JsonNode tokens) throws IOException, InterruptedException {
        if (!tokens.isArray() || tokens.isEmpty()) return null;
        var list = json.createArrayNode();
        for (JsonNode token : tokens) {
            if (!token.isTextual()) continue;
            JsonNode file = thulium.get("/api/tickets/" + ticketId + "/attachments/" + token.asText());
            list.addObject().put("name", file.path("filename").asText("attachment")).put("data", file.path("content").asText());
        }
        return list.isEmpty() ? null : Base64.getEncoder().encodeToString(list.toString().getBytes(StandardCharsets.UTF_8));
    }
}
