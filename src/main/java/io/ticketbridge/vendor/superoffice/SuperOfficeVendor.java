package io.ticketbridge.vendor.superoffice;

import io.ticketbridge.sandbox.VendorSandbox;
import io.ticketbridge.vendor.MapperSettings;
import io.ticketbridge.vendor.TicketMapper;
import io.ticketbridge.vendor.Vendor;
import java.time.ZoneId;

/** SuperOffice: placeholder until its folder is filled in. */
public final class SuperOfficeVendor implements Vendor {
    @Override
    public String id() {
        return "superoffice";
    }

    @Override
    public ZoneId defaultTimeZone() {
        return null;
    }

    @Override
    public TicketMapper mapper(MapperSettings settings) {
        throw new UnsupportedOperationException("superoffice mapper not written yet");
    }

    @Override
    public VendorSandbox sandbox() {
        throw new UnsupportedOperationException("superoffice sandbox not written yet");
    }
}
