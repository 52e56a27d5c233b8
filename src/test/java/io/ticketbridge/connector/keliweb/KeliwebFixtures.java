package io.ticketbridge.connector.keliweb;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.testing.TestResources;

/** Keliweb's test payloads: the seed document's ticket and the WHMCS reference answers. */
final class KeliwebFixtures {
    private KeliwebFixtures() {
    }

    static JsonNode seed() {
        return TestResources.json("fixtures/keliweb/seed_get_ticket.json");
    }

    static JsonNode reference(String name) {
        return TestResources.json("reference-payloads/keliweb/" + name);
    }
}
