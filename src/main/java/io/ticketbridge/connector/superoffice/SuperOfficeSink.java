package io.ticketbridge.connector.superoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorHttp;
import io.ticketbridge.connector.VendorSink;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes canonical tickets into a SuperOffice Service tenant through the Agents API:
 * <ul>
 *   <li>ticket: {@code CreateDefaultTicketEntity} → Title, Person (requester, see {@code requesterMode}), Category
 *       ({@code categoryId}), Priority (by name), Tags → {@code SaveTicketEntity} (TicketId 0 = create);</li>
 *   <li>message: {@code CreateDefaultTicketMessageEntity} → Slevel External (CUSTOMER, AGENT) or Internal (NOTE),
 *       HtmlBody + Body / Body + Type Html / Plain, Person for customer messages, Author, CreatedAt →
 *       {@code SaveTicketMessageEntity};</li>
 *   <li>attachment: {@code CreateDefaultAttachmentEntity} → {@code SaveAttachmentEntity} (Name, ContentType) →
 *       {@code UploadAttachment} (base64) → {@code AddAttachments} to the saved message;</li>
 *   <li>status: {@code GetTicketEntity} → Status from {@code statusIds} → {@code SaveTicketEntity}.</li>
 * </ul>
 * SYSTEM messages have no SuperOffice kind: under the text policy they become internal messages with a marker line.
 */
public class SuperOfficeSink extends VendorSink {
    private static final Logger LOG = LoggerFactory.getLogger(SuperOfficeSink.class);
    private static final Connector VENDOR = new SuperOfficeConnector();
    static final String AGENT = "/api/v1/Agents/Ticket/";
    private static final Set<MessageKind> NATIVE = EnumSet.of(MessageKind.CUSTOMER, MessageKind.AGENT, MessageKind.NOTE);

    private final SuperOfficeSettings settings = new SuperOfficeSettings();
    private final SuperOfficeClient client = new SuperOfficeClient(settings);
    private int categoryId;
    private String requesterMode = "find-or-create";
    private String statusIds = "NEW=1,OPEN=1,PENDING=3,RESOLVED=2,CLOSED=2";
    private String priorityNames = "LOW=Low,NORMAL=Medium,HIGH=High,URGENT=Urgent";
    private final Map<String, Integer> personIds = new ConcurrentHashMap<>();
    private final Map<String, Object> personLocks = new ConcurrentHashMap<>();
    private volatile Map<String, Integer> priorityIds;

    @Override
    public SuperOfficeSettings settings() {
        return settings;
    }

    @Override
    public Connector vendor() {
        return VENDOR;
    }

    /** An in-doubt SaveTicketEntity is found among tickets changed since (OData lastChanged) by title. */
    @Override
    protected SuperOfficeSource readBack() {
        SuperOfficeSource s = new SuperOfficeSource(settings);
        s.setBaseUrl(getBaseUrl());
        return s;
    }

    /** SaveTicketEntity creates the ticket alone; the opening message follows as its own write. */
    @Override
    protected boolean createWritesOpening() {
        return false;
    }

    /**
     * A message found by reading back lacks its attachments when the crash came between SaveTicketMessageEntity and
     * AddAttachments: the ones missing by name are uploaded and added now.
     */
    @Override
    protected void completeFound(VendorHttp http, String targetTicketId, Ticket ticket, Message adapted, Message found) {
        java.util.List<String> held = new ArrayList<>();
        for (Attachment a : found.attachments()) held.add(a.fileName());
        Map<String, String> h = client.headers();
        List<Integer> ids = new ArrayList<>();
        for (Attachment a : adapted.attachments()) {
            if (a.content() == null || held.remove(attachmentName(a))) continue;
            ids.add(upload(http, h, a));
        }
        if (!ids.isEmpty()) addAttachments(http, h, found.id(), ids);
    }

    /** REST {@code DELETE /api/v1/Ticket/{id}}: 204 deleted, 404 not there (docs/vendors/superoffice.md). */
    @Override
    public boolean canDelete() {
        return true;
    }

    @Override
    protected boolean deleteTicket(VendorHttp http, String targetTicketId) {
        if (!targetTicketId.matches("[1-9]\\d{0,17}")) throw new IllegalArgumentException("superoffice: bad ticket id '" + targetTicketId + "'");
        String path = "/api/v1/Ticket/" + targetTicketId;
        VendorHttp.Response r = http.call("DELETE", path, null, client.headers(), null, null);
        if (r.status() == 404) return false;
        if (!r.ok()) throw new VendorCallException(http.vendor(), r.status(), SuperOfficeClient.errorText("DELETE " + path, r),
                r.header("Retry-After"));
        return true;
    }

    @Override
    protected Set<MessageKind> nativeKinds() {
        return NATIVE;
    }

