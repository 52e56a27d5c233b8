package io.ticketbridge.connector.keliweb;

import io.ticketbridge.sandbox.keliweb.KeliwebSimulator;
import com.fasterxml.jackson.databind.JsonNode;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.testing.TestStores;
import io.ticketbridge.connector.VendorBean;
import io.ticketbridge.connector.VendorHttp;
import io.ticketbridge.connector.VendorSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/** The sandbox on a real HTTP server, a Camel context with a real H2 state store, and beans wired to both. */
final class KeliwebTestBed implements AutoCloseable {
    final KeliwebSimulator sandbox;
    final SimServer server;
    final CamelContext camel;
    final JdbcStateStore store;

    KeliwebTestBed(Clock sandboxClock) throws Exception {
        sandbox = new KeliwebSimulator(sandboxClock, KeliwebVendor.DEFAULT_ZONE);
        server = new SimServer("keliweb", 0);
        sandbox.install(server);
        server.start();
        camel = new DefaultCamelContext();
        store = TestStores.bindH2(camel);
        // as the application configures it: HttpClient 5 must not retry (and wait out Retry-After) on its own
        camel.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
        camel.start();
    }

    static <T extends VendorBean> T fast(T bean) {
        bean.setRetryDelayMs(5);
        bean.setMaxRetryDelayMs(50);
        bean.setRetryAfterCapMs(1500);
        return bean;
    }

    KeliwebSource source() {
        KeliwebSource s = fast(new KeliwebSource());
        s.setBaseUrl(server.baseUrl());
        s.setClientId(KeliwebSimulator.CLIENT_ID);
        s.setClientSecret(KeliwebSimulator.CLIENT_SECRET);
        s.setUsername(KeliwebSimulator.USERNAME);
        s.setPassword(KeliwebSimulator.PASSWORD);
        s.setPageSize(7);
        return s;
    }

    KeliwebSink sink() {
        KeliwebSink s = fast(new KeliwebSink());
        s.setBaseUrl(server.baseUrl());
        s.setClientId(KeliwebSimulator.CLIENT_ID);
        s.setClientSecret(KeliwebSimulator.CLIENT_SECRET);
        s.setUsername(KeliwebSimulator.USERNAME);
        s.setPassword(KeliwebSimulator.PASSWORD);
        return s;
    }

    Exchange exchange(Object body) {
        Exchange ex = new DefaultExchange(camel);
        ex.getIn().setBody(body);
        return ex;
    }

    /** What the source Kamelet's route does for one poll; returns the tickets handed on (not flagged unchanged). */
    List<Ticket> poll(KeliwebSource source) {
        Exchange polled = exchange(null);
        List<VendorSource.Change> changes = source.poll(polled);
        List<Ticket> out = new ArrayList<>();
        for (VendorSource.Change c : changes) {
            Exchange ex = polled.copy();
            ex.getIn().setBody(c);
            ex.getIn().setBody(source.fetch(ex));
            Ticket t = source.map(ex);
            if (Boolean.TRUE.equals(ex.getIn().getHeader(VendorSource.HEADER_UNCHANGED))) continue;
            out.add(t);
            source.delivered(ex);
        }
        source.commit(polled);
        return out;
    }

    /** One ticket read back through the source, attachments with bytes. */
    Ticket read(String id) {
        KeliwebSource s = source();
        Exchange ex = exchange(id);
        ex.getIn().setBody(s.fetch(ex));
        return s.map(ex);
    }

    Ticket deliver(KeliwebSink sink, Ticket ticket) {
        Exchange ex = exchange(ticket);
        sink.deliver(ex);
        return read(ex.getIn().getHeader("TicketBridgeTargetTicketId", String.class));
    }

    /** A raw action call, as another Keliweb user would make it. */
    JsonNode act(String action, Map<String, String> form) {
        return source().api().call(new VendorHttp(camel, "keliweb", server.baseUrl()), action, form);
    }

    @Override
    public void close() {
        camel.stop();
        server.close();
        store.close();
    }
}
