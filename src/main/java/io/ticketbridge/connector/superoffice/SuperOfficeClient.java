package io.ticketbridge.connector.superoffice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorHttp;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One SuperOffice tenant's calls, for SuperOfficeSource and SuperOfficeSink: the headers every call carries (from
 * its {@link SuperOfficeSettings}; a missing credential fails naming the property, never a value), JSON calls with
 * SuperOffice's error envelope turned into one {@link VendorCallException}, and binary downloads.
 */
final class SuperOfficeClient {
    static final String JSON = "application/json; charset=utf-8";
    private final SuperOfficeSettings settings;

    SuperOfficeClient(SuperOfficeSettings settings) {
        this.settings = settings;
    }

    /** Accept, Authorization as {@code authMethod} says, and SO-TimeZone when set. */
    Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/json");
        String method = settings.getAuthMethod() == null ? "basic" : settings.getAuthMethod().strip().toLowerCase(Locale.ROOT);
        switch (method) {
            case "basic" -> {
                require("username", settings.getUsername());
                require("password", settings.getPassword());
                h.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (settings.getUsername() + ":" + settings.getPassword()).getBytes(StandardCharsets.UTF_8)));
            }
            case "bearer" -> {
                require("token", settings.getToken());
                h.put("Authorization", "Bearer " + settings.getToken().strip());
            }
            case "soticket" -> {
                require("token", settings.getToken());
                require("appToken", settings.getAppToken());
                h.put("Authorization", "SOTicket " + settings.getToken().strip());
                h.put("SO-AppToken", settings.getAppToken().strip());
            }
            default -> throw new IllegalArgumentException("superoffice: authMethod must be basic, bearer or soticket, got '"
                    + settings.getAuthMethod() + "'");
        }
        String zone = settings.getSoTimeZone();
        if (zone != null && !zone.isBlank()) h.put("SO-TimeZone", zone.strip());
        return h;
    }

    private void require(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("superoffice: authMethod=" + settings.getAuthMethod() + " needs the '" + property
                    + "' property");
        }
    }

    /** POSTs a JSON body to an Agents method; the parsed answer (null for 204). */
    static JsonNode post(VendorHttp http, Map<String, String> headers, String path, Object body, String what) {
        return post(http, headers, path, null, body, what);
    }

    static JsonNode post(VendorHttp http, Map<String, String> headers, String path, Map<String, String> query, Object body,
                         String what) {
        String json;
        try {
            json = body instanceof String s ? s : TicketJson.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        VendorHttp.Response r = http.call("POST", path, query, headers, JSON, json);
        if (!r.ok()) throw new VendorCallException(http.vendor(), r.status(), errorText(what, r), r.header("Retry-After"));
        return r.body().isBlank() ? null : parse(http, what, r.body());
    }

    static JsonNode get(VendorHttp http, Map<String, String> headers, String path, Map<String, String> query, String what) {
        VendorHttp.Response r = http.get(path, query, headers);
        if (!r.ok()) throw new VendorCallException(http.vendor(), r.status(), errorText(what, r), r.header("Retry-After"));
        return parse(http, what, r.body());
    }

    static JsonNode parse(VendorHttp http, String what, String body) {
        try {
            return TicketJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            // a cut-off body is a transport problem (status 0: worth a retry), not a mapping one
            throw new VendorCallException(http.vendor(), what + ": answer is not valid JSON (" + body.length() + " chars)", e);
        }
    }

    /** "GET /api/v1/Ticket/7: SoNotFoundException: Ticket id 7 not found" from SuperOffice's error envelope. */
    static String errorText(String what, VendorHttp.Response r) {
        String body = r.body() == null ? "" : r.body().strip();
        try {
            JsonNode e = TicketJson.mapper().readTree(body);
            if (e != null && e.isObject() && e.hasNonNull("ErrorMessage")) {
                String type = e.path("ErrorType").asText("");
                return what + ": " + (type.isBlank() ? "" : type + ": ") + e.get("ErrorMessage").asText();
            }
        } catch (JsonProcessingException ignored) {
            // not the envelope (a proxy's HTML page, say): show the start of it
        }
        return what + ": " + (body.isEmpty() ? "empty answer" : abbreviate(body));
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    /** POSTs JSON and returns the raw answer bytes (binary downloads), with the same checks as {@link #post}. */
    static VendorHttp.Response postForBytes(VendorHttp http, Map<String, String> headers, String path, String json, String what) {
        Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put("Accept", "application/octet-stream, */*");
        VendorHttp.Response r = http.call("POST", path, null, h, JSON, json);
        if (!r.ok()) throw new VendorCallException(http.vendor(), r.status(), errorText(what, r), r.header("Retry-After"));
        return r;
    }
}
