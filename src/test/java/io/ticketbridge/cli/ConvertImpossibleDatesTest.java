package io.ticketbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A date that cannot exist (30 February, 29 February of a common year, 25:61) is bad input for {@code convert}:
 * exit 1, one line on stderr naming the JSON path and the text, nothing on stdout — never a nearby real date.
 */
class ConvertImpossibleDatesTest {

    @ParameterizedTest(name = "{0}: {3} at {4}")
    @CsvSource(delimiter = '|', value = {
        // vendor | seed payload | a date in it | the impossible replacement | its JSON path
        "thulium     | fixtures/thulium/get_ticket_1234.json                           | 2014-07-02 13:56                  | 2024-02-30 13:56                  | $.messages[1].created_at",
        "thulium     | fixtures/thulium/get_ticket_1234.json                           | 2014-07-02 13:56                  | 2023-02-29 13:56                  | $.messages[1].created_at",
        "thulium     | fixtures/thulium/get_ticket_1234.json                           | 2014-07-02 13:56                  | 2014-07-02 25:61                  | $.messages[1].created_at",
        "keliweb     | fixtures/keliweb/seed_get_ticket.json                           | 2016-01-01 06:27:01               | 2024-02-30 06:27:01               | $.replies.reply[1].date",
        "keliweb     | fixtures/keliweb/seed_get_ticket.json                           | 2016-01-01 06:27:01               | 2023-02-29 06:27:01               | $.replies.reply[1].date",
        "keliweb     | fixtures/keliweb/seed_get_ticket.json                           | 2016-01-01 06:27:01               | 2016-01-01 25:61:01               | $.replies.reply[1].date",
        "plusofon    | fixtures/plusofon/get_ticket_12345.json                         | 2021-09-23 17:44:27               | 2024-02-30 17:44:27               | $.date",
        "plusofon    | fixtures/plusofon/get_ticket_12345.json                         | 2021-09-23 17:44:27               | 2023-02-29 17:44:27               | $.date",
        "plusofon    | fixtures/plusofon/get_ticket_12345.json                         | 2021-09-23 17:44:27               | 2021-09-23 25:61:27               | $.date",
        "superoffice | reference-payloads/superoffice/agent_SaveTicketEntity_response.json | 2014-08-05T10:11:01.3964182+02:00 | 2024-02-30T10:11:01.3964182+02:00 | $.CreatedAt",
        // without an offset SuperOffice dates are read in the tenant's zone: the same strictness applies
        "superoffice | reference-payloads/superoffice/agent_SaveTicketEntity_response.json | 2014-08-05T10:11:01.3964182+02:00 | 2024-02-30T10:11:01               | $.CreatedAt",
        "superoffice | reference-payloads/superoffice/agent_SaveTicketEntity_response.json | 2014-08-05T10:11:01.3964182+02:00 | 2023-02-29T10:11:01               | $.CreatedAt",
    })
    void anImpossibleDateIsBadInputNamedByItsPath(String vendor, String seed, String real, String impossible, String path)
            throws Exception {
        String payload = Files.readString(ConvertSeedPayloadsTest.resource(seed));
        assertThat(payload).contains('"' + real + '"');
        CliRun r = CliRun.of(payload.replaceFirst(java.util.regex.Pattern.quote('"' + real + '"'), '"' + impossible + '"'),
                "convert", "--from", vendor);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("<stdin>: " + vendor + " payload at " + path + ": expected ")
                .contains("but found '" + impossible + "'")
                .doesNotContain("Exception");
        assertThat(r.exitCode()).isEqualTo(1);
    }
}
