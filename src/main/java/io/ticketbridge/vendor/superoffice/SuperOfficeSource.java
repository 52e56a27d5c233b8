package io.ticketbridge.vendor.superoffice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.vendor.Vendor;
import io.ticketbridge.vendor.VendorCallException;
import io.ticketbridge.vendor.VendorHttp;
import io.ticketbridge.vendor.VendorSource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a SuperOffice Service tenant. Ticket ids come from the OData archive {@code GET /api/v1/Ticket}, ordered by
 * ticketId (stable while tickets change during a sweep) and paged with {@code $top}/{@code $skip} by following
 * {@code odata.nextLink}. A ticket is {@code GET /api/v1/Ticket/{id}} with its {@code Messages} summaries replaced by
 * the full {@code TicketMessageEntity} list of {@code POST Agents/Ticket/GetTicketMessageEntities}: the
 * "TicketEntity with expanded Messages" {@link SuperOfficeTicketMapper} reads.
 *
 * <p>Authentication ({@code authMethod}): {@code basic} (username/password), {@code bearer} (token) or
 * {@code soticket} (token = the SOTicket credential, plus appToken sent as {@code SO-AppToken}). Secrets never
 * appear in logs or exception messages.
 */
public class SuperOfficeSource extends VendorSource {
    private static final String LIST_PATH = "/api/v1/Ticket";
    private static final String JSON = "application/json; charset=utf-8";

