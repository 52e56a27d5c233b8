package io.ticketbridge.sandbox.thulium;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

/**
 * The tenant's times as Thulium's documents write them, read and written by the simulator itself (nothing shared
 * with the client it tests): {@code "2014-07-08 08:05"} — minute precision, no zone, the tenant's local time
 * (seed 000; the zone is not documented, the tenant's own is used) — and {@code "123:33:44"} durations. List
 * filters take {@code "2014-07-04"} or {@code "2014-07-14 12:34"} (get_tickets). Impossible dates are refused.
 */
final class ThuliumDates {
    private static final DateTimeFormatter MINUTE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withResolverStyle(ResolverStyle.STRICT);
    /** A day, optionally followed by a time: the two forms a list filter accepts. */
    private static final DateTimeFormatter FILTER =
            DateTimeFormatter.ofPattern("uuuu-MM-dd[ HH:mm]").withResolverStyle(ResolverStyle.STRICT);

    private final ZoneId zone;

    ThuliumDates(ZoneId zone) {
        this.zone = zone;
    }

    /** An instant on the tenant's wall clock; null → null. */
    String text(Instant at) {
        return at == null ? null : MINUTE.format(local(at));
    }

    LocalDateTime local(Instant at) {
        return LocalDateTime.ofInstant(at, zone);
    }

    /** Thulium stamps everything at minute precision. */
    static Instant minute(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }

    /** Hours, minutes and seconds between two instants, hours past 24 ({@code close_time}); null when one is. */
    static String duration(Instant from, Instant to) {
        if (from == null || to == null) return null;
        Duration d = Duration.between(from, to);
        if (d.isNegative()) d = Duration.ZERO;
        return String.format("%02d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }

    /**
     * A list filter's bound, both ends inclusive: a day alone starts at 00:00 as a lower bound and ends at 23:59
     * as an upper one.
     *
     * @throws IllegalArgumentException naming the parameter
     */
    LocalDateTime bound(String param, String value, boolean upper) {
        TemporalAccessor t;
        try {
            t = FILTER.parse(value.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Parameter " + param + " must be a date like 2014-07-04 or 2014-07-14 12:34, got '" + value + "'");
        }
        LocalDate day = LocalDate.from(t);
        if (t.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY)) return day.atTime(LocalTime.from(t));
        return upper ? day.atTime(23, 59) : day.atStartOfDay();
    }

    /** A request's {@code date} ("2014-07-14 12:34", tenant time) as an instant. */
    Instant input(String param, String value) {
        try {
            return LocalDateTime.parse(value.strip(), MINUTE).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("Parameter " + param + " must be a date like 2014-07-14 12:34, got '" + value + "'");
        }
    }
}
