package io.ticketbridge.testing;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.ConnectorOptions;
import io.ticketbridge.connector.VendorBean;
import io.ticketbridge.connector.VendorSink;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.connector.Connectors;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.sandbox.SimulatorProvider;
import io.ticketbridge.sandbox.Simulators;
import io.ticketbridge.sandbox.VendorSimulator;
import io.ticketbridge.state.JdbcStateStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;

/**
 * One vendor's simulator on a loopback port, a started Camel context with a real H2 state store, and the vendor's
 * source and sink configured as the {@code helpdesk:} endpoint configures them — by property name, from the
 * simulator's credentials — with tiny retry delays. Any vendor: the contract suites use it for every registered one,
 * the per-vendor tests for what only their vendor does.
 *
 * @param <S> the simulator, for tests that steer it (clock, quirks, counters)
 */
public final class VendorBed<S extends VendorSimulator> implements AutoCloseable {
    public final Connector vendor;
    public final S sandbox;
    public final SimServer server;
    public final DefaultCamelContext camel = new DefaultCamelContext();
    public final JdbcStateStore store;
    /** Options every source and sink of this bed gets (those the bean has), after the credentials. */
    private final Map<String, Object> options = new LinkedHashMap<>();
    private Consumer<VendorBean> customizer = b -> { };

    /** The registered vendor {@code id} against a fresh simulator from the sandbox's registry. */
    @SuppressWarnings("unchecked")
    public static VendorBed<VendorSimulator> of(String id) throws Exception {
        SimulatorProvider provider = Simulators.all().stream().filter(p -> p.vendor().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no simulator for vendor " + id));
        return new VendorBed<>(id, provider.create());
    }

    public VendorBed(String vendor, S simulator) throws Exception {
        this.vendor = Connectors.get(vendor);
        this.sandbox = simulator;
        server = new SimServer(vendor, 0);
        simulator.install(server);
        server.start();
        store = TestStores.bindH2(camel);
        // as the helpdesk component does: HttpClient must not retry (and wait out Retry-After) on its own
        camel.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
        camel.start();
        options.put("retryDelayMs", 5);
        options.put("maxRetryDelayMs", 50);
        options.put("retryAfterCapMs", 1500);
    }

    /** Sets an option on every source and sink made from now on (ignored by a bean without it). */
    public VendorBed<S> with(String option, Object value) {
        options.put(option, value);
        return this;
    }

    /** Runs on every source and sink made from now on, after the options (e.g. a test clock). */
    public VendorBed<S> customize(Consumer<VendorBean> customizer) {
        this.customizer = this.customizer.andThen(customizer);
        return this;
    }

    /** The base URL and credentials a route against this simulator would set. */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("baseUrl", server.baseUrl());
        s.putAll(sandbox.credentials());
        return s;
    }

    @SuppressWarnings("unchecked")
    public <T extends VendorSource> T source() {
        return (T) configured(vendor.newSource(), Map.of());
    }

    @SuppressWarnings("unchecked")
    public <T extends VendorSink> T sink() {
        return (T) configured(vendor.newSink(), Map.of());
    }

    /** A source with these settings instead of the simulator's (e.g. a wrong password; null = not set). */
    @SuppressWarnings("unchecked")
    public <T extends VendorSource> T source(Map<String, String> settings) {
        return (T) configured(vendor.newSource(), settings);
    }

    private <T extends VendorBean> T configured(T bean, Map<String, String> overrides) {
        Map<String, Object> props = new LinkedHashMap<>(settings());
        overrides.forEach((k, v) -> {
            if (v == null) props.remove(k); // not set at all
            else props.put(k, v);
        });
        Set<String> takes = ConnectorOptions.of(bean);
        options.forEach((k, v) -> {
            if (takes.contains(k)) props.put(k, v);
        });
        ConnectorOptions.bind(camel, bean, props);
        customizer.accept(bean);
        return bean;
    }

    public Exchange exchange(Object body) {
        Exchange ex = new DefaultExchange(camel);
        ex.getIn().setBody(body);
        return ex;
    }

    /**
     * One poll as the {@code helpdesk:} consumer runs it: plan → per ticket fetch, map, (changed only) delivered →
     * commit. Returns the tickets that reached the route.
     */
    public List<Ticket> poll(VendorSource source) {
        Exchange poll = exchange(null);
        List<VendorSource.Change> changes = source.poll(poll);
        List<Ticket> emitted = new ArrayList<>();
        for (VendorSource.Change c : changes) {
            Exchange ex = exchange(c);
            ex.setProperty(VendorSource.PROPERTY_FAILURES, poll.getProperty(VendorSource.PROPERTY_FAILURES));
            ex.getIn().setBody(source.fetch(ex));
            Ticket t = source.map(ex);
            if (Boolean.TRUE.equals(ex.getIn().getHeader(VendorSource.HEADER_UNCHANGED, Boolean.class))) continue;
            emitted.add(t);
            source.delivered(ex);
        }
        source.commit(poll);
        return emitted;
    }

    /** One ticket read through the source's fetch and map (attachment bytes included). */
    public Ticket read(VendorSource source, String ticketId) {
        Exchange ex = exchange(ticketId);
        ex.getIn().setBody(source.fetch(ex));
        return source.map(ex);
    }

    /** One ticket read back through a fresh source with its own state. */
    public Ticket read(String ticketId) {
        return read(source(), ticketId);
    }

    /** The ticket's raw get-ticket answer. */
    public String raw(VendorSource source, String ticketId) {
        return source.fetch(exchange(ticketId));
    }

    /** Delivers through the sink; returns the target ticket id the sink reports. */
    public String deliver(VendorSink sink, Ticket ticket) {
        Exchange ex = exchange(ticket);
        sink.deliver(ex);
        return ex.getIn().getHeader("TicketBridgeTargetTicketId", String.class);
    }

    /** Delivers through the sink and reads the target ticket back through a fresh source. */
    public Ticket deliverAndRead(VendorSink sink, Ticket ticket) {
        return read(deliver(sink, ticket));
    }

    /** The cursor a source keeps for its flow (its stateKey when no route runs it). */
    public String cursor(VendorSource source) {
        return store.cursor(source.stateKey() + "#cursor").orElse(null);
    }

    @Override
    public void close() {
        camel.stop();
        server.close();
        store.close();
    }
}
