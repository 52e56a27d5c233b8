package io.ticketbridge.vendor.superoffice;

import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.sandbox.VendorSandbox;
import java.util.Map;

final class SuperOfficeSandbox implements VendorSandbox {
    public String vendor() { return "superoffice"; }
    public void install(SimServer server) { }
    public Map<String, String> credentials() { return Map.of(); }
    public int ticketCount() { return 0; }
}
