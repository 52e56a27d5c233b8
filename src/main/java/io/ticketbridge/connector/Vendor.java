package io.ticketbridge.connector;

import io.ticketbridge.sandbox.VendorSandbox;
import java.time.ZoneId;

/**
 * The one contract a vendor implements. Each vendor lives in its own package (vendor/thulium, ...) and is
 * discovered through {@code META-INF/services/io.ticketbridge.connector.Vendor} (or bound as a bean of this type),
 * so adding a fifth vendor means one new folder, one line there, and its two thin Kamelets.
 */
public interface Vendor {

    /** Lower-case id used everywhere: CLI {@code --from}, {@code source.system}, property prefixes, Kamelet names. */
    String id();

    /** The zone naive vendor timestamps are read in unless configured otherwise; null when the API sends offsets. */
    ZoneId defaultTimeZone();

    /** Maps payloads exactly as the vendor's get-ticket call returns them. */
    TicketMapper mapper(MapperSettings settings);

    /** A new, unconfigured read side (what {@code helpdesk:<id>} consumers, fetch and list use). */
    VendorSource newSource();

    /** A new, unconfigured write side (what {@code helpdesk:<id>} producers deliver with); null for a read-only vendor. */
    default VendorSink newSink() {
        return null;
    }

    /** The stateful simulator of this vendor's API, seeded with its share of the sandbox data set. */
    VendorSandbox sandbox();
}
