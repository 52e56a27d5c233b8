package io.ticketbridge.folder;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.MappingException;
import io.ticketbridge.connector.PayloadStream;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.state.ContentLedger;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;

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
    private static final String PROPERTY_LEDGER_KEY = "TicketBridgeDroppedTicketKey";
    private static final String PROPERTY_FINGERPRINT = "TicketBridgeDroppedTicketFingerprint";

    private String format = DroppedFormat.AUTO;
    private String vendor = "";
    private String timeZone = "";
    private long maxFileSize = 10L * 1024 * 1024;
    private String stateKey = "";
    private volatile DroppedFormat parsed = DroppedFormat.of(format, vendor, timeZone);
    private final ContentLedger ledger = new ContentLedger("ticket-folder-source");

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
            if (!ledger.taken(exchange.getContext(), flow, t)) todo.add(t);
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
        exchange.setProperty(PROPERTY_LEDGER_KEY, ContentLedger.key(t));
        exchange.setProperty(PROPERTY_FINGERPRINT, fingerprint);
        DroppedFile dropped = exchange.getProperty(DroppedFile.PROPERTY, DroppedFile.class);
        if (dropped != null) dropped.handingOn(t);
    }

    /** Step 3, per ticket, after the route took it: the ledger, so the same content is not handed on again. */
    public void delivered(Exchange exchange) {
        ledger.markTaken(exchange.getContext(), flow(exchange), exchange.getProperty(PROPERTY_LEDGER_KEY, String.class),
                exchange.getProperty(PROPERTY_FINGERPRINT, String.class));
        DroppedFile dropped = exchange.getProperty(DroppedFile.PROPERTY, DroppedFile.class);
        if (dropped != null) dropped.delivered();
    }

    private String flow(Exchange exchange) {
        return ContentLedger.flow(exchange, stateKey);
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
