package io.ticketbridge.connector.superoffice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorHttp;
import io.ticketbridge.connector.VendorSource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a SuperOffice Service tenant incrementally.
 *
 * <p><b>Changes</b>: the OData archive {@code GET /api/v1/Ticket?$select=ticketId,lastChanged
 * &$filter=lastChanged afterTime '<cursor>'&$orderBy=lastChanged asc,ticketId asc&$top=<pageSize>}. {@code afterTime}
 * is inclusive, so the tickets at the cursor's instant are listed again; the ledger skips them by their version
 * (= lastChanged). Paging re-anchors on the last row's lastChanged (keyset) instead of {@code $skip}: a ticket changed
 * during the sweep moves to the end of a lastChanged-ordered list and would shift an unseen ticket onto a page
 * already read. {@code odata.nextLink} is followed only when a whole page shares one lastChanged (a keyset could not
 * move on). The next cursor is the largest lastChanged seen.
 *
 * <p><b>A ticket</b>: {@code GET /api/v1/Ticket/{id}} with its {@code Messages} summaries replaced by the full
 * {@code TicketMessageEntity} list of {@code POST Agents/Ticket/GetTicketMessageEntities}: the "TicketEntity with
 * expanded Messages" {@link SuperOfficeTicketMapper} reads. Attachment bytes: {@code POST Agents/Ticket/GetAttachmentStream}.
 *
 * <p>Secrets never appear in logs or exception messages.
 */
public class SuperOfficeSource extends VendorSource {
    static final String LIST_PATH = "/api/v1/Ticket";
    static final String ATTACHMENT_STREAM = "/api/v1/Agents/Ticket/GetAttachmentStream";
    /** Cursor literals: exact to SuperOffice's 7 fraction digits, with an explicit offset (independent of SO-TimeZone). */
    static final DateTimeFormatter CURSOR = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSxxx");
    private static final Connector VENDOR = new SuperOfficeConnector();

    private final SuperOfficeSettings settings;
    private final SuperOfficeClient client;

    public SuperOfficeSource() {
        this(new SuperOfficeSettings());
    }

    /** A source on the same account as its sink (the sink reads back through it). */
    SuperOfficeSource(SuperOfficeSettings settings) {
        this.settings = settings;
        setPageSize(200); // the documented default (docs/vendors/superoffice.md), also without the Kamelet
        this.client = new SuperOfficeClient(settings);
    }

    @Override
    public SuperOfficeSettings settings() {
        return settings;
    }

    @Override
    public Connector vendor() {
        return VENDOR;
    }

    @Override
    protected Changes listChanges(VendorHttp http, String cursor, Instant since) {
        String from = cursor != null ? cursor : since != null ? CURSOR.format(since.atOffset(ZoneOffset.UTC)) : null;
        Instant max = from == null ? null : readDate(from);
        Map<String, Change> changes = new LinkedHashMap<>(); // ticket id → its newest version; order = where last seen
        Map<String, String> query = listQuery(from);
        while (query != null) {
            String what = "GET " + LIST_PATH + " (" + describe(query) + ")";
            JsonNode page = SuperOfficeClient.get(http, headers(), LIST_PATH, query, what);
            JsonNode rows = page.path("value");
            if (!rows.isArray()) throw new VendorCallException(http.vendor(), what + ": answer has no 'value' list", null);
            boolean added = false;
            Instant first = null;
            Instant last = null;
            for (JsonNode row : rows) {
                JsonNode key = row.hasNonNull("PrimaryKey") ? row.get("PrimaryKey") : row.get("ticketId");
                JsonNode changed = row.get("lastChanged");
                if (key == null || !key.asText().matches("\\d{1,18}") || changed == null || !changed.isTextual()) {
                    throw new VendorCallException(http.vendor(), what + ": row without ticket id or lastChanged: "
                            + SuperOfficeClient.abbreviate(row.toString()), null);
                }
                Instant at = readDate(changed.asText());
                Change c = new Change(key.asText(), at.toString());
                Change before = changes.remove(c.ticketId());
                changes.put(c.ticketId(), c);
                added |= !c.equals(before);
                if (first == null) first = at;
                last = at;
                if (max == null || at.isAfter(max)) max = at;
            }
            JsonNode next = page.get("odata.nextLink");
            boolean more = next != null && next.isTextual() && !next.asText().isBlank();
            if (!more || !added) {
                query = null; // last page, or a page that adds nothing (loop guard)
            } else if (last.isAfter(first)) {
                query = listQuery(CURSOR.format(last.atOffset(ZoneOffset.UTC))); // keyset: re-anchor, inclusive
            } else {
                query = nextQuery(http, next.asText()); // one lastChanged fills the page: only $skip moves on
            }
        }
        String nextCursor = max == null ? null : CURSOR.format(max.atOffset(ZoneOffset.UTC));
        return new Changes(new ArrayList<>(changes.values()), nextCursor);
    }

