package io.ticketbridge.connector.plusofon;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.JsonFields;
import io.ticketbridge.connector.MappingException;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorHttp;
import io.ticketbridge.connector.VendorSource;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Plusofon account's support tickets. The API has no paging, no cursor and no modified-since filter, so
 * every poll lists the open ({@code state=true}) and the closed ({@code state=false}) tickets and derives a
 * <b>version marker</b> per ticket from its list entry: the list it is in, {@code statusid}, {@code lastactivity},
 * {@code replies} and {@code lastreplier}. The base's ledger skips tickets whose marker it already holds, so only
 * new or changed tickets are fetched with {@code GET api/v1/ticket/{id}} — a reply in the same second as the last
 * poll still changes {@code replies}. {@code state} travels in the query string, as {@code curl -G -d} sends it.
 *
 * <p>The stored cursor is not a position (there is none to keep): it is the <em>floor</em> fixed by the first
 * poll — {@code since}, or the epoch for "everything" — so a ticket whose last activity is older is never emitted,
 * and editing {@code since} later does not re-scope a running flow. {@code pageSize} does not apply.
 */
public class PlusofonSource extends VendorSource {
    private static final Connector VENDOR = new PlusofonConnector();
    private final JsonFields fields = new JsonFields(PlusofonConnector.ID);

    private final PlusofonSettings settings;
    private final PlusofonClient client;

    public PlusofonSource() {
        this(new PlusofonSettings());
    }

    /** A source on the same account as its sink (the sink reads back through it). */
    PlusofonSource(PlusofonSettings settings) {
        this.settings = settings;
        this.client = new PlusofonClient(settings);
    }

    /** One list entry: the id, its version marker (null when the entry has no change fields) and last activity. */
    record Listed(String id, String version, Instant lastActivity) {
    }

    @Override
    public PlusofonSettings settings() {
        return settings;
    }

    @Override
    public Connector vendor() {
        return VENDOR;
    }

    @Override
    protected boolean retryable(VendorHttp.Response r) {
        return PlusofonClient.retryable(r);
    }

    @Override
    protected Changes listChanges(VendorHttp http, String cursor, Instant since) {
        Instant floor = cursor != null ? parseFloor(cursor) : since != null ? since : Instant.EPOCH;
        // a ticket closed between the two calls is in both lists: the later (closed) entry wins, the position stays
        Map<String, Listed> byId = new LinkedHashMap<>();
        for (String state : List.of("true", "false")) {
            VendorHttp.Response r = requireOk(http, http.get("api/v1/ticket", Map.of("state", state), headers()),
                    resp -> "GET api/v1/ticket?state=" + state + ": " + PlusofonClient.describeBody(resp.body()));
            for (Listed l : listed(r.body(), state)) byId.put(l.id(), l);
        }
        List<Change> changes = byId.values().stream()
                // inclusive: a ticket active exactly at the floor is in; entries without a time cannot be judged
                .filter(l -> l.lastActivity() == null || !l.lastActivity().isBefore(floor))
                .sorted(Comparator.comparing(Listed::lastActivity, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(l -> new Change(l.id(), l.version()))
                .toList();
        return new Changes(changes, floor.toString());
    }

    private static Instant parseFloor(String cursor) {
        try {
            return Instant.parse(cursor);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("plusofon: stored cursor '" + cursor + "' is not an ISO instant; "
                    + "delete it from the state store (or change stateKey) to start over", e);
        }
    }

    /** Ticket ids of a list answer, in list order. */
    List<String> idsOf(String body, String state) {
        return listed(body, state).stream().map(Listed::id).toList();
    }

    /** Entries of a list answer: {@code {"ticket":{...}}}, {@code {"ticket":[...]}}, {@code {}} or {@code []}. */
    List<Listed> listed(String body, String state) {
        JsonNode root;
        try {
            root = TicketJson.mapper().readTree(body);
        } catch (Exception e) {
            throw new MappingException(PlusofonConnector.ID, "$", "ticket list (state=" + state + ") is not valid JSON");
        }
        List<JsonNode> items;
        String path;
        if (root != null && root.isArray()) {
            items = new ArrayList<>();
            root.forEach(items::add);
            path = "$";
        } else {
            fields.requireObject(root, "$");
            items = fields.list(root, "ticket", "$");
            path = "$.ticket";
        }
        List<Listed> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item.isContainerNode() && item.isEmpty()) continue;
            String p = path + "[" + i + "]";
            fields.requireObject(item, p);
            JsonNode attrs = item.get("@attributes");
            String id = attrs != null && attrs.isObject() ? fields.text(attrs, "id", p + ".@attributes") : null;
            if (id == null || id.isBlank()) id = fields.requiredText(item, "id", p);
            Instant last = item.has("lastactivity") ? fields.epochTime(item, "lastactivity", p) : null;
            out.add(new Listed(id.strip(), version(item, state, p), last));
        }
        return out;
    }

