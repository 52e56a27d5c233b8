package io.ticketbridge.vendor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * The read side of a vendor as a bean its {@code <vendor>-source} Kamelet calls, in three steps so a failure
 * keeps what was read: {@link #ticketIds} → split → {@link #fetch} (raw payload, kept for the dead letter) →
 * {@link #map} (canonical ticket). Properties are bound by the Kamelet from its parameters.
 */
public abstract class VendorSource {
    public static final String HEADER_SYSTEM = "TicketBridgeSystem";
    public static final String HEADER_TICKET_ID = "TicketBridgeTicketId";
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private String baseUrl;
    private String timeZone;
    private int pageSize = 100;
    private String statusMap = "";
    private String priorityMap = "";
    private volatile VendorHttp http;
    private volatile TicketMapper mapper;

    protected abstract Vendor vendor();

    /** Every ticket id the account can see, following the API's paging. */
    protected abstract List<String> listTicketIds(VendorHttp http);

    /** The ticket exactly as the vendor's get-ticket call returns it (what {@code convert} reads). */
    protected abstract String fetchTicket(VendorHttp http, String ticketId);

    // ---- route steps ----

    public List<String> ticketIds(Exchange exchange) {
        return listTicketIds(http(exchange));
    }

    /** Body: a ticket id. Returns the raw payload and sets the system/ticket-id headers the sinks name files by. */
    public String fetch(Exchange exchange) {
        String id = exchange.getIn().getBody(String.class);
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new IllegalArgumentException(vendor().id() + ": refusing unsafe ticket id '" + id + "'");
        }
        exchange.getIn().setHeader(HEADER_SYSTEM, vendor().id());
        exchange.getIn().setHeader(HEADER_TICKET_ID, id);
        return fetchTicket(http(exchange), id);
    }

    /** Body: a raw payload from {@link #fetch}. Returns the canonical ticket. */
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
        return tickets.get(0);
    }

    // ---- helpers for subclasses ----

    protected VendorHttp http(Exchange exchange) {
        VendorHttp h = http;
        if (h == null) {
            synchronized (this) {
                if (http == null) http = new VendorHttp(exchange.getContext(), vendor().id(), baseUrl);
                h = http;
            }
        }
        return h;
    }

    protected TicketMapper mapper() {
        TicketMapper m = mapper;
        if (m == null) {
            ZoneId zone = timeZone == null || timeZone.isBlank() ? vendor().defaultTimeZone() : ZoneId.of(timeZone);
            m = vendor().mapper(new MapperSettings(zone, parseTable(statusMap, Status.class),
                    parseTable(priorityMap, Priority.class), baseUrl));
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

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    public String getStatusMap() { return statusMap; }
    public void setStatusMap(String statusMap) { this.statusMap = statusMap; }
    public String getPriorityMap() { return priorityMap; }
    public void setPriorityMap(String priorityMap) { this.priorityMap = priorityMap; }
}
