package io.ticketbridge.connector.thulium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The client reads Thulium's minute timestamps strictly: an impossible date is refused by name. */
class ThuliumTimesTest {

    @Test
    void aFilterBoundOnAnImpossibleDateNamesTheParameter() {
        assertThat(ThuliumTicketMapper.Times.filterBound("date_from", "2024-02-29", true)).isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59));
        assertThatThrownBy(() -> ThuliumTicketMapper.Times.filterBound("date_from", "2024-02-30", false))
                .hasMessage("Parameter date_from must be a date like 2014-07-04 or 2014-07-14 12:34, got '2024-02-30'");
        assertThatThrownBy(() -> ThuliumTicketMapper.Times.filterBound("updated_at", "2023-02-29 10:00", false))
                .hasMessageContaining("updated_at").hasMessageContaining("'2023-02-29 10:00'");
    }
}
