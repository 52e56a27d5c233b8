package io.ticketbridge.connector.keliweb;

import io.ticketbridge.connector.MapperSettings;
import io.ticketbridge.connector.TicketMapper;
import io.ticketbridge.connector.Vendor;
import io.ticketbridge.connector.VendorSink;
import io.ticketbridge.connector.VendorSource;
import java.time.ZoneId;

/**
 * Keliweb (Italian hosting) ticket API v2: a WHMCS wrapper, OAuth2 password grant, form POST per action,
 * naive timestamps in Italian time.
 */
public final class KeliwebVendor implements Vendor {
    public static final String ID = "keliweb";
    /** WHMCS sends server-local times without a zone; Keliweb's servers are in Italy. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Rome");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ZoneId defaultTimeZone() {
        return DEFAULT_ZONE;
    }

    @Override
    public TicketMapper mapper(MapperSettings settings) {
        return new KeliwebTicketMapper(settings);
    }

    @Override
    public VendorSource newSource() {
        return new KeliwebSource();
    }

    @Override
    public VendorSink newSink() {
        return new KeliwebSink();
    }
}
