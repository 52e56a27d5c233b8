package io.ticketbridge.vendor.plusofon;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.vendor.JsonFields;
import io.ticketbridge.vendor.MappingException;
import io.ticketbridge.vendor.Vendor;
import io.ticketbridge.vendor.VendorCallException;
import io.ticketbridge.vendor.VendorHttp;
import io.ticketbridge.vendor.VendorSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Plusofon account's support tickets. The API has no paging and no modified-since filter: a sweep lists
 * the open ({@code state=true}) and then the closed ({@code state=false}) tickets and fetches each one with
 * {@code GET api/v1/ticket/{id}}. {@code state} travels in the query string, as {@code curl -G -d} sends it
 * (a body on a GET is not reliably sent by HTTP clients and proxies). {@code pageSize} is ignored.
 */
public class PlusofonSource extends VendorSource {
    private static final Vendor VENDOR = new PlusofonVendor();
    private final JsonFields fields = new JsonFields(PlusofonVendor.ID);

    private String token;
    private String clientId = PlusofonSandbox.CLIENT;

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
        Set<String> ids = new LinkedHashSet<>(); // a ticket closed between the two calls must not appear twice
        for (String state : List.of("true", "false")) {
            VendorHttp.Response r = requireOk(http, http.get("api/v1/ticket", Map.of("state", state), headers()),
                    resp -> "GET api/v1/ticket?state=" + state + ": " + PlusofonErrors.describeBody(resp.body()));
            ids.addAll(idsOf(r.body(), state));
        }
        return new ArrayList<>(ids);
    }

    /** Ticket ids of a list answer: {@code {"ticket":{...}}}, {@code {"ticket":[...]}}, {@code {}} or {@code []}. */
    List<String> idsOf(String body, String state) {
        JsonNode root;
        try {
            root = TicketJson.mapper().readTree(body);
        } catch (Exception e) {
            throw new MappingException(PlusofonVendor.ID, "$", "ticket list (state=" + state + ") is not valid JSON");
        }
        List<JsonNode> items;
        String path;
        if (root != null && root.isArray()) {
            items = new ArrayList<>();
            root.forEach(items::add);
            path = "$";
        } else {
            fields.requireObject(root, "$");
            items = fields.list(root, "ticket", "$");
            path = "$.ticket";
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item.isContainerNode() && item.isEmpty()) continue;
            String p = path + "[" + i + "]";
            fields.requireObject(item, p);
            JsonNode attrs = item.get("@attributes");
            String id = attrs != null && attrs.isObject() ? fields.text(attrs, "id", p + ".@attributes") : null;
            if (id == null || id.isBlank()) id = fields.requiredText(item, "id", p);
            ids.add(id.strip());
        }
        return ids;
    }

    @Override
    protected String fetchTicket(VendorHttp http, String ticketId) {
        VendorHttp.Response r = http.get("api/v1/ticket/" + ticketId, null, headers());
        if (!r.ok() && PlusofonErrors.isNotFound(r.body())) {
            // reported as code 500 but it is a 404: not worth retrying
            throw new VendorCallException(http.vendor(), 404, "ticket " + ticketId + " not found (Plusofon answered HTTP "
                    + r.status() + ": " + PlusofonErrors.describeBody(r.body()) + ")", null);
        }
        requireOk(http, r, resp -> "GET api/v1/ticket/" + ticketId + ": " + PlusofonErrors.describeBody(resp.body()));
        return r.body();
    }

    /** As the base class, plus the base URL so {@code source.url} is filled in. */
    private Map<String, String> headers() {
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

    // ---- Kamelet-bound properties ----

    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }

    @Override
    public String toString() {
        return "PlusofonSource[baseUrl=" + getBaseUrl() + ", clientId=" + clientId + ", token=***]";
    }
}
