package io.ticketbridge.connector;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Payloads one after another in one input (a single document, or NDJSON), each mapped as it is read: what
 * {@code convert} and the drop folder read. An error in a later document names its number.
 */
public final class PayloadStream {
    private PayloadStream() {
    }

    /** Receives each ticket as soon as its document mapped. */
    @FunctionalInterface
    public interface TicketSink {
        void accept(Ticket ticket) throws IOException;
    }

    /**
     * Maps every JSON document of {@code input} with {@code mapper}; returns how many there were.
     *
     * @throws MappingException naming the document (when not the first) and the JSON path; also for an empty input
     * @throws JsonProcessingException for input that is not JSON ({@link #describe} makes it one line)
     */
    public static int mapAll(TicketMapper mapper, InputStream input, TicketSink out) throws IOException {
        try (JsonParser parser = TicketJson.mapper().getFactory().createParser(input);
             MappingIterator<JsonNode> docs = TicketJson.mapper().readValues(parser, JsonNode.class)) {
            int n = 0;
            while (docs.hasNextValue()) {
                JsonNode doc = docs.nextValue();
                n++;
                List<Ticket> tickets;
                try {
                    tickets = mapper.map(doc);
                } catch (MappingException e) {
                    if (n == 1) throw e; // the common single-payload case names no document number
                    throw new MappingException(e.vendor(), "document " + n + " " + e.path(), e.problem());
                }
                for (Ticket t : tickets) out.accept(t);
            }
            if (n == 0) throw new MappingException("input", "$", "empty input: expected a JSON payload");
            return n;
        }
    }

    /** {@code not valid JSON at line 4, column 1: Unexpected end-of-input ...} (first line of Jackson's message). */
    public static String describe(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        return "not valid JSON" + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
                + ": " + e.getOriginalMessage().lines().findFirst().orElse("");
    }
}
