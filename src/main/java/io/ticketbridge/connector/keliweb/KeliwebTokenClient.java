package io.ticketbridge.connector.keliweb;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorHttp;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keliweb OAuth2 tokens ({@code POST /oauth/token}): password grant first, then refresh_token grants shortly
 * BEFORE the access token expires (a minute early, or halfway for very short lifetimes), falling back to the
 * password grant when the refresh token is refused (expired after 10 days, or revoked). Thread-safe; tokens
 * and credentials never appear in messages.
 */
public final class KeliwebTokenClient {
    static final String TOKEN_PATH = "/oauth/token";
    private static final Duration MAX_SKEW = Duration.ofSeconds(60);

    private record Token(String access, String refresh, Instant renewAt) {
    }

    private final String clientId;
    private final String clientSecret;
    private final String username;
    private final String password;
    private final Clock clock;
    private Token token; // guarded by this

    public KeliwebTokenClient(String clientId, String clientSecret, String username, String password, Clock clock) {
        this.clientId = require(clientId, "clientId");
        this.clientSecret = require(clientSecret, "clientSecret");
        this.username = require(username, "username");
        this.password = require(password, "password");
        this.clock = clock;
    }

    /** A usable access token, fetched or renewed as needed. */
    public synchronized String bearer(VendorHttp http) {
        if (token != null && token.access() != null && clock.instant().isBefore(token.renewAt())) return token.access();
        if (token != null && token.refresh() != null) {
            try {
                token = grant(http, "refresh_token", Map.of("refresh_token", token.refresh()));
                return token.access();
            } catch (VendorCallException e) {
                if (e.transient_()) throw e; // the server is unwell; a password grant would not fare better
                token = null; // refused refresh token: log in again
            }
        }
        token = grant(http, "password", Map.of("username", username, "password", password));
        return token.access();
    }

    /** The API refused {@code access} (401): drop it, keep the refresh token for the next {@link #bearer}. */
    public synchronized void rejected(String access) {
        if (token != null && access != null && access.equals(token.access())) {
            token = new Token(null, token.refresh(), Instant.MIN);
        }
    }

    private Token grant(VendorHttp http, String grantType, Map<String, String> fields) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", grantType);
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        form.putAll(fields);
        Instant asked = clock.instant();
        VendorHttp.Response r = http.postForm(TOKEN_PATH, form, Map.of("Accept", "application/json"));
        String what = "POST " + TOKEN_PATH + " (" + grantType + " grant)";
        if (!r.ok()) {
            throw new VendorCallException(http.vendor(), r.status(), what + ": " + oauthError(r.body()), r.header("Retry-After"));
        }
        JsonNode body;
        try {
            body = TicketJson.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new VendorCallException(http.vendor(), what + ": answer is not valid JSON", null);
        }
        String access = body.path("access_token").asText("");
        long expiresIn = body.path("expires_in").asLong(0);
        if (access.isBlank() || expiresIn <= 0) {
            throw new VendorCallException(http.vendor(), what + ": answer has no access_token/expires_in", null);
        }
        Duration life = Duration.ofSeconds(expiresIn);
        Duration skew = life.dividedBy(2).compareTo(MAX_SKEW) < 0 ? life.dividedBy(2) : MAX_SKEW;
        String refresh = body.path("refresh_token").asText("");
        return new Token(access, refresh.isBlank() ? null : refresh, asked.plus(life).minus(skew));
    }

    /** Passport answers {error, error_description, hint, message}; only those words are repeated, no request data. */
    static String oauthError(String body) {
        try {
            JsonNode n = TicketJson.mapper().readTree(body);
            String error = n.path("error").asText("");
            String text = n.path("error_description").asText(n.path("message").asText(""));
            String hint = n.path("hint").asText("");
            String out = (error.isEmpty() ? "" : error + ": ") + text + (hint.isEmpty() ? "" : " (" + hint + ")");
            if (!out.isBlank()) return out;
        } catch (IOException | RuntimeException e) {
            // not JSON: fall through to a short excerpt
        }
        return KeliwebApi.excerpt(body);
    }

    private static String require(String v, String name) {
        if (v == null || v.isBlank()) throw new IllegalArgumentException("keliweb: " + name + " is required");
        return v;
    }
}
