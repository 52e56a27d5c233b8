package io.ticketbridge.sandbox;

import java.util.function.Supplier;

/**
 * A vendor the sandbox simulates, as its own registry ({@link Simulators}) finds it: one subclass per vendor, named
 * in {@code META-INF/services/io.ticketbridge.sandbox.SimulatorProvider}. The connectors know nothing of it, so a
 * simulator can be added, replaced or left out without touching a client.
 */
public abstract class SimulatorProvider {
    private final String vendor;
    private final int portOffset;
    private final Supplier<VendorSimulator> factory;

    /**
     * @param vendor     the vendor id, the same as the connector's (thulium, keliweb, ...)
     * @param portOffset the vendor's fixed place in the sandbox, see {@link #portOffset()}
     * @param factory    makes a fresh simulator with its own state
     */
    protected SimulatorProvider(String vendor, int portOffset, Supplier<VendorSimulator> factory) {
        this.vendor = vendor;
        this.portOffset = portOffset;
        this.factory = factory;
    }

    /** The key of the simulator's URL and credentials: {@code ticketbridge.<vendor>.baseUrl}. */
    public final String vendor() {
        return vendor;
    }

    /**
     * The simulator's port is the port base plus this (thulium 4 → 18084 with the default base 18080). Each
     * simulator declares its own, never derived from the others, so adding a vendor moves none; two providers
     * with the same offset are refused.
     */
    public final int portOffset() {
        return portOffset;
    }

    /** A fresh simulator with its own state, seeded with the {@value SeedStories#COUNT} stories. */
    public final VendorSimulator create() {
        return factory.get();
    }
}
