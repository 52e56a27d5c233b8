package io.ticketbridge.connector.thulium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorHttp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One Thulium account's calls, for ThuliumSource and ThuliumSink: HTTP Basic with the API user of its
 * {@link ThuliumSettings}, and Thulium's error envelope {@code {"request_id":"…","errors":[{"message":"…","code":N}]}}
 * read into one line.
 */
public final class ThuliumClient {
    private static final int MAX_FOREIGN_BODY = 200;
    private final ThuliumSettings settings;

    ThuliumClient(ThuliumSettings settings) {
        this.settings = settings;
    }

    /** The Authorization header; fails before any call when the user is not configured. */
    Map<String, String> headers() {
        String username = settings.getUsername();
        String password = settings.getPassword();
        if (username == null || username.isBlank() || password == null) {
            throw new VendorCallException(ThuliumConnector.ID, "username and password must be set (HTTP Basic)", null);
        }
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Map.of("Authorization", "Basic " + token);
    }

    /** The answer when it is a 2xx, else one VendorCallException: the call and Thulium's message. */
    static VendorHttp.Response requireOk(VendorHttp http, VendorHttp.Response r, String call) {
        if (!r.ok()) throw new VendorCallException(http.vendor(), r.status(), call + ": " + describe(r.body()), r.header("Retry-After"));
        return r;
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
