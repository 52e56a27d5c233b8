package io.ticketbridge.connector;

import java.time.ZoneId;

/**
 * The one contract a vendor implements. Each vendor lives in its own package (connector/thulium, ...), in the same
 * roles: {@code <V>Connector} (this, usually a {@link DefaultConnector}), {@code <V>Settings} (the options source and
 * sink share), {@code <V>Client} (calls, auth, error envelope), {@code <V>TicketMapper}, {@code <V>Source},
 * {@code <V>Sink}. It is discovered through {@code META-INF/services/io.ticketbridge.connector.Connector} (or bound
 * as a bean of this type); docs/adding-a-vendor.md lists what a new one needs. Its simulator is no part of it: the
 * sandbox registers simulators itself ({@code io.ticketbridge.sandbox.SimulatorProvider}).
 */
public interface Connector {

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

    /** How the vendor's webhook deliveries are verified and read ({@code operation=webhook}); null when it sends none. */
    default VendorWebhook newWebhook() {
        return null;
    }
}
