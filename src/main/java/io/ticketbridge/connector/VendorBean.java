package io.ticketbridge.connector;

import io.ticketbridge.state.StateStore;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

/**
 * What a vendor's source and sink beans share: the base URL, the HTTP client with its retry policy, the state
 * store and the state key. Properties are bound by the Kamelet from its parameters.
 */
public abstract class VendorBean {
    private String baseUrl;
    private String stateKey = "";
    private int maxAttempts = RetryPolicy.DEFAULT.maxAttempts();
    private long retryDelayMs = RetryPolicy.DEFAULT.initialDelay().toMillis();
    private long maxRetryDelayMs = RetryPolicy.DEFAULT.maxDelay().toMillis();
    private long retryAfterCapMs = RetryPolicy.DEFAULT.retryAfterCap().toMillis();
    private double maxRequestsPerSecond;
    private volatile VendorHttp http;
    private volatile StateStore store;
    /** Where the store comes from when none was set (the helpdesk component's), asked on first use only. */
    private volatile java.util.function.Supplier<StateStore> storeSource;

    /** The vendor this bean reads or writes. */
    public abstract Connector vendor();

    /**
     * The options this vendor's source and sink share ({@code <V>Settings}: credentials and the like), bound by the
     * same names as the bean's own properties ({@link ConnectorOptions}); null when the vendor has none.
     */
    public Object settings() {
        return null;
    }

    /**
     * Hook: who this bean calls the vendor as (the API user, or the token where the token is the account), so that
     * beans on one account share its {@link RequestBudget}; empty means every user of the base URL shares one.
     */
    protected String accountUser() {
        return "";
    }

    /** Hook: a vendor whose API reports "not found" as a 500 narrows what is retried. */
    protected boolean retryable(VendorHttp.Response r) {
        return RetryPolicy.transientStatus(r.status());
    }

    protected VendorHttp http(Exchange exchange) {
        return http(exchange.getContext());
    }

    /** The HTTP client of this bean, made on first use with its retry policy. */
    public VendorHttp http(CamelContext camel) {
        VendorHttp h = http;
        if (h == null) {
            synchronized (this) {
                if (http == null) {
                    VendorHttp made = new VendorHttp(camel, vendor().id(), baseUrl)
                            .retry(new RetryPolicy(maxAttempts, Duration.ofMillis(retryDelayMs),
                                    Duration.ofMillis(maxRetryDelayMs), Duration.ofMillis(retryAfterCapMs)))
                            .retryOn(this::retryable);
                    http = made.budget(RequestBudget.of(vendor().id(), baseUrl, accountUser(), made, maxRequestsPerSecond));
                }
                h = http;
            }
        }
        return h;
    }

    protected StateStore store(Exchange exchange) {
        return store(exchange.getContext());
    }

    /** The store set explicitly (the helpdesk component sets one), else the {@code stateStore} bean of the registry. */
    public StateStore store(CamelContext camel) {
        StateStore s = store;
        if (s == null && storeSource != null) {
            s = storeSource.get();
            store = s;
        }
        if (s == null) {
            s = camel.getRegistry().lookupByNameAndType(StateStore.BEAN_NAME, StateStore.class);
            if (s == null) {
                throw new IllegalStateException(vendor().id() + ": no state store: bind a '" + StateStore.BEAN_NAME
                        + "' bean (application.properties: camel.beans.stateStore = #class:io.ticketbridge.state.JdbcStateStore)");
            }
            store = s;
        }
        return s;
    }

    /** The key this bean's state lives under: the configured stateKey, else {@code <vendor>@<baseUrl>}. */
    public String stateKey() {
        return stateKey == null || stateKey.isBlank() ? vendor().id() + "@" + baseUrl : stateKey;
    }

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getStateKey() { return stateKey; }
    public void setStateKey(String stateKey) { this.stateKey = stateKey; }
    public void setStateStore(StateStore store) { this.store = store; }
    public void setStateStoreSource(java.util.function.Supplier<StateStore> source) { this.storeSource = source; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
    public long getRetryDelayMs() { return retryDelayMs; }
    public void setRetryDelayMs(long retryDelayMs) { this.retryDelayMs = retryDelayMs; }
    public long getMaxRetryDelayMs() { return maxRetryDelayMs; }
    public void setMaxRetryDelayMs(long maxRetryDelayMs) { this.maxRetryDelayMs = maxRetryDelayMs; }
    public long getRetryAfterCapMs() { return retryAfterCapMs; }
    public void setRetryAfterCapMs(long retryAfterCapMs) { this.retryAfterCapMs = retryAfterCapMs; }
    public double getMaxRequestsPerSecond() { return maxRequestsPerSecond; }

    /** At most this many requests a second to the account, shared with its other beans; 0 (default) = no limit. */
    public void setMaxRequestsPerSecond(double maxRequestsPerSecond) {
        if (maxRequestsPerSecond < 0 || Double.isNaN(maxRequestsPerSecond)) {
            throw new IllegalArgumentException(vendor().id() + ": maxRequestsPerSecond must be 0 (no limit) or more, got " + maxRequestsPerSecond);
        }
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }
}
