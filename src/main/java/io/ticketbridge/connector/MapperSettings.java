package io.ticketbridge.connector;

import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.Status;
import java.time.ZoneId;
import java.util.Map;

/**
 * What a mapper may be told by configuration: the zone of naive timestamps, overrides of the default
 * status/priority tables (vendor raw value, compared case-insensitively, → canonical value), and the base URL the
 * payload was read from (for {@code source.url}; null in {@code convert}).
 */
public record MapperSettings(ZoneId timeZone, Map<String, Status> statusOverrides,
                             Map<String, Priority> priorityOverrides, String baseUrl) {

    public MapperSettings(ZoneId timeZone, Map<String, Status> statusOverrides, Map<String, Priority> priorityOverrides) {
        this(timeZone, statusOverrides, priorityOverrides, null);
    }

    public MapperSettings {
        statusOverrides = statusOverrides == null ? Map.of() : Map.copyOf(statusOverrides);
        priorityOverrides = priorityOverrides == null ? Map.of() : Map.copyOf(priorityOverrides);
        if (baseUrl != null && baseUrl.endsWith("/")) baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }

    public static MapperSettings defaults(Connector vendor) {
        return new MapperSettings(vendor.defaultTimeZone(), Map.of(), Map.of());
    }

    public MapperSettings withTimeZone(ZoneId zone) {
        return new MapperSettings(zone, statusOverrides, priorityOverrides, baseUrl);
    }
}
