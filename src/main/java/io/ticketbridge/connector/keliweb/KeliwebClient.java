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
 * One Keliweb account's calls, for KeliwebSource and KeliwebSink: {@code POST /api/v2/keliweb/<action>} with form
 * fields and a cached OAuth2 bearer from the credentials of its {@link KeliwebSettings} (renewed before it expires;
 * a 401 renews it and retries the call once). {@code result: error} answers (HTTP 200 in WHMCS) and non-2xx answers
 * become one {@link VendorCallException} naming the action and the vendor's message — never a field that was sent.
 */
final class KeliwebClient {
    static final String API = "/api/v2/keliweb/";

    /** An action's answer after the HTTP and {@code result} checks: raw text and parsed. */
    record Answer(String body, JsonNode json) {
    }

    private final KeliwebSettings settings;
    private volatile Tokens tokens;

    KeliwebClient(KeliwebSettings settings) {
        this.settings = settings;
    }

    /** The token cache, made on first use from the credentials as configured by then. */
    private Tokens tokens() {
        Tokens t = tokens;
        if (t == null) {
            synchronized (this) {
                if (tokens == null) {
                    tokens = new Tokens(settings.getClientId(), settings.getClientSecret(), settings.getUsername(),
                            settings.getPassword(), settings.clock());
                }
                t = tokens;
            }
        }
        return t;
    }

    JsonNode call(VendorHttp http, String action, Map<String, String> form) {
        return callRaw(http, action, form).json();
    }

    Answer callRaw(VendorHttp http, String action, Map<String, String> form) {
        Tokens tokens = tokens();
        String bearer = tokens.bearer(http);
        VendorHttp.Response r = post(http, action, form, bearer);
        if (r.status() == 401) {
            // revoked or expired early (password change, clock skew): renew once and retry
            tokens.rejected(bearer);
            r = post(http, action, form, tokens.bearer(http));
        }
        if (!r.ok()) {
            throw new VendorCallException(http.vendor(), r.status(), "POST " + API + action + ": " + message(r.body()),
                    r.header("Retry-After"));
        }
        JsonNode n;
        try {
            n = TicketJson.mapper().readTree(r.body());
        } catch (IOException e) {
            // a cut answer: status 0 marks it transient (the caller decides whether a retry is safe)
            throw new VendorCallException(http.vendor(), "POST " + API + action + ": answer is not valid JSON ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        if (n == null || !n.isObject()) {
            throw new VendorCallException(http.vendor(), "POST " + API + action + ": answer is not a JSON object", null);
        }
        if (!n.path("result").asText("").equalsIgnoreCase("success")) {
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

    /**
     * Keliweb OAuth2 tokens ({@code POST /oauth/token}): password grant first, then refresh_token grants shortly
     * BEFORE the access token expires (a minute early, or halfway for very short lifetimes), falling back to the
     * password grant when the refresh token is refused (expired after 10 days, or revoked). Thread-safe; tokens
     * and credentials never appear in messages.
     */
    static final class Tokens {
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

        Tokens(String clientId, String clientSecret, String username, String password, Clock clock) {
            this.clientId = require(clientId, "clientId");
            this.clientSecret = require(clientSecret, "clientSecret");
            this.username = require(username, "username");
            this.password = require(password, "password");
            this.clock = clock;
        }

        /** A usable access token, fetched or renewed as needed. */
        synchronized String bearer(VendorHttp http) {
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
        synchronized void rejected(String access) {
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
            return excerpt(body);
        }

        private static String require(String v, String name) {
            if (v == null || v.isBlank()) throw new IllegalArgumentException("keliweb: " + name + " is required");
            return v;
        }
    }
}
