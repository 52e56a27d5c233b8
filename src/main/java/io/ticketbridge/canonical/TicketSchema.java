package io.ticketbridge.canonical;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/**
 * Canonical ticket JSON from outside (a drop folder, a push): held against {@code schema/ticket-v1.schema.json},
 * then read with the one codec, so what is wrong is named by its JSON path — a missing field by the schema, an
 * impossible date (2024-02-30) by the strict ISO reader.
 */
public final class TicketSchema {
    private static final JsonSchema SCHEMA = load();

    private TicketSchema() {
    }

    /** One problem in a document: where ({@code $.messages[2].createdAt}) and what. */
    public record Violation(String path, String problem) {
    }

    /** Thrown by {@link #read}: the first violation, and how many there were. */
    public static final class InvalidTicketException extends IllegalArgumentException {
        private final String path;
        private final String problem;

        InvalidTicketException(Violation first, int count) {
            this(first.path(), first.problem() + (count > 1 ? " (and " + (count - 1) + " more)" : ""));
        }

        private InvalidTicketException(String path, String problem) {
            super(path + ": " + problem);
            this.path = path;
            this.problem = problem;
        }

        /** Where: {@code $.messages[2].createdAt}. */
        public String path() {
            return path;
        }

        /** What is wrong there, without the path. */
        public String problem() {
            return problem;
        }
    }

    private static JsonSchema load() {
        try (InputStream in = TicketSchema.class.getResourceAsStream("/schema/ticket-v1.schema.json")) {
            if (in == null) throw new IllegalStateException("schema/ticket-v1.schema.json is missing from the classpath");
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every schema violation of {@code json}, ordered by path. */
    public static List<Violation> violations(JsonNode json) {
        return SCHEMA.validate(json).stream()
                .map(TicketSchema::violation)
                .sorted(Comparator.comparing(Violation::path).thenComparing(Violation::problem))
                .toList();
    }

    /** The ticket {@code json} holds; {@link InvalidTicketException} names the first problem by JSON path. */
    public static Ticket read(JsonNode json) {
        List<Violation> found = violations(json);
        if (!found.isEmpty()) throw new InvalidTicketException(found.get(0), found.size());
        try {
            return TicketJson.mapper().treeToValue(json, Ticket.class);
        } catch (JsonMappingException e) {
            throw new InvalidTicketException(new Violation(path(e), problem(e)), 1);
        } catch (JsonProcessingException e) {
            throw new InvalidTicketException(new Violation("$", e.getOriginalMessage()), 1);
        } catch (IllegalArgumentException e) {
            // a record's own check (SourceRef: ticketId required) behind the schema's
            throw new InvalidTicketException(new Violation("$", e.getMessage()), 1);
        }
    }

    private static Violation violation(ValidationMessage m) {
        String path = m.getInstanceLocation() == null ? "$" : m.getInstanceLocation().toString();
        String message = m.getMessage();
        String problem = message.startsWith(path + ": ") ? message.substring(path.length() + 2) : message;
        return new Violation(path, problem);
    }

    /** {@code $.messages[0].createdAt} from Jackson's reference chain. */
    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder("$");
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) sb.append('.').append(r.getFieldName());
            else if (r.getIndex() >= 0) sb.append('[').append(r.getIndex()).append(']');
        }
        return sb.toString();
    }

    private static String problem(JsonMappingException e) {
        if (e instanceof InvalidFormatException f && f.getTargetType() == java.time.Instant.class) {
            return "expected an ISO-8601 UTC instant like 2025-03-10T09:00:00Z but found '" + f.getValue() + "'";
        }
        if (e instanceof InvalidFormatException f) {
            return "cannot read '" + f.getValue() + "' as " + f.getTargetType().getSimpleName();
        }
        String m = e.getOriginalMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