    private String authMethod = "basic";
    private String username;
    private String password;
    private String token;
    private String appToken;
    private String soTimeZone = "";
    private static final Vendor VENDOR = new SuperOfficeVendor();

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
        Set<String> ids = new LinkedHashSet<>();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("$select", "ticketId");
        query.put("$orderBy", "ticketId asc");
        query.put("$top", Integer.toString(Math.max(1, getPageSize())));
        query.put("$skip", "0");
        while (query != null) {
            String what = "GET " + LIST_PATH + " ($skip=" + query.getOrDefault("$skip", "0") + ")";
            VendorHttp.Response r = requireOk(http, http.get(LIST_PATH, query, headers()), x -> errorText(what, x));
            JsonNode page = parse(http, what, r.body());
            JsonNode rows = page.path("value");
            if (!rows.isArray()) throw new VendorCallException(http.vendor(), what + ": answer has no 'value' list", null);
            int before = ids.size();
            for (JsonNode row : rows) {
                JsonNode key = row.hasNonNull("PrimaryKey") ? row.get("PrimaryKey") : row.get("ticketId");
                if (key == null || !key.asText().matches("\\d{1,18}")) {
                    throw new VendorCallException(http.vendor(), what + ": row without a ticket id: " + abbreviate(row.toString()), null);
                }
                ids.add(key.asText());
            }
            JsonNode next = page.get("odata.nextLink");
            // a next page that adds nothing would loop for ever: stop there
            query = next == null || next.isNull() || next.asText().isBlank() || ids.size() == before ? null
                    : nextQuery(http, next.asText());
        }
        return new ArrayList<>(ids);
    }

    @Override
    protected String fetchTicket(VendorHttp http, String ticketId) {
        String what = "GET " + LIST_PATH + "/" + ticketId;
        VendorHttp.Response r = requireOk(http, http.get(LIST_PATH + "/" + ticketId, Map.of(), headers()), x -> errorText(what, x));
        JsonNode node = parse(http, what, r.body());
        if (!node.isObject()) throw new VendorCallException(http.vendor(), what + ": answer is not a TicketEntity object", null);
        ObjectNode entity = (ObjectNode) node;
        ArrayNode messageIds = TicketJson.mapper().createArrayNode();
        for (JsonNode summary : entity.path("Messages")) {
            JsonNode id = summary.get("TicketMessageId");
            if (id != null && id.canConvertToLong()) messageIds.add(id.asLong());
        }
        ArrayNode full = TicketJson.mapper().createArrayNode();
        if (!messageIds.isEmpty()) {
            ObjectNode request = TicketJson.mapper().createObjectNode();
            request.put("TicketId", Long.parseLong(ticketId));
            request.set("MessageIds", messageIds);
            String call = "POST /api/v1/Agents/Ticket/GetTicketMessageEntities (ticket " + ticketId + ")";
            VendorHttp.Response m = requireOk(http, http.call("POST", "/api/v1/Agents/Ticket/GetTicketMessageEntities",
                    null, headers(), JSON, request.toString()), x -> errorText(call, x));
            JsonNode list = parse(http, call, m.body());
            if (!list.isArray()) throw new VendorCallException(http.vendor(), call + ": answer is not a list", null);
            full = (ArrayNode) list;
        }
        entity.set("Messages", full);
        return entity.toString();
    }

    /** Headers of every call. Fails naming the missing property, never its value. */
    Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Accept", "application/json");
        String method = authMethod == null ? "basic" : authMethod.strip().toLowerCase(Locale.ROOT);
        switch (method) {
            case "basic" -> {
                require("username", username);
                require("password", password);
                h.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            case "bearer" -> {
                require("token", token);
                h.put("Authorization", "Bearer " + token.strip());
            }
            case "soticket" -> {
                require("token", token);
                require("appToken", appToken);
                h.put("Authorization", "SOTicket " + token.strip());
                h.put("SO-AppToken", appToken.strip());
            }
            default -> throw new IllegalArgumentException("superoffice: authMethod must be basic, bearer or soticket, got '"
                    + authMethod + "'");
        }
        if (soTimeZone != null && !soTimeZone.isBlank()) h.put("SO-TimeZone", soTimeZone.strip());
        return h;
    }

    private void require(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("superoffice: authMethod=" + authMethod + " needs the '" + property + "' property");
        }
    }

    /** The next page's query, from an odata.nextLink that must point at this tenant's ticket archive. */
    private Map<String, String> nextQuery(VendorHttp http, String link) {
        URI next;
        URI base;
        try {
            next = URI.create(link);
            base = URI.create(getBaseUrl().endsWith("/") ? getBaseUrl().substring(0, getBaseUrl().length() - 1) : getBaseUrl());
        } catch (IllegalArgumentException e) {
            throw new VendorCallException(http.vendor(), "odata.nextLink is not a URL: " + abbreviate(link), null);
        }
        String expectedPath = (base.getRawPath() == null ? "" : base.getRawPath()) + LIST_PATH;
        boolean sameTenant = next.isAbsolute()
                ? next.getScheme().equalsIgnoreCase(base.getScheme()) && next.getHost() != null
                        && next.getHost().equalsIgnoreCase(base.getHost()) && next.getPort() == base.getPort()
                        && expectedPath.equalsIgnoreCase(next.getRawPath())
                : expectedPath.equalsIgnoreCase(next.getRawPath()) || LIST_PATH.equalsIgnoreCase(next.getRawPath());
        // a link must never steer the connector (and its credentials) somewhere else
        if (!sameTenant) throw new VendorCallException(http.vendor(), "odata.nextLink leaves the ticket archive: " + abbreviate(link), null);
        Map<String, String> q = new LinkedHashMap<>();
        String raw = next.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) continue;
                int eq = pair.indexOf('=');
                q.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private static JsonNode parse(VendorHttp http, String what, String body) {
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

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }

    // ---- Kamelet-bound properties ----

    public String getAuthMethod() { return authMethod; }
    public void setAuthMethod(String authMethod) { this.authMethod = authMethod; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getAppToken() { return appToken; }
    public void setAppToken(String appToken) { this.appToken = appToken; }
    public String getSoTimeZone() { return soTimeZone; }
    public void setSoTimeZone(String soTimeZone) { this.soTimeZone = soTimeZone; }

    @Override
    public String toString() {
        return "SuperOfficeSource[" + getBaseUrl() + ", authMethod=" + authMethod + "]"; // no secrets
    }
}
