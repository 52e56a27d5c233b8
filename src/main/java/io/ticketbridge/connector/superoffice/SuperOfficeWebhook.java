package io.ticketbridge.connector.superoffice;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.connector.JsonFields;
import io.ticketbridge.connector.MappingException;
import io.ticketbridge.connector.VendorWebhook;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SuperOffice webhooks (docs: automation/webhook): {@code X-SuperOffice-Signature} is
 * base64(HMAC-SHA256(key = the webhook's Secret, message = the raw body)); the registration check is a
 * {@code test} event ({@code X-Hook-Test: true}); ticket events are {@code ticket.created} and {@code ticket.changed}
 * with the ticket id in {@code PrimaryKey}. SuperOffice retries a failed delivery with the same EventId and later
 * with a new one, so the change marker is {@code FieldValues.last_changed} (NetServer 10.2.11+), else the event's
 * {@code Timestamp}.
 */
public final class SuperOfficeWebhook implements VendorWebhook {
    public static final String SIGNATURE_HEADER = "X-SuperOffice-Signature";
    public static final String TEST_HEADER = "X-Hook-Test";
    private static final Set<String> TICKET_EVENTS = Set.of("ticket.created", "ticket.changed");
    private final JsonFields json = new JsonFields(SuperOfficeTicketMapper.VENDOR);

    @Override
    public String rejection(UnaryOperator<String> header, byte[] body, Credentials credentials) {
        if (credentials.secret().isEmpty()) return "no secret is configured for this webhook: every delivery is refused";
        String given = header.apply(SIGNATURE_HEADER);
        if (given == null || given.isBlank()) return SIGNATURE_HEADER + " header is missing";
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(given.strip());
        } catch (IllegalArgumentException e) {
            return SIGNATURE_HEADER + " is not base64";
        }
        return MessageDigest.isEqual(claimed, sign(credentials.secret(), body)) ? null
                : SIGNATURE_HEADER + " does not match the body (wrong secret, or the body was changed)";
    }

    /** HMAC-SHA256 of the body with the secret, as SuperOffice signs it. */
    public static byte[] sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    @Override
    public Event parse(UnaryOperator<String> header, byte[] body) {
        JsonNode root = VendorWebhook.jsonObject(SuperOfficeTicketMapper.VENDOR, body);
        String eventId = json.text(root, "EventId", "$.EventId");
        String event = json.text(root, "Event", "$.Event");
        if ("true".equalsIgnoreCase(String.valueOf(header.apply(TEST_HEADER)).strip()) || "test".equals(event)) {
            return Event.testEvent(eventId);
        }
        if (event == null) throw json.error("$.Event", "missing: not a SuperOffice webhook event");
        if (!TICKET_EVENTS.contains(event)) {
            throw json.error("$.Event", "'" + event + "' is not a ticket event (ticket.created, ticket.changed)");
        }
        String entity = json.text(root, "Entity", "$.Entity");
        if (entity != null && !"ticket".equalsIgnoreCase(entity)) throw json.error("$.Entity", "expected ticket, found '" + entity + "'");
        String id = json.text(root, "PrimaryKey", "$.PrimaryKey");
        if (id == null || !id.strip().matches("\\d{1,18}")) {
            throw json.error("$.PrimaryKey", "expected the ticket id (a positive integer), found " + JsonFields.describe(root.get("PrimaryKey")));
        }
        String changed = json.text(root.path("FieldValues"), "last_changed", "$.FieldValues.last_changed");
        String marker = changed != null && !changed.isBlank() ? changed : json.text(root, "Timestamp", "$.Timestamp");
        if (marker == null || marker.isBlank()) {
            throw new MappingException(SuperOfficeTicketMapper.VENDOR, "$.FieldValues.last_changed",
                    "missing, and so is $.Timestamp: the change cannot be identified");
        }
        return new Event(false, id.strip(), marker.strip(), eventId, event);
    }
}
