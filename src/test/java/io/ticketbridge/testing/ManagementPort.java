package io.ticketbridge.testing;

import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;

/**
 * The port /observe/* answers on in a running context. Tests run with {@code camel.management.port=0} (the pom sets
 * it): Vert.x binds a free port, and this reads which one.
 */
public final class ManagementPort {
    private ManagementPort() {
    }

    public static int of(CamelContext camel) {
        ManagementHttpServer management = camel.hasService(ManagementHttpServer.class);
        if (management == null) throw new IllegalStateException("no management server (camel.management.enabled=false?)");
        // the management server runs its own Vert.x server, or shares the one configured with the same port
        return camel.hasServices(VertxPlatformHttpServer.class).stream()
                .filter(s -> s.getConfigurationPort() == management.getPort())
                .mapToInt(VertxPlatformHttpServer::getPort).findFirst()
                .orElseThrow(() -> new IllegalStateException("the management server has no HTTP server"));
    }
}
