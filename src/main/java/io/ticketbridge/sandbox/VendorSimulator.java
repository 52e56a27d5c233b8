package io.ticketbridge.sandbox;

import java.util.List;
import java.util.Map;

/**
 * One vendor's simulated API: installs its handlers on its own {@link SimServer}, with its own state. Which vendor
 * it plays and on which port is its {@link SimulatorProvider}'s to say.
 */
public interface VendorSimulator {

    /** Registers every simulated endpoint; the server is already bound, so {@code server.baseUrl()} is known. */
    void install(SimServer server);

    /**
     * What a client needs to log in, as connector property name → value (e.g. username, password, token,
     * clientId); printed by {@code ticketbridge sandbox} and fed to the default routes.
     */
    Map<String, String> credentials();

    /** How many tickets the simulator holds now. */
    int ticketCount();

    /**
     * Adds tickets rendered from these stories (e.g. {@link SeedStories#generated}) to the ones seeded at
     * construction, with the next free ids.
     */
    default void addStories(List<SeedStories.Story> stories) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot add stories");
    }
}
