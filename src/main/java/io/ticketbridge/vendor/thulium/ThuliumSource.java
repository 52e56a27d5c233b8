package io.ticketbridge.vendor.thulium;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.vendor.JsonFields;
import io.ticketbridge.vendor.Vendor;
import io.ticketbridge.vendor.VendorCallException;
import io.ticketbridge.vendor.VendorHttp;
import io.ticketbridge.vendor.VendorSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Thulium read side for the {@code thulium-source} Kamelet: lists ticket ids with {@code GET /api/tickets}
 * (limit/offset paging) and reads each with {@code GET /api/tickets/:id?include_custom_fields=true}, HTTP Basic.
 *
 * <p>The list is sorted by modification date, newest first, so a ticket modified (or created) during a sweep
 * jumps to the front and pushes the rest one place down. That shows as an id seen twice; when it happens the
 * sweep runs again (at most {@value #MAX_SWEEPS} times in all) and the ids are merged, so the ticket that jumped
 * over the read position is not missed.
 */
public class ThuliumSource extends VendorSource {
    static final int MAX_SWEEPS = 3;
    private static final ThuliumVendor VENDOR = new ThuliumVendor();

    private String username;
    private String password;

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
        int limit = getPageSize();
        if (limit < 1 || limit > ThuliumSandbox.MAX_LIMIT) {
            throw new IllegalArgumentException("thulium: pageSize must be between 1 and 100 (Thulium's maximum), got " + limit);
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int sweep = 1; sweep <= MAX_SWEEPS; sweep++) {
            if (!sweep(http, limit, ids)) break;
        }
        return new ArrayList<>(ids);
    }

    /** One pass over every page; true when the list moved under it (an id came twice or the count changed). */
    private boolean sweep(VendorHttp http, int limit, Set<String> ids) {
        Set<String> seen = new LinkedHashSet<>();
        boolean moved = false;
        long firstCount = -1;
        for (int offset = 0; ; offset += limit) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("limit", Integer.toString(limit));
            query.put("offset", Integer.toString(offset));
            VendorHttp.Response r = requireOk(http, http.get("/api/tickets", query, auth()),
                    res -> "GET /api/tickets: " + ThuliumErrors.describe(res.body()));
            JsonNode page = parse(r.body(), "GET /api/tickets");
            JsonFields f = new JsonFields(ThuliumVendor.ID);
            Long count = f.longValue(page, "count", "$");
            List<JsonNode> tickets = f.list(page, "tickets", "$");
            if (count == null) throw f.error("$.count", "the list answer has no total count");
            if (firstCount < 0) firstCount = count;
            moved |= count != firstCount;
            for (int i = 0; i < tickets.size(); i++) {
                String id = Long.toString(f.longValue(tickets.get(i), "ticket_id", "$.tickets[" + i + "]"));
                moved |= !seen.add(id);
            }
            // stop on a short page or when the total is reached, whichever comes first
            if (tickets.size() < limit || offset + limit >= count) break;
        }
        ids.addAll(seen);
        return moved;
    }

    @Override
    protected String fetchTicket(VendorHttp http, String ticketId) {
        VendorHttp.Response r = requireOk(http,
                http.get("/api/tickets/" + ticketId, Map.of("include_custom_fields", "true"), auth()),
                res -> "GET /api/tickets/" + ticketId + ": " + ThuliumErrors.describe(res.body()));
        return r.body();
    }

    private Map<String, String> auth() {
        if (username == null || username.isBlank() || password == null) {
            throw new VendorCallException(ThuliumVendor.ID, "username and password must be set (HTTP Basic)", null);
        }
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Map.of("Authorization", "Basic " + token);
    }

    private static JsonNode parse(String body, String call) {
        try {
            return TicketJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new VendorCallException(ThuliumVendor.ID, call + ": answer is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    // ---- Kamelet-bound properties ----

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }

    @Override
    public String toString() {
        return "ThuliumSource[baseUrl=" + getBaseUrl() + ", username=" + username + "]"; // never the password
    }
}
