package io.ticketbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CliUsageTest {

    @Test
    void helpListsEveryCommandAndTheKnownVendors() {
        CliRun r = CliRun.of("", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("run", "sandbox", "convert --from VENDOR", "keliweb, plusofon, superoffice, thulium");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CliRun r = CliRun.of("", "frobnicate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command 'frobnicate'").doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void convertWithAnUnknownVendorNamesTheKnownOnes() {
        CliRun r = CliRun.of("{}", "convert", "--from", "zendesk");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown vendor 'zendesk'", "keliweb, plusofon, superoffice, thulium");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void convertWithoutFromIsAUsageError() {
        CliRun r = CliRun.of("{}", "convert");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--from VENDOR is required");
    }

    @Test
    void convertRejectsAnUnknownTimeZone() {
        CliRun r = CliRun.of("{}", "convert", "--from", "thulium", "--time-zone", "Mars/Olympus");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'Mars/Olympus' is not a time zone id");
    }

    @Test
    void runRejectsAMissingConfigFile() {
        CliRun r = CliRun.of("", "run", "--config", "does-not-exist.properties");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("does-not-exist.properties: no such file");
    }
}
