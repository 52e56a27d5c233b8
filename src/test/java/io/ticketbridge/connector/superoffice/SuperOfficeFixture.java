package io.ticketbridge.connector.superoffice;

import io.ticketbridge.sandbox.superoffice.SuperOfficeSimulator;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.testing.TestStores;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.connector.VendorSource.Change;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/** A running sandbox tenant, a Camel context with a real H2 state store, and the connector beans wired to them. */
final class SuperOfficeFixture implements AutoCloseable {
    final SimServer server;
    final SuperOfficeSimulator sandbox = new SuperOfficeSimulator();
    final CamelContext camel = new DefaultCamelContext();
    final JdbcStateStore store;

    SuperOfficeFixture() throws Exception {
        server = new SimServer("superoffice", 0);
        sandbox.install(server);
        server.start();
        store = TestStores.bindH2(camel);
        camel.start();
    }

    SuperOfficeSource source() {
        SuperOfficeSource s = new SuperOfficeSource();
        Map<String, String> c = sandbox.credentials();
        s.setBaseUrl(server.baseUrl());
        s.setAuthMethod(c.get("authMethod"));
        s.setUsername(c.get("username"));
        s.setPassword(c.get("password"));
        fast(s);
        return s;
    }

    SuperOfficeSink sink() {
        SuperOfficeSink s = new SuperOfficeSink();
        Map<String, String> c = sandbox.credentials();
        s.setBaseUrl(server.baseUrl());
        s.setAuthMethod(c.get("authMethod"));
        s.setUsername(c.get("username"));
        s.setPassword(c.get("password"));
        fast(s);
        return s;
    }

    static void fast(io.ticketbridge.connector.VendorBean b) {
        b.setRetryDelayMs(5);
        b.setMaxRetryDelayMs(50);
        b.setRetryAfterCapMs(1500);
        b.setMaxAttempts(8);
    }

    Exchange exchange(Object body) {
        Exchange ex = new DefaultExchange(camel);
        ex.getIn().setBody(body);
        return ex;
    }

    /** One poll as the source Kamelet runs it: poll → (fetch → map → delivered) per ticket → commit. Returns what was emitted. */
    List<Ticket> runPoll(SuperOfficeSource source) {
        Exchange poll = exchange(null);
        List<Change> changes = source.poll(poll);
        List<Ticket> emitted = new ArrayList<>();
        for (Change c : changes) {
            Exchange ex = exchange(c);
            ex.getIn().setBody(source.fetch(ex));
            Ticket t = source.map(ex);
            if (!Boolean.TRUE.equals(ex.getIn().getHeader(VendorSource.HEADER_UNCHANGED))) emitted.add(t);
            source.delivered(ex);
        }
        source.commit(poll);
        return emitted;
    }

    /** A ticket read back through the source's own fetch and map (attachment bytes included). */
    Ticket read(SuperOfficeSource source, String id) {
        Exchange ex = exchange(id);
        ex.getIn().setBody(source.fetch(ex));
        return source.map(ex);
    }

    String cursor(SuperOfficeSource source) {
        return store.cursor(source.stateKey() + "#cursor").orElse(null);
    }

    /** A customer reply written straight through the API (what an end user's e-mail would do). */
    int addReply(int ticketId, String text) throws Exception {
        String json = "{\"EjMessageId\":0,\"Ticket\":{\"TicketId\":" + ticketId + "},\"Slevel\":\"External\",\"Type\":\"Plain\","
                + "\"Body\":\"" + text + "\"}";
        HttpRequest req = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/v1/Agents/Ticket/SaveTicketMessageEntity"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (SuperOfficeSimulator.USERNAME + ":" + SuperOfficeSimulator.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("reply failed: " + r.statusCode() + " " + r.body());
        return r.statusCode();
    }

    @Override
    public void close() {
        camel.stop();
        server.close();
    }
}
