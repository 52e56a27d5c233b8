package io.ticketbridge.connector.thulium;

import io.ticketbridge.connector.VendorCallException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The Thulium API user the source and the sink share, as HTTP Basic; the password never leaves this header
 * (the beans' toString shows the username only).
 */
final class ThuliumAuth {
    String username;
    String password;

    /** Who calls: the API user (the account's request budget is per user). */
    String user() {
        return username == null ? "" : username;
    }

    Map<String, String> headers() {
        if (username == null || username.isBlank() || password == null) {
            throw new VendorCallException(ThuliumVendor.ID, "username and password must be set (HTTP Basic)", null);
        }
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Map.of("Authorization", "Basic " + token);
    }
}
