package io.ticketbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.TicketJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test payloads from the classpath (fixtures/, reference-payloads/), for client and simulator tests alike. */
public final class TestResources {
    private TestResources() {
    }

    /** {@code resource} relative to the classpath root, e.g. {@code fixtures/thulium/get_ticket_1234.json}. */
    public static String text(String resource) {
        String path = resource.startsWith("/") ? resource : "/" + resource;
        try (InputStream in = TestResources.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalArgumentException("no test resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String resource) {
        return parse(text(resource));
    }

    public static JsonNode parse(String json) {
        try {
            return TicketJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
