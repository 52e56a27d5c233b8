package io.ticketbridge.sandbox.thulium;

import java.util.Map;

/**
 * The simulated tenant's status configuration. Thulium's help centre (support.thulium.com/en/show/205) names six
 * default statuses and allows sub-statuses; it publishes no ids (they are the tenant's) and the API documents no
 * call that lists them. So this tenant keeps the six defaults and numbers them as the thulium-sink's documented
 * default {@code statusIds} assumes (docs/vendors/thulium.md: 1 Nowe … 6 Zamknięte) — the sandbox is configured to
 * match the documented default, not the default taken from the sandbox. One sub-status an administrator might
 * add, Rozwiązane under Zamknięte (61), is this tenant's own choice: it makes the sandbox serve sub-statuses and
 * {@code full_status_name} as "status - sub status" (seed 000's {@code "some status - some sub status"}).
 */
final class ThuliumTenantStatuses {
    static final String NOWE = "1";
    static final String W_REALIZACJI = "2";
    static final String OCZEKUJE_NA_KLIENTA = "3";
    static final String ODLOZONE = "4";
    static final String POLACZONE = "5";
    static final String ZAMKNIETE = "6";
    /** Zamknięte - Rozwiązane. */
    static final String ROZWIAZANE = "61";

    private static final Map<String, String> NAMES = Map.of(NOWE, "Nowe", W_REALIZACJI, "W realizacji",
            OCZEKUJE_NA_KLIENTA, "Oczekuje na klienta", ODLOZONE, "Odłożone", POLACZONE, "Połączone",
            ZAMKNIETE, "Zamknięte");

    private record SubStatus(String statusId, String name) {
    }

    private static final Map<String, SubStatus> SUB_STATUSES = Map.of(ROZWIAZANE, new SubStatus(ZAMKNIETE, "Rozwiązane"));

    private ThuliumTenantStatuses() {
    }

    static boolean exists(String statusId) {
        return NAMES.containsKey(statusId);
    }

    static boolean isSubStatusOf(String subStatusId, String statusId) {
        SubStatus sub = SUB_STATUSES.get(subStatusId);
        return sub != null && sub.statusId().equals(statusId);
    }

    /** The status name alone, as a status change is logged ("Changed status from [Nowe] to [Zamknięte]"). */
    static String name(String statusId) {
        String name = NAMES.get(statusId);
        if (name == null) throw new IllegalArgumentException("the tenant has no status " + statusId);
        return name;
    }

    /** {@code full_status_name}: "Zamknięte", or "Zamknięte - Rozwiązane" with a sub-status. */
    static String fullName(String statusId, String subStatusId) {
        SubStatus sub = subStatusId == null ? null : SUB_STATUSES.get(subStatusId);
        return sub == null ? name(statusId) : name(statusId) + " - " + sub.name();
    }

    /** Zamknięte and Połączone (merged) end a ticket: they set {@code closed_at}. */
    static boolean closes(String statusId) {
        return ZAMKNIETE.equals(statusId) || POLACZONE.equals(statusId);
    }
}
