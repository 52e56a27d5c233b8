package io.ticketbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.connector.Connectors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input to convert, for every vendor: exit 1, one line on stderr naming what and where, nothing on stdout. */
class ConvertBadInputTest {

    static java.util.stream.Stream<String> vendors() {
        return Connectors.all().stream().map(v -> v.id());
    }

    private static void assertOneCleanErrorLine(CliRun r) {
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).doesNotContain("\tat ", "Exception:");
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void truncatedJsonNamesLineAndColumn(String vendor) {
        CliRun r = CliRun.of("{\n  \"subject\": \"x\",\n  \"messages\": [\n", "convert", "--from", vendor);
        assertOneCleanErrorLine(r);
        assertThat(r.err()).contains("<stdin>", "not valid JSON", "line 4");
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void emptyInputIsAnError(String vendor) {
        CliRun r = CliRun.of("  \n", "convert", "--from", vendor);
        assertOneCleanErrorLine(r);
        assertThat(r.err()).contains("empty input");
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void aScalarIsNotATicket(String vendor) {
        CliRun r = CliRun.of("42", "convert", "--from", vendor);
        assertOneCleanErrorLine(r);
        assertThat(r.err()).contains(vendor);
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void aMissingFileIsNamed(String vendor, @TempDir Path dir) {
        CliRun r = CliRun.of("", "convert", "--from", vendor, dir.resolve("nope.json").toString());
        assertOneCleanErrorLine(r);
        assertThat(r.err()).contains("nope.json: no such file");
    }

    @ParameterizedTest
    @MethodSource("vendors")
    void invalidUtf8OrBinaryIsRejected(String vendor, @TempDir Path dir) throws Exception {
        Path f = dir.resolve("bin.json");
        Files.write(f, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2});
        CliRun r = CliRun.of("", "convert", "--from", vendor, f.toString());
        assertOneCleanErrorLine(r);
        assertThat(r.err()).contains("bin.json");
    }
}
