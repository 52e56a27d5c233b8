package io.ticketbridge.folder;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketSchema;
import io.ticketbridge.canonical.TicketSchema.InvalidTicketException;
import io.ticketbridge.connector.MapperSettings;
import io.ticketbridge.connector.MappingException;
import io.ticketbridge.connector.TicketMapper;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.Connectors;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * How a dropped document becomes tickets, by the source's {@code format}: {@code canonical} (held against the
 * ticket schema), a vendor id (that vendor's get-ticket payload, exactly as {@code convert --from} reads it), or
 * {@code auto}: a document with {@code schemaVersion} is canonical, any other is the {@code vendor}'s payload —
 * without a {@code vendor} such a document is refused (its vendor is unknown).
 */
final class DroppedFormat implements TicketMapper {
    static final String AUTO = "auto";
    static final String CANONICAL = "canonical";
    private final boolean acceptsCanonical;
    private final boolean requiresCanonical;
    private final TicketMapper vendorMapper;

    private DroppedFormat(boolean acceptsCanonical, boolean requiresCanonical, TicketMapper vendorMapper) {
        this.acceptsCanonical = acceptsCanonical;
        this.requiresCanonical = requiresCanonical;
        this.vendorMapper = vendorMapper;
    }

    /**
     * @throws IllegalArgumentException naming the setting: an unknown format or vendor, a bad time zone
     */
    static DroppedFormat of(String format, String vendor, String timeZone) {
        String f = format == null || format.isBlank() ? AUTO : format.strip().toLowerCase(java.util.Locale.ROOT);
        String v = vendor == null || vendor.isBlank() ? null : vendor.strip();
        ZoneId zone = zone(timeZone);
        if (f.equals(CANONICAL)) return new DroppedFormat(true, true, null);
        if (f.equals(AUTO)) return new DroppedFormat(true, false, v == null ? null : mapper(vendor(v, "vendor"), zone));
        Connector byFormat = vendor(f, "format");
        if (v != null && !v.equalsIgnoreCase(byFormat.id())) {
            throw new IllegalArgumentException("ticket-folder-source: format '" + f + "' and vendor '" + v + "' disagree; set one");
        }
        return new DroppedFormat(false, false, mapper(byFormat, zone));
    }

    private static Connector vendor(String id, String setting) {
        try {
            return Connectors.get(id);
        } catch (IllegalArgumentException e) {
            String also = setting.equals("format") ? "auto, canonical or a vendor: " : "";
            throw new IllegalArgumentException("ticket-folder-source: " + setting + " '" + id + "' is not known; expected "
                    + also + Connectors.knownIds());
        }
    }

    /** The configured zone; null when not set (each vendor's own). */
    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) return null;
        try {
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("ticket-folder-source: timeZone '" + timeZone + "' is not a time zone ("
                    + e.getMessage() + ")");
        }
    }

    private static TicketMapper mapper(Connector vendor, ZoneId zone) {
        MapperSettings settings = MapperSettings.defaults(vendor);
        return vendor.mapper(zone == null ? settings : settings.withTimeZone(zone));
    }

    @Override
    public List<Ticket> map(JsonNode doc) {
        boolean canonical = requiresCanonical || acceptsCanonical && doc.isObject() && doc.has("schemaVersion");
        if (canonical) {
            try {
                return List.of(TicketSchema.read(doc));
            } catch (InvalidTicketException e) {
                throw new MappingException("canonical", e.path(), e.problem());
            }
        }
        if (vendorMapper == null) {
            throw new MappingException("input", "$", "unknown vendor: not a canonical ticket (no schemaVersion) and the"
                    + " source names no vendor; set its vendor (or format) to one of " + Connectors.knownIds());
        }
        return vendorMapper.map(doc);
    }
}
