package io.ticketbridge.connector.thulium;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketBuilder;
import io.ticketbridge.connector.JsonFields;
import io.ticketbridge.connector.MapperSettings;
import io.ticketbridge.connector.TicketMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import io.ticketbridge.connector.LocalTimes;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.connector.Vocabulary;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/tickets/:id} → canonical ticket. The payload has no priority (priority and priorityRaw stay
 * null), no body-format flag (HTML is detected, see {@link #isHtml}), naive minute-precision timestamps (read in
 * the configured zone) and messages newest first (the builder reorders them; ties within the same minute are
 * broken by {@code message_id}, which Thulium hands out in ascending order).
 *
 * <p>One Thulium message can yield more than one canonical message, so nothing it carries is lost:
 * <ul>
 *   <li>MAIL → CUSTOMER, REPLY → AGENT (text in {@code body});</li>
 *   <li>COMMENT with a {@code comment} (or, failing that, a {@code body}) → NOTE;</li>
 *   <li>COMMENT with only a {@code system_comment} → SYSTEM;</li>
 *   <li>a {@code system_comment} on any other message (e.g. the status change a REPLY caused) → an extra SYSTEM
 *       message with id {@code <message_id>-system} at the same time, right after it;</li>
 *   <li>a {@code comment} on a MAIL or REPLY → an extra NOTE with id {@code <message_id>-comment}.</li>
 * </ul>
 */
public final class ThuliumTicketMapper implements TicketMapper {
    static final String VENDOR = ThuliumConnector.ID;

    /** An opening or closing tag ({@code <p>}, {@code <br/>}, {@code </b>}); not "a < b" nor "<john@x.pl>". */
    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][a-zA-Z0-9]*(\\s[^<>]*)?/?>");
    /** MySQL's "no date", which PHP back-ends leak instead of null. */
    private static final Pattern ZERO_DATE = Pattern.compile("0000-00-00.*");

    private final JsonFields json = new JsonFields(VENDOR);
    private final MapperSettings settings;
    private final Statuses statuses;
    private final String baseUrl;

    /** {@code settings.baseUrl()} is the account URL without /api, for {@code source.url}; null when unknown. */
    public ThuliumTicketMapper(MapperSettings settings) {
        this.settings = settings;
        this.statuses = new Statuses(settings.statusOverrides());
        this.baseUrl = settings.baseUrl() == null || settings.baseUrl().isBlank() ? null : settings.baseUrl();
    }

    @Override
    public List<Ticket> map(JsonNode payload) {
        JsonNode t = json.requireObject(payload, "$");
        String id = Long.toString(positiveId(t, "ticket_id", "$"));
        TicketBuilder b = Ticket.builder(VENDOR, id)
                .ticketNumber(id)
                .url(baseUrl == null ? null : baseUrl + "/api/tickets/" + id)
                .subject(json.text(t, "subject", "$"));

        String statusId = json.text(t, "status_id", "$");
        String fullStatusName = json.text(t, "full_status_name", "$");
        b.status(statuses.map(statusId, fullStatusName), statusId);
        b.priority(null, null); // Thulium tickets have no priority

        String from = json.text(t, "from", "$");
        Party requester = requester(from);
        b.requester(requester);
        b.assignee(Party.of(null, null, json.text(t, "user_login", "$")));
        b.queue(emptyToNull(json.text(t, "ticket_queue_name", "$")));
        // not in the documented GET answer; read when present so a richer tenant payload loses nothing
        List<JsonNode> tags = nonEmpty(t, "tags", "$");
        for (int i = 0; i < tags.size(); i++) {
            if (!tags.get(i).isValueNode()) {
                throw json.error("$.tags[" + i + "]", "expected a tag name but found " + JsonFields.describe(tags.get(i)));
            }
            b.tag(tags.get(i).asText());
        }
        customFields(t, b);

        b.createdAt(time(t, "created_at", "$"));
        b.updatedAt(time(t, "updated_at", "$"));
        b.closedAt(time(t, "closed_at", "$"));

        messages(t, requester).forEach(b::message);
        return List.of(b.build());
    }

    // ---- messages ----

    private record Parsed(long id, Instant at, List<Message> parts) {
    }

    private List<Message> messages(JsonNode t, Party requester) {
        List<JsonNode> nodes = nonEmpty(t, "messages", "$");
        List<Parsed> parsed = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            parsed.add(message(nodes.get(i), "$.messages[" + i + "]", requester));
        }
        // oldest first, and within one minute by message_id (the API lists newest first)
        parsed.sort(Comparator.comparing(Parsed::at, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparingLong(Parsed::id));
        List<Message> out = new ArrayList<>();
        parsed.forEach(p -> out.addAll(p.parts()));
        return out;
    }

    private Parsed message(JsonNode m, String path, Party requester) {
        json.requireObject(m, path);
        long id = positiveId(m, "message_id", path);
        String type = json.requiredText(m, "type", path).strip().toUpperCase(Locale.ROOT);
        String login = emptyToNull(json.text(m, "user_login", path));
        String body = json.text(m, "body", path);
        String comment = json.text(m, "comment", path);
        String systemComment = json.text(m, "system_comment", path);
        Instant at = time(m, "created_at", path);
        List<Attachment> attachments = attachments(m, path);
        Party agent = Party.of(null, null, login);
        String mid = Long.toString(id);

        List<Message> parts = new ArrayList<>();
        switch (type) {
            case "MAIL" -> {
                // customer mail: user_login is "", the sender is the ticket's requester
                parts.add(new Message(mid, MessageKind.CUSTOMER, requester, body, format(body), at, attachments));
                if (!blank(comment)) parts.add(note(mid + "-comment", agent, comment, at));
            }
            case "REPLY" -> {
                parts.add(new Message(mid, MessageKind.AGENT, agent, body, format(body), at, attachments));
                if (!blank(comment)) parts.add(note(mid + "-comment", agent, comment, at));
            }
            case "COMMENT" -> {
                String text = !blank(comment) ? comment : body;
                if (!blank(text) || blank(systemComment)) {
                    parts.add(new Message(mid, MessageKind.NOTE, agent, text, format(text), at, attachments));
                } else {
                    // a pure system event: the whole message is the system comment
                    parts.add(new Message(mid, MessageKind.SYSTEM, agent, systemComment, BodyFormat.TEXT, at,
                            attachments));
                    systemComment = null;
                }
            }
            // an unknown type could be an internal message: guessing could show a note to the customer
            default -> throw json.error(path + ".type", "expected MAIL, REPLY or COMMENT but found '" + type + "'");
        }
        if (!blank(systemComment)) {
            parts.add(new Message(mid + "-system", MessageKind.SYSTEM, agent, systemComment, BodyFormat.TEXT, at,
                    List.of()));
        }
        return new Parsed(id, at, parts);
    }

    private static Message note(String id, Party author, String text, Instant at) {
        return new Message(id, MessageKind.NOTE, author, text, format(text), at, List.of());
    }

    /** Attachments are temporary-file tokens; name, type and size are not in the ticket payload. */
    private List<Attachment> attachments(JsonNode m, String path) {
        List<Attachment> out = new ArrayList<>();
        List<JsonNode> items = nonEmpty(m, "attachments", path);
        for (int i = 0; i < items.size(); i++) {
            JsonNode a = items.get(i);
            String p = path + ".attachments[" + i + "]";
            if (a.isContainerNode() && a.isEmpty()) continue; // [[]]: PHP's empty array inside a list
            if (a.isObject()) {
                // tolerate {"token","filename","size"} (the temporary-file answer's shape)
                String token = json.text(a, "token", p);
                if (blank(token)) token = json.requiredText(a, "id", p);
                out.add(new Attachment(token, json.text(a, "filename", p), null, json.longValue(a, "size", p)));
            } else if (a.isTextual() || a.isNumber()) {
                if (a.asText().isBlank()) throw json.error(p, "expected an attachment token but found an empty text");
                out.add(new Attachment(a.asText().strip(), null, null, null));
            } else {
                throw json.error(p, "expected an attachment token but found " + JsonFields.describe(a));
            }
        }
        return out;
    }

    // ---- fields ----

    private void customFields(JsonNode t, TicketBuilder b) {
        JsonNode cf = t.get("custom_fields");
        if (cf == null || cf.isNull() || (cf.isContainerNode() && cf.isEmpty())) return; // [] is PHP's empty map
        if (!cf.isObject()) throw json.error("$.custom_fields", "expected an object but found " + JsonFields.describe(cf));
        cf.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            String value;
            if (v == null || v.isNull()) value = null; // set-but-empty is kept as null
            else if (v.isValueNode()) value = v.asText();
            else if (v.isEmpty()) value = null;
            else value = v.toString(); // multi-value field: keep its JSON text rather than guess a separator
            b.customField(e.getKey(), value);
        });
    }

    private Instant time(JsonNode parent, String field, String path) {
        String s = json.text(parent, field, path);
        if (s == null || s.isBlank() || ZERO_DATE.matcher(s.strip()).matches()) return null;
        return json.naiveTime(parent, field, path, settings.timeZone());
    }

    private long positiveId(JsonNode parent, String field, String path) {
        json.requiredText(parent, field, path);
        long v = json.longValue(parent, field, path);
        if (v <= 0) throw json.error(path + "." + field, "expected a positive id but found " + v);
        return v;
    }

    /** Elements of a list field where {@code {}} (PHP's empty map) also means "none". */
    private List<JsonNode> nonEmpty(JsonNode parent, String field, String path) {
        JsonNode n = parent.get(field);
        if (n != null && n.isObject() && n.isEmpty()) return List.of();
        if (n != null && !n.isArray() && !n.isNull() && !(n.isTextual() && n.asText().isEmpty())) {
            throw json.error(path + "." + field, "expected a list but found " + JsonFields.describe(n));
        }
        return json.list(parent, field, path);
    }

    private static Party requester(String from) {
        if (blank(from)) return null;
        // tickets from phone/SMS sources may carry a number rather than an address
        return from.contains("@") ? Party.of(null, from, null) : Party.of(from, null, null);
    }

    /** Thulium does not say whether a body is HTML: a body with at least one HTML tag is HTML. */
    public static boolean isHtml(String body) {
        return body != null && HTML_TAG.matcher(body).find();
    }

    private static BodyFormat format(String body) {
        return isHtml(body) ? BodyFormat.HTML : BodyFormat.TEXT;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String emptyToNull(String s) {
        return blank(s) ? null : s;
    }

    @Override
    public String toString() {
        return "ThuliumTicketMapper[zone=" + settings.timeZone() + "]";
    }

    /** Thulium's time on the wire as the client reads and writes it: "2014-07-08 08:05" (minute precision, no zone). */
    static final class Times {
        /** Strict: an impossible date (2024-02-30 10:00) is refused, not moved to the last day of the month. */
        public static final DateTimeFormatter MINUTES = LocalTimes.strictPattern("uuuu-MM-dd HH:mm");

        private Times() {
        }

        /** An instant as Thulium shows it in {@code zone}; null → null. */
        public static String format(Instant at, ZoneId zone) {
            return at == null ? null : LocalDateTime.ofInstant(at, zone).format(MINUTES);
        }

        /**
         * A list-filter bound, "2014-07-04" or "2014-07-14 12:34". A date alone covers the whole day: the start of
         * it for a lower bound, the last minute of it for an upper bound (both bounds are inclusive).
         *
         * @throws IllegalArgumentException naming the parameter when the value is neither form
         */
        public static LocalDateTime filterBound(String param, String value, boolean upper) {
            String v = value.strip();
            try {
                if (v.length() == 10) {
                    LocalDate d = LocalDate.parse(v);
                    return upper ? d.atTime(23, 59) : d.atStartOfDay();
                }
                return LocalDateTime.parse(v, MINUTES);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Parameter " + param + " must be a date like 2014-07-04 or 2014-07-14 12:34, got '" + value + "'");
            }
        }
    }

    /**
     * Thulium status → canonical status. Thulium status ids are tenant-specific (an administrator creates and
     * renumbers them), the names are what people configure. So a ticket is resolved in this order, first hit wins:
     * <ol>
     *   <li>a configured override for its {@code status_id};</li>
     *   <li>a configured override for its full status name ({@code "Zamknięte - Rozwiązane"}) or status name
     *       ({@code "Zamknięte"}) taken from {@code full_status_name};</li>
     *   <li>the default NAME table (Thulium's default statuses, Polish and English UI names);</li>
     *   <li>the default ID table ({@link #ASSUMED_IDS}: an assumption, not documentation);</li>
     *   <li>{@link Status#OPEN}: an unknown status is most likely an administrator's own "work in progress" variant,
     *       and OPEN keeps the ticket visible as something the agent side owns.</li>
     * </ol>
     * Names are the stronger signal because they survive across tenants; the ids only hold for a tenant numbered as
     * assumed.
     */
    static final class Statuses {

        /** One of Thulium's default statuses: its Polish and English UI names and the canonical status it stands for. */
        public record DefaultStatus(String assumedId, String name, String englishName, Status canonical) {
        }

        /**
         * Thulium's six default statuses as its help centre describes them (support.thulium.com/en/show/205). The
         * names are documented; the ids are NOT: Thulium publishes none (they are tenant-specific). The ids here are
         * TicketBridge's assumption of a tenant that kept the defaults, numbered in this order — the same numbering
         * the thulium-sink's default {@code statusIds} ({@link ThuliumSink.StatusIds#DEFAULT}) writes with.
         */
        public static final List<DefaultStatus> ASSUMED_IDS = List.of(
                new DefaultStatus("1", "Nowe", "New", Status.NEW),
                new DefaultStatus("2", "W realizacji", "In progress", Status.OPEN),
                new DefaultStatus("3", "Oczekuje na klienta", "Waiting for customer", Status.PENDING),
                // postponed by the agent; Thulium wakes it up as Nowe later: still the agent side's work
                new DefaultStatus("4", "Odłożone", "Postponed", Status.OPEN),
                // merged into another ticket: nothing more happens on this one
                new DefaultStatus("5", "Połączone", "Merged", Status.CLOSED),
                new DefaultStatus("6", "Zamknięte", "Closed", Status.CLOSED));

        /** Default table by status id ({@link #ASSUMED_IDS}). */
        public static final Map<String, Status> DEFAULT_BY_ID;

        /** Default table by name: the resolved sub-status, then Thulium's default status names (Polish and English). */
        public static final Map<String, Status> DEFAULT_BY_NAME;

        static {
            Map<String, Status> byId = new LinkedHashMap<>();
            ASSUMED_IDS.forEach(s -> byId.put(s.assumedId(), s.canonical()));
            DEFAULT_BY_ID = Map.copyOf(byId);

            Map<String, Status> byName = new LinkedHashMap<>();
            // INFERENCE: Thulium has no "resolved" status; a closed sub-status named "resolved" is the way a tenant
            // would say it (sub-statuses are a documented feature, this name is not a Thulium default)
            byName.put("Zamknięte - Rozwiązane", Status.RESOLVED);
            byName.put("Closed - Resolved", Status.RESOLVED);
            ASSUMED_IDS.forEach(s -> byName.put(s.name(), s.canonical()));
            ASSUMED_IDS.forEach(s -> byName.put(s.englishName(), s.canonical()));
            DEFAULT_BY_NAME = java.util.Collections.unmodifiableMap(byName);
        }

        private final Vocabulary<Status> overrides;
        private final Vocabulary<Status> byName;
        private final Vocabulary<Status> byId;

        public Statuses(Map<String, Status> configured) {
            this.overrides = new Vocabulary<>(Map.of(), configured, null);
            this.byName = new Vocabulary<>(DEFAULT_BY_NAME, Map.of(), null);
            this.byId = new Vocabulary<>(DEFAULT_BY_ID, Map.of(), null);
        }

        /** @param fullStatusName Thulium's {@code full_status_name}, "status" or "status - sub status"; may be null */
        public Status map(String statusId, String fullStatusName) {
            String name = statusName(fullStatusName);
            Status s = overrides.map(statusId);
            if (s == null) s = overrides.map(fullStatusName);
            if (s == null) s = overrides.map(name);
            if (s == null) s = byName.map(fullStatusName);
            if (s == null) s = byName.map(name);
            if (s == null) s = byId.map(statusId);
            return s == null ? Status.OPEN : s;
        }

        /** "Zamknięte - Rozwiązane" → "Zamknięte"; the separator is Thulium's " - ". */
        public static String statusName(String fullStatusName) {
            if (fullStatusName == null) return null;
            int sep = fullStatusName.indexOf(" - ");
            return (sep < 0 ? fullStatusName : fullStatusName.substring(0, sep)).strip();
        }
    }
}
