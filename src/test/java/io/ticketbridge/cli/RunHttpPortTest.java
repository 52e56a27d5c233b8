package io.ticketbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} with the embedded HTTP server's or the management server's port taken by another process stops at
 * start with one line naming the address and the settings to change, instead of running on without that server
 * (Vert.x only logs a failed bind).
 */
class RunHttpPortTest {
    @TempDir
    Path dir;

    @Test
    void aTakenHttpPortStopsTheRunWithOneLineNamingTheSettings() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CliRun r = CliRun.of("", "run", "-Dcamel.server.port=" + port, "-Dticketbridge.sandbox.port-base=0",
                    "-Dticketbridge.data-dir=" + dir);
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err().strip()).isEqualTo("ticketbridge run: the HTTP server cannot listen on 127.0.0.1:" + port
                    + ": Address already in use (set camel.server.host / camel.server.port, or TICKETBRIDGE_HTTP_HOST / "
                    + "TICKETBRIDGE_HTTP_PORT)");
        }
    }

    @Test
    void aTakenManagementPortStopsTheRunWithOneLineNamingTheSettings() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            CliRun r = CliRun.of("", "run", "-Dcamel.management.port=" + port, "-Dcamel.server.port=0",
                    "-Dticketbridge.sandbox.port-base=0", "-Dticketbridge.data-dir=" + dir);
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err().strip()).isEqualTo("ticketbridge run: the management server (/observe/*) cannot listen on 127.0.0.1:"
                    + port + ": Address already in use (set camel.management.host / camel.management.port, or "
                    + "TICKETBRIDGE_MANAGEMENT_HOST / TICKETBRIDGE_MANAGEMENT_PORT)");
        }
    }

    @Test
    void aPortThatIsNotANumberIsNamed() {
        CliRun r = CliRun.of("", "run", "-Dcamel.server.port=eighty", "-Dticketbridge.sandbox.port-base=0",
                "-Dticketbridge.data-dir=" + dir);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("ticketbridge run: camel.server.port must be a port number, got 'eighty'");
    }
}
