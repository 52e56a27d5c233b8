package io.ticketbridge.connector;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;

/**
 * Vendor timestamps → UTC instants.
 *
 * <p>Naive timestamps ("2014-07-08 08:05", "2016-01-01 06:26:29") are read in the connector's zone. Across DST:
 * <ul>
 *   <li>a <b>gap</b> (spring forward; the local time never existed) is moved forward by the length of the gap,
 *       as a wall clock would show it ({@code 02:30} Europe/Warsaw on the last Sunday of March → {@code 03:30 +02:00});</li>
 *   <li>an <b>overlap</b> (fall back; the local time happened twice) takes the <em>earlier</em> instant (the
 *       summer offset). Vendors give no hint which one was meant; earlier keeps a thread's order stable when both
 *       a message and its reply fall in the repeated hour, and it is what {@code ZonedDateTime.ofLocal} does.</li>
 * </ul>
 *
 * <p>Parsing is strict: a date that cannot exist (30 February, 29 February of a common year, 25:61) is refused,
 * never moved to a nearby real one. Patterns use {@code uuuu}: with {@code yyyy} (year of era) the strict
 * resolver needs an era and refuses every date.
 */
public final class LocalTimes {
    /** uuuu-MM-dd HH:mm with optional :ss and optional fraction; also accepts the ISO 'T'. */
    private static final DateTimeFormatter NAIVE = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendLiteral('T').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalEnd()
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    /** A strict formatter for {@code pattern} (which must say {@code uuuu}, not {@code yyyy}). */
    public static DateTimeFormatter strictPattern(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }

    private LocalTimes() {
    }

    /** A naive local date-time in {@code zone}; null/empty → null. */
    public static Instant naive(String text, ZoneId zone) {
        if (text == null || text.isBlank()) return null;
        LocalDateTime local = LocalDateTime.parse(text.strip(), NAIVE);
        return ZonedDateTime.ofLocal(local, zone, null).toInstant();
    }

    /** An ISO-8601 value with an offset; a value without one is read in {@code zoneIfNaive}. Null/empty → null. */
    public static Instant iso(String text, ZoneId zoneIfNaive) {
        if (text == null || text.isBlank()) return null;
        String s = text.strip();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e2) {
                if (zoneIfNaive == null) throw e;
                return naive(s, zoneIfNaive);
            }
        }
    }

    /** Unix seconds, possibly as a string ("1630069143"); "0", null or empty → null. */
    public static Instant epochSeconds(String text) {
        if (text == null || text.isBlank()) return null;
        long v = Long.parseLong(text.strip());
        return v == 0 ? null : Instant.ofEpochSecond(v);
    }
}
