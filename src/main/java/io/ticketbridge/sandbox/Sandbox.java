package io.ticketbridge.sandbox;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All simulated vendor APIs, each on its own loopback port (as each vendor has its own host): every simulator the
 * sandbox's registry ({@link Simulators}) lists. {@link Simulators#ports(int)} gives each vendor its fixed port;
 * port 0 picks a free one. Each holds the {@value SeedStories#COUNT} seed stories, or more for big runs
 * ({@link #start(Map, int)}).
 */
public final class Sandbox implements AutoCloseable {
    private final Map<String, SimServer> servers = new LinkedHashMap<>();
    private final Map<String, VendorSimulator> sims = new LinkedHashMap<>();

    private Sandbox() {
    }

    /** Property (and {@code --tickets} of the sandbox command): tickets per vendor. */
    public static final String TICKETS_PROPERTY = "ticketbridge.sandbox.tickets";

    /** Starts every registered simulator; {@code ports} maps vendor id → port (missing or 0 = any free port). */
    public static Sandbox start(Map<String, Integer> ports) throws IOException {
        return start(ports, SeedStories.COUNT);
    }

    /**
     * As {@link #start(Map)}, each vendor holding {@code tickets} tickets: the seed stories, then
     * {@link SeedStories#generated generated} ones — the same in every vendor and every run.
     */
    public static Sandbox start(Map<String, Integer> ports, int tickets) throws IOException {
        if (tickets < SeedStories.COUNT) {
            throw new IllegalArgumentException("tickets must be at least " + SeedStories.COUNT + " (the seed stories), got " + tickets);
        }
        List<SeedStories.Story> more = SeedStories.generated(tickets);
        Sandbox sandbox = new Sandbox();
        try {
            for (SimulatorProvider p : Simulators.all()) {
                SimServer server = new SimServer(p.vendor(), ports.getOrDefault(p.vendor(), 0));
                sandbox.servers.put(p.vendor(), server);
                VendorSimulator sim = p.create();
                if (!more.isEmpty()) sim.addStories(more);
                sim.install(server);
                server.start();
                sandbox.sims.put(p.vendor(), sim);
            }
        } catch (IOException | RuntimeException e) {
            sandbox.close();
            throw e;
        }
        return sandbox;
    }

    public String baseUrl(String vendor) {
        return server(vendor).baseUrl();
    }

    public SimServer server(String vendor) {
        SimServer s = servers.get(vendor);
        if (s == null) throw new IllegalArgumentException("no sandbox for vendor '" + vendor + "'");
        return s;
    }

    public VendorSimulator simulator(String vendor) {
        return sims.get(vendor);
    }

    public Map<String, SimServer> servers() {
        return servers;
    }

    /**
     * Properties that point the connectors at this sandbox: {@code ticketbridge.<vendor>.baseUrl} and each
     * credential as {@code ticketbridge.<vendor>.<name>}.
     */
    public Map<String, String> connectorProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        servers.forEach((id, s) -> {
            props.put("ticketbridge." + id + ".baseUrl", s.baseUrl());
            sims.get(id).credentials().forEach((k, v) -> props.put("ticketbridge." + id + "." + k, v));
        });
        return props;
    }

    @Override
    public void close() {
        servers.values().forEach(SimServer::close);
    }
}
