package io.ticketbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.CanonicalSchema;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code convert} on every sample payload of the seed documents and the reference payloads, end to end. */
class ConvertSeedPayloadsTest {

    static Path resource(String name) {
        try {
            return Path.of(ConvertSeedPayloadsTest.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource " + name, e);
        }
    }

    private static List<Ticket> convertFile(String vendor, Path file, String... extra) {
        String[] args = new String[3 + extra.length + 1];
        args[0] = "convert";
        args[1] = "--from";
        args[2] = vendor;
        System.arraycopy(extra, 0, args, 3, extra.length);
        args[args.length - 1] = file.toString();
        CliRun r = CliRun.of("", args);
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        return r.out().lines().map(TicketJson::read).toList();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "thulium,     fixtures/thulium/get_ticket_1234.json,                        1234, 6",
        "plusofon,    fixtures/plusofon/get_ticket_12345.json,                      12345, 1",
        "plusofon,    fixtures/plusofon/create_ticket_23624.json,                   23624, 1",
        "plusofon,    fixtures/plusofon/answer_ticket_23624.json,                   23624, 1",
        "plusofon,    fixtures/plusofon/list_single_ticket_22525.json,              22525, 0",
        "keliweb,     fixtures/keliweb/seed_get_ticket.json,                        1, 4",
        "keliweb,     reference-payloads/keliweb/whmcs_GetTicket_response.json,     1, 4",
        "superoffice, fixtures/superoffice/seed_GetTickets_response.json,           1234, 0",
        "superoffice, reference-payloads/superoffice/agent_SaveTicketEntity_response.json, 633, 1",
    })
    void everySeedPayloadConvertsToOneSchemaValidTicket(String vendor, String file, String id, int messages) {
        List<Ticket> tickets = convertFile(vendor, resource(file));
        assertThat(tickets).hasSize(1);
        Ticket t = tickets.get(0);
        assertThat(t.source().system()).isEqualTo(vendor);
        assertThat(t.source().ticketId()).isEqualTo(id);
        assertThat(t.messages()).hasSize(messages);
        CanonicalSchema.assertValid(t);
    }

    @Test
    void timeZoneOptionShiftsNaiveTimes() {
        Path seed = resource("fixtures/thulium/get_ticket_1234.json");
        Ticket warsaw = convertFile("thulium", seed).get(0);
        Ticket utc = convertFile("thulium", seed, "--time-zone", "UTC").get(0);
        // created_at 2014-07-08 08:05: summer time in Warsaw is UTC+2
        assertThat(warsaw.createdAt()).hasToString("2014-07-08T06:05:00Z");
        assertThat(utc.createdAt()).hasToString("2014-07-08T08:05:00Z");
    }

    @Test
    void severalPayloadsInOneInputGiveOneLineEach() throws Exception {
        String one = Files.readString(resource("fixtures/keliweb/seed_get_ticket.json"));
        String two = Files.readString(resource("reference-payloads/keliweb/whmcs_GetTicket_response.json"));
        CliRun r = CliRun.of(one + "\n" + two, "convert", "--from", "keliweb");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines()).hasSize(2);
    }

    @Test
    void aBadFieldInAValidPayloadIsNamedByItsPath() throws Exception {
        String seed = Files.readString(resource("fixtures/thulium/get_ticket_1234.json"))
                .replace("\"2014-07-02 13:56\"", "\"yesterday\"");
        CliRun r = CliRun.of(seed, "convert", "--from", "thulium");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("<stdin>", "thulium payload at $.messages[1].created_at", "yesterday");
    }

    @Test
    void aBadSecondDocumentIsNamedAndNothingIsPrinted() throws Exception {
        String good = Files.readString(resource("fixtures/keliweb/seed_get_ticket.json"));
        CliRun r = CliRun.of(good + "\n{\"result\":\"error\",\"message\":\"Ticket ID Not Found\"}", "convert", "--from", "keliweb");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("document 2", "Ticket ID Not Found");
    }
}
