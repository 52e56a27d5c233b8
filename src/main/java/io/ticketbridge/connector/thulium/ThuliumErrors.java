package io.ticketbridge.connector.thulium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import java.util.ArrayList;
import java.util.List;

/** Reads Thulium's error envelope {@code {"request_id":"…","errors":[{"message":"…","code":N}]}} into one line. */
public final class ThuliumErrors {
    private static final int MAX_FOREIGN_BODY = 200;

    private ThuliumErrors() {
    }

    /**
     * "Wrong format of phone number. (code 111111); Duplicated customer name. (code 222222) [request_id
     * 53678450401cf]" — the request id is what Thulium's support asks for. A body that is not the envelope (a
     * proxy's HTML page, an empty body) is quoted, shortened.
     */
    public static String describe(String body) {
        if (body == null || body.isBlank()) return "empty answer";
        try {
            JsonNode n = TicketJson.mapper().readTree(body);
            JsonNode errors = n == null ? null : n.get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                List<String> parts = new ArrayList<>();
                for (JsonNode e : errors) {
                    String msg = e.path("message").asText("").strip();
                    JsonNode code = e.get("code");
                    parts.add((msg.isEmpty() ? "(no message)" : msg)
                            + (code == null || code.isNull() ? "" : " (code " + code.asText() + ")"));
                }
                String rid = n.path("request_id").asText("");
                return String.join("; ", parts) + (rid.isEmpty() ? "" : " [request_id " + rid + "]");
            }
        } catch (JsonProcessingException e) {
            // not JSON: fall through and quote it
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return "unexpected answer: " + (flat.length() > MAX_FOREIGN_BODY ? flat.substring(0, MAX_FOREIGN_BODY) + "…" : flat);
    }
}
