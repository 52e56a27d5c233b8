package io.ticketbridge.sandbox.thulium;

import io.ticketbridge.sandbox.SimulatorProvider;

/** Thulium in the sandbox: port base + 4 (18084 by default; documented in the README, keep it). */
public final class ThuliumSimulatorProvider extends SimulatorProvider {
    public ThuliumSimulatorProvider() {
        super("thulium", 4, ThuliumSimulator::new);
    }
}
