package io.ticketbridge.connector;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Defensive reads of vendor JSON, with errors that name the vendor and the JSON path. Handles the quirks all
 * four APIs share: numbers sent as strings (and strings as numbers), {@code []} or {@code {}} standing for an
 * empty string (XML-converted payloads), explicit nulls, and single objects where a list is meant.
 */
public final class JsonFields {
    private final String vendor;

    public JsonFields(String vendor) {
        this.vendor = vendor;
    }

    public MappingException error(String path, String problem) {
        return new MappingException(vendor, path, problem);
    }

    /** The object at the payload root or fail. */
    public JsonNode requireObject(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw error(path, "expected a JSON object but found " + describe(node));
        }
        return node;
    }

    /** Text of a scalar field; null when missing, null, or an empty array/object (XML-to-JSON empty string). */
    public String text(JsonNode parent, String field, String path) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || n.isNull() || n.isMissingNode()) return null;
        if (n.isValueNode()) return n.asText();
        if (n.isContainerNode() && n.isEmpty()) return null;
        throw error(path + "." + field, "expected a text value but found " + describe(n));
    }

    /** Like {@link #text} but required to be present and non-empty. */
    public String requiredText(JsonNode parent, String field, String path) {
        String s = text(parent, field, path);
        if (s == null || s.isBlank()) throw error(path + "." + field, "required value is missing");
        return s;
    }

    /** A boolean sent as true/false, 1/0 or their strings; missing or null → false. */
    public boolean bool(JsonNode parent, String field, String path) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || n.isNull()) return false;
        if (n.isBoolean()) return n.booleanValue();
        if (n.isNumber()) return n.asInt() != 0;
        if (n.isTextual()) {
            String s = n.asText().strip().toLowerCase();
            if (s.equals("true") || s.equals("1")) return true;
            if (s.equals("false") || s.equals("0") || s.isEmpty()) return false;
        }
        throw error(path + "." + field, "expected a boolean but found " + describe(n));
    }

    public Long longValue(JsonNode parent, String field, String path) {
        String s = text(parent, field, path);
        if (s == null || s.isBlank()) return null;
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw error(path + "." + field, "expected a whole number but found '" + s + "'");
        }
    }

    /** Elements of an array field; a single object counts as a one-element list; missing/null/"" → empty. */
    public List<JsonNode> list(JsonNode parent, String field, String path) {
        JsonNode n = parent == null ? null : parent.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty())) return out;
        if (n.isArray()) {
            n.forEach(out::add);
        } else if (n.isObject()) {
            out.add(n);
        } else {
            throw error(path + "." + field, "expected a list but found " + describe(n));
        }
        return out;
    }

    public Instant naiveTime(JsonNode parent, String field, String path, ZoneId zone) {
        return dateTime(parent, field, path, s -> LocalTimes.naive(s, zone), "a date like 2014-07-08 08:05[:ss]");
    }

    public Instant isoTime(JsonNode parent, String field, String path, ZoneId zoneIfNaive) {
        return dateTime(parent, field, path, s -> LocalTimes.iso(s, zoneIfNaive), "an ISO-8601 date-time");
    }

    /** A text field read by {@code parse}; a text it refuses fails naming the path, the form expected and the text. */
    private Instant dateTime(JsonNode parent, String field, String path, Function<String, Instant> parse, String expected) {
        String s = text(parent, field, path);
        try {
            return parse.apply(s);
        } catch (DateTimeParseException e) {
            throw error(path + "." + field, "expected " + expected + " but found '" + s + "'");
        }
    }

    public Instant epochTime(JsonNode parent, String field, String path) {
        String s = text(parent, field, path);
        try {
            return LocalTimes.epochSeconds(s);
        } catch (NumberFormatException e) {
            throw error(path + "." + field, "expected Unix seconds but found '" + s + "'");
        }
    }

    public static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) return "nothing";
        if (n.isNull()) return "null";
        if (n.isObject()) return "an object";
        if (n.isArray()) return "an array";
        if (n.isTextual()) return "the text '" + abbreviate(n.asText()) + "'";
        return n.getNodeType().toString().toLowerCase() + " " + n.asText();
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
