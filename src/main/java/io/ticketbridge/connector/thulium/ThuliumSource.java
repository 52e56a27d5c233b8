package io.ticketbridge.connector.thulium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.JsonFields;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorHttp;
import io.ticketbridge.connector.VendorSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Thulium read side for the {@code thulium-source} Kamelet, HTTP Basic.
 *
 * <p><b>Incremental cursor.</b> {@code GET /api/tickets?date_from=<cursor>} (modification date, inclusive, minute
 * precision, tenant-local "yyyy-MM-dd HH:mm"), {@code limit}/{@code offset} paging, then
 * {@code GET /api/tickets/:id?include_custom_fields=true} per ticket. The cursor is the largest {@code updated_at}
 * the list showed, exactly as Thulium wrote it: Thulium's own clock and zone, so neither clock skew nor a changed
 * {@code timeZone} setting can open a gap. Because {@code date_from} is inclusive, the next poll re-reads that
 * minute — a ticket changed later in the same minute keeps the same {@code updated_at} and is still listed.
 *
 * <p><b>Version marker.</b> {@code updated_at|status_id|substatus_id|user_login} once the minute is over; while
 * the minute may still receive changes (within {@link #OPEN_MINUTE_MARGIN} of now) the version is unknown (null),
 * so the ticket is fetched and its content fingerprint decides whether it changed. Every minute older than the
 * newest one listed is over on Thulium's side: a later change would carry a later {@code updated_at}.
 *
 * <p><b>Paging while tickets change.</b> The list is newest first, so a ticket modified during a sweep jumps to the
 * front and pushes the rest one place down. That shows as an id seen twice (or a changed {@code count}); the sweep
 * then runs again (at most {@value #MAX_SWEEPS} times in all) and the ids are merged. Even past that, the jumped
 * ticket's new {@code updated_at} is at or after the cursor, so the next poll lists it.
 */
public class ThuliumSource extends VendorSource {
    static final int MAX_SWEEPS = 3;
    /** GET /api/tickets documents {@code limit} as "default 100, max 100". */
    static final int MAX_PAGE_SIZE = 100;
    /** How long after a minute it may still get stamps: covers clock skew between us and Thulium. */
    static final Duration OPEN_MINUTE_MARGIN = Duration.ofMinutes(5);
    private static final ThuliumConnector VENDOR = new ThuliumConnector();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ThuliumSource.class);
    /** Temporary-file tokens are hex; the pattern keeps a payload value from steering a request path. */
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final ThuliumSettings settings;
    private final ThuliumClient client;

    public ThuliumSource() {
        this(new ThuliumSettings());
    }

    /** A source on the same account as its sink (the sink reads back through it). */
    ThuliumSource(ThuliumSettings settings) {
        this.settings = settings;
        this.client = new ThuliumClient(settings);
    }
    private Clock clock = Clock.systemUTC();

    @Override
    public ThuliumSettings settings() {
        return settings;
    }

    @Override
    public Connector vendor() {
        return VENDOR;
    }

    @Override
    protected Changes listChanges(VendorHttp http, String cursor, Instant since) {
        String dateFrom = cursor != null ? cursor : since == null ? null : ThuliumTicketMapper.Times.format(since, zone());
        Map<String, JsonNode> listed = list(http, dateFrom);
        JsonFields f = new JsonFields(ThuliumConnector.ID);
        LocalDateTime newest = dateFrom == null ? null : ThuliumTicketMapper.Times.filterBound("cursor", dateFrom, false);
        String next = dateFrom;
        record Seen(String id, LocalDateTime updated, String version) {
        }
        List<Seen> seen = new ArrayList<>();
        LocalDateTime openFrom = LocalDateTime.ofInstant(clock.instant().minus(OPEN_MINUTE_MARGIN), zone());
        for (Map.Entry<String, JsonNode> e : listed.entrySet()) {
            String updatedText = f.requiredText(e.getValue(), "updated_at", "$.tickets[ticket_id=" + e.getKey() + "]");
            LocalDateTime updated = ThuliumTicketMapper.Times.filterBound("updated_at", updatedText, false);
            if (newest == null || updated.isAfter(newest)) {
                newest = updated;
                next = updatedText.strip();
            }
            JsonNode t = e.getValue();
            String version = updated.isBefore(openFrom.truncatedTo(ChronoUnit.MINUTES))
                    ? String.join("|", updatedText.strip(), t.path("status_id").asText(""),
                            t.path("substatus_id").asText(""), t.path("user_login").asText(""))
                    : null;
            seen.add(new Seen(e.getKey(), updated, version));
        }
        // oldest change first, so a target sees the tickets in the order they changed
        seen.sort(Comparator.comparing(Seen::updated).thenComparingLong(s -> Long.parseLong(s.id())));
        return new Changes(seen.stream().map(s -> new Change(s.id(), s.version())).toList(), next);
    }

    /** Every ticket modified at or after {@code dateFrom} (null = all): id → its list summary. */
    protected Map<String, JsonNode> list(VendorHttp http, String dateFrom) {
        int limit = getPageSize();
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("thulium: pageSize must be between 1 and 100 (Thulium's maximum), got " + limit);
        }
        Map<String, JsonNode> tickets = new LinkedHashMap<>();
        for (int sweep = 1; sweep <= MAX_SWEEPS; sweep++) {
            if (!sweep(http, limit, dateFrom, tickets)) break;
        }
        return tickets;
    }

    /** One pass over every page; true when the list moved under it (an id came twice or the count changed). */
    private boolean sweep(VendorHttp http, int limit, String dateFrom, Map<String, JsonNode> out) {
        Map<String, JsonNode> seen = new LinkedHashMap<>();
        boolean moved = false;
        long firstCount = -1;
        for (int offset = 0; ; offset += limit) {
            Map<String, String> query = new LinkedHashMap<>();
            if (dateFrom != null) query.put("date_from", dateFrom);
            query.put("limit", Integer.toString(limit));
            query.put("offset", Integer.toString(offset));
            VendorHttp.Response r = requireOk(http, http.get("/api/tickets", query, client.headers()),
                    res -> "GET /api/tickets: " + ThuliumClient.describe(res.body()));
            JsonNode page = parse(r.body(), "GET /api/tickets");
            JsonFields f = new JsonFields(ThuliumConnector.ID);
            Long count = f.longValue(page, "count", "$");
            List<JsonNode> tickets = f.list(page, "tickets", "$");
            if (count == null) throw f.error("$.count", "the list answer has no total count");
            if (firstCount < 0) firstCount = count;
            moved |= count != firstCount;
            for (int i = 0; i < tickets.size(); i++) {
                String id = Long.toString(f.longValue(tickets.get(i), "ticket_id", "$.tickets[" + i + "]"));
                moved |= seen.put(id, tickets.get(i)) != null;
            }
            // stop on a short page or when the total is reached, whichever comes first
            if (tickets.size() < limit || offset + limit >= count) break;
        }
        // a later sweep's summary is the fresher one
        out.putAll(seen);
        return moved;
    }

    /**
     * INFERENCE: Thulium documents no attachment download (tickets list bare temporary-file tokens). This reads
     * {@code GET /api/tickets/:id/attachments/:token} → {@code {"filename","content_type","size","content"(base64)}},
     * the call the sandbox offers; against a tenant without it the 404 leaves the attachment without bytes.
     */
    @Override
    protected Attachment downloadAttachment(VendorHttp http, Ticket ticket, Message message, Attachment attachment) {
        String ticketId = ticket.source().ticketId();
        String token = attachment.id();
        if (token == null || !TOKEN.matcher(token).matches()) return null; // never let a payload value steer a path
        String path = "/api/tickets/" + ticketId + "/attachments/" + token;
        VendorHttp.Response r = http.get(path, Map.of(), client.headers());
        if (r.status() == 404) {
            LOG.warn("thulium: attachment {} of ticket {} cannot be downloaded (404): carried without bytes", token, ticketId);
            return null;
        }
        requireOk(http, r, res -> "GET " + path + ": " + ThuliumClient.describe(res.body()));
        JsonNode n = parse(r.body(), "GET " + path);
        JsonFields f = new JsonFields(ThuliumConnector.ID);
        String content = f.requiredText(n, "content", "$");
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(content);
        } catch (IllegalArgumentException e) {
            throw f.error("$.content", "expected base64 but found something else");
        }
        String name = attachment.fileName() != null ? attachment.fileName() : f.text(n, "filename", "$");
        String type = attachment.contentType() != null ? attachment.contentType() : f.text(n, "content_type", "$");
        return new Attachment(token, name, type, (long) bytes.length, bytes);
    }

    private ZoneId zone() {
        return getTimeZone() == null || getTimeZone().isBlank() ? VENDOR.defaultTimeZone() : ZoneId.of(getTimeZone());
    }

    /** A Thulium ticket id (digits) safe to put into a path; anything else is refused before a request is made. */
    static String safeTicketId(String id) {
        if (id == null || !id.matches("[0-9]{1,18}")) {
            throw new IllegalArgumentException("thulium: not a ticket id: '" + (id == null ? null : id.length() > 40 ? id.substring(0, 40) + "…" : id) + "'");
        }
        return id;
    }

    /** Tests move time. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    @Override
    protected String fetchTicket(VendorHttp http, String ticketId) {
        VendorHttp.Response r = requireOk(http,
                http.get("/api/tickets/" + ticketId, Map.of("include_custom_fields", "true"), client.headers()),
                res -> "GET /api/tickets/" + ticketId + ": " + ThuliumClient.describe(res.body()));
        return r.body();
    }

    static JsonNode parse(String body, String call) {
        try {
            return TicketJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new VendorCallException(ThuliumConnector.ID, call + ": answer is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ThuliumSource[baseUrl=" + getBaseUrl() + ", username=" + settings.getUsername() + "]"; // never the password
    }

    @Override
    protected String accountUser() {
        return settings.user();
    }
}
