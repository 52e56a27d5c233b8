package io.ticketbridge.sink;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.spi.DataFormat;
import org.apache.camel.spi.DataFormatName;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Canonical ticket ⇄ JSON as a Camel data format, so routes can {@code marshal}/{@code unmarshal} with
 * {@code custom: ticketJson} and get exactly the documented shape (UTC ISO instants, every field present).
 */
public class TicketJsonDataFormat extends ServiceSupport implements DataFormat, DataFormatName {
    private boolean pretty = true;

    @Override
    public String getDataFormatName() {
        return "ticketJson";
    }

    @Override
    public void marshal(Exchange exchange, Object graph, OutputStream stream) throws Exception {
        Ticket ticket = exchange.getContext().getTypeConverter().mandatoryConvertTo(Ticket.class, exchange, graph);
        String json = pretty ? TicketJson.writePretty(ticket) : TicketJson.write(ticket);
        stream.write(json.getBytes(StandardCharsets.UTF_8));
        stream.write('\n');
    }

    @Override
    public Object unmarshal(Exchange exchange, InputStream stream) throws Exception {
        return TicketJson.mapper().readValue(stream, Ticket.class);
    }

    public boolean isPretty() {
        return pretty;
    }

    public void setPretty(boolean pretty) {
        this.pretty = pretty;
    }
}
