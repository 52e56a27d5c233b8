package io.ticketbridge.connector.thulium;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.connector.JsonFields;
import io.ticketbridge.connector.VendorWebhook;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Thulium webhooks (POST /api/webhooks): the only protection Thulium offers is HTTP Basic with the
 * {@code http_auth_user}/{@code http_auth_password} given at registration, and its ticket event names and payloads
 * are not public. So any JSON object naming a ticket is accepted; the ticket id is looked for, in this order, in
 * {@code ticket_id}, {@code ticketId}, {@code ticket.ticket_id}, {@code ticket.id}, {@code data.ticket_id},
 * {@code data.ticketId}, {@code data.ticket.ticket_id}, {@code data.ticket.id} (an integer, or digits as a string).
 * The change marker is the {@code updated_at} next to the id when there is one, else a hash of the body: the same
 * delivery sent twice is processed once.
 */
public final class ThuliumWebhook implements VendorWebhook {
    /** Where the ticket id may be: the object holding it (empty = the root) and the field name. */
    private static final List<String[]> ID_PLACES = List.of(
            new String[] {"", "ticket_id"}, new String[] {"", "ticketId"},
            new String[] {"ticket", "ticket_id"}, new String[] {"ticket", "id"},
            new String[] {"data", "ticket_id"}, new String[] {"data", "ticketId"},
            new String[] {"data.ticket", "ticket_id"}, new String[] {"data.ticket", "id"});
    private final JsonFields json = new JsonFields(ThuliumConnector.ID);

    @Override
    public String rejection(UnaryOperator<String> header, byte[] body, Credentials credentials) {
        if (credentials.username().isEmpty() || credentials.password().isEmpty()) {
            return "no webhookUsername/webhookPassword is configured for this webhook: every delivery is refused";
        }
        String auth = header.apply("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) return "HTTP Basic credentials are missing";
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(auth.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "HTTP Basic credentials are not base64";
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) return "HTTP Basic credentials must be user:password";
        // both compared, whatever the first gives: the time says nothing about which one is wrong
        boolean user = VendorWebhook.sameSecret(decoded.substring(0, colon), credentials.username());
        boolean pass = VendorWebhook.sameSecret(decoded.substring(colon + 1), credentials.password());
        return user & pass ? null : "wrong HTTP Basic user name or password";
    }

    @Override
    public String challenge() {
        return "Basic realm=\"TicketBridge Thulium webhook\", charset=\"UTF-8\"";
    }

    @Override
    public Event parse(UnaryOperator<String> header, byte[] body) {
        JsonNode root = VendorWebhook.jsonObject(ThuliumConnector.ID, body);
        for (String[] place : ID_PLACES) {
            JsonNode holder = root;
            for (String step : place[0].isEmpty() ? new String[0] : place[0].split("\\.")) holder = holder.path(step);
            String path = "$." + (place[0].isEmpty() ? "" : place[0] + ".") + place[1];
            JsonNode id = holder.get(place[1]);
            if (id == null || id.isNull()) continue;
            String text = id.isValueNode() ? id.asText().strip() : "";
            if (!text.matches("\\d{1,18}")) {
                throw json.error(path, "expected a ticket id (a positive integer), found " + JsonFields.describe(id));
            }
            String updated = json.text(holder, "updated_at", path.replaceAll("[^.]+$", "updated_at"));
            String marker = updated != null && !updated.isBlank() ? updated.strip() : "sha256:" + sha256(body);
            String name = json.text(root, "action", "$.action");
            if (name == null) name = json.text(root, "event", "$.event");
            return new Event(false, text, marker, null, name == null ? "ticket" : name);
        }
        throw json.error("$", "no ticket id found (looked for ticket_id, ticketId, ticket.ticket_id, ticket.id, "
                + "data.ticket_id, data.ticketId, data.ticket.ticket_id, data.ticket.id)");
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
