package io.ticketbridge.pipeline;

import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.sandbox.VendorSimulator;
import io.ticketbridge.connector.JsonFields;
import io.ticketbridge.connector.MapperSettings;
import io.ticketbridge.connector.TicketMapper;
import io.ticketbridge.connector.Connector;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * A minimal read-only vendor for testing the generic pipeline (helpdesk consumer: list → fetch → map → route,
 * dead letters) without any real vendor's rules: {@code GET /tickets} lists ids, {@code GET /tickets/{id}} returns
 * {@code {"id","subject","body"}}. Ids listed in {@code broken} answer with invalid JSON.
 */
public class EchoConnector implements Connector {

    @Override
    public String id() {
        return "echo";
    }

    @Override
    public ZoneId defaultTimeZone() {
        return ZoneId.of("UTC");
    }

    @Override
    public TicketMapper mapper(MapperSettings settings) {
        JsonFields f = new JsonFields(id());
        return payload -> {
            f.requireObject(payload, "$");
            String id = f.requiredText(payload, "id", "$");
            return List.of(Ticket.builder(id(), id)
                    .subject(f.text(payload, "subject", "$"))
                    .message(new Message(id + "-1", MessageKind.CUSTOMER, null, f.text(payload, "body", "$"),
                            BodyFormat.TEXT, null, List.of()))
                    .build());
        };
    }

    @Override
    public io.ticketbridge.connector.VendorSource newSource() {
        return new EchoSource();
    }

    /** Counts list calls, so a test can wait for further polls instead of sleeping. */
    public static final java.util.concurrent.atomic.AtomicInteger LIST_CALLS = new java.util.concurrent.atomic.AtomicInteger();

    /** Its simulator: test code, the vendor contract has none. */
    public VendorSimulator simulator() {
        return new VendorSimulator() {
            @Override
            public void install(SimServer server) {
                server.route("GET", "/tickets", ex -> {
                    LIST_CALLS.incrementAndGet();
                    ex.json(200, List.of("1", "2", "3"));
                });
                server.route("GET", "/tickets/{id}", ex -> {
                    String id = ex.pathParam("id");
                    if (id.equals("2")) {
                        ex.json(200, "{\"id\": \"2\", \"subject\": \"cut in the mid");
                    } else {
                        ex.json(200, Map.of("id", id, "subject", "Ticket " + id + " — żółć", "body", "hello " + id));
                    }
                });
            }

            @Override
            public Map<String, String> credentials() {
                return Map.of();
            }

            @Override
            public int ticketCount() {
                return 3;
            }
        };
    }
}
