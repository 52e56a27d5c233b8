package io.ticketbridge.state;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.routing.KameletRoutes;
import io.ticketbridge.state.StateStore.Delivery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotence by content for receivers that are handed whole tickets (a drop folder, a push): per flow, the SHA-256
 * of each ticket's canonical JSON once the route took it, in the state store's ledger as for polling sources. The
 * same ticket handed in again unchanged is recognised; a changed one is not. Without a state store bound (a Kamelet
 * used outside the bundle) the ledger lives in memory until the next restart, and says so once.
 */
public final class ContentLedger {
    private static final Logger LOG = LoggerFactory.getLogger(ContentLedger.class);
    /** tb_ledger.ticket_id holds 100 characters; longer keys are hashed. */
    private static final int MAX_KEY = 100;

    private final String receiver;
    private final Map<String, String> memory = new ConcurrentHashMap<>();
    private volatile boolean warnedNoStore;

    /** {@code receiver} names the Kamelet in the one warning logged when no store is bound. */
    public ContentLedger(String receiver) {
        this.receiver = receiver;
    }

    /** The flow whose ledger this is: {@code stateKey} when set, else the id of the route that uses the Kamelet. */
    public static String flow(Exchange exchange, String stateKey) {
        if (stateKey != null && !stateKey.isBlank()) return stateKey;
        String route = exchange.getFromRouteId();
        String user = KameletRoutes.userRouteOf(exchange.getContext(), route);
        return user != null ? user : route;
    }

    /** The ledger's key for a ticket: {@code system/ticketId}, hashed when longer than the column. */
    public static String key(Ticket t) {
        String key = t.source().system() + "/" + t.source().ticketId();
        if (key.length() <= MAX_KEY) return key;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True when this flow already took {@code t} with exactly this content. */
    public boolean taken(CamelContext camel, String flow, Ticket t) {
        String key = key(t);
        StateStore store = store(camel);
        String done = store == null ? memory.get(flow + "\n" + key)
                : store.delivered(flow, key).map(Delivery::fingerprint).orElse(null);
        return VendorSource.fingerprint(t).equals(done);
    }

    /** Records that the flow took the ticket under {@code key} with {@code fingerprint}. */
    public void markTaken(CamelContext camel, String flow, String key, String fingerprint) {
        StateStore store = store(camel);
        if (store == null) {
            memory.put(flow + "\n" + key, fingerprint);
        } else {
            store.markDelivered(flow, key, new Delivery(null, fingerprint));
        }
    }

    private StateStore store(CamelContext camel) {
        StateStore s = camel.getRegistry().lookupByNameAndType(StateStore.BEAN_NAME, StateStore.class);
        if (s == null) s = camel.getRegistry().findSingleByType(StateStore.class);
        if (s == null && !warnedNoStore) {
            warnedNoStore = true;
            LOG.warn("{}: no '{}' bean: what was delivered is remembered until the next restart only", receiver,
                    StateStore.BEAN_NAME);
        }
        return s;
    }
}
