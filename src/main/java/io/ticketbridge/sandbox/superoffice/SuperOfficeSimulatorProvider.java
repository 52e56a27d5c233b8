package io.ticketbridge.sandbox.superoffice;

import io.ticketbridge.sandbox.SimulatorProvider;

/** SuperOffice in the sandbox: port base + 3 (18083 by default; documented in the README, keep it). */
public final class SuperOfficeSimulatorProvider extends SimulatorProvider {
    public SuperOfficeSimulatorProvider() {
        super("superoffice", 3, SuperOfficeSimulator::new);
    }
}
