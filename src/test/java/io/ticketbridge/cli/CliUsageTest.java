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
        assertThat(r.out()).contains("run", "validate", "sandbox", "convert", "--from VENDOR");
        // the list may wrap: every registered id is in it
        String flat = r.out().replaceAll("\\s+", " ");
        io.ticketbridge.connector.Connectors.all().forEach(c -> assertThat(flat).contains(c.id()));
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
        assertThat(r.err()).contains("unknown vendor 'zendesk'", io.ticketbridge.connector.Connectors.knownIds());
        assertThat(r.out()).isEmpty();
    }

    @Test
    void convertWithoutFromIsAUsageError() {
        CliRun r = CliRun.of("{}", "convert");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("missing required option", "--from VENDOR");
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
        assertThat(r.out()).startsWith("Usage: ticketbridge " + command + " ").contains("Exit codes: 0 ok");
        for (String other : List.of("run", "validate", "sandbox", "convert")) {
            if (!other.equals(command)) assertThat(r.out()).as("only its own usage").doesNotContain("ticketbridge " + other);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"run|--config FILE", "validate|--config FILE,--routes DIR",
            "sandbox|--port-base N,--tickets N,--mail-dir DIR", "convert|--from VENDOR,--time-zone ZONE,[FILE]"})
    void everyCommandsHelpDocumentsItsOptions(String command, String options) {
        CliRun r = CliRun.of("", command, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains(options.split(",")).contains("-D, --property key=value", "-h, --help");
        for (String option : options.split(",")) {
            assertThat(r.out().lines().filter(l -> l.strip().startsWith(option)))
                    .as(option + " has a description").singleElement().asString().hasSizeGreaterThan(option.length() + 10);
        }
    }

    @Test
    void theReadmeShowsTheRealHelp() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Command line"));
        String block = section.substring(section.indexOf("```\n") + 4, section.indexOf("```\n", section.indexOf("```\n") + 4));
        assertThat(block).isEqualTo(CliRun.of("", "--help").out().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void helpNamesEveryOptionOfEveryCommand() {
        CliRun r = CliRun.of("", "--help");
        assertThat(r.out()).contains("--config FILE", "--routes DIR", "--port-base N", "--tickets N", "--from VENDOR",
                "--time-zone ZONE", "--version", "-Dkey=value", "--property key=value");
    }

    @Test
    void versionIsTheProjectVersion() {
        String expected = System.getProperty("ticketbridge.expected.version");
        assertThat(expected).as("set by the build from the pom").isNotBlank().doesNotContain("${");
        CliRun r = CliRun.of("", "--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("ticketbridge " + expected + System.lineSeparator());
        assertThat(CliRun.of("", "version").out()).as("the word, as before picocli").isEqualTo(r.out());
    }

    @ParameterizedTest
    @CsvSource({"-Dticketbridge.sandbox.port-base=abc, run", "--property, ticketbridge.sandbox.port-base=abc",
            "run, -Dticketbridge.sandbox.port-base=abc", "run, --property=ticketbridge.sandbox.port-base=abc",
            "-D, ticketbridge.sandbox.port-base=abc"})
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
        assertThat(r.err()).contains("unknown option '-Xmx1g'", "before -jar");
    }

    /** Bad usage picocli finds: exit 2, one line naming the command and the option, where the usage is; no trace. */
    private static void assertOneUsageLine(CliRun r, String command, String... names) {
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("ticketbridge" + (command.isEmpty() ? "" : " " + command) + ": ")
                .contains(names).endsWith("see 'java -jar ticketbridge.jar" + (command.isEmpty() ? "" : " " + command) + " --help'")
                .doesNotContain("Exception", "\tat ");
    }

    @ParameterizedTest
    @CsvSource({"'', --bogus", "run, --bogus", "validate, --nope", "sandbox, --port", "convert --from thulium, --form"})
    void anUnknownOptionIsOneLineNamingIt(String commandLine, String option) {
        List<String> args = new java.util.ArrayList<>(commandLine.isEmpty() ? List.of() : List.of(commandLine.split(" ")));
        args.add(option);
        assertOneUsageLine(CliRun.of("", args.toArray(String[]::new)), args.size() == 1 ? "" : args.get(0),
                "unknown option '" + option + "'");
    }

    @ParameterizedTest
    @CsvSource({"--port-base, abc", "--port-base, 12.5", "--tickets, many"})
    void aNumberOptionGivenSomethingElseSaysSo(String option, String value) {
        assertOneUsageLine(CliRun.of("", "sandbox", option, value), "sandbox", option + " needs a number, got '" + value + "'");
        assertOneUsageLine(CliRun.of("", "sandbox", option + "=" + value), "sandbox", option + " needs a number, got '" + value + "'");
    }

    @Test
    void anOptionWithoutItsValueIsNamed() {
        assertOneUsageLine(CliRun.of("", "sandbox", "--port-base"), "sandbox", "'--port-base'", "N");
        assertOneUsageLine(CliRun.of("", "validate", "--routes"), "validate", "'--routes'", "DIR");
        assertOneUsageLine(CliRun.of("{}", "convert", "--from", "thulium", "a.json", "b.json"), "convert", "unexpected argument 'b.json'");
    }

    @Test
    void optionsTakeTheEqualsFormToo(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("app.properties");
        Files.writeString(config, "ticketbridge.sandbox.port-base=xyz\n");
        CliRun r = CliRun.of("", "run", "--config=" + config);
        assertThat(r.err()).contains("ticketbridge.sandbox.port-base must be a number, got 'xyz'");
        assertThat(r.exitCode()).isEqualTo(1);
    }
}
