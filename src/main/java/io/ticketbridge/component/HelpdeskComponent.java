package io.ticketbridge.component;

import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.Connectors;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.state.StateStore;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code helpdesk:} component: one endpoint per helpdesk account ({@code helpdesk:<vendor>?…}), for every vendor
 * registered in {@code META-INF/services/io.ticketbridge.connector.Connector} or bound as a {@link Connector} bean.
 * Works with nothing configured: state goes to an H2 file under {@code data/state/} unless a {@code stateStore}
 * bean (or the {@code stateStore} option) says otherwise, dead letters to {@code data/dead-letter/}.
 */
@Component("helpdesk")
public class HelpdeskComponent extends DefaultComponent {
    /** Where the state lives when nothing else is configured (the default of the bundle's application.properties). */
    public static final String DEFAULT_STATE_URL = "jdbc:h2:file:data/state/ticketbridge";
    private static final Logger LOG = LoggerFactory.getLogger(HelpdeskComponent.class);

    /** The state store (cursors, ledger, id maps); default: the {@code stateStore} bean, else an H2 file under data/state/. */
    @Metadata(label = "advanced", autowired = true)
    private StateStore stateStore;
    /** The default deadLetterUri of this component's endpoints; empty = a JSON file per failure under deadLetterDirectory. */
    @Metadata
    private String deadLetterUri;
    /** Where dead letters are written when no deadLetterUri is set: one folder per vendor. */
    @Metadata(defaultValue = "data/dead-letter")
    private String deadLetterDirectory = "data/dead-letter";
    /** The store this component opened itself (nothing configured), closed when it stops. */
    private JdbcStateStore ownStore;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        HelpdeskEndpoint endpoint = new HelpdeskEndpoint(uri, this, vendor(remaining), parameters);
        setProperties(endpoint, parameters);
        // what the connector takes without an endpoint field (a vendor's own option) is its to bind, not unknown
        parameters.keySet().removeIf(endpoint::connectorTakes);
        return endpoint;
    }

    /** A {@link Connector} bean with this id, else the registered vendor. */
    private Connector vendor(String id) {
        Set<Connector> beans = getCamelContext().getRegistry().findByType(Connector.class);
        for (Connector v : beans) {
            if (v.id().equalsIgnoreCase(id)) return v;
        }
        return Connectors.get(id);
    }

    /** The configured store, else the registry's {@code stateStore}, else an H2 file under data/state/ opened once (also the e-mail sink's). */
    public synchronized StateStore stateStore() {
        if (stateStore != null) return stateStore;
        StateStore bound = getCamelContext().getRegistry().lookupByNameAndType(StateStore.BEAN_NAME, StateStore.class);
        if (bound == null) bound = getCamelContext().getRegistry().findSingleByType(StateStore.class);
        if (bound != null) return bound;
        if (ownStore == null) {
            LOG.info("No stateStore bean: keeping state in {}", DEFAULT_STATE_URL);
            JdbcStateStore store = new JdbcStateStore(DEFAULT_STATE_URL, "sa", "");
            store.start();
            ownStore = store;
        }
        return ownStore;
    }

    /**
     * The connectors retry once, bounded, and settle in-doubt writes by reading back; camel-http's client must not
     * re-send on its own (it would repeat a POST and honour any Retry-After), so its automatic retries go off.
     */
    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // readiness: one check per vendor account the endpoints use (io.ticketbridge.ops.VendorReachability)
        org.apache.camel.health.HealthCheckRegistry health = org.apache.camel.health.HealthCheckRegistry.get(getCamelContext());
        if (health != null && health.getRepository("ticketbridge-vendors").isEmpty()) {
            io.ticketbridge.ops.VendorReachability vendors = new io.ticketbridge.ops.VendorReachability();
            vendors.setCamelContext(getCamelContext());
            health.register(vendors);
        }
        for (String scheme : new String[] {"http", "https"}) {
            HttpComponent http = getCamelContext().getComponent(scheme, HttpComponent.class);
            if (http != null && !http.isAutomaticRetriesDisabled()) {
                http.setAutomaticRetriesDisabled(true);
                LOG.info("helpdesk: turned off the {} component's automatic retries (the connectors retry themselves, bounded)", scheme);
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        synchronized (this) {
            if (ownStore != null) ownStore.close();
            ownStore = null;
        }
    }

    public StateStore getStateStore() { return stateStore; }
    public void setStateStore(StateStore stateStore) { this.stateStore = stateStore; }
    public String getDeadLetterUri() { return deadLetterUri; }
    public void setDeadLetterUri(String deadLetterUri) { this.deadLetterUri = deadLetterUri; }
    public String getDeadLetterDirectory() { return deadLetterDirectory; }
    public void setDeadLetterDirectory(String deadLetterDirectory) { this.deadLetterDirectory = deadLetterDirectory; }
}
