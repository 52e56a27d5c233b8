package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.testing.Webhooks;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipe examples/routes/thulium-webhook-to-files.yaml against the Thulium simulator: HTTP Basic is the only
 * proof Thulium sends; any JSON naming a ticket id is fetched by that id and written by the file sink.
 */
class ThuliumWebhookTest {
    private static final String USER = "thulium-hook";
    private static final String PASS = "hook-Passw0rd";
    @TempDir
    static Path dir;
    private static Sandbox sandbox;
    private static Flow flow;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(Map.of());
        Map<String, String> overrides = new HashMap<>(sandbox.connectorProperties());
        overrides.put("ticketbridge.thulium.webhookUsername", USER);
        overrides.put("ticketbridge.thulium.webhookPassword", PASS);
        flow = Flow.start(dir, Files.readString(Path.of("examples/routes/thulium-webhook-to-files.yaml")), overrides, Map.of());
        url = flow.webhookUrl("/webhooks/thulium");
    }

    @AfterAll
    static void stop() throws Exception {
        if (flow != null) flow.close();
        if (sandbox != null) sandbox.close();
    }

    private static Map<String, String> basic(String user, String pass) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void rightBasicCredentialsAndATicketIdFetchThatTicketIntoTheSink() throws Exception {
        HttpResponse<String> r = Webhooks.post(url, "{\"action\":\"TICKET_UPDATED\",\"data\":{\"ticket_id\":\"1003\"}}", basic(USER, PASS));
        assertThat(r.statusCode()).isEqualTo(200);
        Path file = dir.resolve("tickets/thulium/1003.json");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(file));
        assertThat(TicketJson.read(Files.readString(file)).source().system()).isEqualTo("thulium");
        // the same delivery again is the same change: processed once
        assertThat(Webhooks.post(url, "{\"action\":\"TICKET_UPDATED\",\"data\":{\"ticket_id\":\"1003\"}}", basic(USER, PASS)).body())
                .contains("duplicate");
    }

    @Test
    void wrongOrMissingCredentialsAre401WithAChallengeAndNothingIsProcessed() throws Exception {
        HttpResponse<String> wrong = Webhooks.post(url, "{\"ticket_id\":4}", basic(USER, "guess"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        assertThat(wrong.body()).contains("wrong HTTP Basic user name or password").doesNotContain(PASS);
        assertThat(Webhooks.post(url, "{\"ticket_id\":4}", Map.of()).statusCode()).isEqualTo(401);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> !Files.exists(dir.resolve("tickets/thulium/4.json")));
    }

    @Test
    void aPayloadWithoutATicketIdIs400NamingWhereItLooked() throws Exception {
        HttpResponse<String> r = Webhooks.post(url, "{\"action\":\"CHAT_CONVERSATION_CREATED\",\"chat_id\":9}", basic(USER, PASS));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("thulium payload at $: no ticket id found", "data.ticket.id");
        HttpResponse<String> bad = Webhooks.post(url, "{\"ticket\":{\"id\":\"abc\"}}", basic(USER, PASS));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("$.ticket.id", "expected a ticket id");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.isDirectory(dir.resolve("dead-letter/thulium"))
                && Files.list(dir.resolve("dead-letter/thulium")).filter(f -> f.getFileName().toString().startsWith("none-")).count() == 2);
    }
}