    /**
     * "state=true;statusid=4;lastactivity=1736150400;replies=3;lastreplier=Оператор". Null when the entry carries
     * none of the change fields (the 2023 array shape is unpublished): the ticket is then fetched every poll and
     * the base's fingerprint keeps an unchanged one from being emitted again.
     */
    private String version(JsonNode item, String state, String path) {
        StringBuilder v = new StringBuilder("state=").append(state);
        boolean any = false;
        for (String field : List.of("statusid", "lastactivity", "replies", "lastreplier")) {
            String value = item.has(field) ? fields.text(item, field, path) : null;
            any |= value != null;
            v.append(';').append(field).append('=').append(value == null ? "" : value);
        }
        return any ? v.toString() : null;
    }

    @Override
    protected String fetchTicket(VendorHttp http, String ticketId) {
        VendorHttp.Response r = http.get("api/v1/ticket/" + ticketId, null, headers());
        if (!r.ok() && PlusofonClient.isNotFound(r.body())) {
            // reported as code 500 but it is a 404: not worth retrying
            throw new VendorCallException(http.vendor(), 404, "ticket " + ticketId + " not found (Plusofon answered HTTP "
                    + r.status() + ": " + PlusofonClient.describeBody(r.body()) + ")", null);
        }
        requireOk(http, r, resp -> "GET api/v1/ticket/" + ticketId + ": " + PlusofonClient.describeBody(resp.body()));
        return r.body();
    }

    /**
     * {@code GET api/v1/ticket/attachment/{ticketId}/{attachmentId}} — an <b>inferred</b> call (Plusofon documents
     * no download), modelled on the Kayako backend's TicketAttachment read: {@code {"attachment":{"filename",
     * "filetype","filesize","contents" (Base64)}}}; a flat object is read too. Name and type fill in what the post
     * did not say.
     */
    @Override
    protected Attachment downloadAttachment(VendorHttp http, Ticket ticket, Message message, Attachment attachment) {
        String ticketId = PlusofonClient.safeId("ticket id", ticket.source().ticketId());
        String attachmentId = PlusofonClient.safeId("attachment id", attachment.id());
        String what = "GET api/v1/ticket/attachment/" + ticketId + "/" + attachmentId;
        VendorHttp.Response r = http.get("api/v1/ticket/attachment/" + ticketId + "/" + attachmentId, null, headers());
        if (!r.ok() && PlusofonClient.isNotFound(r.body())) {
            throw new VendorCallException(http.vendor(), 404, what + ": attachment not found ("
                    + PlusofonClient.describeBody(r.body()) + ")", null);
        }
        requireOk(http, r, resp -> what + ": " + PlusofonClient.describeBody(resp.body()));
        JsonNode root;
        try {
            root = TicketJson.mapper().readTree(r.body());
        } catch (Exception e) {
            throw new MappingException(PlusofonConnector.ID, "$", what + " did not answer JSON");
        }
        JsonNode a = root != null && root.has("attachment") ? root.get("attachment") : root;
        fields.requireObject(a, "$.attachment");
        String contents = fields.requiredText(a, "contents", "$.attachment");
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(contents);
        } catch (IllegalArgumentException e) {
            throw new MappingException(PlusofonConnector.ID, "$.attachment.contents", "not valid Base64");
        }
        String name = blankToNull(fields.text(a, "filename", "$.attachment"));
        String type = blankToNull(fields.text(a, "filetype", "$.attachment"));
        return new Attachment(attachment.id(), attachment.fileName() != null ? attachment.fileName() : name,
                attachment.contentType() != null ? attachment.contentType() : type, (long) bytes.length, bytes);
    }

    private Map<String, String> headers() {
        return client.headers();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public String toString() {
        return "PlusofonSource[baseUrl=" + getBaseUrl() + ", " + settings + "]";
    }

    @Override
    protected String accountUser() {
        return settings.user();
    }
}
