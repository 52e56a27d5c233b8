package io.ticketbridge.folder;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.MappingException;
import io.ticketbridge.connector.PayloadStream;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.routing.KameletRoutes;
import io.ticketbridge.state.StateStore;
import io.ticketbridge.state.StateStore.Delivery;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code kamelet:ticket-folder-source} runs for each file the {@code file:} consumer picks up, in three steps:
 * {@link #read} (the whole file to canonical tickets — nothing is handed on unless all of it maps — minus those this
 * flow already delivered as they are), {@link #handOn} per ticket, {@link #delivered} once the route took it.
 * <p>
 * Idempotence is by content, per ticket: the flow's ledger (the state store, as for polling sources) keeps the
 * SHA-256 of each ticket's canonical JSON when the route has taken it, so the same file dropped again — or renamed,
 * or re-exported with the same tickets — hands on nothing, while a ticket whose content changed is handed on.
 */
public class DropFolder {
    private static final Logger LOG = LoggerFactory.getLogger(DropFolder.class);
    /** tb_ledger.ticket_id holds 100 characters; longer keys are hashed. */
    private static final int MAX_KEY = 100;
    private static final String PROPERTY_LEDGER_KEY = "TicketBridgeDroppedTicketKey";
    private static final String PROPERTY_FINGERPRINT = "TicketBridgeDroppedTicketFingerprint";

    private String format = DroppedFormat.AUTO;
    private String vendor = "";
    private String timeZone = "";
    private long maxFileSize = 10L * 1024 * 1024;
    private String stateKey = "";
    private volatile DroppedFormat parsed = DroppedFormat.of(format, vendor, timeZone);
    /** Without a state store bound (outside the bundle): this run's memory only. */
    private final Map<String, String> memoryLedger = new ConcurrentHashMap<>();
    private volatile boolean warnedNoStore;

    /** Step 1. Body: the file. Returns the tickets to hand on; throws naming what is wrong and where. */
    public List<Ticket> read(Exchange exchange) throws IOException {
        GenericFile<?> picked = exchange.getIn().getBody(GenericFile.class);
        Path file = Path.of(picked.getAbsoluteFilePath());
        DroppedFile dropped = new DroppedFile(file, flow(exchange));
        exchange.setProperty(DroppedFile.PROPERTY, dropped);
        exchange.getExchangeExtension().addOnCompletion(dropped);

        long size = Files.size(file);
        if (size > maxFileSize) {
            throw new DroppedFile.RefusedException("the file is " + size + " bytes, over the limit of " + maxFileSize
                    + " (maxFileSize)");
        }
        if (size == 0) {
            throw new DroppedFile.RefusedException("the file is empty: expected canonical ticket JSON or a vendor payload");
        }
        List<Ticket> all = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            PayloadStream.mapAll(parsed, in, all::add);
        } catch (JsonProcessingException e) {
            throw new DroppedFile.RefusedException(PayloadStream.describe(e));
        } catch (MappingException e) {
            dropped.mapping();
            throw e;
        }
        List<Ticket> todo = new ArrayList<>();
        String flow = flow(exchange);
        for (Ticket t : all) {
            String done = deliveredFingerprint(exchange.getContext(), flow, ledgerKey(t));
            if (!VendorSource.fingerprint(t).equals(done)) todo.add(t);
        }
        dropped.read(all.size(), all.size() - todo.size());
        return todo;
    }

    /** Step 2, per ticket: the headers every TicketBridge source sets. */
    public void handOn(Exchange exchange) {
        Ticket t = exchange.getIn().getBody(Ticket.class);
        String fingerprint = VendorSource.fingerprint(t);
        exchange.getIn().setHeader(VendorSource.HEADER_SYSTEM, t.source().system());
        exchange.getIn().setHeader(VendorSource.HEADER_TICKET_ID, t.source().ticketId());
        exchange.getIn().setHeader(VendorSource.HEADER_FINGERPRINT, fingerprint);
        // the ledger step reads properties: the route's steps may rewrite body and headers
        exchange.setProperty(PROPERTY_LEDGER_KEY, ledgerKey(t));
        exchange.setProperty(PROPERTY_FINGERPRINT, fingerprint);
        DroppedFile dropped = exchange.getProperty(DroppedFile.PROPERTY, DroppedFile.class);
        if (dropped != null) dropped.handingOn(t);
    }

    /** Step 3, per ticket, after the route took it: the ledger, so the same content is not handed on again. */
    public void delivered(Exchange exchange) {
        markDelivered(exchange.getContext(), flow(exchange), exchange.getProperty(PROPERTY_LEDGER_KEY, String.class),
                exchange.getProperty(PROPERTY_FINGERPRINT, String.class));
        DroppedFile dropped = exchange.getProperty(DroppedFile.PROPERTY, DroppedFile.class);
        if (dropped != null) dropped.delivered();
    }

    /** The flow whose ledger this is: {@code stateKey}, else the id of the route that uses the Kamelet. */
    private String flow(Exchange exchange) {
        if (stateKey != null && !stateKey.isBlank()) return stateKey;
        String route = exchange.getFromRouteId();
        String user = KameletRoutes.userRouteOf(exchange.getContext(), route);
        return user != null ? user : route;
    }

    static String ledgerKey(Ticket t) {
        String key = t.source().system() + "/" + t.source().ticketId();
        if (key.length() <= MAX_KEY) return key;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String deliveredFingerprint(CamelContext camel, String flow, String key) {
        StateStore store = store(camel);
        if (store == null) return memoryLedger.get(flow + "\n" + key);
        return store.delivered(flow, key).map(Delivery::fingerprint).orElse(null);
    }

    private void markDelivered(CamelContext camel, String flow, String key, String fingerprint) {
        StateStore store = store(camel);
        if (store == null) {
            memoryLedger.put(flow + "\n" + key, fingerprint);
        } else {
            store.markDelivered(flow, key, new Delivery(null, fingerprint));
        }
    }

    private StateStore store(CamelContext camel) {
        StateStore s = camel.getRegistry().lookupByNameAndType(StateStore.BEAN_NAME, StateStore.class);
        if (s == null) s = camel.getRegistry().findSingleByType(StateStore.class);
        if (s == null && !warnedNoStore) {
            warnedNoStore = true;
            LOG.warn("ticket-folder-source: no '{}' bean: what was delivered is remembered until the next restart only",
                    StateStore.BEAN_NAME);
        }
        return s;
    }

    // ---- the Kamelet's properties; each setter checks the combination at once, so a bad setting stops the route ----

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.parsed = DroppedFormat.of(format, vendor, timeZone);
        this.format = format;
    }

    public String getVendor() {
        return vendor;
    }

    public void setVendor(String vendor) {
        this.parsed = DroppedFormat.of(format, vendor, timeZone);
        this.vendor = vendor;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.parsed = DroppedFormat.of(format, vendor, timeZone);
        this.timeZone = timeZone;
    }

    public long getMaxFileSize() {
        return maxFileSize;
    }

    public void setMaxFileSize(long maxFileSize) {
        if (maxFileSize <= 0) throw new IllegalArgumentException("ticket-folder-source: maxFileSize must be positive, got " + maxFileSize);
        this.maxFileSize = maxFileSize;
    }

    public String getStateKey() {
        return stateKey;
    }

    public void setStateKey(String stateKey) {
        this.stateKey = stateKey;
    }
}
