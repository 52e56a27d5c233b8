package io.ticketbridge.ops;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Stops the run at start, with one line naming the address and the settings, when the embedded HTTP server cannot
 * listen: Vert.x only logs a failed bind (with a stack trace) and Camel goes on without a server, so every push and
 * webhook would be refused while the bridge looks healthy.
 */
public final class HttpPortCheck extends MainListenerSupport {

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        CamelContext camel = main.getCamelContext();
        if (!Boolean.parseBoolean(resolve(camel, "camel.server.enabled", "false"))) return;
        String host = resolve(camel, "camel.server.host", "0.0.0.0");
        String port = resolve(camel, "camel.server.port", "8080");
        int number;
        try {
            number = Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("camel.server.port must be a port number, got '" + port + "'");
        }
        if (number == 0) return; // any free port: nothing to collide with
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, number));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the HTTP server cannot listen on " + host + ":" + number + ": " + e.getMessage()
                    + " (set camel.server.host / camel.server.port, or TICKETBRIDGE_HTTP_HOST / TICKETBRIDGE_HTTP_PORT)");
        }
    }

    private static String resolve(CamelContext camel, String key, String fallback) {
        return camel.resolvePropertyPlaceholders("{{" + key + ":" + fallback + "}}");
    }
}
