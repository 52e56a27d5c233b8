package io.ticketbridge.sandbox.thulium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The simulator's own reading of Thulium's times: strict, the tenant's zone, list bounds inclusive. */
class ThuliumDatesTest {
    private final ThuliumDates dates = new ThuliumDates(ZoneId.of("Europe/Warsaw"));

    @Test
    void writesTheTenantsWallClockToTheMinute() {
        assertThat(dates.text(Instant.parse("2014-07-08T06:05:59Z"))).isEqualTo("2014-07-08 08:05");
        assertThat(dates.text(null)).isNull();
        assertThat(ThuliumDates.duration(Instant.parse("2014-07-01T00:00:00Z"), Instant.parse("2014-07-06T03:33:44Z")))
                .isEqualTo("123:33:44");
    }

    @Test
    void aFilterBoundIsADayOrAMinuteAndAnImpossibleDateNamesTheParameter() {
        assertThat(dates.bound("date_to", "2024-02-29", true)).isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59));
        assertThat(dates.bound("date_from", "2024-02-29", false)).isEqualTo(LocalDateTime.of(2024, 2, 29, 0, 0));
        assertThat(dates.bound("date_from", "2014-07-14 12:34", false)).isEqualTo(LocalDateTime.of(2014, 7, 14, 12, 34));
        assertThatThrownBy(() -> dates.bound("date_from", "2024-02-30", false))
                .hasMessage("Parameter date_from must be a date like 2014-07-04 or 2014-07-14 12:34, got '2024-02-30'");
        assertThatThrownBy(() -> dates.bound("date_from", "2014-07-14 12:34:56", false)).hasMessageContaining("date_from");
    }

    @Test
    void anInputDateThatCannotExistIsRefused() {
        assertThat(dates.input("date", "2014-07-14 12:34")).isEqualTo(Instant.parse("2014-07-14T10:34:00Z"));
        assertThatThrownBy(() -> dates.input("date", "2024-04-31 10:00"))
                .hasMessageContaining("Parameter date").hasMessageContaining("'2024-04-31 10:00'");
    }
}
