package io.ticketbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Each vendor's own create-ticket call and list API over raw HTTP, as a client of the real API would make them,
 * with the credentials the sandbox prints: what a test uses to write through a fault and read the tenant back.
 */
final class VendorWire {
    private final HttpClient client = HttpClient.newHttpClient();
    private final Sandbox sandbox;
    private String keliwebToken;

    VendorWire(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    private Map<String, String> credentials(String vendor) {
        return sandbox.simulator(vendor).credentials();
    }

    /** The request that creates one ticket titled {@code subject} (not sent). */
    HttpRequest create(String vendor, String subject) throws IOException, InterruptedException {
        Map<String, String> c = credentials(vendor);
        String base = sandbox.baseUrl(vendor);
        return switch (vendor) {
            case "thulium" -> json(base + "/api/tickets", basic(c.get("username"), c.get("password")),
                    Map.of("to", thuliumMailbox(), "from", "lost.answer@example.com", "subject", subject, "body", "Opening text"))
                    .build();
            case "plusofon" -> json(base + "/api/v1/ticket", "Bearer " + c.get("token"),
                    Map.of("subject", subject, "description", "Opening text")).header("Client", c.get("clientId")).build();
            case "keliweb" -> keliwebAction("open-ticket", Map.of("deptid", "1", "subject", subject, "message", "Opening text"));
            case "superoffice" -> json(base + "/api/v1/Agents/Ticket/SaveTicketEntity", basic(c.get("username"), c.get("password")),
                    Map.of("TicketId", 0, "Title", subject)).build();
            default -> throw new IllegalArgumentException(vendor);
        };
    }

    /** Sends a request; the body as text (IOException when the connection failed or closed mid-answer). */
    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Every ticket subject the vendor's list API returns, page by page as the API pages. */
    List<String> subjects(String vendor) throws IOException, InterruptedException {
        Map<String, String> c = credentials(vendor);
        String base = sandbox.baseUrl(vendor);
        List<String> out = new ArrayList<>();
        switch (vendor) {
            case "thulium" -> {
                long count = Long.MAX_VALUE;
                for (int offset = 0; offset < count; offset += 100) {
                    JsonNode page = read(get(base + "/api/tickets?limit=100&offset=" + offset)
                            .header("Authorization", basic(c.get("username"), c.get("password"))).build());
                    count = page.get("count").asLong();
                    page.get("tickets").forEach(t -> out.add(t.get("subject").asText()));
                    if (page.get("tickets").isEmpty()) break;
                }
            }
            case "plusofon" -> {
                for (String state : List.of("true", "false")) { // open and closed: Plusofon lists one state per call
                    JsonNode list = read(get(base + "/api/v1/ticket?state=" + state).header("Client", c.get("clientId"))
                            .header("Authorization", "Bearer " + c.get("token")).build()).get("ticket");
                    if (list.isObject()) out.add(list.get("subject").asText());
                    else list.forEach(t -> out.add(t.get("subject").asText()));
                }
            }
            case "keliweb" -> {
                long total = Long.MAX_VALUE;
                for (int start = 0; start < total; start += 100) {
                    JsonNode page = read(keliwebAction("get-tickets", Map.of("limitstart", Integer.toString(start), "limitnum", "100")));
                    total = page.get("totalresults").asLong();
                    page.path("tickets").path("ticket").forEach(t -> out.add(t.get("subject").asText()));
                    if (page.get("numreturned").asInt() == 0) break;
                }
            }
            case "superoffice" -> {
                String url = base + "/api/v1/Ticket?$select=title&$orderBy=ticketId&$top=200";
                while (url != null) {
                    JsonNode page = read(get(url).header("Authorization", basic(c.get("username"), c.get("password"))).build());
                    page.get("value").forEach(t -> out.add(t.get("title").asText()));
                    url = page.get("odata.nextLink").isNull() ? null : page.get("odata.nextLink").asText();
                }
            }
            default -> throw new IllegalArgumentException(vendor);
        }
        return out;
    }

    private JsonNode read(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = send(request);
        if (r.statusCode() / 100 != 2) throw new IOException(request.uri() + " answered " + r.statusCode() + ": " + r.body());
        return SimExchange.JSON.readTree(r.body());
    }

    /** Keliweb: every action is a form POST with a Bearer token from the password grant. */
    private HttpRequest keliwebAction(String action, Map<String, String> form) throws IOException, InterruptedException {
        Map<String, String> c = credentials("keliweb");
        String base = sandbox.baseUrl("keliweb");
        if (keliwebToken == null) {
            Map<String, String> grant = new LinkedHashMap<>();
            grant.put("grant_type", "password");
            grant.put("client_id", c.get("clientId"));
            grant.put("client_secret", c.get("clientSecret"));
            grant.put("username", c.get("username"));
            grant.put("password", c.get("password"));
            keliwebToken = read(form(base + "/oauth/token", grant).build()).get("access_token").asText();
        }
        return form(base + "/api/v2/keliweb/" + action, form).header("Authorization", "Bearer " + keliwebToken).build();
    }

    /** A mailbox the Thulium tenant has configured: the seed queue named after one. */
    private static String thuliumMailbox() {
        return SeedStories.all().stream().map(SeedStories.Story::queue).filter(q -> q.contains("@")).findFirst().orElseThrow();
    }

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).GET();
    }

    private static HttpRequest.Builder json(String url, String auth, Map<String, Object> body) throws IOException {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SimExchange.JSON.writeValueAsBytes(body)));
    }

    private static HttpRequest.Builder form(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
