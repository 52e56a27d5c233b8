package io.ticketbridge.connector.keliweb;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorHttp;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Keliweb account's action calls, shared by the source and the sink: {@code POST /api/v2/keliweb/<action>}
 * with form fields and a cached OAuth2 bearer (renewed before it expires; a 401 renews it and retries the call
 * once). {@code result: error} answers (HTTP 200 in WHMCS) and non-2xx answers become one
 * {@link VendorCallException} naming the action and the vendor's message — never a field that was sent.
 */
final class KeliwebApi {
    static final String API = "/api/v2/keliweb/";

    /** An action's answer after the HTTP and {@code result} checks: raw text and parsed. */
    record Answer(String body, JsonNode json) {
    }

    private final KeliwebTokenClient tokens;

    KeliwebApi(String clientId, String clientSecret, String username, String password, Clock clock) {
        this.tokens = new KeliwebTokenClient(clientId, clientSecret, username, password, clock);
    }

    JsonNode call(VendorHttp http, String action, Map<String, String> form) {
        return callRaw(http, action, form).json();
    }

    Answer callRaw(VendorHttp http, String action, Map<String, String> form) {
        String bearer = tokens.bearer(http);
        VendorHttp.Response r = post(http, action, form, bearer);
        if (r.status() == 401) {
            // revoked or expired early (password change, clock skew): renew once and retry
            tokens.rejected(bearer);
            r = post(http, action, form, tokens.bearer(http));
        }
        if (!r.ok()) {
            throw new VendorCallException(http.vendor(), r.status(), "POST " + API + action + ": " + message(r.body()),
                    r.header("Retry-After"));
        }
        JsonNode n;
        try {
            n = TicketJson.mapper().readTree(r.body());
        } catch (IOException e) {
            // a cut answer: status 0 marks it transient (the caller decides whether a retry is safe)
            throw new VendorCallException(http.vendor(), "POST " + API + action + ": answer is not valid JSON ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        if (n == null || !n.isObject()) {
            throw new VendorCallException(http.vendor(), "POST " + API + action + ": answer is not a JSON object", null);
        }
        if (!n.path("result").asText("").equalsIgnoreCase("success")) {
            throw new VendorCallException(http.vendor(), r.status(), "POST " + API + action + ": " + message(r.body()), null);
        }
        return new Answer(r.body(), n);
    }

    private static VendorHttp.Response post(VendorHttp http, String action, Map<String, String> form, String bearer) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + bearer);
        headers.put("X-Requested-With", "XMLHttpRequest"); // Laravel then answers errors as JSON, not HTML
        headers.put("Accept", "application/json");
        return http.postForm(API + action, form, headers);
    }

    /** The vendor's words: WHMCS {@code message}, Laravel {@code message}, or an excerpt of a non-JSON body. */
    static String message(String body) {
        try {
            JsonNode n = TicketJson.mapper().readTree(body);
            if (n != null && n.hasNonNull("message") && !n.get("message").asText().isBlank()) return n.get("message").asText();
            if (n != null && n.hasNonNull("result")) return "result '" + n.get("result").asText() + "' without a message";
        } catch (IOException | RuntimeException e) {
            // not JSON
        }
        return excerpt(body);
    }

    static String excerpt(String body) {
        if (body == null || body.isBlank()) return "(empty answer)";
        String s = body.strip().replaceAll("\\s+", " ");
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
