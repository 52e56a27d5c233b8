package io.ticketbridge.sandbox.keliweb;

import io.ticketbridge.sandbox.SimulatorProvider;

/** Keliweb in the sandbox: port base + 1 (18081 by default; documented in the README, keep it). */
public final class KeliwebSimulatorProvider extends SimulatorProvider {
    public KeliwebSimulatorProvider() {
        super("keliweb", 1, KeliwebSimulator::new);
    }
}
