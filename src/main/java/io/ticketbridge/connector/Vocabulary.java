package io.ticketbridge.connector;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A vendor vocabulary (status or priority names/ids) → canonical enum: a documented default table, overridden
 * entry by entry by configuration. Lookup is case-insensitive and ignores surrounding blanks.
 */
public final class Vocabulary<E extends Enum<E>> {
    private final Map<String, E> table = new LinkedHashMap<>();
    private final E fallback;

    public Vocabulary(Map<String, E> defaults, Map<String, E> overrides, E fallback) {
        defaults.forEach((k, v) -> table.put(key(k), v));
        overrides.forEach((k, v) -> table.put(key(k), v));
        this.fallback = fallback;
    }

    /** The canonical value for {@code raw}; the fallback when raw is unknown or empty. */
    public E map(String raw) {
        if (raw == null || raw.isBlank()) return fallback;
        return table.getOrDefault(key(raw), fallback);
    }

    private static String key(String raw) {
        return raw.strip().toLowerCase(Locale.ROOT);
    }
}
