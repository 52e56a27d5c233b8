package io.ticketbridge.vendor.thulium;

import io.ticketbridge.vendor.VendorCallException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** HTTP Basic for a Thulium API user, shared by the source and the sink; the password never leaves this header. */
final class ThuliumAuth {
    private ThuliumAuth() {
    }

    static Map<String, String> basic(String username, String password) {
        if (username == null || username.isBlank() || password == null) {
            throw new VendorCallException(ThuliumVendor.ID, "username and password must be set (HTTP Basic)", null);
        }
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return Map.of("Authorization", "Basic " + token);
    }
}
