package io.ticketbridge.connector.thulium;

import io.ticketbridge.connector.MapperSettings;
import io.ticketbridge.connector.TicketMapper;
import io.ticketbridge.connector.Vendor;
import io.ticketbridge.connector.VendorSink;
import io.ticketbridge.connector.VendorSource;
import java.time.ZoneId;

/**
 * Thulium (thulium.com), a Polish contact-centre / helpdesk SaaS: REST + JSON under {@code /api}, HTTP Basic
 * with an API user, naive timestamps in the tenant's zone (Europe/Warsaw unless configured otherwise).
 */
public final class ThuliumVendor implements Vendor {
    public static final String ID = "thulium";
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Warsaw");

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
        return new ThuliumTicketMapper(settings);
    }

    /** A fresh simulator with its own state each call. */
    @Override
    public VendorSource newSource() {
        return new ThuliumSource();
    }

    @Override
    public VendorSink newSink() {
        return new ThuliumSink();
    }
}
