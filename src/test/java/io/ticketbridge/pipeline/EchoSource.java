package io.ticketbridge.pipeline;

import com.fasterxml.jackson.core.type.TypeReference;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.VendorHttp;
import io.ticketbridge.connector.VendorSource;
import java.util.List;
import java.util.Map;

/** The read side of {@link EchoConnector}. */
public class EchoSource extends VendorSource {
    private static final Connector VENDOR = new EchoConnector();

    @Override
    public Connector vendor() {
        return VENDOR;
    }

    @Override
    protected Changes listChanges(VendorHttp http, String cursor, java.time.Instant since) {
        return new Changes(listTicketIds(http).stream().map(id -> new Change(id, "v1")).toList(), "after-" + since);
    }

    private List<String> listTicketIds(VendorHttp http) {
        VendorHttp.Response r = requireOk(http, http.get("/tickets", Map.of(), Map.of()), VendorHttp.Response::body);
        try {
            return TicketJson.mapper().readValue(r.body(), new TypeReference<List<String>>() { });
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected String fetchTicket(VendorHttp http, String ticketId) {
        return requireOk(http, http.get("/tickets/" + ticketId, Map.of(), Map.of()), VendorHttp.Response::body).body();
    }
}
