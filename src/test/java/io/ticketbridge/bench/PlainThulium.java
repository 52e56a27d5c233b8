package io.ticketbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Thulium's read calls over a plain {@link HttpClient}: HTTP Basic, JSON answers parsed with Jackson. */
final class PlainThulium {
    private final HttpClient http;
    private final String baseUrl;
    private final String authorization;
    private final ObjectMapper json;

    PlainThulium(HttpClient http, ObjectMapper json, Map<String, String> account) {
        this.http = http;
        this.json = json;
        this.baseUrl = account.get("baseUrl");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (account.get("username") + ":" + account.get("password")).getBytes(StandardCharsets.UTF_8));
    }

    /** GET {@code path?query}; anything but a 200 fails the run. */
    JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .header("Authorization", authorization).GET().build();
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) throw new IOException("thulium: GET " + pathAndQuery + " answered " + r.statusCode());
        return json.readTree(r.body());
    }
}
