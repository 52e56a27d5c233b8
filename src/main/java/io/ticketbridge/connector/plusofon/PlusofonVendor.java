package io.ticketbridge.connector.plusofon;

import io.ticketbridge.connector.MapperSettings;
import io.ticketbridge.connector.TicketMapper;
import io.ticketbridge.connector.Vendor;
import io.ticketbridge.connector.VendorSink;
import io.ticketbridge.connector.VendorSource;
import java.time.ZoneId;

/**
 * Plusofon (restapi.plusofon.ru): the customer side of a Russian telecom's support desk. Timestamps are naive
 * Moscow time (UTC+3 all year since 2014).
 */
public final class PlusofonVendor implements Vendor {
    public static final String ID = "plusofon";
    public static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public ZoneId defaultTimeZone() {
        return ZONE;
    }

    @Override
    public TicketMapper mapper(MapperSettings settings) {
        return new PlusofonTicketMapper(settings);
    }

    @Override
    public VendorSource newSource() {
        return new PlusofonSource();
    }

    @Override
    public VendorSink newSink() {
        return new PlusofonSink();
    }
}
