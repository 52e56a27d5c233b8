package io.ticketbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code validate}: the step before a route edit goes live. */
class ValidateCommandTest {
    @TempDir
    Path routes;

    @Test
    void theShippedRoutesValidate() {
        CliRun r = CliRun.of("", "validate");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("OK: 4 route(s)", "thulium-to-files", "plusofon-to-files", "keliweb-to-files",
                "superoffice-to-files");
    }

    @Test
    void brokenYamlIsNamedByFileAndLine() throws Exception {
        Files.writeString(routes.resolve("edit.yaml"), "- route:\n    id: x\n    from:\n      uri: kamelet:thulium-source\n"
                + "      parameters:\n        baseUrl: [unclosed\n");
        CliRun r = CliRun.of("", "validate", "--routes", routes.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("edit.yaml", "line 6");
    }

    @Test
    void aMissingRequiredKameletParameterIsNamed() throws Exception {
        Files.writeString(routes.resolve("edit.yaml"), "- route:\n    id: x\n    from:\n      uri: kamelet:thulium-source\n"
                + "      parameters:\n        baseUrl: http://127.0.0.1:1\n      steps:\n        - to: kamelet:ticket-file-sink\n");
        CliRun r = CliRun.of("", "validate", "--routes", routes.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("thulium-source", "mandatory parameters", "username", "password");
    }

    @Test
    void anUnknownKameletIsNamed() throws Exception {
        Files.writeString(routes.resolve("edit.yaml"), "- route:\n    id: x\n    from:\n      uri: kamelet:zendesk-source\n"
                + "      steps:\n        - to: kamelet:ticket-file-sink\n");
        CliRun r = CliRun.of("", "validate", "--routes", routes.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("zendesk-source");
    }

    @Test
    void aMissingRoutesDirectoryIsNamed() {
        CliRun r = CliRun.of("", "validate", "--routes", routes.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("nope: no such directory");
    }
}
