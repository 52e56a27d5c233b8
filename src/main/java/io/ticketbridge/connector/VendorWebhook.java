package io.ticketbridge.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.UnaryOperator;

/**
 * A vendor's webhook deliveries, as the {@code helpdesk:<vendor>?operation=webhook} consumer receives them: is a
 * request really from the vendor, and which change of which ticket does it announce. A webhook is a hint: the
 * consumer then fetches the ticket by id, as {@code operation=fetch} does. One per vendor folder
 * ({@code <Vendor>Webhook}); a vendor without webhooks has none ({@link Connector#newWebhook()} is null).
 */
public interface VendorWebhook {

    /** What the endpoint was configured with to recognise the vendor (empty strings when not set). */
    record Credentials(String secret, String username, String password) {
    }

    /**
     * A parsed delivery. {@code test}: the vendor checks the URL (answered 200, nothing processed). Otherwise the
     * ticket and a marker of the change it announces: one change is processed once, whatever the event id.
     */
    record Event(boolean test, String ticketId, String changeMarker, String eventId, String name) {
        public static Event testEvent(String eventId) {
            return new Event(true, null, null, eventId, "test");
        }
    }

    /**
     * Null when the request carries valid proof of its sender, else why not (for the 401 and the log; never
     * containing a credential). {@code header} looks headers up by name, case-insensitively.
     */
    String rejection(UnaryOperator<String> header, byte[] body, Credentials credentials);

    /** The 401's WWW-Authenticate value, or null for none. */
    default String challenge() {
        return null;
    }

    /** The event an authentic request carries; a {@link MappingException} naming the JSON path when it is none. */
    Event parse(UnaryOperator<String> header, byte[] body);

    /** Equal strings, compared in time that does not depend on where they differ. */
    static boolean sameSecret(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /** The body as a JSON object, or a {@link MappingException} for {@code vendor}. */
    static JsonNode jsonObject(String vendor, byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new MappingException(vendor, "$", "webhook body is not JSON: " + firstLine(e.getMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new MappingException(vendor, "$", "webhook body must be a JSON object, found " + JsonFields.describe(root));
        }
        return root;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** One shared, thread-safe reader. */
    final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {
        }
    }
}