    @Override
    protected MessageKind fallbackKind(MessageKind kind) {
        return kind == MessageKind.SYSTEM ? MessageKind.NOTE : null;
    }

    @Override
    protected Created createTicket(VendorHttp http, Ticket ticket, Message opening) {
        Map<String, String> h = client.headers();
        JsonNode def = SuperOfficeClient.post(http, h, AGENT + "CreateDefaultTicketEntity", "", "POST CreateDefaultTicketEntity");
        if (def == null || !def.isObject()) throw new VendorCallException(http.vendor(), "CreateDefaultTicketEntity: no entity", null);
        ObjectNode entity = (ObjectNode) def;
        entity.put("TicketId", 0);
        entity.put("Title", ticket.subject() == null || ticket.subject().isBlank() ? "(no subject)" : ticket.subject());
        Integer person = personId(http, h, ticket.requester());
        if (person != null) entity.putObject("Person").put("PersonId", person);
        if (ticket.requester() != null && ticket.requester().email() != null) {
            entity.put("Author", ticket.requester().email());
            entity.put("FromAddress", ticket.requester().email());
        }
        if (categoryId > 0) entity.putObject("Category").put("TicketCategoryId", categoryId);
        Integer priority = priorityId(http, h, ticket.priority());
        if (priority != null) entity.putObject("Priority").put("TicketPriorityId", priority);
        ArrayNode tags = entity.putArray("Tags");
        ticket.tags().forEach(t -> tags.addObject().put("Name", t));
        entity.remove("Messages");
        JsonNode saved = SuperOfficeClient.post(http, h, AGENT + "SaveTicketEntity", entity, "POST SaveTicketEntity");
        String id = saved == null ? "" : saved.path("TicketId").asText("");
        if (!id.matches("[1-9]\\d{0,17}")) throw new VendorCallException(http.vendor(), "SaveTicketEntity returned no TicketId", null);
        // the base records the ticket before it writes the opening message: a failure in between cannot create it twice
        return Created.ticketOnly(id);
    }

