package io.ticketbridge.vendor;

import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.Status;
import java.time.ZoneId;
import java.util.Map;

/**
 * What a mapper may be told by configuration: the zone of naive timestamps and overrides of the default
 * status/priority tables (vendor raw value, compared case-insensitively, → canonical value).
 */
public record MapperSettings(ZoneId timeZone, Map<String, Status> statusOverrides,
                             Map<String, Priority> priorityOverrides) {

    public MapperSettings {
        statusOverrides = statusOverrides == null ? Map.of() : Map.copyOf(statusOverrides);
        priorityOverrides = priorityOverrides == null ? Map.of() : Map.copyOf(priorityOverrides);
    }

    public static MapperSettings defaults(Vendor vendor) {
        return new MapperSettings(vendor.defaultTimeZone(), Map.of(), Map.of());
    }

    public MapperSettings withTimeZone(ZoneId zone) {
        return new MapperSettings(zone, statusOverrides, priorityOverrides);
    }
}
