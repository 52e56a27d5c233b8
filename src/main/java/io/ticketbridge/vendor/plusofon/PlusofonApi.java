package io.ticketbridge.vendor.plusofon;

import io.ticketbridge.vendor.RetryPolicy;
import io.ticketbridge.vendor.VendorHttp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** What the Source and the Sink both send and check: auth headers, safe ids, which answers are worth a retry. */
final class PlusofonApi {
    /** Ticket, post and attachment ids go into paths: digits only (Plusofon's ids are Kayako integers). */
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

    private PlusofonApi() {
    }

    /** {@code Authorization: Bearer}, {@code Client} and {@code Accept}; fails before any call when one is missing. */
    static Map<String, String> headers(String token, String clientId) {
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
        return RetryPolicy.transientStatus(r.status()) && !PlusofonErrors.isNotFound(r.body());
    }

    /** The id when it is a plain number, else IllegalArgumentException (a payload value must never steer a path). */
    static String safeId(String what, String id) {
        String v = id == null ? "" : id.strip();
        if (!ID.matcher(v).matches()) throw new IllegalArgumentException("plusofon: " + what + " '" + id + "' is not a numeric id");
        return v;
    }
}
