package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.testing.ChildJvm;
import io.ticketbridge.testing.Webhooks;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 200 means "recorded", not "processed": a bridge killed (SIGKILL) right after answering a SuperOffice webhook
 * — its fetch of the ticket still under way — processes the event when it starts again.
 */
class WebhookCrashTest {
    private static final String SECRET = "crash-test-secret";
    @TempDir
    Path dir;

    @Test
    void aBridgeKilledAfterAnswering200ProcessesTheEventOnItsNextStart() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Map.of())) {
            String[] args = {dir.toString(), sandbox.baseUrl("superoffice"), SECRET};
            Path ticket = dir.resolve("tickets/superoffice/104.json");
            // every SuperOffice call takes 20 s: the fetch after the 200 cannot finish before the kill
            sandbox.server("superoffice").faults(new Faults(20_000, 0, 503, 0, 1, 0, 0, 42));
            Process first = ChildJvm.start(WebhookBridgeMain.class, dir.resolve("first.log"), args);
            try {
                String url = awaitListening(first, dir.resolve("first.log"));
                String body = Webhooks.superOfficeEvent("ticket.changed", 104, "crash-1", "2026-12-03T13:00:00");
                HttpResponse<String> r = Webhooks.post(url, body, Webhooks.superOfficeHeaders(SECRET, body, "ticket.changed", "crash-1"));
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("recorded");
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful stop
                assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
            String firstLog = Files.readString(dir.resolve("first.log"));
            assertThat(firstLog).contains("ticket 104 recorded").doesNotContain("ticket 104 fetched and handed on");
            assertThat(ticket).doesNotExist();

            sandbox.server("superoffice").faults(Faults.NONE);
            Process second = ChildJvm.start(WebhookBridgeMain.class, dir.resolve("second.log"), args);
            try {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    assertThat(second.isAlive()).as("the restarted bridge runs").isTrue();
                    // the file is written before the worker logs the event done: wait for both before killing
                    return Files.exists(ticket) && Files.readString(dir.resolve("second.log")).contains("ticket 104 fetched and handed on");
                });
            } finally {
                second.destroyForcibly();
                second.waitFor(20, TimeUnit.SECONDS);
            }
            String secondLog = Files.readString(dir.resolve("second.log"));
            assertThat(secondLog).contains("superoffice ticket 104 fetched and handed on (webhook change 2026-12-03T13:00:00)");
        }
    }

    /** The child's webhook URL, once it answers: its server's free port is in its log. */
    private static String awaitListening(Process child, Path log) {
        Pattern started = Pattern.compile("HttpServer started on 127\\.0\\.0\\.1:(\\d+)");
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(child.isAlive()).as("the bridge runs").isTrue();
            Matcher m = started.matcher(Files.exists(log) ? Files.readString(log) : "");
            String url = m.find() ? "http://127.0.0.1:" + m.group(1) + "/webhooks/superoffice" : null;
            return url != null && Webhooks.listening(url) ? url : null;
        }, u -> u != null);
    }
}