    @Override
    protected String appendMessage(VendorHttp http, String targetTicketId, Ticket ticket, Message message) {
        Map<String, String> h = client.headers();
        // attachments first: an orphaned attachment after a failure is harmless, a second message is not
        List<Integer> attachmentIds = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Attachment a : message.attachments()) {
            if (a.content() == null) {
                missing.add(a.fileName() == null ? String.valueOf(a.id()) : a.fileName());
            } else {
                attachmentIds.add(upload(http, h, a));
            }
        }
        JsonNode def = SuperOfficeClient.post(http, h, AGENT + "CreateDefaultTicketMessageEntity", "", "POST CreateDefaultTicketMessageEntity");
        if (def == null || !def.isObject()) throw new VendorCallException(http.vendor(), "CreateDefaultTicketMessageEntity: no entity", null);
        ObjectNode e = (ObjectNode) def;
        e.put("EjMessageId", 0);
        e.putObject("Ticket").put("TicketId", Long.parseLong(targetTicketId));
        e.put("Slevel", message.kind() == MessageKind.NOTE ? "Internal" : "External");
        String note = missing.isEmpty() ? "" : "[Attachment not transferred (no content in the source ticket): " + String.join(", ", missing) + "]";
        if (message.bodyFormat() == BodyFormat.HTML) {
            String html = message.body() + (note.isEmpty() ? "" : "<p>" + escapeHtml(note) + "</p>");
            e.put("Type", "Html");
            e.put("HtmlBody", html);
            e.put("Body", htmlToText(html));
        } else {
            e.put("Type", "Plain");
            e.put("Body", message.body() + (note.isEmpty() ? "" : (message.body().isEmpty() ? "" : "\n\n") + note));
            e.put("HtmlBody", "");
        }
        if (message.createdAt() != null) e.put("CreatedAt", SuperOfficeSource.CURSOR.format(message.createdAt().atOffset(ZoneOffset.UTC)));
        Party author = message.author();
        if (author != null) e.put("Author", authorLine(author));
        if (message.kind() == MessageKind.CUSTOMER) {
            Integer person = personId(http, h, author != null && author.email() != null ? author : ticket.requester());
            if (person != null) e.putObject("Person").put("PersonId", person);
        } else {
            e.putNull("Person");
        }
        JsonNode saved = SuperOfficeClient.post(http, h, AGENT + "SaveTicketMessageEntity", e, "POST SaveTicketMessageEntity (ticket " + targetTicketId + ")");
        String messageId = saved == null ? "" : saved.path("EjMessageId").asText("");
        if (!messageId.matches("[1-9]\\d{0,17}")) throw new VendorCallException(http.vendor(), "SaveTicketMessageEntity returned no EjMessageId", null);
        if (!attachmentIds.isEmpty()) addAttachments(http, h, messageId, attachmentIds);
        return messageId;
    }

    private static void addAttachments(VendorHttp http, Map<String, String> h, String messageId, List<Integer> attachmentIds) {
        ObjectNode add = TicketJson.mapper().createObjectNode();
        add.put("TicketMessageEntityId", Long.parseLong(messageId));
        ArrayNode ids = add.putArray("AttachmentIds");
        attachmentIds.forEach(ids::add);
        SuperOfficeClient.post(http, h, AGENT + "AddAttachments", add, "POST AddAttachments (message " + messageId + ")");
    }

    private static String attachmentName(Attachment a) {
        return a.fileName() == null || a.fileName().isBlank() ? "attachment-" + a.id() : a.fileName();
    }

    private int upload(VendorHttp http, Map<String, String> h, Attachment a) {
        JsonNode def = SuperOfficeClient.post(http, h, AGENT + "CreateDefaultAttachmentEntity", "", "POST CreateDefaultAttachmentEntity");
        ObjectNode entity = def != null && def.isObject() ? (ObjectNode) def : TicketJson.mapper().createObjectNode();
        entity.put("AttachmentId", 0);
        entity.put("Name", attachmentName(a));
        entity.put("ContentType", a.contentType() == null ? "application/octet-stream" : a.contentType());
        JsonNode saved = SuperOfficeClient.post(http, h, AGENT + "SaveAttachmentEntity", entity, "POST SaveAttachmentEntity");
        int id = saved == null ? 0 : saved.path("AttachmentId").asInt(0);
        if (id <= 0) throw new VendorCallException(http.vendor(), "SaveAttachmentEntity returned no AttachmentId", null);
        ObjectNode upload = TicketJson.mapper().createObjectNode();
        upload.put("AttachmentId", id);
        upload.put("Content", Base64.getEncoder().encodeToString(a.content()));
        SuperOfficeClient.post(http, h, AGENT + "UploadAttachment", upload, "POST UploadAttachment (attachment " + id + ")");
        return id;
    }

    @Override
    protected boolean writeStatus(VendorHttp http, String targetTicketId, Ticket ticket) {
        Integer statusId = statusTable().get(ticket.status());
        if (statusId == null) {
            LOG.info("superoffice: status {} of {} ticket {} is not in statusIds: not written", ticket.status(),
                    ticket.source().system(), ticket.source().ticketId());
            return false;
        }
        Map<String, String> h = client.headers();
        String what = "POST GetTicketEntity (ticket " + targetTicketId + ")";
        JsonNode current = SuperOfficeClient.post(http, h, AGENT + "GetTicketEntity", Map.of("ticketEntityId", targetTicketId), "", what);
        if (current == null || !current.isObject()) throw new VendorCallException(http.vendor(), what + ": no entity", null);
        ObjectNode entity = (ObjectNode) current;
        entity.remove("Messages");
        entity.putObject("Status").put("TicketStatusId", statusId);
        SuperOfficeClient.post(http, h, AGENT + "SaveTicketEntity", entity, "POST SaveTicketEntity (status of ticket " + targetTicketId + ")");
        return true;
    }

    // ---- lookups ----

    /** The SuperOffice person for a party's e-mail: found, created (requesterMode), or null. */
    private Integer personId(VendorHttp http, Map<String, String> h, Party party) {
        String mode = requesterMode == null ? "find-or-create" : requesterMode.strip().toLowerCase(Locale.ROOT);
        if (mode.equals("none") || party == null || party.email() == null || party.email().isBlank()) return null;
        String email = party.email().strip().toLowerCase(Locale.ROOT);
        Integer known = personIds.get(email);
        if (known != null) return known;
        // one lookup per address at a time: two tickets of one requester delivered at once must not both create her
        synchronized (personLocks.computeIfAbsent(email, e -> new Object())) {
            known = personIds.get(email);
            return known != null ? known : findOrCreatePerson(http, h, party, email, mode);
        }
    }

    private Integer findOrCreatePerson(VendorHttp http, Map<String, String> h, Party party, String email, String mode) {
        ObjectNode q = TicketJson.mapper().createObjectNode().put("EmailAddress", email);
        JsonNode found = SuperOfficeClient.post(http, h, "/api/v1/Agents/EMail/GetPersonsFromEmailAddress", q, "POST GetPersonsFromEmailAddress");
        if (found != null) {
            for (JsonNode p : found) {
                int id = p.path("PersonId").asInt(0);
                if (id > 0) {
                    personIds.put(email, id);
                    return id;
                }
            }
        }
        if (!mode.equals("find-or-create")) return null;
        String name = party.name() == null ? "" : party.name().strip();
        int space = name.indexOf(' ');
        ObjectNode person = TicketJson.mapper().createObjectNode();
        person.put("PersonId", 0);
        person.put("Firstname", name.isEmpty() ? "" : space < 0 ? name : name.substring(0, space));
        person.put("Lastname", name.isEmpty() ? email.substring(0, Math.max(1, email.indexOf('@'))) : space < 0 ? "" : name.substring(space + 1).strip());
        person.putArray("Emails").addObject().put("Value", party.email().strip());
        JsonNode saved = SuperOfficeClient.post(http, h, "/api/v1/Agents/Person/SavePersonEntity", person, "POST SavePersonEntity");
        int id = saved == null ? 0 : saved.path("PersonId").asInt(0);
        if (id <= 0) throw new VendorCallException(http.vendor(), "SavePersonEntity returned no PersonId", null);
        personIds.put(email, id);
        return id;
    }

    /** The tenant's priority id for a canonical priority, by name ({@code priorityNames}); null keeps the default. */
    private Integer priorityId(VendorHttp http, Map<String, String> h, Priority priority) {
        if (priority == null) return null;
        String name = parse(priorityNames, Priority.class, "priorityNames").get(priority);
        if (name == null || name.isBlank()) return null;
        Map<String, Integer> ids = priorityIds;
        if (ids == null) {
            Map<String, Integer> loaded = new ConcurrentHashMap<>();
            JsonNode list = SuperOfficeClient.get(http, h, "/api/v1/MDOList/ticketpriority", Map.of(), "GET /api/v1/MDOList/ticketpriority");
            for (JsonNode item : list) {
                if (!item.path("Deleted").asBoolean(false) && item.path("Id").asInt(0) > 0) {
                    loaded.putIfAbsent(item.path("Name").asText("").strip().toLowerCase(Locale.ROOT), item.path("Id").asInt());
                }
            }
            priorityIds = ids = loaded;
        }
        Integer id = ids.get(name.strip().toLowerCase(Locale.ROOT));
        if (id == null) LOG.warn("superoffice: priority '{}' ({}) does not exist in the tenant: the default priority is kept", name, priority);
        return id;
    }

    Map<Status, Integer> statusTable() {
        Map<Status, Integer> out = new EnumMap<>(Status.class);
        parse(statusIds, Status.class, "statusIds").forEach((k, v) -> {
            try {
                out.put(k, Integer.parseInt(v.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("statusIds: '" + k + "=" + v + "' needs a TicketStatusId (a number)");
            }
        });
        return out;
    }

    /** "NEW=1,OPEN=1" → map keyed by the canonical enum; a bad entry fails naming it. */
    static <E extends Enum<E>> Map<E, String> parse(String spec, Class<E> type, String property) {
        Map<E, String> out = new EnumMap<>(type);
        if (spec == null || spec.isBlank()) return out;
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) continue;
            int eq = entry.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException(property + ": bad entry '" + entry + "', expected CANONICAL=value");
            try {
                out.put(Enum.valueOf(type, entry.substring(0, eq).strip().toUpperCase(Locale.ROOT)), entry.substring(eq + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + ": '" + entry.substring(0, eq).strip() + "' is not a canonical "
                        + type.getSimpleName() + " " + java.util.Arrays.toString(type.getEnumConstants()));
            }
        }
        return out;
    }

    static String authorLine(Party p) {
        if (p.email() == null) return p.name() != null ? p.name() : p.login();
        return p.name() == null ? p.email() : p.name() + " <" + p.email() + ">";
    }

    /** SuperOffice keeps a plain-text Body beside HtmlBody (search, previews): tags dropped, block ends as line breaks. */
    static String htmlToText(String html) {
        String s = html.replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</(p|div|li|h[1-6]|tr)>", "\n")
                .replaceAll("<[^>]+>", "");
        s = s.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        return s.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n").strip();
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    protected String accountUser() {
        return settings.user();
    }

    // ---- Kamelet-bound properties ----

    public int getCategoryId() { return categoryId; }
    public void setCategoryId(int categoryId) { this.categoryId = categoryId; }
    public String getRequesterMode() { return requesterMode; }

    public void setRequesterMode(String mode) {
        String m = mode == null ? "" : mode.strip().toLowerCase(Locale.ROOT);
        if (!Set.of("find-or-create", "find", "none").contains(m)) {
            throw new IllegalArgumentException("requesterMode must be find-or-create, find or none, got '" + mode + "'");
        }
        this.requesterMode = m;
    }

    public String getStatusIds() { return statusIds; }

    public void setStatusIds(String statusIds) {
        this.statusIds = statusIds;
        statusTable(); // fail at start-up, naming the entry
    }

    public String getPriorityNames() { return priorityNames; }

    public void setPriorityNames(String priorityNames) {
        parse(priorityNames, Priority.class, "priorityNames");
        this.priorityNames = priorityNames;
        this.priorityIds = null;
    }

    @Override
    public String toString() {
        return "SuperOfficeSink[" + getBaseUrl() + ", authMethod=" + settings.getAuthMethod() + "]"; // no secrets
    }
}
