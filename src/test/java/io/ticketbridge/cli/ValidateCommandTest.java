package io.ticketbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** {@code validate}: the step before a route edit goes live. */
class ValidateCommandTest {
    @TempDir
    Path routes;

    @Test
    void theShippedRoutesValidate() {
        CliRun r = CliRun.of("", "validate");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("OK: 5 route(s)", "thulium-to-files", "plusofon-to-files", "keliweb-to-files",
                "superoffice-to-files", "superoffice-webhook-to-files");
    }

    @Test
    void brokenYamlIsNamedByFileAndLine() throws Exception {
        Files.writeString(routes.resolve("edit.yaml"), "- route:\n    id: x\n    from:\n      uri: kamelet:thulium-source\n"
                + "      parameters:\n        baseUrl: [unclosed\n");
        CliRun r = CliRun.of("", "validate", "--routes", routes.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        // the line of the '[' left unclosed, not the end of the file where the parser noticed
        assertThat(r.err()).isEqualTo("ticketbridge validate: " + routes.resolve("edit.yaml").toAbsolutePath() + ":6: "
                + "YAML syntax error: expected ',' or ']', but got <stream end> (while parsing a flow sequence)"
                + System.lineSeparator());
    }

    @Test
    void everyProblemOfEveryFileIsOneLineWithFileLineAndReason() throws Exception {
        Files.writeString(routes.resolve("a.yaml"), "- route:\n    id: a\n    from:\n      uri: timer:a?perod=5\n"
                + "      steps:\n        - to:\n            uri: kamelet:ticket-file-sink\n            parameters:\n"
                + "              dirctory: out\n        - to: \"file:{{no.such.dir}}\"\n");
        Files.writeString(routes.resolve("b.yaml"), "- route:\n    id: b\n    from:\n      uri: timer:b\n      steps:\n"
                + "        - to: kamelet:zendesk-sink\n        - to: jira:issue\n"
                + "        - to: kamelet:plusofon-sink?baseUrl=http://127.0.0.1:1\n");
        Files.writeString(routes.resolve("c.yaml"), "- route:\n    id: c\n    from:\n      uri: timer:c\n      steps:\n"
                + "        - tto: log:c\n");
        Files.writeString(routes.resolve("fine.yaml"), "- route:\n    id: fine\n    from:\n      uri: timer:fine\n"
                + "      steps:\n        - to: kamelet:ticket-file-sink\n");
        CliRun r = CliRun.of("", "validate", routes.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        String a = routes.resolve("a.yaml").toAbsolutePath().toString();
        String b = routes.resolve("b.yaml").toAbsolutePath().toString();
        String c = routes.resolve("c.yaml").toAbsolutePath().toString();
        assertThat(r.err().lines()).containsExactly(
                "ticketbridge validate: " + a + ":4: route 'a': endpoint timer:a has no option 'perod'",
                "ticketbridge validate: " + a + ":6: route 'a': kamelet:ticket-file-sink has no option 'dirctory'"
                        + " (its options: directory, ndjson, fsync)",
                "ticketbridge validate: " + a + ":10: route 'a': property placeholder {{no.such.dir}} cannot be resolved"
                        + " (not in the configuration, -D or the environment)",
                "ticketbridge validate: " + b + ":6: route 'b': unknown Kamelet 'zendesk-sink' (none in classpath:kamelets,"
                        + " file:kamelets)",
                "ticketbridge validate: " + b + ":7: route 'b': unknown component 'jira' in jira:issue",
                "ticketbridge validate: " + b + ":8: route 'b': kamelet:plusofon-sink is missing the required parameter(s)"
                        + " token",
                "ticketbridge validate: " + c + ":6: invalid route: Unknown node id: tto");
    }

    @Test
    void theDirectoryIsAlsoTakenAsAnArgument() throws Exception {
        Files.writeString(routes.resolve("fine.yaml"), "- route:\n    id: fine\n    from:\n      uri: timer:fine\n"
                + "      steps:\n        - to: kamelet:ticket-file-sink\n");
        CliRun r = CliRun.of("", "validate", routes.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("OK: 1 route(s)").contains("fine (fine.yaml:4)");
        CliRun both = CliRun.of("", "validate", "--routes", routes.toString(), routes.toString());
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.err()).contains("give the routes directory once");
    }

    @Test
    void aMissingRequiredKameletParameterIsNamedWithFileLineAndRoute() throws Exception {
        Files.writeString(routes.resolve("edit.yaml"), "- route:\n    id: x\n    from:\n      uri: kamelet:thulium-source\n"
                + "      parameters:\n        baseUrl: http://127.0.0.1:1\n      steps:\n        - to: kamelet:ticket-file-sink\n");
        CliRun r = CliRun.of("", "validate", "--routes", routes.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("ticketbridge validate: " + routes.resolve("edit.yaml").toAbsolutePath() + ":4: route 'x': "
                + "kamelet:thulium-source is missing the required parameter(s) username, password" + System.lineSeparator());
    }

    @Test
    void aSinkMissingAParameterIsFoundAmongSeveralRoutes() throws Exception {
        Files.writeString(routes.resolve("a.yaml"), "- route:\n    id: fine\n    from:\n      uri: timer:a\n"
                + "      steps:\n        - to: kamelet:ticket-file-sink\n");
        Files.writeString(routes.resolve("b.yaml"), "- route:\n    id: to-plusofon\n    from:\n      uri: timer:b\n"
                + "      steps:\n        - log: before\n        - to:\n            uri: kamelet:plusofon-sink\n"
                + "            parameters:\n              baseUrl: http://127.0.0.1:1\n");
        CliRun r = CliRun.of("", "validate", "--routes", routes.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("b.yaml:7: route 'to-plusofon': kamelet:plusofon-sink is missing the required parameter(s) token")
                .doesNotContain("Exception");
    }

    @Test
    void validatePrintsOnlyItsResultAndLogsNothingBelowError() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            CliRun ok = CliRun.of("", "validate");
            assertThat(ok.exitCode()).isZero();
            assertThat(ok.out().lines()).hasSize(6); // "OK: 5 route(s) ..." and one line per route
            Files.writeString(routes.resolve("edit.yaml"), "- route:\n    id: x\n    from:\n      uri: kamelet:thulium-source\n"
                    + "      steps:\n        - to: kamelet:ticket-file-sink\n");
            CliRun bad = CliRun.of("", "validate", "--routes", routes.toString());
            assertThat(bad.exitCode()).isEqualTo(1);
            assertThat(bad.err().lines()).hasSize(1);
            assertThat(log.lines(l -> l.atLeast(Level.INFO))).as("Camel's start-up lines and warnings stay out").isEmpty();
        }
        try (LogCapture after = LogCapture.start()) {
            LoggerFactory.getLogger(ValidateCommandTest.class).info("levels are back");
            assertThat(after.infoAndAbove()).as("validate restores the log levels").hasSize(1);
        }
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
                // Camel numbers generated route ids per JVM, so the number depends on the tests that ran before
                .singleElement().asString().containsPattern("route route\\d+ \\(anonymous.yaml:3\\) has no id")
                .contains("give the route an id");
    }

    @Test
    void aMissingRoutesDirectoryIsNamed() {
        CliRun r = CliRun.of("", "validate", "--routes", routes.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("nope: no such directory");
    }
}
