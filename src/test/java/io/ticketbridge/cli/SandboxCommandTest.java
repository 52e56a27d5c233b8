package io.ticketbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code ticketbridge sandbox} as its own process, as a crash test's parent starts, waits for and stops it. */
class SandboxCommandTest {

    @Test
    void printsUrlsThenOneReadyLineServesUntilSigtermThenStops() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.ticketbridge.TicketBridge",
                "sandbox", "--port-base", "0", "--tickets", "500")
                .redirectErrorStream(true).start();
        try {
            List<String> lines = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith(SandboxCommand.READY)) lines.add(line);
            assertThat(line).as("output: %s", lines).isEqualTo("Sandbox ready: " + io.ticketbridge.sandbox.Simulators.all().size() + " vendors, 500 tickets each");

            List<String> urls = new ArrayList<>();
            Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:\\d+").matcher(String.join("\n", lines));
            while (m.find()) urls.add(m.group());
            assertThat(urls).hasSize(io.ticketbridge.sandbox.Simulators.all().size());
            assertThat(lines).anyMatch(l -> l.contains("password = "));
            HttpClient http = HttpClient.newHttpClient();
            for (String url : urls) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/__sandbox/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.body()).contains("\"UP\"");
            }

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
            try {
                http.send(HttpRequest.newBuilder(URI.create(urls.get(0) + "/__sandbox/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                throw new AssertionError("still listening after SIGTERM");
            } catch (ConnectException expected) {
                // the port is closed
            }
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void fewerTicketsThanTheSeedStoriesIsBadUsage() {
        CliRun r = CliRun.of("", "sandbox", "--tickets", "10");

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--tickets", ">= 30", "'10'");
    }
}
