package io.ticketbridge.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.cli.CliRun;
import io.ticketbridge.cli.SandboxCommand;
import io.ticketbridge.sandbox.SeedStories;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's rehearsal: {@code sandbox} as its own process writes sandbox.properties into its working directory;
 * {@code migrate --config sandbox.properties} copies between its vendors, and a second migrate sees the first's work.
 */
class SandboxRehearsalTest {
    @TempDir
    Path work;

    @Test
    void sandboxWritesItsAccountsAndASecondMigrateAgainstItWritesNothing() throws Exception {
        Process sandbox = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.ticketbridge.TicketBridge", "sandbox", "--port-base", "0",
                "--mail-dir", work.resolve("mail").toString())
                .directory(work.toFile()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith(SandboxCommand.READY)) { }
            assertThat(line).isNotNull();
            Path config = work.resolve(SandboxCommand.PROPERTIES_FILE);
            Properties props = new Properties();
            props.load(new StringReader(Files.readString(config)));
            assertThat(props.getProperty("ticketbridge.keliweb.baseUrl")).startsWith("http://127.0.0.1:");
            String keliweb = props.getProperty("ticketbridge.keliweb.baseUrl");
            String data = "-Dticketbridge.data-dir=" + work.resolve("data");

            CliRun first = CliRun.of("", "migrate", "--config", config.toString(), "--from", "thulium", "--to", "keliweb",
                    data, "--report", work.resolve("first").toString());
            long writesAfterFirst = writes(keliweb);
            CliRun second = CliRun.of("", "migrate", "--config", config.toString(), "--from", "thulium", "--to", "keliweb",
                    data, "--report", work.resolve("second").toString());

            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(writesAfterFirst).isPositive();
            assertThat(writes(keliweb)).as("the second run wrote nothing to the target").isEqualTo(writesAfterFirst);
            JsonNode one = TicketJson.mapper().readTree(work.resolve("first/report.json").toFile());
            JsonNode two = TicketJson.mapper().readTree(work.resolve("second/report.json").toFile());
            assertThat(one.at("/tickets/created").asInt()).isEqualTo(SeedStories.COUNT);
            assertThat(two.at("/tickets/unchanged").asInt()).isEqualTo(SeedStories.COUNT);
            assertThat(two.at("/tickets/created").asInt()).isZero();
        } finally {
            sandbox.destroy();
            sandbox.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static long writes(String baseUrl) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/__sandbox/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return TicketJson.mapper().readTree(body).get("writes").asLong();
    }
}
