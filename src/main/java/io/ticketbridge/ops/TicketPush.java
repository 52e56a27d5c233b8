package io.ticketbridge.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.canonical.TicketSchema;
import io.ticketbridge.canonical.TicketSchema.InvalidTicketException;
import io.ticketbridge.component.HelpdeskComponent;
import io.ticketbridge.connector.PayloadStream;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.sink.DeadLetterWriter;
import io.ticketbridge.state.ContentLedger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code kamelet:ticket-http-source} runs for each {@code POST} of a canonical ticket (ESB style: any system
 * pushes {@code ticket-v1} JSON), in three steps around the route's sinks:
 * <ol>
 *   <li>{@link #receive}: the Bearer token (constant time), the size, the JSON and the schema. A refused request is
 *       answered at once — 401, 413 or 400 naming the JSON path — and never reaches the route; a body that is not a
 *       ticket is kept as a dead letter. A ticket this route already took with the same content is answered 200
 *       {@code unchanged} without running the route again, so a pusher's retry delivers once.</li>
 *   <li>{@link #accepted}: after the route took it — ledger, then 200. The answer comes only once the sinks are done,
 *       so a 200 means delivered, and anything else means "send it again".</li>
 *   <li>{@link #failed}: the route threw — 503 with {@code Retry-After}, the ticket kept as a dead letter.</li>
 * </ol>
 * The pusher is the durable side: nothing is accepted that was not delivered, so a crash loses nothing it was told.
 */
public class TicketPush {
    private static final Logger LOG = LoggerFactory.getLogger(TicketPush.class);
    /** Dead letters of refused or failed pushes go under {@code <dead-letter directory>/push/}. */
    static final String SYSTEM = "push";
    private static final String PROPERTY_KEY = "TicketBridgePushKey";
    private static final String PROPERTY_FINGERPRINT = "TicketBridgePushFingerprint";
    private static final String PROPERTY_FLOW = "TicketBridgePushFlow";
    private static final String PROPERTY_TICKET = "TicketBridgePushTicket";
    private static final String RETRY_AFTER_SECONDS = "30";

    private final ContentLedger ledger = new ContentLedger("ticket-http-source");
    private byte[] token;
    private long maxBodySize = 1024 * 1024;
    private String stateKey = "";

    /** Step 1. Refuses (and answers) or hands the ticket on; the route stops here for a refused request. */
    public void receive(Exchange exchange) {
        Message in = exchange.getIn();
        if (!authorised(in.getHeader("Authorization", String.class))) {
            refuse(exchange, 401, "missing or wrong Bearer token", null);
            in.setHeader("WWW-Authenticate", "Bearer realm=\"ticketbridge\"");
            return;
        }
        Long declared = in.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > maxBodySize) {
            refuse(exchange, 413, "the body is " + declared + " bytes, over the limit of " + maxBodySize + " (maxBodySize)", null);
            return;
        }
        byte[] body = in.getBody(byte[].class);
        if (body == null || body.length == 0) {
            refuse(exchange, 400, "the body is empty: expected a canonical ticket (ticket-v1 JSON)", "");
            return;
        }
        if (body.length > maxBodySize) {
            refuse(exchange, 413, "the body is " + body.length + " bytes, over the limit of " + maxBodySize + " (maxBodySize)", null);
            return;
        }
        String raw = new String(body, StandardCharsets.UTF_8);
        Ticket ticket;
        try {
            ticket = TicketSchema.read(TicketJson.mapper().readTree(body));
        } catch (JsonProcessingException e) {
            refuse(exchange, 400, "the body is not JSON: " + PayloadStream.describe(e), raw);
            return;
        } catch (InvalidTicketException e) {
            refuse(exchange, 400, "not a canonical ticket: " + e.getMessage(), raw, e.path());
            return;
        } catch (java.io.IOException e) { // a byte array cannot fail to be read, only to be parsed
            throw new java.io.UncheckedIOException(e);
        }
        String flow = ContentLedger.flow(exchange, stateKey);
        if (ledger.taken(exchange.getContext(), flow, ticket)) {
            LOG.debug("Push of {}/{} unchanged since route {} took it", ticket.source().system(), ticket.source().ticketId(), flow);
            answer(exchange, 200, status("unchanged", ticket));
            exchange.setRouteStop(true);
            return;
        }
        String fingerprint = VendorSource.fingerprint(ticket);
        in.removeHeaders("*"); // the request's headers (Authorization among them) must not travel to sinks or back
        in.setBody(ticket);
        in.setHeader(VendorSource.HEADER_SYSTEM, ticket.source().system());
        in.setHeader(VendorSource.HEADER_TICKET_ID, ticket.source().ticketId());
        in.setHeader(VendorSource.HEADER_FINGERPRINT, fingerprint);
        // the last steps read properties: the route's sinks may rewrite body and headers
        exchange.setProperty(PROPERTY_FLOW, flow);
        exchange.setProperty(PROPERTY_KEY, ContentLedger.key(ticket));
        exchange.setProperty(PROPERTY_FINGERPRINT, fingerprint);
        exchange.setProperty(Exchange.CHARSET_NAME, "UTF-8");
        exchange.setProperty(PROPERTY_TICKET, ticket);
    }

    /** Step 2, after the route's sinks took the ticket: ledger, then 200. */
    public void accepted(Exchange exchange) {
        Ticket ticket = exchange.getProperty(PROPERTY_TICKET, Ticket.class);
        String flow = exchange.getProperty(PROPERTY_FLOW, String.class);
        ledger.markTaken(exchange.getContext(), flow, exchange.getProperty(PROPERTY_KEY, String.class),
                exchange.getProperty(PROPERTY_FINGERPRINT, String.class));
        LOG.info("Pushed ticket {}/{} taken by route {}", ticket.source().system(), ticket.source().ticketId(), flow);
        answer(exchange, 200, status("accepted", ticket));
    }

    /** Step 3, when the route failed on the ticket: dead letter, then 503 so the pusher sends it again later. */
    public void failed(Exchange exchange) {
        Ticket ticket = exchange.getProperty(PROPERTY_TICKET, Ticket.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = error == null ? "unknown error" : String.valueOf(error.getMessage());
        exchange.getIn().setBody(ticket);
        deadLetter(exchange, "route", error);
        LOG.debug("Push of {}/{} failed in the route", ticket.source().system(), ticket.source().ticketId(), error);
        ObjectNode out = status("failed", ticket);
        out.put("error", "the route could not deliver the ticket: " + reason);
        answer(exchange, 503, out);
        exchange.getIn().setHeader("Retry-After", RETRY_AFTER_SECONDS);
    }

    private boolean authorised(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return false;
        byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token); // constant time: no timing oracle on the token
    }

    private void refuse(Exchange exchange, int status, String reason, String rawKept) {
        refuse(exchange, status, reason, rawKept, null);
    }

    /** Answers a refused request; {@code rawKept} non-null keeps the body as a dead letter (400s, not 401/413). */
    private void refuse(Exchange exchange, int status, String reason, String rawKept, String path) {
        if (rawKept != null) {
            exchange.getIn().setBody(rawKept);
            deadLetter(exchange, "receive", new IllegalArgumentException(reason));
        } else {
            LOG.warn("Push refused ({}): {}", status, reason);
        }
        ObjectNode out = TicketJson.mapper().createObjectNode();
        out.put("error", reason);
        if (path != null) out.put("path", path);
        answer(exchange, status, out);
        exchange.setRouteStop(true);
    }

    private void deadLetter(Exchange exchange, String step, Throwable error) {
        Message in = exchange.getIn();
        in.removeHeaders("*"); // never the Authorization header, not even in a file
        if (!(in.getBody() instanceof Ticket)) in.setHeader(VendorSource.HEADER_SYSTEM, SYSTEM);
        else {
            Ticket t = in.getBody(Ticket.class);
            in.setHeader(VendorSource.HEADER_SYSTEM, t.source().system());
            in.setHeader(VendorSource.HEADER_TICKET_ID, t.source().ticketId());
        }
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, error);
        exchange.setProperty(DeadLetterWriter.PROPERTY_STEP, "push:" + step);
        DeadLetterWriter writer = new DeadLetterWriter();
        writer.setDirectory(exchange.getContext().getComponent("helpdesk", HelpdeskComponent.class).getDeadLetterDirectory());
        writer.write(exchange);
    }

    private static ObjectNode status(String status, Ticket ticket) {
        ObjectNode out = TicketJson.mapper().createObjectNode();
        out.put("status", status);
        out.put("system", ticket.source().system());
        out.put("ticketId", ticket.source().ticketId());
        return out;
    }

    /** The HTTP answer: only the headers set here go back to the caller. */
    private static void answer(Exchange exchange, int status, JsonNode body) {
        Message msg = exchange.getMessage();
        msg.removeHeaders("*");
        msg.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        msg.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        msg.setBody(body.toString());
    }

    // ---- the Kamelet's properties; a bad setting stops the route at start with a message naming it ----

    public void setToken(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("ticket-http-source: token is empty; set it from the environment "
                    + "(e.g. token: \"{{env:TICKETBRIDGE_PUSH_TOKEN}}\"), pushes are refused without one");
        }
        this.token = token.strip().getBytes(StandardCharsets.UTF_8);
    }

    public long getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(long maxBodySize) {
        if (maxBodySize <= 0) throw new IllegalArgumentException("ticket-http-source: maxBodySize must be positive, got " + maxBodySize);
        this.maxBodySize = maxBodySize;
    }

    public String getStateKey() {
        return stateKey;
    }

    public void setStateKey(String stateKey) {
        this.stateKey = stateKey;
    }
}