    private Map<String, String> listQuery(String from) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("$select", "ticketId,lastChanged");
        if (from != null) q.put("$filter", "lastChanged afterTime '" + from + "'");
        q.put("$orderBy", "lastChanged asc,ticketId asc");
        q.put("$top", Integer.toString(Math.max(1, getPageSize())));
        return q;
    }

    private static String describe(Map<String, String> q) {
        String filter = q.get("$filter");
        return (filter == null ? "all" : filter) + (q.containsKey("$skip") ? ", $skip=" + q.get("$skip") : "");
    }

    /** A lastChanged value: exact with an offset; a naive one (SO-TimeZone without includeTZOffset) in timeZone. */
    private Instant readDate(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            try {
                String zone = getTimeZone();
                return LocalDateTime.parse(value).atZone(zone == null || zone.isBlank() ? ZoneOffset.UTC : ZoneId.of(zone)).toInstant();
            } catch (DateTimeException e2) {
                throw new IllegalArgumentException("superoffice: '" + value + "' is not an ISO date-time (cursor or lastChanged)");
            }
        }
    }

    @Override
    protected String fetchTicket(VendorHttp http, String ticketId) {
        String what = "GET " + LIST_PATH + "/" + ticketId;
        JsonNode node = SuperOfficeClient.get(http, headers(), LIST_PATH + "/" + ticketId, Map.of(), what);
        if (!node.isObject()) throw new VendorCallException(http.vendor(), what + ": answer is not a TicketEntity object", null);
        ObjectNode entity = (ObjectNode) node;
        ArrayNode messageIds = TicketJson.mapper().createArrayNode();
        for (JsonNode summary : entity.path("Messages")) {
            JsonNode id = summary.get("TicketMessageId");
            if (id != null && id.canConvertToLong()) messageIds.add(id.asLong());
        }
        ArrayNode full = TicketJson.mapper().createArrayNode();
        if (!messageIds.isEmpty()) {
            ObjectNode request = TicketJson.mapper().createObjectNode();
            request.put("TicketId", Long.parseLong(ticketId));
            request.set("MessageIds", messageIds);
            String call = "POST /api/v1/Agents/Ticket/GetTicketMessageEntities (ticket " + ticketId + ")";
            JsonNode list = SuperOfficeClient.post(http, headers(), "/api/v1/Agents/Ticket/GetTicketMessageEntities", request.toString(), call);
            if (list == null || !list.isArray()) throw new VendorCallException(http.vendor(), call + ": answer is not a list", null);
            full = (ArrayNode) list;
        }
        entity.set("Messages", full);
        return entity.toString();
    }

    /** {@code POST Agents/Ticket/GetAttachmentStream {"AttachmentId":n}}: the raw bytes (AttachmentsInfo ids). */
    @Override
    protected Attachment downloadAttachment(VendorHttp http, Ticket ticket, Message message, Attachment attachment) {
        if (attachment.id() == null || !attachment.id().matches("\\d{1,18}")) return null;
        String what = "POST " + ATTACHMENT_STREAM + " (attachment " + attachment.id() + ")";
        VendorHttp.Response bin = SuperOfficeClient.postForBytes(http, headers(), ATTACHMENT_STREAM,
                "{\"AttachmentId\":" + attachment.id() + "}", what);
        Attachment withBytes = attachment.withContent(bin.bytes());
        String served = bin.header("Content-Type");
        String type = attachment.contentType() != null ? attachment.contentType()
                : served == null ? null : served.split(";")[0].strip();
        return new Attachment(withBytes.id(), withBytes.fileName(), type, withBytes.size(), withBytes.content());
    }

    Map<String, String> headers() {
        return client.headers();
    }

    /** The next page's query, from an odata.nextLink that must point at this tenant's ticket archive. */
    private Map<String, String> nextQuery(VendorHttp http, String link) {
        URI next;
        URI base;
        try {
            next = URI.create(link);
            base = URI.create(getBaseUrl().endsWith("/") ? getBaseUrl().substring(0, getBaseUrl().length() - 1) : getBaseUrl());
        } catch (IllegalArgumentException e) {
            throw new VendorCallException(http.vendor(), "odata.nextLink is not a URL: " + SuperOfficeClient.abbreviate(link), null);
        }
        String expectedPath = (base.getRawPath() == null ? "" : base.getRawPath()) + LIST_PATH;
        boolean sameTenant = next.isAbsolute()
                ? next.getScheme().equalsIgnoreCase(base.getScheme()) && next.getHost() != null
                        && next.getHost().equalsIgnoreCase(base.getHost()) && next.getPort() == base.getPort()
                        && expectedPath.equalsIgnoreCase(next.getRawPath())
                : expectedPath.equalsIgnoreCase(next.getRawPath()) || LIST_PATH.equalsIgnoreCase(next.getRawPath());
        // a link must never steer the connector (and its credentials) somewhere else
        if (!sameTenant) {
            throw new VendorCallException(http.vendor(), "odata.nextLink leaves the ticket archive: " + SuperOfficeClient.abbreviate(link), null);
        }
        Map<String, String> q = new LinkedHashMap<>();
        String raw = next.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                q.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    @Override
    public String toString() {
        return "SuperOfficeSource[" + getBaseUrl() + ", authMethod=" + settings.getAuthMethod() + "]"; // no secrets
    }

    @Override
    protected String accountUser() {
        return settings.user();
    }
}
