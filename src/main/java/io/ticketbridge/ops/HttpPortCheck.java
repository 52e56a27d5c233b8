package io.ticketbridge.ops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Stops the run at start, with one line naming the address and the settings, when the embedded HTTP server or the
 * management server (/observe/*) cannot listen: Vert.x only logs a failed bind (with a stack trace) and Camel goes on
 * without that server, so every push and webhook would be refused, or health and metrics never answer, while the
 * bridge looks healthy.
 */
public final class HttpPortCheck extends MainListenerSupport {

    /** One server: its property prefix, its name in the message, its environment variables, its defaults. */
    private record Server(String prefix, String name, String env, String host, String port) {
    }

    private static final Server HTTP = new Server("camel.server", "the HTTP server", "TICKETBRIDGE_HTTP", "0.0.0.0", "8080");
    private static final Server MANAGEMENT = new Server("camel.management", "the management server (/observe/*)",
            "TICKETBRIDGE_MANAGEMENT", "0.0.0.0", "8080");

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext camel = main.getCamelContext();
        int http = check(camel, HTTP, -1);
        check(camel, MANAGEMENT, http); // on the HTTP server's port, Camel serves both from that one server
    }

    /** The port the server listens on, -1 when it is off; {@code shared}: a port already checked. */
    private static int check(CamelContext camel, Server s, int shared) {
        if (!Boolean.parseBoolean(resolve(camel, s.prefix() + ".enabled", "false"))) return -1;
        String host = resolve(camel, s.prefix() + ".host", s.host());
        String port = resolve(camel, s.prefix() + ".port", s.port());
        int number;
        try {
            number = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(s.prefix() + ".port must be a port number, got '" + port + "'");
        }
        if (number == 0 || number == shared) return number; // any free port: nothing to collide with
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, number));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(s.name() + " cannot listen on " + host + ":" + number + ": " + e.getMessage()
                    + " (set " + s.prefix() + ".host / " + s.prefix() + ".port, or " + s.env() + "_HOST / " + s.env() + "_PORT)");
        }
        return number;
    }

    private static String resolve(CamelContext camel, String key, String fallback) {
        return camel.resolvePropertyPlaceholders("{{" + key + ":" + fallback + "}}");
    }
}
