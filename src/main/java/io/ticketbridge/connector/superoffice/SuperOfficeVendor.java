package io.ticketbridge.connector.superoffice;

import io.ticketbridge.connector.MapperSettings;
import io.ticketbridge.connector.TicketMapper;
import io.ticketbridge.connector.Vendor;
import io.ticketbridge.connector.VendorSink;
import io.ticketbridge.connector.VendorSource;
import java.time.ZoneId;

/**
 * SuperOffice Service (CRM + helpdesk). Its dates carry offsets, so there is no default zone: a naive value
 * (sent when {@code SO-TimeZone} is used without {@code includeTZOffset}) is read in the configured zone, UTC if
 * none is configured.
 */
public final class SuperOfficeVendor implements Vendor {
    @Override
    public String id() {
        return SuperOfficeTicketMapper.VENDOR;
    }

    @Override
    public ZoneId defaultTimeZone() {
        return null;
    }

    @Override
    public TicketMapper mapper(MapperSettings settings) {
        return new SuperOfficeTicketMapper(settings);
    }

    @Override
    public VendorSource newSource() {
        return new SuperOfficeSource();
    }

    @Override
    public VendorSink newSink() {
        return new SuperOfficeSink();
    }
}
