package io.ticketbridge.sandbox.superoffice;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.sandbox.SimExchange;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The simulator's OData archive provider, as SuperOffice serves it ({@code GET /api/v1/Ticket}, {@code /api/v1/Ticket/{id}/Messages}):
 * {@code $select} columns, {@code $filter} clauses joined by {@code and} ({@code afterTime} is inclusive),
 * {@code $orderBy}, {@code $top}/{@code $skip} with an absolute {@code odata.nextLink} (null on the last page),
 * {@code $jsonSafe}. Rows are {@code {"PrimaryKey", "EntityName", <selected columns>}}.
 */
final class SuperOfficeArchive<T> {
    enum Type { INT, TEXT, DATE }

    record Column<T>(String name, Type type, Function<T, Object> value) {
    }

    private static final Pattern CLAUSE = Pattern.compile(
            "\\s*([A-Za-z_][\\w/]*)\\s+([A-Za-z]+)\\s+('(?:[^']|'')*'|-?\\d+)\\s*(?:(and)\\b|$)", Pattern.CASE_INSENSITIVE);

    private final String entityName;
    private final Map<String, Column<T>> columns = new LinkedHashMap<>();
    private final Function<T, Integer> primaryKey;
    private final List<String> defaultSelect;

    SuperOfficeArchive(String entityName, Function<T, Integer> primaryKey, List<String> defaultSelect) {
        this.entityName = entityName;
        this.primaryKey = primaryKey;
        this.defaultSelect = defaultSelect;
    }

    SuperOfficeArchive<T> column(String name, Type type, Function<T, Object> value) {
        columns.put(name.toLowerCase(Locale.ROOT), new Column<>(name, type, value));
        return this;
    }

