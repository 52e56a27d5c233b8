package io.ticketbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest
    @CsvSource({"run, --help", "validate, --help", "sandbox, -h", "convert, --help", "help, run"})
    void everyCommandPrintsItsOwnUsage(String first, String second) {
        String command = first.equals("help") ? second : first;
        CliRun r = CliRun.of("", first, second);
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: java -jar ticketbridge.jar " + command).contains("Exit codes: 0 ok");
        for (String other : List.of("run [--config", "validate [--config", "sandbox [--port-base", "convert --from")) {
            if (!other.startsWith(command)) assertThat(r.out()).as("only its own usage").doesNotContain(other);
        }
    }

    @Test
    void helpNamesEveryOptionOfEveryCommand() {
        CliRun r = CliRun.of("", "--help");
        assertThat(r.out()).contains("--config FILE", "--routes DIR", "--port-base N", "--from VENDOR", "--time-zone ZONE",
                "--version", "-Dkey=value", "--property key=value");
    }

    @Test
    void versionIsTheProjectVersion() {
        String expected = System.getProperty("ticketbridge.expected.version");
        assertThat(expected).as("set by the build from the pom").isNotBlank().doesNotContain("${");
        CliRun r = CliRun.of("", "--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("ticketbridge " + expected + System.lineSeparator());
    }

    @ParameterizedTest
    @CsvSource({"-Dticketbridge.sandbox.port-base=abc, run", "--property, ticketbridge.sandbox.port-base=abc",
            "run, -Dticketbridge.sandbox.port-base=abc"})
    void propertiesGivenAfterTheJarAreApplied(String first, String second) {
        CliRun r = CliRun.of("", first, second);
        assertThat(r.err()).contains("ticketbridge.sandbox.port-base must be a number, got 'abc'");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(System.getProperty("ticketbridge.sandbox.port-base")).as("restored after the command").isNull();
    }

    @Test
    void propertiesGivenAfterTheJarReachTheRoutes(@TempDir Path routes) throws Exception {
        Files.writeString(routes.resolve("r.yaml"), "- route:\n    id: r\n    from:\n      uri: \"timer:{{cli.test.timer}}\"\n"
                + "      steps:\n        - to: kamelet:ticket-file-sink\n");
        assertThat(CliRun.of("", "validate", "--routes", routes.toString()).err()).contains("cli.test.timer");
        CliRun d = CliRun.of("", "validate", "--routes", routes.toString(), "-Dcli.test.timer=t1");
        assertThat(d.err()).isEmpty();
        assertThat(d.exitCode()).isZero();
        CliRun p = CliRun.of("", "--property", "cli.test.timer=t2", "validate", "--routes", routes.toString());
        assertThat(p.exitCode()).isZero();
    }

    @Test
    void aPropertyWithoutKeyIsAUsageError() {
        assertThat(CliRun.of("", "--property").exitCode()).isEqualTo(2);
        CliRun r = CliRun.of("", "-D=x", "run");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("needs key=value");
    }

    @Test
    void aJvmOptionAfterTheJarSaysWhereItGoes() {
        CliRun r = CliRun.of("", "-Xmx1g");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown command '-Xmx1g'", "before -jar");
    }
}
