package io.ticketbridge.connector.thulium;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import io.ticketbridge.connector.LocalTimes;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Thulium's time on the wire as the client reads and writes it: "2014-07-08 08:05" (minute precision, no zone). */
public final class ThuliumTimes {
    /** Strict: an impossible date (2024-02-30 10:00) is refused, not moved to the last day of the month. */
    public static final DateTimeFormatter MINUTES = LocalTimes.strictPattern("uuuu-MM-dd HH:mm");

    private ThuliumTimes() {
    }

    /** An instant as Thulium shows it in {@code zone}; null → null. */
    public static String format(Instant at, ZoneId zone) {
        return at == null ? null : LocalDateTime.ofInstant(at, zone).format(MINUTES);
    }

    /**
     * A list-filter bound, "2014-07-04" or "2014-07-14 12:34". A date alone covers the whole day: the start of
     * it for a lower bound, the last minute of it for an upper bound (both bounds are inclusive).
     *
     * @throws IllegalArgumentException naming the parameter when the value is neither form
     */
    public static LocalDateTime filterBound(String param, String value, boolean upper) {
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate d = LocalDate.parse(v);
                return upper ? d.atTime(23, 59) : d.atStartOfDay();
            }
            return LocalDateTime.parse(v, MINUTES);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Parameter " + param + " must be a date like 2014-07-04 or 2014-07-14 12:34, got '" + value + "'");
        }
    }
}
