package io.ticketbridge.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The sandbox's registry: every {@link SimulatorProvider} on the classpath, in vendor id order. */
public final class Simulators {
    private static final List<SimulatorProvider> ALL = load();

    private Simulators() {
    }

    private static List<SimulatorProvider> load() {
        List<SimulatorProvider> out = new ArrayList<>();
        ServiceLoader.load(SimulatorProvider.class, Simulators.class.getClassLoader()).forEach(out::add);
        out.sort(Comparator.comparing(SimulatorProvider::vendor));
        Map<String, String> vendors = new HashMap<>();
        Map<Integer, String> offsets = new HashMap<>();
        for (SimulatorProvider p : out) {
            String twin = vendors.put(p.vendor(), p.getClass().getName());
            if (twin != null) {
                throw new IllegalStateException("two sandbox simulators for vendor '" + p.vendor() + "': " + twin
                        + " and " + p.getClass().getName());
            }
            if (p.portOffset() < 1) {
                throw new IllegalStateException("sandbox simulator " + p.vendor() + ": port offset must be at least 1, got "
                        + p.portOffset());
            }
            String clash = offsets.put(p.portOffset(), p.vendor());
            if (clash != null) {
                throw new IllegalStateException("sandbox simulators " + clash + " and " + p.vendor()
                        + " both declare port offset " + p.portOffset() + ": give the new one an unused offset");
            }
        }
        return List.copyOf(out);
    }

    public static List<SimulatorProvider> all() {
        return ALL;
    }

    /** Vendor id → its fixed port, base + its declared offset; base 0 = 0 for every vendor (any free port). */
    public static Map<String, Integer> ports(int base) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ALL.forEach(p -> ports.put(p.vendor(), base == 0 ? 0 : base + p.portOffset()));
        return ports;
    }
}
