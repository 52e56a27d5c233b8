package io.ticketbridge.connector.thulium;

import io.ticketbridge.testing.MutableClock;
import io.ticketbridge.sandbox.thulium.ThuliumSimulator;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.testing.TestStores;
import io.ticketbridge.connector.VendorSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * One Thulium sandbox on a loopback port (tenant clock under test control), a started Camel context with a real H2
 * state store, and source/sink beans configured the way the Kamelets configure them, with tiny retry delays.
 */
final class ThuliumBed implements AutoCloseable {
    /** After every seed story (they end in early February 2025). */
    static final Instant START = Instant.parse("2025-03-03T10:00:20Z");

    final MutableClock clock = new MutableClock(START);
    final ThuliumSimulator sandbox = new ThuliumSimulator(clock, ThuliumVendor.DEFAULT_ZONE);
    final SimServer server;
    final DefaultCamelContext camel = new DefaultCamelContext();
    final JdbcStateStore store;

    ThuliumBed() throws Exception {
        server = new SimServer("thulium", 0);
        sandbox.install(server);
        server.start();
        store = TestStores.bindH2(camel);
        // as the application configures it: HttpClient's own Retry-After handling off, one retry mechanism
        camel.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
        camel.start();
    }

    ThuliumSource source() {
        ThuliumSource s = new ThuliumSource();
        s.setBaseUrl(server.baseUrl());
        s.setUsername(ThuliumSimulator.USERNAME);
        s.setPassword(ThuliumSimulator.PASSWORD);
        s.setPageSize(7);
        tiny(s);
        s.clock(clock);
        return s;
    }

    ThuliumSink sink() {
        ThuliumSink s = new ThuliumSink();
        s.setBaseUrl(server.baseUrl());
        s.setUsername(ThuliumSimulator.USERNAME);
        s.setPassword(ThuliumSimulator.PASSWORD);
        tiny(s);
        return s;
    }

    private static void tiny(io.ticketbridge.connector.VendorBean b) {
        b.setRetryDelayMs(5);
        b.setMaxRetryDelayMs(50);
        b.setRetryAfterCapMs(1500);
    }

    Exchange exchange(Object body) {
        Exchange ex = new DefaultExchange(camel);
        ex.getIn().setBody(body);
        return ex;
    }

    /** fetch → map of one ticket, as the Kamelet's split does it (attachments downloaded). */
    Ticket read(ThuliumSource s, String id) {
        Exchange ex = exchange(id);
        ex.getIn().setBody(s.fetch(ex));
        return s.map(ex);
    }

    /**
     * One run of the source Kamelet's steps: poll → per ticket fetch, map, (sink) delivered → commit. Returns the
     * tickets that would have reached the sink.
     */
    List<Ticket> pollCycle(ThuliumSource s) {
        Exchange poll = exchange(null);
        List<VendorSource.Change> changes = s.poll(poll);
        List<Ticket> emitted = new ArrayList<>();
        for (VendorSource.Change c : changes) {
            Exchange ex = exchange(c);
            ex.setProperty(VendorSource.PROPERTY_FAILURES, poll.getProperty(VendorSource.PROPERTY_FAILURES));
            ex.getIn().setBody(s.fetch(ex));
            Ticket t = s.map(ex);
            if (!Boolean.TRUE.equals(ex.getIn().getHeader(VendorSource.HEADER_UNCHANGED))) {
                emitted.add(t);
                s.delivered(ex);
            }
        }
        s.commit(poll);
        return emitted;
    }

    @Override
    public void close() {
        camel.stop();
        server.close();
        store.close();
    }
}
