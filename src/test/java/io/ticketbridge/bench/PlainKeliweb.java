package io.ticketbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keliweb's calls over a plain {@link HttpClient}: one OAuth2 password grant, then form POSTs to
 * {@code /api/v2/keliweb/<action>} with the bearer; an answer that is not {@code result: success} fails the run.
 */
final class PlainKeliweb {
    private final HttpClient http;
    private final ObjectMapper json;
    private final String baseUrl;
    private final String bearer;

    private PlainKeliweb(HttpClient http, ObjectMapper json, String baseUrl, String bearer) {
        this.http = http;
        this.json = json;
        this.baseUrl = baseUrl;
        this.bearer = bearer;
    }

    /** {@code POST /oauth/token} (password grant) for the account's clientId, clientSecret, username, password. */
    static PlainKeliweb login(HttpClient http, ObjectMapper json, Map<String, String> account) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", account.get("clientId"));
        form.put("client_secret", account.get("clientSecret"));
        form.put("username", account.get("username"));
        form.put("password", account.get("password"));
        HttpResponse<byte[]> r = http.send(post(account.get("baseUrl") + "/oauth/token", form)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new IOException("keliweb: POST /oauth/token answered " + r.statusCode());
        return new PlainKeliweb(http, json, account.get("baseUrl"), json.readTree(r.body()).path("access_token").asText());
    }

    JsonNode call(String action, Map<String, String> form) throws IOException, InterruptedException {
        HttpRequest request = post(baseUrl + "/api/v2/keliweb/" + action, form)
                .header("Authorization", "Bearer " + bearer)
                .header("X-Requested-With", "XMLHttpRequest")
                .header("Accept", "application/json").build();
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode answer = r.statusCode() == 200 ? json.readTree(r.body()) : null;
        if (answer == null || !"success".equals(answer.path("result").asText())) {
            throw new IOException("keliweb: " + action + " answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
        }
        return answer;
    }

    /** How many tickets the account holds ({@code get-tickets} with one row: its {@code totalresults}). */
    int ticketCount() throws IOException, InterruptedException {
        return Integer.parseInt(call("get-tickets", Map.of("limitnum", "1")).path("totalresults").asText());
    }

    private static HttpRequest.Builder post(String url, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> {
            if (body.length() > 0) body.append('&');
            body.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }
}
