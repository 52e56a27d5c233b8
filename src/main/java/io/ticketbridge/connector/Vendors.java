package io.ticketbridge.connector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The vendors on the classpath, found through {@link ServiceLoader}. */
public final class Vendors {
    private static final List<Vendor> ALL = load();

    private Vendors() {
    }

    private static List<Vendor> load() {
        List<Vendor> out = new ArrayList<>();
        ServiceLoader.load(Vendor.class, Vendors.class.getClassLoader()).forEach(out::add);
        out.sort(Comparator.comparing(Vendor::id));
        return List.copyOf(out);
    }

    public static List<Vendor> all() {
        return ALL;
    }

    public static String knownIds() {
        return ALL.stream().map(Vendor::id).collect(Collectors.joining(", "));
    }

    /** @throws IllegalArgumentException naming the known vendors */
    public static Vendor get(String id) {
        return ALL.stream().filter(v -> v.id().equalsIgnoreCase(id == null ? "" : id.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown vendor '" + id + "'; known vendors: " + knownIds()));
    }
}
