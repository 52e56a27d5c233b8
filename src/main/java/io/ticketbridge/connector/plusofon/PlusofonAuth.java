package io.ticketbridge.connector.plusofon;

import java.util.LinkedHashMap;
import java.util.Map;

/** The credentials the source and the sink share, and the headers every call carries; never shown in full. */
final class PlusofonAuth {
    /** The application code of every official sample ({@code Client: 10553}); Plusofon documents no other. */
    static final String DOCUMENTED_CLIENT = "10553";

    String token;
    String clientId = DOCUMENTED_CLIENT;

    /** Who calls: the token is the account (hashed by the request budget, never shown). */
    String user() {
        return clientId + "/" + token;
    }

    /** {@code Authorization: Bearer}, {@code Client} and {@code Accept}; fails before any call when one is missing. */
    Map<String, String> headers() {
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("plusofon: no API token configured (property 'token')");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalStateException("plusofon: no application code configured (property 'clientId')");
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Bearer " + token.strip());
        h.put("Client", clientId.strip());
        h.put("Accept", "application/json");
        return h;
    }

    /** For the beans' toString: the application code, never the token. */
    @Override
    public String toString() {
        return "clientId=" + clientId + ", token=***";
    }
}
