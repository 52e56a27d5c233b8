package io.ticketbridge.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.routing.KameletRoutes;
import io.ticketbridge.state.StateStore;
import io.ticketbridge.state.StateStore.Delivery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * The read side of a vendor, in the steps the {@code helpdesk:<vendor>} consumer runs, so that a failure keeps
 * what was read and state only moves once a ticket was handed on:
 * <ol>
 *   <li>{@link #plan}: the tickets changed since the stored cursor (or the given ids), minus those whose change
 *       marker the ledger already holds, and the cursor to save afterwards;</li>
 *   <li>per ticket: {@link #fetch} (raw payload, kept for the dead letter) → {@link #map} → {@link #unchanged}
 *       (skipped when the flow delivered exactly this) → {@link #withAttachments} → the route →
 *       {@link #delivered} (ledger);</li>
 *   <li>{@link #saveCursor}: after the whole poll was handed on (delivered or dead-lettered).</li>
 * </ol>
 * A crash anywhere before {@link #commit} re-reads the same window next time; the ledger keeps that from
 * emitting a ticket twice.
 */
public abstract class VendorSource extends VendorBean {
    public static final String HEADER_SYSTEM = "TicketBridgeSystem";
    public static final String HEADER_TICKET_ID = "TicketBridgeTicketId";
    public static final String HEADER_VERSION = "TicketBridgeVersion";
    public static final String HEADER_FINGERPRINT = "TicketBridgeFingerprint";
    /** true when the ticket is exactly what this flow already delivered: routes skip the sink. */
    public static final String HEADER_UNCHANGED = "TicketBridgeUnchanged";
    /** Comma-separated ticket ids: fetch these instead of polling for changes (webhooks, migrations). */
    public static final String HEADER_TICKET_IDS = "TicketBridgeTicketIds";
    public static final String PROPERTY_NEXT_CURSOR = "TicketBridgeNextCursor";
    /** Counts this poll's tickets that failed (shared by the split's copies of the exchange). */
    public static final String PROPERTY_FAILURES = "TicketBridgeFailures";
    private static final String PROPERTY_TICKET_ID = "TicketBridgeSourceTicketId";
    private static final String PROPERTY_VERSION = "TicketBridgeSourceVersion";
    private static final String PROPERTY_FINGERPRINT = "TicketBridgeSourceFingerprint";
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(VendorSource.class);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** A ticket the vendor reports as (possibly) changed, with the vendor's change marker (null = unknown). */
    public record Change(String ticketId, String version) {
        @Override
        public String toString() {
            return ticketId; // what logs and the split show
        }
    }

    /** One poll's changes, oldest first where the API allows, and the cursor to store once they were handed on. */
    public record Changes(List<Change> changes, String nextCursor) {
    }

    private String timeZone;
    private int pageSize = 100;
    private String statusMap = "";
    private String priorityMap = "";
    private String since = "";
    private String ticketIds = "";
    private boolean includeAttachments = true;
    private volatile TicketMapper mapper;

    /**
     * Tickets changed since {@code cursor} (the value this method returned last time as {@code nextCursor}); on
     * the first poll {@code cursor} is null and {@code since} (may be null = everything) says where to start.
     */
    protected abstract Changes listChanges(VendorHttp http, String cursor, Instant since);

    /** The ticket exactly as the vendor's get-ticket call returns it (what {@code convert} reads). */
    protected abstract String fetchTicket(VendorHttp http, String ticketId);

    /**
     * The attachment with its bytes ({@link Attachment#withContent}), and any name or type the download told
     * (some vendors list only a token in the ticket); null when this vendor offers no download.
     */
    protected Attachment downloadAttachment(VendorHttp http, Ticket ticket, Message message, Attachment attachment) {
        return null;
    }

    // ---- one poll, step by step (the helpdesk consumer runs them; tests call them directly) ----

    /** What one poll fetches, in order, and the cursor to save once all of it was handed on (null: keep it). */
    public record Poll(List<Change> todo, String nextCursor) {
    }

    /**
     * Step 1 for the flow {@code flow}: the given ticket ids (comma-separated; blank = the {@code ticketIds}
     * option; by id no cursor moves), else the changes since the flow's cursor minus those whose change marker
     * the ledger already holds.
     */
    public Poll plan(CamelContext camel, String flow, String givenIds) {
        String given = givenIds == null || givenIds.isBlank() ? ticketIds : givenIds;
        if (given != null && !given.isBlank()) {
            List<Change> out = new ArrayList<>();
            for (String id : given.split(",")) {
                if (!id.isBlank()) out.add(new Change(safeId(id.strip()), null));
            }
            return new Poll(out, null);
        }
        StateStore store = store(camel);
        String cursor = store.cursor(cursorKey(flow)).orElse(null);
        Changes changes = listChanges(http(camel), cursor, cursor == null ? sinceInstant() : null);
        List<Change> todo = new ArrayList<>();
        for (Change c : changes.changes()) {
            Optional<Delivery> done = store.delivered(flow, c.ticketId());
            if (c.version() != null && done.isPresent() && c.version().equals(done.get().version())) continue;
            todo.add(c);
        }
        return new Poll(todo, changes.nextCursor());
    }

    /** Every change the vendor lists since {@code since} (null: since the {@code since} option, or all); no state. */
    public Changes list(CamelContext camel, Instant since) {
        return listChanges(http(camel), null, since != null ? since : sinceInstant());
    }

    /** Step 2: the ticket's raw payload, exactly as the vendor's get-ticket call returns it. */
    public String fetch(CamelContext camel, String ticketId) {
        return fetchTicket(http(camel), safeId(ticketId));
    }

    /** Step 3: the raw payload as one canonical ticket. */
    public Ticket map(String raw) {
        JsonNode node;
        try {
            node = TicketJson.mapper().readTree(raw);
        } catch (JsonProcessingException e) {
            throw new MappingException(vendor().id(), "$", "not valid JSON: " + e.getOriginalMessage());
        }
        List<Ticket> tickets = mapper().map(node);
        if (tickets.size() != 1) {
            throw new MappingException(vendor().id(), "$", "expected one ticket, found " + tickets.size());
        }
        return tickets.get(0);
    }

    /**
     * Whether {@code flow} already delivered exactly this content ({@code fingerprint}). Same content under a newer
     * change marker (or one unknown when it was delivered) records the marker, so later polls skip the ticket
     * without fetching it.
     */
    public boolean unchanged(CamelContext camel, String flow, String ticketId, String version, String fingerprint) {
        StateStore store = store(camel);
        Optional<Delivery> done = store.delivered(flow, ticketId);
        boolean unchanged = done.isPresent() && fingerprint.equals(done.get().fingerprint());
        if (unchanged && version != null && !version.equals(done.get().version())) {
            store.markDelivered(flow, ticketId, new Delivery(version, fingerprint));
        }
        return unchanged;
    }

    /** The ticket with its attachment bytes when {@code includeAttachments} is on. */
    public Ticket withAttachments(CamelContext camel, Ticket ticket) {
        return includeAttachments ? withAttachmentContent(http(camel), ticket) : ticket;
    }

    /** Step 4, after the route returned: the ledger remembers this version as handed on. */
    public void delivered(CamelContext camel, String flow, String ticketId, String version, String fingerprint) {
        store(camel).markDelivered(flow, ticketId, new Delivery(version, fingerprint));
    }

    /** Step 5, once every ticket of the poll was handed on: the flow's cursor moves. */
    public void saveCursor(CamelContext camel, String flow, String nextCursor) {
        if (nextCursor != null) store(camel).saveCursor(cursorKey(flow), nextCursor);
    }

    // ---- the same steps on an exchange (the producer's fetch, tests) ----

    /** Step 1 on an exchange: header TicketBridgeTicketIds, else as {@link #plan}; the next cursor waits in a property. */
    public List<Change> poll(Exchange exchange) {
        exchange.setProperty(PROPERTY_FAILURES, new java.util.concurrent.atomic.AtomicInteger());
        Poll poll = plan(exchange.getContext(), flowKey(exchange), exchange.getIn().getHeader(HEADER_TICKET_IDS, String.class));
        exchange.setProperty(PROPERTY_NEXT_CURSOR, poll.nextCursor());
        return poll.todo();
    }

    /** Step 2, per ticket. Body: a {@link Change} or a ticket id. Sets the ticket headers; returns the raw payload. */
    public String fetch(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        Change change = body instanceof Change c ? c : new Change(exchange.getIn().getBody(String.class), null);
        String id = safeId(change.ticketId());
        if (exchange.getContext().isStopping()) throw new PollStoppedException(vendor().id(), id);
        setTicketHeaders(exchange, id, change.version());
        // the ledger step reads properties: the sink's steps may rewrite headers
        exchange.setProperty(PROPERTY_TICKET_ID, id);
        exchange.setProperty(PROPERTY_VERSION, change.version());
        return fetch(exchange.getContext(), id);
    }

    /** The headers every source sets on a ticket's exchange (the file sink names files by them). */
    public void setTicketHeaders(Exchange exchange, String ticketId, String version) {
        exchange.getIn().setHeader(HEADER_SYSTEM, vendor().id());
        exchange.getIn().setHeader(HEADER_TICKET_ID, ticketId);
        exchange.getIn().setHeader(HEADER_VERSION, version);
    }

    /** Step 3. Body: the raw payload. Returns the canonical ticket; flags it unchanged when the ledger has it. */
    public Ticket map(Exchange exchange) {
        Ticket ticket = map(exchange.getIn().getBody(String.class));
        String fingerprint = fingerprint(ticket);
        exchange.getIn().setHeader(HEADER_FINGERPRINT, fingerprint);
        exchange.setProperty(PROPERTY_FINGERPRINT, fingerprint);
        boolean unchanged = unchanged(exchange.getContext(), flowKey(exchange), ticket.source().ticketId(),
                exchange.getProperty(PROPERTY_VERSION, String.class), fingerprint);
        exchange.getIn().setHeader(HEADER_UNCHANGED, unchanged);
        return unchanged ? ticket : withAttachments(exchange.getContext(), ticket);
    }

    /** Step 4 on an exchange. */
    public void delivered(Exchange exchange) {
        delivered(exchange.getContext(), flowKey(exchange), exchange.getProperty(PROPERTY_TICKET_ID, String.class),
                exchange.getProperty(PROPERTY_VERSION, String.class), exchange.getProperty(PROPERTY_FINGERPRINT, String.class));
    }

    /** A ticket of this exchange's poll was not handed on: the poll must not move the cursor past it. */
    public void failed(Exchange exchange) {
        var failures = exchange.getProperty(PROPERTY_FAILURES, java.util.concurrent.atomic.AtomicInteger.class);
        if (failures != null) failures.incrementAndGet();
    }

    /** Step 5 on an exchange: the cursor moves only when no ticket of the poll {@link #failed}. */
    public void commit(Exchange exchange) {
        String next = exchange.getProperty(PROPERTY_NEXT_CURSOR, String.class);
        var failures = exchange.getProperty(PROPERTY_FAILURES, java.util.concurrent.atomic.AtomicInteger.class);
        if (failures == null || failures.get() == 0) saveCursor(exchange.getContext(), flowKey(exchange), next);
    }

    // ---- helpers ----

    private static String cursorKey(String flow) {
        return flow + "#cursor";
    }

    /**
     * Whose cursor and ledger, for a step called on an exchange: the configured {@code stateKey}, else the user's
     * route of the exchange ({@link #flowKey(CamelContext, String)}), else {@code <vendor>@<baseUrl>}.
     */
    String flowKey(Exchange exchange) {
        if (getStateKey() != null && !getStateKey().isBlank()) return getStateKey();
        String route = exchange.getFromRouteId();
        return route == null ? stateKey() : flowKey(exchange.getContext(), route);
    }

    /**
     * Whose cursor and ledger a consumer of route {@code routeId} keeps: the configured {@code stateKey}; else the
     * id of the user's route — the route itself, or for a Kamelet's route the route whose {@code from} the Kamelet
     * is — so two routes reading one account each get every ticket and editing a route keeps its state.
     */
    public String flowKey(CamelContext camel, String routeId) {
        if (getStateKey() != null && !getStateKey().isBlank()) return getStateKey();
        String parent = KameletRoutes.userRouteOf(camel, routeId);
        return parent != null ? parent : routeId;
    }

    private Ticket withAttachmentContent(VendorHttp http, Ticket t) {
        boolean any = t.messages().stream().anyMatch(m -> !m.attachments().isEmpty());
        if (!any) return t;
        List<Message> messages = new ArrayList<>();
        for (Message m : t.messages()) {
            List<Attachment> atts = new ArrayList<>();
            for (Attachment a : m.attachments()) {
                Attachment full = a.content() != null ? a : downloadAttachment(http, t, m, a);
                atts.add(full == null ? a : full);
            }
            messages.add(new Message(m.id(), m.kind(), m.author(), m.body(), m.bodyFormat(), m.createdAt(), atts));
        }
        return new Ticket(t.schemaVersion(), t.source(), t.subject(), t.status(), t.statusRaw(), t.priority(),
                t.priorityRaw(), t.requester(), t.assignee(), t.queue(), t.tags(), t.customFields(), t.createdAt(),
                t.updatedAt(), t.closedAt(), t.deleted(), messages);
    }

    /** SHA-256 of the canonical JSON: equal for equal content, whatever the vendor's change markers say. */
    public static String fingerprint(Ticket ticket) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(TicketJson.write(ticket).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String safeId(String id) {
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(vendor().id() + ": refusing unsafe ticket id '" + id + "'");
        }
        return id;
    }

    /** The {@code since} option as an instant (null when empty). */
    Instant sinceInstant() {
        return since == null || since.isBlank() ? null : sinceInstant(since);
    }

    /** An ISO instant, or a date (start of day in the connector's zone). */
    public Instant sinceInstant(String text) {
        String s = text.strip();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s).atStartOfDay(zone() == null ? ZoneOffset.UTC : zone()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(vendor().id() + ": since must be an ISO instant (2025-01-31T00:00:00Z) "
                        + "or a date (2025-01-31), got '" + text + "'");
            }
        }
    }

    private ZoneId zone() {
        return timeZone == null || timeZone.isBlank() ? vendor().defaultTimeZone() : ZoneId.of(timeZone);
    }

    protected TicketMapper mapper() {
        TicketMapper m = mapper;
        if (m == null) {
            m = vendor().mapper(new MapperSettings(zone(), parseTable(statusMap, Status.class),
                    parseTable(priorityMap, Priority.class), getBaseUrl()));
            mapper = m;
        }
        return m;
    }

    /** "2=PENDING,Zamknięte=CLOSED" → map; a bad entry fails fast with the entry named. */
    public static <E extends Enum<E>> Map<String, E> parseTable(String spec, Class<E> type) {
        Map<String, E> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) return out;
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) continue;
            int eq = entry.lastIndexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("bad " + type.getSimpleName() + " map entry '" + entry
                    + "': expected raw=" + String.join("|", names(type)));
            String value = entry.substring(eq + 1).strip().toUpperCase(Locale.ROOT);
            try {
                out.put(entry.substring(0, eq).strip(), Enum.valueOf(type, value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad " + type.getSimpleName() + " map entry '" + entry
                        + "': " + value + " is not one of " + String.join("|", names(type)));
            }
        }
        return out;
    }

    private static <E extends Enum<E>> List<String> names(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    /** Fails with the vendor's message when the answer is not 2xx. */
    protected static VendorHttp.Response requireOk(VendorHttp http, VendorHttp.Response r,
                                                   java.util.function.Function<VendorHttp.Response, String> errorText) {
        if (!r.ok()) throw new VendorCallException(http.vendor(), r.status(), errorText.apply(r), r.header("Retry-After"));
        return r;
    }

    // ---- Kamelet-bound properties ----

    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    public String getStatusMap() { return statusMap; }
    public void setStatusMap(String statusMap) { this.statusMap = statusMap; }
    public String getPriorityMap() { return priorityMap; }
    public void setPriorityMap(String priorityMap) { this.priorityMap = priorityMap; }
    public String getSince() { return since; }
    public void setSince(String since) { this.since = since; }
    public String getTicketIds() { return ticketIds; }
    public void setTicketIds(String ticketIds) { this.ticketIds = ticketIds; }
    public boolean isIncludeAttachments() { return includeAttachments; }
    public void setIncludeAttachments(boolean includeAttachments) { this.includeAttachments = includeAttachments; }
}
