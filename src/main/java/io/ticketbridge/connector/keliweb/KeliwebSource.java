package io.ticketbridge.connector.keliweb;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.JsonFields;
import io.ticketbridge.connector.LocalTimes;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorHttp;
import io.ticketbridge.connector.VendorSource;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Keliweb tickets: {@code get-tickets} pages for what changed, {@code get-ticket} per changed ticket,
 * {@code get-ticket-attachment} for attachment bytes.
 *
 * <p>Change detection. WHMCS's GetTickets has no date filter and no documented order, so every poll sweeps the
 * whole list ({@code limitstart}/{@code limitnum}, one call per {@code pageSize} tickets) and gives each ticket
 * the version {@code lastreply|status|priority|flag|deptid}: {@code lastreply} moves with replies, the rest with
 * update-ticket changes that leave {@code lastreply} alone (closing, re-prioritising, flagging, moving). The
 * base's ledger drops tickets whose version it already handed on; notes move none of these fields, so a note on
 * its own is seen with the next reply or status change. {@code lastreply} has second precision: a ticket whose
 * {@code lastreply} is the newest of the sweep may still get another reply in that same second, so it is given
 * no version (always fetched; the content fingerprint decides whether it changed) until something newer exists.
 *
 * <p>The cursor is therefore not a position: it records the lower bound chosen on the first poll
 * ({@code since}, else none), so that later polls keep ignoring tickets whose last activity predates it.
 */
public class KeliwebSource extends VendorSource {
    static final String API = KeliwebClient.API;
    static final String CURSOR_ALL = "all";
    static final String CURSOR_SINCE = "activity>=";
    private static final Logger LOG = LoggerFactory.getLogger(KeliwebSource.class);
    private static final Connector VENDOR = new KeliwebConnector();
    private static final JsonFields FIELDS = new JsonFields(KeliwebConnector.ID);
    private static final DateTimeFormatter WHMCS_TIME = LocalTimes.strictPattern("uuuu-MM-dd HH:mm:ss");
    private static final Pattern ATTACHMENT_ID = Pattern.compile("(ticket|reply|note):(\\d{1,19}):(\\d{1,9})");

    /** One get-tickets row, as far as change detection needs it. {@code activity} is "Y-m-d H:i:s". */
    record Row(String id, String activity, String marker) {
    }

    private final KeliwebSettings settings;
    private final KeliwebClient client;

    public KeliwebSource() {
        this(new KeliwebSettings());
    }

    /** A source on the same account as its sink (the sink reads back through it). */
    KeliwebSource(KeliwebSettings settings) {
        this.settings = settings;
        this.client = new KeliwebClient(settings);
    }

    @Override
    public KeliwebSettings settings() {
        return settings;
    }

    @Override
    public Connector vendor() {
        return VENDOR;
    }

    @Override
    protected Changes listChanges(VendorHttp http, String cursor, Instant since) {
        Instant floor = cursor == null ? since : floorOf(cursor);
        List<Row> rows = listRows(http);
        String newest = rows.stream().map(Row::activity).max(Comparator.naturalOrder()).orElse(null);
        ZoneId zone = zone();
        List<Change> out = new ArrayList<>();
        rows.stream()
                .filter(r -> floor == null || !instant(r.activity(), zone).isBefore(floor))
                // oldest activity first: a crash mid-poll has handed on the older changes
                .sorted(Comparator.comparing(Row::activity).thenComparing(r -> Long.parseLong(r.id())))
                .forEach(r -> out.add(new Change(r.id(), r.activity().equals(newest) ? null : r.activity() + "|" + r.marker())));
        return new Changes(out, floor == null ? CURSOR_ALL : CURSOR_SINCE + floor);
    }

    /** Every ticket of the account, de-duplicated (a ticket that moves pages mid-sweep is read once). */
    List<Row> listRows(VendorHttp http) {
        return listRows(http, Map.of());
    }

