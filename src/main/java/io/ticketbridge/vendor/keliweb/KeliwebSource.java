package io.ticketbridge.vendor.keliweb;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.vendor.JsonFields;
import io.ticketbridge.vendor.Vendor;
import io.ticketbridge.vendor.VendorCallException;
import io.ticketbridge.vendor.VendorHttp;
import io.ticketbridge.vendor.VendorSource;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Keliweb tickets: {@code get-tickets} pages ({@code limitstart}/{@code limitnum}, {@code totalresults} as a
 * string) for the ids, {@code get-ticket} per id. Every call carries a cached OAuth2 bearer, renewed before it
 * expires; a 401 renews it and retries the call once. {@code result: error} answers (HTTP 200 in WHMCS) and
 * non-2xx answers become one {@link VendorCallException} naming the action and the vendor's message.
 */
public class KeliwebSource extends VendorSource {
    static final String API = "/api/v2/keliweb/";
    private static final Vendor VENDOR = new KeliwebVendor();
    private static final JsonFields FIELDS = new JsonFields(KeliwebVendor.ID);

    private String clientId;
    private String clientSecret;
    private String username;
    private String password;
    private Clock clock = Clock.systemUTC();
    private volatile KeliwebTokenClient tokens;

    @Override
    protected Vendor vendor() {
        return VENDOR;
    }

        @Override
    protected Changes listChanges(VendorHttp http, String cursor, java.time.Instant since) {
        // full sweep until this vendor's incremental cursor lands; fingerprints keep unchanged tickets from re-emitting
        return new Changes(listTicketIds(http).stream().map(id -> new Change(id, null)).toList(), null);
    }

    protected List<String> listTicketIds(VendorHttp http) {
        Set<String> ids = new LinkedHashSet<>(); // a ticket moving pages mid-sweep is read once
        int start = 0;
        int limit = Math.max(1, getPageSize());
        while (true) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("limitstart", Integer.toString(start));
            form.put("limitnum", Integer.toString(limit));
            JsonNode page = call(http, "get-tickets", form);
            Long total = FIELDS.longValue(page, "totalresults", "$"); // "1": a string in WHMCS
            JsonNode holder = page.get("tickets");
            List<JsonNode> rows = holder == null || !holder.isObject() ? List.of() : FIELDS.list(holder, "ticket", "$.tickets");
            for (int i = 0; i < rows.size(); i++) {
                String id = FIELDS.requiredText(rows.get(i), "id", "$.tickets.ticket[" + i + "]").strip();
                if (!id.matches("\\d{1,19}")) {
                    throw FIELDS.error("$.tickets.ticket[" + i + "].id", "expected a numeric id but found '" + id + "'");
                }
                ids.add(id);
            }
            start += rows.size();
            if (rows.isEmpty() || total == null || start >= total) break;
        }
        return new ArrayList<>(ids);
    }

    @Override
    protected String fetchTicket(VendorHttp http, String ticketId) {
        return callRaw(http, "get-ticket", Map.of("ticketid", ticketId)).body();
    }

    /** The mapper, knowing the base URL so {@code source.url} can be filled. */
    /** An action's answer after the HTTP and {@code result} checks: raw text and parsed. */
    record Answer(String body, JsonNode json) {
    }

    JsonNode call(VendorHttp http, String action, Map<String, String> form) {
        return callRaw(http, action, form).json();
    }

    private Answer callRaw(VendorHttp http, String action, Map<String, String> form) {
        KeliwebTokenClient t = tokens();
        String bearer = t.bearer(http);
        VendorHttp.Response r = post(http, action, form, bearer);
        if (r.status() == 401) {
            // revoked or expired early (password change, clock skew): renew once and retry
            t.rejected(bearer);
            r = post(http, action, form, t.bearer(http));
        }
        requireOk(http, r, x -> "POST " + API + action + ": " + message(x.body()));
        JsonNode n;
        try {
            n = TicketJson.mapper().readTree(r.body());
        } catch (IOException e) {
            // a cut answer is worth a retry: status 0 marks it transient
            throw new VendorCallException(http.vendor(), "POST " + API + action + ": answer is not valid JSON ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        if (n == null || !n.isObject()) {
            throw new VendorCallException(http.vendor(), "POST " + API + action + ": answer is not a JSON object", null);
        }
        String result = n.path("result").asText("");
        if (!result.equalsIgnoreCase("success")) {
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

    private KeliwebTokenClient tokens() {
        KeliwebTokenClient t = tokens;
        if (t == null) {
            synchronized (this) {
                if (tokens == null) tokens = new KeliwebTokenClient(clientId, clientSecret, username, password, clock);
                t = tokens;
            }
        }
        return t;
    }

    /** For tests: the clock token expiry is judged by. */
    void setClock(Clock clock) {
        this.clock = clock;
    }

    // ---- Kamelet-bound properties ----

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
}
