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
import org.apache.camel.Exchange;

/**
 * The read side of a vendor as a bean its {@code <vendor>-source} Kamelet calls, step by step so that a failure
 * keeps what was read and state only moves once a ticket was handed on:
 * <ol>
 *   <li>{@link #poll}: the tickets changed since the stored cursor (or the given ids), minus those whose change
 *       marker the ledger already holds; the next cursor waits in an exchange property;</li>
 *   <li>split → {@link #fetch} (raw payload, kept for the dead letter) → {@link #map} (canonical ticket, attachment
 *       bytes; flags a ticket whose content did not change) → the sink → {@link #delivered} (ledger);</li>
 *   <li>{@link #commit}: the cursor is saved after the whole poll was handed on (delivered or dead-lettered).</li>
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
    private final PollHealth health = new PollHealth();
    private volatile String flow;

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

    // ---- route steps ----

    /**
     * Step 1 as the source Kamelet calls it: {@link #poll}, but a poll that cannot list its changes is logged once
     * per change of state ({@link PollHealth}) and ends with nothing to fetch; the cursor stays.
     */
    public List<Change> pollOrLogFailure(Exchange exchange) {
        PollRun run = PollRun.start(exchange, vendor().id());
        try {
            List<Change> todo = poll(exchange);
            run.listed(todo.size());
            health.listed(run);
            return todo;
        } catch (RuntimeException e) {
            health.listFailed(run, e, exchange.getContext().isStopping());
            return List.of();
        }
    }

    /** Step 1: what to fetch. */
    public List<Change> poll(Exchange exchange) {
        exchange.setProperty(PROPERTY_FAILURES, new java.util.concurrent.atomic.AtomicInteger());
        String given = exchange.getIn().getHeader(HEADER_TICKET_IDS, String.class);
        if (given == null || given.isBlank()) given = ticketIds;
        if (given != null && !given.isBlank()) {
            List<Change> out = new ArrayList<>();
            for (String id : given.split(",")) {
                if (!id.isBlank()) out.add(new Change(safeId(id.strip()), null));
            }
            return out; // by id: no cursor to move
        }
        StateStore store = store(exchange);
        String flow = flowKey(exchange);
        String cursor = store.cursor(cursorKey(flow)).orElse(null);
        Changes changes = listChanges(http(exchange), cursor, cursor == null ? sinceInstant() : null);
        exchange.setProperty(PROPERTY_NEXT_CURSOR, changes.nextCursor());
        List<Change> todo = new ArrayList<>();
        for (Change c : changes.changes()) {
            Optional<Delivery> done = store.delivered(flow, c.ticketId());
            if (c.version() != null && done.isPresent() && c.version().equals(done.get().version())) continue;
            todo.add(c);
        }
        return todo;
    }

    /** Step 2, per ticket. Body: a {@link Change} or a ticket id. Returns the raw payload. */
    public String fetch(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        Change change = body instanceof Change c ? c : new Change(exchange.getIn().getBody(String.class), null);
        String id = safeId(change.ticketId());
        if (exchange.getContext().isStopping()) throw new PollStoppedException(vendor().id(), id);
        exchange.getIn().setHeader(HEADER_SYSTEM, vendor().id());
        exchange.getIn().setHeader(HEADER_TICKET_ID, id);
        exchange.getIn().setHeader(HEADER_VERSION, change.version());
        // the ledger step reads properties: the sink's steps may rewrite headers
        exchange.setProperty(PROPERTY_TICKET_ID, id);
        exchange.setProperty(PROPERTY_VERSION, change.version());
        return fetchTicket(http(exchange), id);
    }

    /** Step 3. Body: the raw payload. Returns the canonical ticket; flags it unchanged when the ledger has it. */
    public Ticket map(Exchange exchange) {
        String raw = exchange.getIn().getBody(String.class);
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
        Ticket ticket = tickets.get(0);
        String fingerprint = fingerprint(ticket);
        exchange.getIn().setHeader(HEADER_FINGERPRINT, fingerprint);
        exchange.setProperty(PROPERTY_FINGERPRINT, fingerprint);
        Optional<Delivery> done = store(exchange).delivered(flowKey(exchange), ticket.source().ticketId());
        boolean unchanged = done.isPresent() && fingerprint.equals(done.get().fingerprint());
        exchange.getIn().setHeader(HEADER_UNCHANGED, unchanged);
        String version = exchange.getProperty(PROPERTY_VERSION, String.class);
        if (unchanged && version != null && !version.equals(done.get().version())) {
            // same content under a newer change marker (or one that was unknown when it was delivered): remember
            // the marker, so later polls skip this ticket without fetching it
            store(exchange).markDelivered(flowKey(exchange), ticket.source().ticketId(), new Delivery(version, fingerprint));
        }
        return unchanged || !includeAttachments ? ticket : withAttachmentContent(http(exchange), ticket);
    }

    /** Step 4, after the sink returned: the ledger remembers this version as handed on. */
    public void delivered(Exchange exchange) {
        String id = exchange.getProperty(PROPERTY_TICKET_ID, String.class);
        store(exchange).markDelivered(flowKey(exchange), id, new Delivery(
                exchange.getProperty(PROPERTY_VERSION, String.class),
                exchange.getProperty(PROPERTY_FINGERPRINT, String.class)));
        PollRun run = PollRun.of(exchange);
        if (run != null) run.delivered();
    }

    /** In the dead-letter branch: this poll must not move the cursor past a ticket that was not handed on. */
    public void failed(Exchange exchange) {
        var failures = exchange.getProperty(PROPERTY_FAILURES, java.util.concurrent.atomic.AtomicInteger.class);
        if (failures != null) failures.incrementAndGet();
    }

    /**
     * Step 5, after the split. The cursor moves only when every ticket of the poll was handed on; after a failure
     * it stays, so the failed ticket is fetched again next poll (the ledger skips the ones already delivered).
     */
    public void commit(Exchange exchange) {
        String next = exchange.getProperty(PROPERTY_NEXT_CURSOR, String.class);
        var failures = exchange.getProperty(PROPERTY_FAILURES, java.util.concurrent.atomic.AtomicInteger.class);
        int failed = failures == null ? 0 : failures.get();
        if (failed == 0 && next != null) store(exchange).saveCursor(cursorKey(flowKey(exchange)), next);
        PollRun run = PollRun.of(exchange);
        if (run != null) health.done(run, failed);
    }

    // ---- helpers ----

    private static String cursorKey(String flow) {
        return flow + "#cursor";
    }

    /**
     * Whose cursor and ledger: the configured {@code stateKey}; else the id of the route that uses this Kamelet (the
     * user's route, whose {@code from} it is), so two routes reading one account each get every ticket and editing
     * a route keeps its state; else {@code <vendor>@<baseUrl>} when called outside a route.
     */
    String flowKey(Exchange exchange) {
        if (getStateKey() != null && !getStateKey().isBlank()) return getStateKey();
        String known = flow;
        if (known != null) return known;
        String parent = KameletRoutes.userRouteOf(exchange.getContext(), exchange.getFromRouteId());
        if (parent == null) return stateKey();
        flow = parent; // one bean per Kamelet route: its parent never changes
        return parent;
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

    /** {@code since} as an instant: ISO instant, or a date (start of day in the connector's zone). */
    Instant sinceInstant() {
        if (since == null || since.isBlank()) return null;
        String s = since.strip();
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s).atStartOfDay(zone() == null ? ZoneOffset.UTC : zone()).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(vendor().id() + ": since must be an ISO instant (2025-01-31T00:00:00Z) "
                        + "or a date (2025-01-31), got '" + since + "'");
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
