package io.ticketbridge.testing;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/** The embedded HTTP server's port: tests start it on port 0 (a free one, see the surefire configuration). */
public final class HttpServers {
    private HttpServers() {
    }

    /** The port the running server listens on; 0 while it has not started. */
    public static int port(CamelContext camel) {
        VertxPlatformHttpServer server = camel == null ? null : camel.hasService(VertxPlatformHttpServer.class);
        return server == null || !server.isStarted() ? 0 : server.getPort();
    }
}
