package io.ticketbridge.connector.thulium;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import io.ticketbridge.connector.LocalTimes;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Thulium's wire formats for time: "2014-07-08 08:05" (minute precision, no zone) and "123:33:44" durations. */
public final class ThuliumTimes {
    /** Strict: an impossible date (2024-02-30 10:00) is refused, not moved to the last day of the month. */
    public static final DateTimeFormatter MINUTES = LocalTimes.strictPattern("uuuu-MM-dd HH:mm");

    private ThuliumTimes() {
    }

    /** An instant as Thulium shows it in {@code zone}; null → null. */
    public static String format(Instant at, ZoneId zone) {
        return at == null ? null : LocalDateTime.ofInstant(at, zone).format(MINUTES);
    }

    /** "HHH:MM:SS", hours not capped at 24 (Thulium's {@code close_time}); null → null. */
    public static String duration(Instant from, Instant to) {
        if (from == null || to == null) return null;
        long s = Math.max(0, Duration.between(from, to).getSeconds());
        return String.format("%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
    }

    public static Instant minute(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
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

    /** A "2014-07-14 12:34" input (e.g. {@code date} of a response) in {@code zone}. */
    public static Instant parseInput(String param, String value, ZoneId zone) {
        try {
            return LocalDateTime.parse(value.strip(), MINUTES).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Parameter " + param + " must be a date like 2014-07-14 12:34, got '" + value + "'");
        }
    }
}
