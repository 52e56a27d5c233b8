package io.ticketbridge.connector.plusofon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.state.StateStore;
import io.ticketbridge.state.StateStore.MessageMapping;
import io.ticketbridge.state.StateStore.Outcome;
import io.ticketbridge.connector.HtmlText;
import io.ticketbridge.connector.JsonFields;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorHttp;
import io.ticketbridge.connector.VendorSink;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes canonical tickets into a Plusofon account. Plusofon's API is the <em>customer side</em> of its support
 * desk, so everything is written as the account holder:
 * <ul>
 *   <li>{@code POST api/v1/ticket} ({@code subject}, {@code description} = marker lines + the opening message);</li>
 *   <li>{@code PUT api/v1/ticket/answer/{id}} ({@code text}) for each further message;</li>
 *   <li>{@code POST api/v1/ticket/attachment} ({@code ticketId}, {@code ticketPostID}, {@code filename},
 *       {@code contents} Base64) for each attachment, onto the post its message became.</li>
 * </ul>
 * Only CUSTOMER messages are native; agent replies, notes and system events follow {@code unsupportedPolicy}
 * (text: written as a customer reply under a marker line naming what it was and who wrote it; skip: recorded as
 * skipped). The requester, priority and other fields the API cannot set go into marker lines at the top of the
 * opening description ({@code openingMarkers}). Posts are plain text: HTML bodies are converted to readable text.
 * There is no status endpoint: {@code writeStatus} writes nothing.
 *
 * <p>Attachments are uploaded after the messages, each recorded in the id map under
 * {@code <messageId>#attachment-<n>} the moment Plusofon confirmed it, so a failed upload is retried on the next
 * delivery without re-creating the ticket or re-posting the text. An attachment without bytes (the source did not
 * download it) cannot be uploaded: its name is listed in the message text and it is recorded as skipped.
 */
public class PlusofonSink extends VendorSink {
    private static final Logger LOG = LoggerFactory.getLogger(PlusofonSink.class);
    private static final Connector VENDOR = new PlusofonConnector();
    /** Fields that can be written as marker lines, in the order they are written. */
    static final List<String> MARKER_FIELDS = List.of("source", "requester", "assignee", "priority", "status", "tags");

    private final JsonFields fields = new JsonFields(PlusofonConnector.ID);
    private final PlusofonSettings settings = new PlusofonSettings();
    private final PlusofonClient client = new PlusofonClient(settings);
    private Set<String> openingMarkers = new LinkedHashSet<>(List.of("requester", "priority"));

    @Override
    public PlusofonSettings settings() {
        return settings;
    }

    @Override
    public Connector vendor() {
        return VENDOR;
    }

    /** An in-doubt create is found in the open/closed lists (by last activity) by subject and description. */
    @Override
    protected PlusofonSource readBack() {
        PlusofonSource s = new PlusofonSource(settings);
        s.setBaseUrl(getBaseUrl());
        return s;
    }

    @Override
    protected boolean retryable(VendorHttp.Response r) {
        return PlusofonClient.retryable(r);
    }

    @Override
    protected Set<MessageKind> nativeKinds() {
        return EnumSet.of(MessageKind.CUSTOMER);
    }

    /** Everything else can only be a reply by the account holder (under the text policy, with its marker). */
    @Override
    protected MessageKind fallbackKind(MessageKind kind) {
        return MessageKind.CUSTOMER;
    }

    @Override
    protected Created createTicket(VendorHttp http, Ticket ticket, Message opening) {
        String subject = ticket.subject() == null || ticket.subject().isBlank()
                ? "(no subject: " + ticket.source().system() + " ticket " + ticket.source().ticketId() + ")"
                : ticket.subject().strip();
        StringBuilder description = new StringBuilder(markers(ticket));
        if (opening != null) {
            if (description.length() > 0) description.append('\n');
            description.append(text(opening));
        }
        // Plusofon requires a description: a ticket without any deliverable message is opened with its subject
        String desc = description.length() == 0 ? subject : description.toString();
        ObjectNode req = TicketJson.mapper().createObjectNode();
        req.put("subject", subject);
        req.put("description", desc);
        JsonNode created = send(http, "POST", "api/v1/ticket", req);
        String id = PlusofonClient.safeId("created ticket id", fields.requiredText(created, "id", "$"));
        List<String> posts = postIds(created);
        // the new ticket has exactly the opening post
        return new Created(id, posts.isEmpty() ? null : posts.get(0));
    }

    @Override
    protected String appendMessage(VendorHttp http, String targetTicketId, Ticket ticket, Message message) {
        String id = PlusofonClient.safeId("target ticket id", targetTicketId);
        ObjectNode req = TicketJson.mapper().createObjectNode();
        req.put("text", text(message));
        JsonNode answer = send(http, "PUT", "api/v1/ticket/answer/" + id, req);
        List<String> posts = postIds(answer);
        // the answer is the whole ticket: the new post has the highest id (Kayako ids grow)
        return posts.isEmpty() ? null : posts.get(posts.size() - 1);
    }

    /** Plusofon has no call that changes a ticket's status (the customer side can only write posts). */
    @Override
    protected boolean writeStatus(VendorHttp http, String targetTicketId, Ticket ticket) {
        LOG.debug("plusofon: status {} of ticket {} not written: the API has no status call", ticket.status(), targetTicketId);
        return false;
    }

    // ---- attachments ----

    /** The attachments of every delivered message that are not uploaded yet, each recorded once Plusofon has it. */
    @Override
    protected void afterMessages(VendorHttp http, StateStore store, Ticket ticket, String target) {
        if (target == null) return;
        String sink = stateKey();
        String system = ticket.source().system();
        String sourceId = ticket.source().ticketId();
        Map<String, MessageMapping> done = store.messages(sink, system, sourceId);
        Map<String, java.time.Instant> intents = store.intents(sink, system, sourceId);
        for (Message m : ticket.messages()) {
            MessageMapping mapping = done.get(m.id());
            if (mapping == null || mapping.outcome() != Outcome.DELIVERED || m.attachments().isEmpty()) continue;
            for (int i = 0; i < m.attachments().size(); i++) {
                String key = attachmentKey(m.id(), i);
                if (done.containsKey(key)) continue;
                Attachment a = m.attachments().get(i);
                if (a.content() == null) {
                    LOG.info("plusofon: attachment '{}' of message {} of {} ticket {} not uploaded: the ticket carries "
                            + "no bytes for it (listed in the message text instead)", a.fileName(), m.id(), system, sourceId);
                    store.mapMessage(sink, system, sourceId, key, new MessageMapping(null, Outcome.SKIPPED));
                    continue;
                }
                if (mapping.targetMessageId() == null) {
                    throw new IllegalStateException("plusofon: ticket " + target + ": no post id known for message "
                            + m.id() + ", cannot attach '" + a.fileName() + "'");
                }
                String step = STEP_MESSAGE + key;
                if (intents.containsKey(step) && uploaded(http, target, mapping.targetMessageId(), m, i, done)) {
                    LOG.info("plusofon: in-doubt upload of attachment '{}' of message {} of {} ticket {} settled: post {} holds it (read back)",
                            fileName(a, i), m.id(), system, sourceId, mapping.targetMessageId());
                    store.mapMessage(sink, system, sourceId, key, new MessageMapping(mapping.targetMessageId(), Outcome.DELIVERED));
                    continue;
                }
                store.recordIntent(sink, system, sourceId, step);
                ObjectNode req = TicketJson.mapper().createObjectNode();
                req.put("ticketId", Long.parseLong(PlusofonClient.safeId("target ticket id", target)));
                req.put("ticketPostID", Long.parseLong(PlusofonClient.safeId("target post id", mapping.targetMessageId())));
                req.put("filename", fileName(a, i));
                req.put("contents", Base64.getEncoder().encodeToString(a.content()));
                send(http, "POST", "api/v1/ticket/attachment", req);
                store.mapMessage(sink, system, sourceId, key, new MessageMapping(mapping.targetMessageId(), Outcome.DELIVERED));
            }
        }
    }

    /**
     * Whether the post already holds the message's {@code index}-th attachment: it has more files of that name than
     * the attachments of the same name before it that were delivered.
     */
    private boolean uploaded(VendorHttp http, String target, String postId, Message m, int index, Map<String, MessageMapping> done) {
        String name = fileName(m.attachments().get(index), index);
        Message post = readTarget(http, target).messages().stream().filter(p -> p.id().equals(postId)).findFirst().orElse(null);
        if (post == null) return false;
        long held = post.attachments().stream().filter(a -> name.equals(a.fileName())).count();
        long before = 0;
        for (int j = 0; j < index; j++) {
            MessageMapping d = done.get(attachmentKey(m.id(), j));
            if (d != null && d.outcome() == Outcome.DELIVERED && name.equals(fileName(m.attachments().get(j), j))) before++;
        }
        return held > before;
    }

    /** The id-map key of a message's n-th attachment (message ids never contain '#attachment-'). */
    static String attachmentKey(String messageId, int index) {
        return messageId + "#attachment-" + index;
    }

    private static String fileName(Attachment a, int index) {
        return a.fileName() == null || a.fileName().isBlank() ? "attachment-" + (index + 1) : a.fileName();
    }

    // ---- texts ----

    /** The post text: HTML converted to text, plus a line for each attachment that has no bytes to upload. */
    static String text(Message m) {
        String body = m.bodyFormat() == BodyFormat.HTML ? HtmlText.toText(m.body(), HtmlText.Style.TABLE_ROWS) : m.body().strip();
        StringBuilder out = new StringBuilder(body);
        for (int i = 0; i < m.attachments().size(); i++) {
            Attachment a = m.attachments().get(i);
            if (a.content() != null) continue;
            if (out.length() > 0) out.append('\n');
            out.append("[Attachment not transferred: ").append(fileName(a, i))
                    .append(a.size() == null ? "" : " (" + a.size() + " bytes)").append(']');
        }
        // Plusofon requires a text: a message with only attachments says so
        if (out.length() == 0) {
            out.append(m.attachments().isEmpty() ? "(empty message)" : "(attachments only)");
        }
        return out.toString();
    }

    /** The "[Source: …]" marker line, when openingMarkers includes source. */
    @Override
    protected String sourceMark(Ticket ticket) {
        if (!openingMarkers.contains("source")) return null;
        return markers(ticket).lines().filter(l -> l.startsWith("[Source: ")).findFirst().orElse(null);
    }

    /** The configured marker lines for the opening description, each "[Field: value]", one per line. */
    String markers(Ticket t) {
        StringBuilder out = new StringBuilder();
        for (String field : MARKER_FIELDS) {
            if (!openingMarkers.contains(field)) continue;
            String value = switch (field) {
                case "source" -> t.source().system() + " ticket " + (t.source().ticketNumber() != null
                        ? t.source().ticketNumber() : t.source().ticketId());
                case "requester" -> party(t.requester());
                case "assignee" -> party(t.assignee());
                case "priority" -> t.priority() == null ? t.priorityRaw()
                        : t.priority() + (t.priorityRaw() == null || t.priorityRaw().equalsIgnoreCase(t.priority().name())
                        ? "" : " (" + t.priorityRaw() + ")");
                case "status" -> t.status() == null ? t.statusRaw() : t.status().name();
                case "tags" -> t.tags().isEmpty() ? null : String.join(", ", t.tags());
                default -> throw new IllegalStateException(field);
            };
            if (value == null || value.isBlank()) continue;
            String label = field.substring(0, 1).toUpperCase(Locale.ROOT) + field.substring(1);
            out.append('[').append(label).append(": ").append(value).append("]\n");
        }
        return out.toString();
    }

    private static String party(Party p) {
        if (p == null) return null;
        String name = p.name() != null ? p.name() : p.login();
        if (name == null) return p.email();
        return p.email() == null || p.email().equals(name) ? name : name + " <" + p.email() + ">";
    }

    // ---- HTTP ----

    private JsonNode send(VendorHttp http, String method, String path, ObjectNode body) {
        VendorHttp.Response r = http.call(method, path, null, client.headers(),
                "application/json; charset=utf-8", body.toString());
        if (!r.ok()) {
            int status = PlusofonClient.isNotFound(r.body()) ? 404 : r.status();
            throw new VendorCallException(http.vendor(), status, method + " " + path + ": "
                    + PlusofonClient.describeBody(r.body()), r.header("Retry-After"));
        }
        try {
            JsonNode n = TicketJson.mapper().readTree(r.body());
            fields.requireObject(n, "$");
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new VendorCallException(http.vendor(), r.status(), method + " " + path + ": answer is not JSON", null);
        }
    }

    /** Post ids of a ticket answer, ascending by number. */
    private List<String> postIds(JsonNode ticket) {
        List<String> ids = new ArrayList<>();
        for (JsonNode p : fields.list(ticket, "posts", "$")) {
            if (p.isContainerNode() && p.isEmpty()) continue;
            ids.add(PlusofonClient.safeId("post id", fields.requiredText(p, "id", "$.posts")));
        }
        ids.sort((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
        return ids;
    }

    @Override
    protected String accountUser() {
        return settings.user();
    }

    // ---- Kamelet-bound properties ----

    public String getOpeningMarkers() { return String.join(",", openingMarkers); }

    /** Comma-separated subset of source, requester, assignee, priority, status, tags; empty = none. */
    public void setOpeningMarkers(String spec) {
        Set<String> out = new LinkedHashSet<>();
        if (spec != null) {
            for (String s : spec.split(",")) {
                String f = s.strip().toLowerCase(Locale.ROOT);
                if (f.isEmpty()) continue;
                if (!MARKER_FIELDS.contains(f)) {
                    throw new IllegalArgumentException("openingMarkers: unknown field '" + s.strip() + "', expected any of "
                            + String.join(", ", MARKER_FIELDS));
                }
                out.add(f);
            }
        }
        this.openingMarkers = out;
    }

    @Override
    public String toString() {
        return "PlusofonSink[baseUrl=" + getBaseUrl() + ", " + settings + "]";
    }
}
