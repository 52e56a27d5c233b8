package io.ticketbridge.connector.thulium;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.contract.ContractFixture;
import java.util.List;

/** Thulium under the contract suites: its tickets also carry the status-change log, as SYSTEM messages. */
final class ThuliumContractFixture implements ContractFixture {
    @Override
    public List<Message> storyMessages(Ticket ticket) {
        return ticket.messages().stream().filter(m -> m.kind() != MessageKind.SYSTEM).toList();
    }
}
