package io.ticketbridge.connector;

import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.Ticket;
import java.util.List;

/** Turns one vendor payload (as its get-ticket call returns it) into canonical tickets. Pure: no I/O. */
public interface TicketMapper {

    /**
     * @throws MappingException naming the vendor and the JSON path of what is wrong
     */
    List<Ticket> map(JsonNode payload);
}