    /** Answers one archive request. {@code selfUrl} is the absolute URL of the request without its query. */
    ObjectNode query(List<T> rows, Map<String, String> query, String selfUrl, String metadataUrl,
                     SuperOfficeWire.Dates dates) {
        List<Column<T>> select = select(query.get("$select"));
        Predicate<T> filter = filter(query.get("$filter"), dates);
        Comparator<T> order = order(query.get("$orderBy") != null ? query.get("$orderBy") : query.get("$orderby"));
        int top = intParam(query, "$top", Integer.MAX_VALUE);
        int skip = intParam(query, "$skip", 0);
        boolean jsonSafe = "true".equalsIgnoreCase(query.get("$jsonSafe"));

        List<T> matching = rows.stream().filter(filter).sorted(order).toList();
        List<T> page = matching.stream().skip(skip).limit(top).toList();

        ObjectNode out = SimExchange.NODES.objectNode();
        out.put("odata.metadata", metadataUrl);
        if ((long) skip + page.size() < matching.size() && top != Integer.MAX_VALUE) {
            Map<String, String> next = new LinkedHashMap<>(query);
            next.put("$skip", Integer.toString(skip + top));
            next.putIfAbsent("$top", Integer.toString(top));
            out.put("odata.nextLink", selfUrl + "?" + next.entrySet().stream()
                    .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&")));
        } else {
            out.putNull("odata.nextLink");
        }
        ArrayNode value = out.putArray("value");
        for (T row : page) {
            ObjectNode r = value.addObject();
            r.put("PrimaryKey", primaryKey.apply(row));
            r.put("EntityName", entityName);
            for (Column<T> c : select) {
                String key = jsonSafe ? c.name().replaceAll("[^A-Za-z0-9_]", "_") : c.name();
                Object v = c.value().apply(row);
                if (v == null) r.putNull(key);
                else if (v instanceof Instant i) r.put(key, dates.format(i));
                else if (v instanceof Integer i) r.put(key, i);
                else r.put(key, v.toString());
            }
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int intParam(Map<String, String> query, String name, int dflt) {
        String v = query.get(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number >= 0, got '" + v + "'");
        }
    }

    private Column<T> column(String name) {
        Column<T> c = columns.get(name.strip().toLowerCase(Locale.ROOT));
        if (c == null) throw new IllegalArgumentException("Unknown column '" + name.strip() + "' in archive provider "
                + entityName + "; known: " + columns.values().stream().map(Column::name).collect(Collectors.joining(",")));
        return c;
    }

    private List<Column<T>> select(String spec) {
        List<String> names = spec == null || spec.isBlank() ? defaultSelect : List.of(spec.split(","));
        List<Column<T>> out = new ArrayList<>();
        for (String n : names) if (!n.isBlank()) out.add(column(n));
        return out;
    }

    private Comparator<T> order(String spec) {
        Comparator<T> byKey = Comparator.comparing(primaryKey);
        if (spec == null || spec.isBlank()) return byKey;
        Comparator<T> out = null;
        for (String part : spec.split(",")) {
            String[] words = part.strip().split("\\s+");
            if (words.length == 0 || words[0].isEmpty()) continue;
            Column<T> c = column(words[0]);
            boolean desc = words.length > 1 && words[1].equalsIgnoreCase("desc");
            if (words.length > 2 || (words.length == 2 && !desc && !words[1].equalsIgnoreCase("asc"))) {
                throw new IllegalArgumentException("$orderBy: expected '<column> [asc|desc]' but found '" + part.strip() + "'");
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            Comparator<T> one = Comparator.comparing(r -> (Comparable) c.value().apply(r),
                    Comparator.nullsFirst(Comparator.naturalOrder()));
            if (desc) one = one.reversed();
            out = out == null ? one : out.thenComparing(one);
        }
        return out == null ? byKey : out.thenComparing(byKey);
    }

    private Predicate<T> filter(String spec, SuperOfficeWire.Dates dates) {
        if (spec == null || spec.isBlank()) return r -> true;
        Predicate<T> all = r -> true;
        Matcher m = CLAUSE.matcher(spec);
        int pos = 0;
        boolean more = true;
        while (more) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("$filter: cannot read '" + spec.substring(pos).strip()
                        + "' (expected <column> <operator> '<value>' [and ...])");
            }
            all = all.and(clause(column(m.group(1)), m.group(2), unquote(m.group(3)), dates));
            pos = m.end();
            more = m.group(4) != null;
            if (!more && pos < spec.length()) throw new IllegalArgumentException("$filter: trailing text '" + spec.substring(pos) + "'");
        }
        return all;
    }

    private static String unquote(String v) {
        return v.startsWith("'") ? v.substring(1, v.length() - 1).replace("''", "'") : v;
    }

    private Predicate<T> clause(Column<T> c, String operator, String value, SuperOfficeWire.Dates dates) {
        String op = operator.toLowerCase(Locale.ROOT);
        String known = switch (c.type()) {
            case DATE -> "afterTime, beforeTime, dateTime";
            case INT -> "eq, ne, gt, lt";
            case TEXT -> "eq, is, begins, contains";
        };
        if (!List.of(known.toLowerCase(Locale.ROOT).split(",\\s*")).contains(op)) throw unsupported(c, operator, known);
        switch (c.type()) {
            case DATE -> {
                Instant at;
                try {
                    at = dates.parse(value);
                } catch (DateTimeException e) {
                    throw new IllegalArgumentException("$filter: '" + value + "' is not a date-time for " + c.name());
                }
                return switch (op) {
                    case "aftertime" -> r -> { Instant v = (Instant) c.value().apply(r); return v != null && !v.isBefore(at); };
                    case "beforetime" -> r -> { Instant v = (Instant) c.value().apply(r); return v != null && v.isBefore(at); };
                    case "datetime" -> r -> at.equals(c.value().apply(r));
                    default -> throw unsupported(c, operator, "afterTime, beforeTime, dateTime");
                };
            }
            case INT -> {
                int n;
                try {
                    n = Integer.parseInt(value.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("$filter: '" + value + "' is not a number for " + c.name());
                }
                return switch (op) {
                    case "eq" -> r -> Integer.valueOf(n).equals(c.value().apply(r));
                    case "ne" -> r -> !Integer.valueOf(n).equals(c.value().apply(r));
                    case "gt" -> r -> c.value().apply(r) instanceof Integer v && v > n;
                    case "lt" -> r -> c.value().apply(r) instanceof Integer v && v < n;
                    default -> throw unsupported(c, operator, "eq, ne, gt, lt");
                };
            }
            default -> {
                String needle = value.toLowerCase(Locale.ROOT);
                return switch (op) {
                    case "eq", "is" -> r -> needle.equals(text(c, r));
                    case "begins" -> r -> text(c, r).startsWith(needle);
                    case "contains" -> r -> text(c, r).contains(needle);
                    default -> throw unsupported(c, operator, "eq, is, begins, contains");
                };
            }
        }
    }

    private static <T> String text(Column<T> c, T row) {
        Object v = c.value().apply(row);
        return v == null ? "" : v.toString().toLowerCase(Locale.ROOT);
    }

    private static IllegalArgumentException unsupported(Column<?> c, String op, String known) {
        return new IllegalArgumentException("$filter: operator '" + op + "' is not supported for column " + c.name()
                + " (" + c.type().name().toLowerCase(Locale.ROOT) + "; supported: " + known + ")");
    }
}
