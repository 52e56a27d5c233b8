package io.ticketbridge.connector.thulium;

import io.ticketbridge.canonical.Status;
import io.ticketbridge.connector.Vocabulary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Thulium status → canonical status. Thulium status ids are tenant-specific (an administrator creates and
 * renumbers them), the names are what people configure. So a ticket is resolved in this order, first hit wins:
 * <ol>
 *   <li>a configured override for its {@code status_id};</li>
 *   <li>a configured override for its full status name ({@code "Zamknięte - Rozwiązane"}) or status name
 *       ({@code "Zamknięte"}) taken from {@code full_status_name};</li>
 *   <li>the default NAME table (Thulium's default statuses, Polish and English UI names);</li>
 *   <li>the default ID table ({@link #ASSUMED_IDS}: an assumption, not documentation);</li>
 *   <li>{@link Status#OPEN}: an unknown status is most likely an administrator's own "work in progress" variant,
 *       and OPEN keeps the ticket visible as something the agent side owns.</li>
 * </ol>
 * Names are the stronger signal because they survive across tenants; the ids only hold for a tenant numbered as
 * assumed.
 */
public final class ThuliumStatuses {

    /** One of Thulium's default statuses: its Polish and English UI names and the canonical status it stands for. */
    public record DefaultStatus(String assumedId, String name, String englishName, Status canonical) {
    }

    /**
     * Thulium's six default statuses as its help centre describes them (support.thulium.com/en/show/205). The
     * names are documented; the ids are NOT: Thulium publishes none (they are tenant-specific). The ids here are
     * TicketBridge's assumption of a tenant that kept the defaults, numbered in this order — the same numbering
     * the thulium-sink's default {@code statusIds} ({@link ThuliumStatusIds#DEFAULT}) writes with.
     */
    public static final List<DefaultStatus> ASSUMED_IDS = List.of(
            new DefaultStatus("1", "Nowe", "New", Status.NEW),
            new DefaultStatus("2", "W realizacji", "In progress", Status.OPEN),
            new DefaultStatus("3", "Oczekuje na klienta", "Waiting for customer", Status.PENDING),
            // postponed by the agent; Thulium wakes it up as Nowe later: still the agent side's work
            new DefaultStatus("4", "Odłożone", "Postponed", Status.OPEN),
            // merged into another ticket: nothing more happens on this one
            new DefaultStatus("5", "Połączone", "Merged", Status.CLOSED),
            new DefaultStatus("6", "Zamknięte", "Closed", Status.CLOSED));

    /** Default table by status id ({@link #ASSUMED_IDS}). */
    public static final Map<String, Status> DEFAULT_BY_ID;

    /** Default table by name: the resolved sub-status, then Thulium's default status names (Polish and English). */
    public static final Map<String, Status> DEFAULT_BY_NAME;

    static {
        Map<String, Status> byId = new LinkedHashMap<>();
        ASSUMED_IDS.forEach(s -> byId.put(s.assumedId(), s.canonical()));
        DEFAULT_BY_ID = Map.copyOf(byId);

        Map<String, Status> byName = new LinkedHashMap<>();
        // INFERENCE: Thulium has no "resolved" status; a closed sub-status named "resolved" is the way a tenant
        // would say it (sub-statuses are a documented feature, this name is not a Thulium default)
        byName.put("Zamknięte - Rozwiązane", Status.RESOLVED);
        byName.put("Closed - Resolved", Status.RESOLVED);
        ASSUMED_IDS.forEach(s -> byName.put(s.name(), s.canonical()));
        ASSUMED_IDS.forEach(s -> byName.put(s.englishName(), s.canonical()));
        DEFAULT_BY_NAME = java.util.Collections.unmodifiableMap(byName);
    }

    private final Vocabulary<Status> overrides;
    private final Vocabulary<Status> byName;
    private final Vocabulary<Status> byId;

    public ThuliumStatuses(Map<String, Status> configured) {
        this.overrides = new Vocabulary<>(Map.of(), configured, null);
        this.byName = new Vocabulary<>(DEFAULT_BY_NAME, Map.of(), null);
        this.byId = new Vocabulary<>(DEFAULT_BY_ID, Map.of(), null);
    }

    /** @param fullStatusName Thulium's {@code full_status_name}, "status" or "status - sub status"; may be null */
    public Status map(String statusId, String fullStatusName) {
        String name = statusName(fullStatusName);
        Status s = overrides.map(statusId);
        if (s == null) s = overrides.map(fullStatusName);
        if (s == null) s = overrides.map(name);
        if (s == null) s = byName.map(fullStatusName);
        if (s == null) s = byName.map(name);
        if (s == null) s = byId.map(statusId);
        return s == null ? Status.OPEN : s;
    }

    /** "Zamknięte - Rozwiązane" → "Zamknięte"; the separator is Thulium's " - ". */
    public static String statusName(String fullStatusName) {
        if (fullStatusName == null) return null;
        int sep = fullStatusName.indexOf(" - ");
        return (sep < 0 ? fullStatusName : fullStatusName.substring(0, sep)).strip();
    }
}
