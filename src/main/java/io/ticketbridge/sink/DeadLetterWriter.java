package io.ticketbridge.sink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.VendorSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps what could not be handled: one JSON file per failure under {@code <directory>/<system>/} with the raw
 * payload (or canonical ticket), the step, the error and when. Logs one line naming vendor, ticket and reason.
 * The route goes on with the next ticket. The file is named by ticket and a hash of payload and reason, so the
 * same ticket failing the same way on every poll keeps one file (refreshed) instead of piling up copies.
 */
public class DeadLetterWriter {
    /** Exchange property naming the step that failed (fetch, map, route); else the route that failed is named. */
    public static final String PROPERTY_STEP = "TicketBridgeFailedStep";
    /** Exchange property: the user's route the ticket failed in (logged and kept); else the exchange's route id. */
    public static final String PROPERTY_ROUTE = "TicketBridgeFailedRoute";
    /** Exchange property: within step {@code route}, the endpoint that failed. */
    public static final String PROPERTY_AT = "TicketBridgeFailedAt";
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterWriter.class);
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private String directory = "data/dead-letter";

    public void write(Exchange exchange) {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (error == null) error = exchange.getException();
        String system = safe(exchange.getIn().getHeader(VendorSource.HEADER_SYSTEM, String.class), "unknown");
        String ticketId = safe(exchange.getIn().getHeader(VendorSource.HEADER_TICKET_ID, String.class), "none");
        Object body = exchange.getIn().getBody();

        ObjectNode letter = TicketJson.mapper().createObjectNode();
        letter.put("at", Instant.now().toString());
        letter.put("system", system);
        letter.put("ticketId", ticketId);
        letter.put("routeId", exchange.getFromRouteId());
        String route = exchange.getProperty(PROPERTY_ROUTE, exchange.getFromRouteId(), String.class);
        letter.put("route", route);
        String step = exchange.getProperty(PROPERTY_STEP, String.class);
        if (step == null) step = exchange.getProperty(Exchange.FAILURE_ROUTE_ID, String.class);
        letter.put("step", step);
        String at = exchange.getProperty(PROPERTY_AT, String.class);
        if (at != null) letter.put("endpoint", at);
        letter.put("error", error == null ? "unknown error" : error.getClass().getName());
        letter.put("reason", error == null ? null : error.getMessage());
        if (body instanceof Ticket t) {
            letter.set("ticket", TicketJson.mapper().valueToTree(t));
        } else {
            letter.put("payload", exchange.getIn().getBody(String.class));
        }
        Path dir = Path.of(directory, system);
        Path file = dir.resolve(ticketId + "-" + fingerprint(letter) + ".json");
        boolean seenBefore = Files.exists(file);
        try {
            AtomicFiles.write(file, TicketJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(letter), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write dead letter " + file, e);
        }
        String reason = error == null ? "unknown error" : error.getMessage();
        if (seenBefore) {
            LOG.debug("Dead letter again: {}: {} ticket {} failed at {}: {} ({})", route, system, ticketId, where(step, at), reason, file);
        } else {
            LOG.error("Dead letter: {}: {} ticket {} failed at {}: {} (kept in {})", route, system, ticketId, where(step, at), reason, file);
        }
    }

    /** "map", "route (kamelet://ticket-file-sink)": the step, and within the route the endpoint. */
    public static String where(String step, String at) {
        return at == null ? String.valueOf(step) : step + " (" + at + ")";
    }

    private static String fingerprint(ObjectNode letter) {
        try {
            var sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update(String.valueOf(letter.get("reason")).getBytes(StandardCharsets.UTF_8));
            sha.update(String.valueOf(letter.has("ticket") ? letter.get("ticket") : letter.get("payload"))
                    .getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String safe(String s, String fallback) {
        return s != null && SAFE.matcher(s).matches() ? s : fallback;
    }

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }
}
