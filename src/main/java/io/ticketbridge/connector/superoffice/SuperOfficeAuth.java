package io.ticketbridge.connector.superoffice;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The credentials the source and the sink share, and the headers every call carries. {@code authMethod}:
 * {@code basic} (username/password), {@code bearer} (token) or {@code soticket} (token + appToken sent as
 * {@code SO-AppToken}). A missing property fails naming the property, never a value.
 */
final class SuperOfficeAuth {
    String authMethod = "basic";
    String username;
    String password;
    String token;
    String appToken;
    String soTimeZone = "";

    /** Who calls: the user, or the token that stands for one (hashed by the request budget, never shown). */
    String user() {
        return "basic".equalsIgnoreCase(authMethod == null ? "basic" : authMethod.strip()) ? username : token;
    }

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
}
