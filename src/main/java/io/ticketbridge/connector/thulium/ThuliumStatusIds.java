package io.ticketbridge.connector.thulium;

import io.ticketbridge.canonical.Status;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Canonical status → the Thulium {@code status_id} (and optional {@code substatus_id}) the sink writes with
 * {@code PUT /api/tickets/:id}: {@code status_id[:substatus_id]} per canonical status. A status missing from the
 * table is not written. Status ids are tenant-specific and Thulium documents none, so the table is configuration;
 * the default ({@value #DEFAULT}) is an explicit assumption, see {@link #DEFAULT}.
 */
public final class ThuliumStatusIds {
    /**
     * Thulium's default statuses numbered as {@link ThuliumStatuses#ASSUMED_IDS} assumes (the numbering is not
     * documented: check a tenant's own ids before relying on it). Thulium has no "resolved" status (its six
     * defaults: Nowe, W realizacji, Oczekuje na klienta, Odłożone, Połączone, Zamknięte), so RESOLVED is written
     * as Zamknięte like CLOSED; a tenant with a resolved sub-status maps it as {@code RESOLVED=6:<substatus_id>}.
     */
    public static final String DEFAULT = "NEW=1,OPEN=2,PENDING=3,RESOLVED=6,CLOSED=6";
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

    /** A target status; {@code subStatusId} null = none (a PUT then clears the sub-status). */
    public record Target(String statusId, String subStatusId) {
    }

    private final Map<Status, Target> table = new EnumMap<>(Status.class);

    /** @throws IllegalArgumentException naming the bad entry */
    public ThuliumStatusIds(String spec) {
        if (spec == null || spec.isBlank()) return;
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) continue;
            int eq = entry.indexOf('=');
            String problem = "bad statusIds entry '" + entry.strip() + "': expected CANONICAL=status_id[:substatus_id], e.g. RESOLVED=6:61";
            if (eq <= 0) throw new IllegalArgumentException(problem);
            Status status;
            try {
                status = Status.valueOf(entry.substring(0, eq).strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(problem);
            }
            String[] ids = entry.substring(eq + 1).strip().split(":", -1);
            if (ids.length > 2 || !ID.matcher(ids[0]).matches() || (ids.length == 2 && !ID.matcher(ids[1]).matches())) {
                throw new IllegalArgumentException(problem);
            }
            table.put(status, new Target(ids[0], ids.length == 2 ? ids[1] : null));
        }
    }

    /** null when the table has no entry for it. */
    public Target target(Status status) {
        return status == null ? null : table.get(status);
    }
}