    /** The tickets get-tickets lists with extra filters (WHMCS: subject, status, deptid, email, …). */
    List<Row> listRows(VendorHttp http, Map<String, String> filters) {
        Map<String, Row> rows = new LinkedHashMap<>();
        int start = 0;
        int limit = Math.max(1, getPageSize());
        while (true) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("limitstart", Integer.toString(start));
            form.put("limitnum", Integer.toString(limit));
            form.putAll(filters);
            JsonNode page = client.call(http, "get-tickets", form);
            Long total = FIELDS.longValue(page, "totalresults", "$"); // "1": a string in WHMCS
            JsonNode holder = page.get("tickets");
            List<JsonNode> list = holder == null || !holder.isObject() ? List.of() : FIELDS.list(holder, "ticket", "$.tickets");
            for (int i = 0; i < list.size(); i++) {
                Row r = row(list.get(i), "$.tickets.ticket[" + i + "]");
                rows.putIfAbsent(r.id(), r);
            }
            start += list.size();
            // a ticket deleted mid-sweep shifts the rest up: one may be missed this poll and is seen on the next
            if (list.isEmpty() || total == null || start >= total) break;
        }
        return new ArrayList<>(rows.values());
    }

    private static Row row(JsonNode t, String path) {
        String id = FIELDS.requiredText(t, "id", path).strip();
        if (!id.matches("\\d{1,19}")) throw FIELDS.error(path + ".id", "expected a numeric id but found '" + id + "'");
        String last = text(t, "lastreply");
        // imported tickets may carry the zero date: their creation is the last activity the list shows
        String activity = last.isEmpty() || last.startsWith("0000") ? text(t, "date") : last;
        if (!activity.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}") || !isTime(activity)) {
            throw FIELDS.error(path + ".lastreply", "expected 'Y-m-d H:i:s' but found '" + activity + "'");
        }
        String marker = String.join("|", text(t, "status"), text(t, "priority"), text(t, "flag"), text(t, "deptid"));
        return new Row(id, activity, marker);
    }

    private static String text(JsonNode t, String field) {
        JsonNode v = t.get(field);
        return v == null || v.isNull() ? "" : v.asText("").strip();
    }

    private static boolean isTime(String whmcsTime) {
        try {
            LocalDateTime.parse(whmcsTime, WHMCS_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Instant instant(String whmcsTime, ZoneId zone) {
        return LocalDateTime.parse(whmcsTime, WHMCS_TIME).atZone(zone).toInstant();
    }

    private static Instant floorOf(String cursor) {
        if (cursor.equals(CURSOR_ALL)) return null;
        if (cursor.startsWith(CURSOR_SINCE)) {
            try {
                return Instant.parse(cursor.substring(CURSOR_SINCE.length()));
            } catch (DateTimeParseException e) {
                // fall through
            }
        }
        throw new IllegalStateException("keliweb: stored cursor '" + cursor + "' is not '" + CURSOR_ALL + "' or '"
                + CURSOR_SINCE + "<instant>'");
    }

    private ZoneId zone() {
        return getTimeZone() == null || getTimeZone().isBlank() ? VENDOR.defaultTimeZone() : ZoneId.of(getTimeZone());
    }

    @Override
    protected String fetchTicket(VendorHttp http, String ticketId) {
        return client.callRaw(http, "get-ticket", Map.of("ticketid", ticketId)).body();
    }

    /**
     * {@code get-ticket-attachment relatedid type index} → base64 {@code data} + {@code filename}. Ids come from the
     * mapper ({@code type:relatedid:index}); a null id means WHMCS pruned the file. When Keliweb refuses the
     * download for good (pruned, gone) the attachment stays listed without bytes and a warning says so, so the
     * rest of the ticket is still handed on; a transient failure fails the ticket (it is retried next poll).
     */
    @Override
    protected Attachment downloadAttachment(VendorHttp http, Ticket ticket, Message message, Attachment attachment) {
        if (attachment.id() == null) {
            LOG.warn("keliweb: ticket {}: attachment '{}' was pruned by WHMCS; handed on without bytes",
                    ticket.source().ticketId(), attachment.fileName());
            return null;
        }
        var m = ATTACHMENT_ID.matcher(attachment.id());
        if (!m.matches()) throw new IllegalArgumentException("keliweb: unexpected attachment id '" + attachment.id() + "'");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("relatedid", m.group(2));
        form.put("type", m.group(1));
        form.put("index", m.group(3));
        JsonNode answer;
        try {
            answer = client.call(http, "get-ticket-attachment", form);
        } catch (VendorCallException e) {
            if (e.transient_()) throw e;
            LOG.warn("keliweb: ticket {}: attachment '{}' could not be downloaded ({}); handed on without bytes",
                    ticket.source().ticketId(), attachment.fileName(), e.getMessage());
            return null;
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(answer.path("data").asText(""));
        } catch (IllegalArgumentException e) {
            throw new VendorCallException(http.vendor(), "POST " + API + "get-ticket-attachment: data is not base64", null);
        }
        String name = answer.path("filename").asText("");
        Attachment named = name.isBlank() ? attachment
                : new Attachment(attachment.id(), name, attachment.contentType(), attachment.size());
        return named.withContent(bytes);
    }

    @Override
    protected String accountUser() {
        return settings.user();
    }
}
