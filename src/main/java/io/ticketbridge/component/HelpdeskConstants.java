package io.ticketbridge.component;

import io.ticketbridge.connector.VendorSource;
import org.apache.camel.spi.Metadata;

/** The headers {@code helpdesk:} endpoints read and set. */
public final class HelpdeskConstants {
    @Metadata(label = "consumer,producer", description = "The vendor a ticket comes from (its source system).", javaType = "String")
    public static final String SYSTEM = VendorSource.HEADER_SYSTEM;
    @Metadata(label = "consumer,producer", description = "The ticket's id in its source system; the ticket operation=fetch reads.",
            javaType = "String")
    public static final String TICKET_ID = VendorSource.HEADER_TICKET_ID;
    @Metadata(label = "consumer", description = "The vendor's change marker of the ticket, when it gives one.", javaType = "String")
    public static final String VERSION = VendorSource.HEADER_VERSION;
    @Metadata(label = "consumer,producer", description = "SHA-256 of the canonical ticket's JSON.", javaType = "String")
    public static final String FINGERPRINT = VendorSource.HEADER_FINGERPRINT;
    @Metadata(label = "producer", description = "The ticket's id in the target account, after operation=deliver.",
            javaType = "String")
    public static final String TARGET_TICKET_ID = "TicketBridgeTargetTicketId";
    @Metadata(label = "producer", description = "operation=list: list the changes since this ISO instant or date.",
            javaType = "String")
    public static final String SINCE = "TicketBridgeSince";

    private HelpdeskConstants() {
    }
}
