package io.ticketbridge.connector.plusofon;

import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.contract.ContractFixture;
import io.ticketbridge.sandbox.SeedStories;
import java.util.List;

/**
 * Plusofon under the contract suites: a customer-side API — closed is only a flag (no RESOLVED), no internal notes,
 * and every ticket is filed under the account holder.
 */
final class PlusofonContractFixture implements ContractFixture {
    @Override
    public Status status(SeedStories.Story story) {
        return story.status() == Status.RESOLVED ? Status.CLOSED : story.status();
    }

    @Override
    public List<SeedStories.StoryMessage> heldMessages(SeedStories.Story story) {
        return story.messages().stream().filter(m -> m.kind() != MessageKind.NOTE).toList();
    }

    @Override
    public boolean keepsRequester() {
        return false;
    }
}
