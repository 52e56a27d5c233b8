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
 *   <li>the default ID table (the ids of the TicketBridge sandbox tenant, {@link #SANDBOX_TENANT});</li>
 *   <li>{@link Status#OPEN}: an unknown status is most likely an administrator's own "work in progress" variant,
 *       and OPEN keeps the ticket visible as something the agent side owns.</li>
 * </ol>
 * Names are the stronger signal because they survive across tenants; ids are only meaningful for the sandbox
 * tenant (or a tenant configured the same way).
 */
public final class ThuliumStatuses {

    /** A status of the sandbox tenant (ids as strings, as the API sends them). */
    public record TenantStatus(String id, String name, Status canonical) {
    }

    /** A sub-status of the sandbox tenant. */
    public record TenantSubStatus(String id, String statusId, String name, Status canonical) {
    }

    /** The sandbox tenant's statuses: Thulium's six default statuses, numbered 1..6. */
    public static final List<TenantStatus> SANDBOX_TENANT = List.of(
            new TenantStatus("1", "Nowe", Status.NEW),
            new TenantStatus("2", "W realizacji", Status.OPEN),
            new TenantStatus("3", "Oczekuje na klienta", Status.PENDING),
            // postponed by the agent; Thulium wakes it up as Nowe later: still the agent side's work
            new TenantStatus("4", "Odłożone", Status.OPEN),
            // merged into another ticket: nothing more happens on this one
            new TenantStatus("5", "Połączone", Status.CLOSED),
            new TenantStatus("6", "Zamknięte", Status.CLOSED));

    /**
     * The sandbox tenant's sub-statuses. Thulium has no "resolved"; the tenant expresses it as a sub-status of
     * Zamknięte, which is how a canonical RESOLVED ticket is rendered and read back.
     */
    public static final List<TenantSubStatus> SANDBOX_SUB_STATUSES = List.of(
            new TenantSubStatus("61", "6", "Rozwiązane", Status.RESOLVED));

    /** Default table by status id (the sandbox tenant's ids). */
    public static final Map<String, Status> DEFAULT_BY_ID;

    /** Default table by name: full "status - sub status" names first, then Thulium's default status names. */
    public static final Map<String, Status> DEFAULT_BY_NAME;

    static {
        Map<String, Status> byId = new LinkedHashMap<>();
        SANDBOX_TENANT.forEach(s -> byId.put(s.id(), s.canonical()));
        DEFAULT_BY_ID = Map.copyOf(byId);

        Map<String, Status> byName = new LinkedHashMap<>();
        SANDBOX_SUB_STATUSES.forEach(sub -> byName.put(fullName(sub.statusId(), sub.name()), sub.canonical()));
        SANDBOX_TENANT.forEach(s -> byName.put(s.name(), s.canonical()));
        // the same defaults as the English UI labels them (support.thulium.com/en/show/205)
        byName.put("New", Status.NEW);
        byName.put("In progress", Status.OPEN);
        byName.put("Waiting for customer", Status.PENDING);
        byName.put("Postponed", Status.OPEN);
        byName.put("Merged", Status.CLOSED);
        byName.put("Closed", Status.CLOSED);
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

    /** The sandbox tenant's {@code full_status_name} for a status id and optional sub-status name. */
    public static String fullName(String statusId, String subStatusName) {
        String name = SANDBOX_TENANT.stream().filter(s -> s.id().equals(statusId)).map(TenantStatus::name)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown status_id " + statusId));
        return subStatusName == null ? name : name + " - " + subStatusName;
    }
}
