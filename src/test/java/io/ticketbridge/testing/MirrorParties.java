package io.ticketbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.sandbox.plusofon.PlusofonSimulator;
import io.ticketbridge.sandbox.superoffice.SuperOfficeSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The people on both sides of a mirror, writing through the vendors' documented APIs as they would: a SuperOffice
 * agent (REST {@code POST /api/v1/TicketMessage}) and the Plusofon account holder ({@code PUT api/v1/ticket/answer}).
 */
public final class MirrorParties {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private MirrorParties() {
    }

    /** An agent's reply (External, badge Reply) or, with {@code internal}, an internal note on a SuperOffice ticket. */
    public static void superOfficeAgentWrites(String baseUrl, String ticketId, String text, boolean internal) throws Exception {
        ObjectNode m = TicketJson.mapper().createObjectNode();
        m.put("EjMessageId", 0);
        m.putObject("Ticket").put("TicketId", Long.parseLong(ticketId));
        m.put("Body", text);
        m.put("Type", "Plain");
        m.put("Slevel", internal ? "Internal" : "External");
        if (!internal) m.put("Badge", "Reply");
        m.put("Author", "Olga Agent <olga.agent@example.com>");
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/TicketMessage"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (SuperOfficeSimulator.USERNAME + ":" + SuperOfficeSimulator.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(m.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("TicketMessage on %s: %s", ticketId, r.body()).isEqualTo(201);
    }

    /** A follow-up post by the Plusofon account holder (the customer). */
    public static void plusofonCustomerWrites(String baseUrl, String ticketId, String text) throws Exception {
        ObjectNode body = TicketJson.mapper().createObjectNode().put("text", text);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/ticket/answer/" + ticketId))
                .header("Authorization", "Bearer " + PlusofonSimulator.TOKEN)
                .header("Client", PlusofonSimulator.CLIENT)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("answer on %s: %s", ticketId, r.body()).isEqualTo(200);
    }
}
