package io.ticketbridge.connector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The vendors on the classpath, found through {@link ServiceLoader}. */
public final class Connectors {
    private static final List<Connector> ALL = load();

    private Connectors() {
    }

    private static List<Connector> load() {
        List<Connector> out = new ArrayList<>();
        ServiceLoader.load(Connector.class, Connectors.class.getClassLoader()).forEach(out::add);
        out.sort(Comparator.comparing(Connector::id));
        return List.copyOf(out);
    }

    public static List<Connector> all() {
        return ALL;
    }

    public static String knownIds() {
        return ALL.stream().map(Connector::id).collect(Collectors.joining(", "));
    }

    /** @throws IllegalArgumentException naming the known vendors */
    public static Connector get(String id) {
        return ALL.stream().filter(v -> v.id().equalsIgnoreCase(id == null ? "" : id.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown vendor '" + id + "'; known vendors: " + knownIds()));
    }
}
