package io.ticketbridge.connector.keliweb;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test payloads from the classpath. */
final class KeliwebFixtures {
    private KeliwebFixtures() {
    }

    static String text(String resource) {
        try (InputStream in = KeliwebFixtures.class.getResourceAsStream("/" + resource)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String resource) {
        return parse(text(resource));
    }

    static JsonNode parse(String json) {
        try {
            return TicketJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode seed() {
        return json("fixtures/keliweb/seed_get_ticket.json");
    }

    static JsonNode reference(String name) {
        return json("reference-payloads/keliweb/" + name);
    }
}
