package io.ticketbridge.sandbox.plusofon;

import io.ticketbridge.sandbox.SimulatorProvider;

/** Plusofon in the sandbox: port base + 2 (18082 by default; documented in the README, keep it). */
public final class PlusofonSimulatorProvider extends SimulatorProvider {
    public PlusofonSimulatorProvider() {
        super("plusofon", 2, PlusofonSimulator::new);
    }
}
