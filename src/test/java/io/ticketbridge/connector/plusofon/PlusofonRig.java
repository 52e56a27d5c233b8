package io.ticketbridge.connector.plusofon;

import io.ticketbridge.sandbox.plusofon.PlusofonSimulator;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.testing.TestStores;
import io.ticketbridge.connector.VendorSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/** A running sandbox, a started Camel context with a real H2 store, and beans wired to them with tiny retry delays. */
final class PlusofonRig implements AutoCloseable {
    final PlusofonSimulator sandbox;
    final SimServer server;
    final DefaultCamelContext camel;
    final JdbcStateStore store;

    PlusofonRig() throws Exception {
        this(Clock.systemUTC());
    }

    PlusofonRig(Clock clock) throws Exception {
        sandbox = new PlusofonSimulator(clock);
        server = new SimServer("plusofon", 0);
        sandbox.install(server);
        server.start();
        camel = new DefaultCamelContext();
        store = TestStores.bindH2(camel);
        // one retry mechanism: ours, not HttpClient's silent one (see toolchain notes)
        camel.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
        camel.start();
    }

    PlusofonSource source() {
        PlusofonSource s = new PlusofonSource();
        s.setBaseUrl(server.baseUrl());
        s.setToken(PlusofonSimulator.TOKEN);
        s.setRetryDelayMs(5);
        s.setMaxRetryDelayMs(50);
        s.setRetryAfterCapMs(1500);
        return s;
    }

    PlusofonSink sink() {
        PlusofonSink s = new PlusofonSink();
        s.setBaseUrl(server.baseUrl());
        s.setToken(PlusofonSimulator.TOKEN);
        s.setRetryDelayMs(5);
        s.setMaxRetryDelayMs(50);
        s.setRetryAfterCapMs(1500);
        return s;
    }

    Exchange exchange(Object body) {
        Exchange ex = new DefaultExchange(camel);
        ex.getIn().setBody(body);
        return ex;
    }

    /** One poll as the source Kamelet runs it: poll → fetch → map → (changed only) delivered → commit. */
    List<Ticket> poll(PlusofonSource source) {
        Exchange pollEx = exchange(null);
        List<VendorSource.Change> changes = source.poll(pollEx);
        List<Ticket> emitted = new ArrayList<>();
        for (VendorSource.Change c : changes) {
            Exchange ex = exchange(c);
            ex.getIn().setBody(source.fetch(ex));
            Ticket t = source.map(ex);
            if (Boolean.TRUE.equals(ex.getIn().getHeader(VendorSource.HEADER_UNCHANGED, Boolean.class))) continue;
            emitted.add(t);
            source.delivered(ex);
        }
        source.commit(pollEx);
        return emitted;
    }

    /** A Plusofon ticket read back through the source (attachment bytes downloaded). */
    Ticket read(PlusofonSource source, String ticketId) {
        Exchange ex = exchange(ticketId);
        ex.getIn().setBody(source.fetch(ex));
        return source.map(ex);
    }

    /** The raw get-ticket answer (to compare the sandbox before and after). */
    String raw(PlusofonSource source, String ticketId) {
        return source.fetch(exchange(ticketId));
    }

    void deliver(PlusofonSink sink, Ticket ticket) {
        sink.deliver(exchange(ticket));
    }

    @Override
    public void close() {
        camel.stop();
        server.close();
        store.close();
    }
}
