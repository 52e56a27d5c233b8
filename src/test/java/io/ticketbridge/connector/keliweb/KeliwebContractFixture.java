package io.ticketbridge.connector.keliweb;

import io.ticketbridge.canonical.Status;
import io.ticketbridge.contract.ContractFixture;
import io.ticketbridge.sandbox.SeedStories;

/** Keliweb under the contract suites: the WHMCS vocabulary has no RESOLVED, so the sandbox stores it as Closed. */
final class KeliwebContractFixture implements ContractFixture {
    @Override
    public Status status(SeedStories.Story story) {
        return story.status() == Status.RESOLVED ? Status.CLOSED : story.status();
    }
}
