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

    private static String thuliumToFiles(String idLine, String directory) {
        return "- route:\n" + idLine + "    from:\n      uri: kamelet:thulium-source\n      parameters:\n"
                + "        baseUrl: http://127.0.0.1:1\n        username: u\n        password: p\n      steps:\n"
                + "        - to:\n            uri: kamelet:ticket-file-sink\n            parameters:\n"
                + "              directory: " + directory + "\n";
    }

    @Test
    void twinRoutesWithIdenticalKameletParametersValidateAsTheyRun() throws Exception {
        Files.writeString(routes.resolve("twins.yaml"), thuliumToFiles("    id: twin-a\n", "data/x")
                + thuliumToFiles("    id: twin-b\n", "data/x"));
        CliRun r = CliRun.of("", "validate", "--routes", routes.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("OK: 2 route(s)", "twin-a (twins.yaml:4)", "twin-b (twins.yaml:17)")
                .doesNotContain("warning");
    }

    @Test
    void twoRoutesOnAnEndpointThatTakesOneConsumerAreRefusedAsRunWouldRefuseThem() throws Exception {
        String direct = "    from:\n      uri: direct:intake\n      steps:\n        - log: \"${body}\"\n";
        Files.writeString(routes.resolve("intake.yaml"), "- route:\n    id: intake-a\n" + direct
                + "- route:\n    id: intake-b\n" + direct);
        CliRun r = CliRun.of("", "validate", "--routes", routes.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("intake-a (intake.yaml:4) and intake-b (intake.yaml:10)", "direct://intake",
                "one consumer");
    }

    @Test
    void aKameletSourceRouteWithoutAnIdIsWarnedAboutInOneLine() throws Exception {
        Files.writeString(routes.resolve("anonymous.yaml"), thuliumToFiles("", "data/x"));
        CliRun r = CliRun.of("", "validate", "--routes", routes.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("warning:")))
                .singleElement().asString().contains("route1 (anonymous.yaml:3) has no id", "give the route an id");
    }

    @Test
    void aMissingRoutesDirectoryIsNamed() {
        CliRun r = CliRun.of("", "validate", "--routes", routes.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("nope: no such directory");
    }
}
