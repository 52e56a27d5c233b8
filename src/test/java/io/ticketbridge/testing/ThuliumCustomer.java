package io.ticketbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.sandbox.thulium.ThuliumSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A customer of a Thulium sandbox, writing through the documented API: the way a ticket changes in a test. */
public final class ThuliumCustomer {
    private ThuliumCustomer() {
    }

    /** {@code POST /api/tickets/{id}/customer_response} at the sandbox clock's time. */
    public static void writes(String baseUrl, String ticketId, String text) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(baseUrl + "/api/tickets/" + ticketId + "/customer_response"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (ThuliumSimulator.USERNAME + ":" + ThuliumSimulator.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"body\":\"" + text + "\",\"body_type\":\"PLAIN\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("customer_response on %s: %s", ticketId, r.body()).isEqualTo(200);
    }
}
