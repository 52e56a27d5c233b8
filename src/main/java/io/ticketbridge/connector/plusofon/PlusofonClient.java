package io.ticketbridge.connector.plusofon;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.RetryPolicy;
import io.ticketbridge.connector.VendorHttp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One Plusofon account's calls, for PlusofonSource and PlusofonSink: the headers every call carries (from its
 * {@link PlusofonSettings}), safe ids, which answers are worth a retry, and Plusofon's error envelope
 * {@code {"message": "...", "code": N}}. Some messages wrap the raw HTTP answer of the Kayako backend
 * ("HTTP/1.1 404 Not Found\r\nServer: nginx\r\n...\r\n\r\nTicket not Found") under {@code code: 500}; those are
 * condensed to their status line and body, so a log line stays one line.
 */
final class PlusofonClient {
    /** Ticket, post and attachment ids go into paths: digits only (Plusofon's ids are Kayako integers). */
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");
    private final PlusofonSettings settings;

    PlusofonClient(PlusofonSettings settings) {
        this.settings = settings;
    }

    /** {@code Authorization: Bearer}, {@code Client} and {@code Accept}; fails before any call when one is missing. */
    Map<String, String> headers() {
        String token = settings.getToken();
        String clientId = settings.getClientId();
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

    /** 429, 5xx and network errors, except the upstream 404 Plusofon wraps in a 500: retrying cannot find it. */
    static boolean retryable(VendorHttp.Response r) {
        return RetryPolicy.transientStatus(r.status()) && !isNotFound(r.body());
    }

    /** The id when it is a plain number, else IllegalArgumentException (a payload value must never steer a path). */
    static String safeId(String what, String id) {
        String v = id == null ? "" : id.strip();
        if (!ID.matcher(v).matches()) throw new IllegalArgumentException("plusofon: " + what + " '" + id + "' is not a numeric id");
        return v;
    }

    /** The envelope as one line: "Ticket not Found (code 500, upstream HTTP/1.1 404 Not Found)". */
    static String describe(JsonNode envelope) {
        JsonNode m = envelope.get("message");
        JsonNode c = envelope.get("code");
        String message = m == null || m.isNull() ? "" : m.asText();
        String code = c == null || c.isNull() ? "?" : c.asText();
        if (message.startsWith("HTTP/")) {
            int eol = message.indexOf("\r\n");
            String statusLine = eol < 0 ? message : message.substring(0, eol);
            int body = message.indexOf("\r\n\r\n");
            String text = body < 0 ? "" : message.substring(body + 4).strip();
            return (text.isEmpty() ? statusLine : text) + " (code " + code + ", upstream " + statusLine + ")";
        }
        return message + " (code " + code + ")";
    }

    /** The envelope in a response body, described; the body abbreviated when it is no envelope. */
    static String describeBody(String body) {
        try {
            JsonNode n = TicketJson.mapper().readTree(body == null ? "" : body);
            if (n != null && n.isObject() && n.has("message")) return describe(n);
        } catch (Exception ignored) {
            // not JSON: fall through to the raw text
        }
        String s = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return s.isEmpty() ? "(empty body)" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /** True when the envelope is the upstream "404 Not Found" Plusofon reports as code 500. */
    static boolean isNotFound(String body) {
        try {
            JsonNode n = TicketJson.mapper().readTree(body == null ? "" : body);
            if (n == null || !n.isObject()) return false;
            String message = n.path("message").asText("");
            int eol = message.indexOf("\r\n");
            String statusLine = eol < 0 ? message : message.substring(0, eol);
            return statusLine.startsWith("HTTP/") && statusLine.contains(" 404 ");
        } catch (Exception e) {
            return false;
        }
    }
}
