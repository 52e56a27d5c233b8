package io.ticketbridge.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.util.Set;

/** The JSON Schema shipped in the jar, for tests to hold every mapper's output against. */
public final class CanonicalSchema {
    private static final JsonSchema SCHEMA = load();

    private CanonicalSchema() {
    }

    private static JsonSchema load() {
        try (InputStream in = CanonicalSchema.class.getResourceAsStream("/schema/ticket-v1.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Set<ValidationMessage> violations(JsonNode json) {
        return SCHEMA.validate(json);
    }

    /** Serialises the ticket with the one codec and asserts the schema holds. */
    public static void assertValid(Ticket ticket) {
        JsonNode json = TicketJson.mapper().valueToTree(ticket);
        assertThat(violations(json)).as("schema violations of %s", TicketJson.write(ticket)).isEmpty();
    }
}
