package io.ticketbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class LocalTimesTest {
    private static final ZoneId WARSAW = ZoneId.of("Europe/Warsaw");

    @Test
    void readsMinuteAndSecondPrecisionInTheGivenZone() {
        assertThat(LocalTimes.naive("2014-07-08 08:05", WARSAW)).isEqualTo(Instant.parse("2014-07-08T06:05:00Z"));
        assertThat(LocalTimes.naive("2016-01-01 06:26:29", ZoneId.of("Europe/Rome")))
                .isEqualTo(Instant.parse("2016-01-01T05:26:29Z"));
    }

    @Test
    void aTimeInTheSpringGapMovesForwardByTheGap() {
        // 2025-03-30 02:30 never happened in Warsaw: clocks went 02:00 → 03:00 (+01:00 → +02:00)
        assertThat(LocalTimes.naive("2025-03-30 02:30", WARSAW)).isEqualTo(Instant.parse("2025-03-30T01:30:00Z"));
    }

    @Test
    void aTimeInTheAutumnOverlapTakesTheEarlierInstant() {
        // 2025-10-26 02:30 happened twice in Warsaw; the first time was at +02:00
        assertThat(LocalTimes.naive("2025-10-26 02:30", WARSAW)).isEqualTo(Instant.parse("2025-10-26T00:30:00Z"));
    }

    @Test
    void isoValuesKeepTheirOffsetAndNaiveOnesUseTheZone() {
        assertThat(LocalTimes.iso("2014-08-05T10:11:01.3964182+02:00", null))
                .isEqualTo(Instant.parse("2014-08-05T08:11:01.3964182Z"));
        assertThat(LocalTimes.iso("2025-05-16T14:25:37", ZoneId.of("UTC"))).isEqualTo(Instant.parse("2025-05-16T14:25:37Z"));
        assertThatThrownBy(() -> LocalTimes.iso("2025-05-16T14:25:37", null)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void epochSecondsAsStringsAndZeroMeansNone() {
        assertThat(LocalTimes.epochSeconds("1630069143")).isEqualTo(Instant.parse("2021-08-27T12:59:03Z"));
        assertThat(LocalTimes.epochSeconds("0")).isNull();
        assertThat(LocalTimes.epochSeconds("")).isNull();
    }

    @Test
    void garbageIsRejected() {
        assertThatThrownBy(() -> LocalTimes.naive("08.07.2014", WARSAW)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void anImpossibleDateIsRejectedNotMovedToARealOne() {
        assertThat(LocalTimes.naive("2024-02-29 10:00", WARSAW)).isEqualTo(Instant.parse("2024-02-29T09:00:00Z"));
        for (String impossible : new String[] {"2024-02-30 10:00", "2023-02-29 10:00:00", "2024-04-31T10:00", "2024-01-01 25:61"}) {
            assertThatThrownBy(() -> LocalTimes.naive(impossible, WARSAW)).as(impossible).isInstanceOf(DateTimeParseException.class);
            assertThatThrownBy(() -> LocalTimes.iso(impossible.replace(' ', 'T'), WARSAW)).as(impossible).isInstanceOf(DateTimeParseException.class);
        }
        assertThatThrownBy(() -> LocalTimes.strictPattern("uuuu-MM-dd HH:mm:ss").parse("2023-02-29 06:27:01"))
                .isInstanceOf(DateTimeParseException.class);
    }
}
