package io.ticketbridge.vendor.keliweb;

import io.ticketbridge.sandbox.VendorSandbox;
import io.ticketbridge.vendor.MapperSettings;
import io.ticketbridge.vendor.TicketMapper;
import io.ticketbridge.vendor.Vendor;
import java.time.ZoneId;

/** Keliweb: placeholder until its folder is filled in. */
public final class KeliwebVendor implements Vendor {
    @Override
    public String id() {
        return "keliweb";
    }

    @Override
    public ZoneId defaultTimeZone() {
        return ZoneId.of("Europe/Rome");
    }

    @Override
    public TicketMapper mapper(MapperSettings settings) {
        throw new UnsupportedOperationException("keliweb mapper not written yet");
    }

    @Override
    public VendorSandbox sandbox() {
        throw new UnsupportedOperationException("keliweb sandbox not written yet");
    }
}
