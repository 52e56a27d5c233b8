package io.ticketbridge.vendor.plusofon;

import io.ticketbridge.sandbox.VendorSandbox;
import io.ticketbridge.vendor.MapperSettings;
import io.ticketbridge.vendor.TicketMapper;
import io.ticketbridge.vendor.Vendor;
import java.time.ZoneId;

/** Plusofon: placeholder until its folder is filled in. */
public final class PlusofonVendor implements Vendor {
    @Override
    public String id() {
        return "plusofon";
    }

    @Override
    public ZoneId defaultTimeZone() {
        return ZoneId.of("Europe/Moscow");
    }

    @Override
    public TicketMapper mapper(MapperSettings settings) {
        throw new UnsupportedOperationException("plusofon mapper not written yet");
    }

    @Override
    public VendorSandbox sandbox() {
        throw new UnsupportedOperationException("plusofon sandbox not written yet");
    }
}
