package io.ticketbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a newcomer types it, against target/ticketbridge.jar in a fresh process. */
class CliJarIT {
    @TempDir
    Path work;

    private record Result(int code, String out, String err) {
    }

    private Result jar(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("java", "-jar", System.getProperty("ticketbridge.jar")));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void versionIsTheProjectVersionFromTheJar() throws Exception {
        Result r = jar("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo("ticketbridge " + System.getProperty("ticketbridge.expected.version"));
    }

    @Test
    void aPropertyAfterTheJarIsAppliedNotAnUnknownCommand() throws Exception {
        Result r = jar("-Dticketbridge.sandbox.port-base=abc");
        assertThat(r.err()).doesNotContain("unknown command").contains("ticketbridge.sandbox.port-base must be a number, got 'abc'");
        assertThat(r.code()).isEqualTo(1);
    }

    @Test
    void badUsageIsOneLineAndExitCode2HelpIsExitCode0() throws Exception {
        Result bad = jar("sandbox", "--port-base", "abc");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err().lines()).singleElement().asString().contains("--port-base needs a number, got 'abc'");
        Result help = jar("sandbox", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).contains("--port-base N", "--tickets N");
    }

    @Test
    void validatePrintsOnlyItsResult() throws Exception {
        Result r = jar("validate");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out().lines()).hasSize(6).first().asString().startsWith("OK: 5 route(s)"); // four vendors polled, one webhook receiver
    }
}
