package io.ticketbridge.testing;

import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.state.StateStore;
import java.util.UUID;
import org.apache.camel.CamelContext;

/** Real state stores for tests: a private in-memory H2 database each, bound where Kamelets look for it. */
public final class TestStores {
    private TestStores() {
    }

    public static JdbcStateStore h2() {
        JdbcStateStore store = new JdbcStateStore("jdbc:h2:mem:tb-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        store.start();
        return store;
    }

    /** Binds a fresh H2 store as {@code stateStore} and returns it. */
    public static JdbcStateStore bindH2(CamelContext camel) {
        JdbcStateStore store = h2();
        camel.getRegistry().bind(StateStore.BEAN_NAME, store);
        return store;
    }
}
