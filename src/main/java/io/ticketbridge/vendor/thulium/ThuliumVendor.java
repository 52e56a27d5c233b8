package io.ticketbridge.vendor.thulium;

import io.ticketbridge.sandbox.VendorSandbox;
import io.ticketbridge.vendor.MapperSettings;
import io.ticketbridge.vendor.TicketMapper;
import io.ticketbridge.vendor.Vendor;
import java.time.ZoneId;

/** Thulium: placeholder until its folder is filled in. */
public final class ThuliumVendor implements Vendor {
    @Override
    public String id() {
        return "thulium";
    }

    @Override
    public ZoneId defaultTimeZone() {
        return ZoneId.of("Europe/Warsaw");
    }

    @Override
    public TicketMapper mapper(MapperSettings settings) {
        throw new UnsupportedOperationException("thulium mapper not written yet");
    }

    @Override
    public VendorSandbox sandbox() {
        throw new UnsupportedOperationException("thulium sandbox not written yet");
    }
}
