package io.ticketbridge.flow;

import io.ticketbridge.sandbox.superoffice.SuperOfficeSimulator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bridge in a JVM of its own, for {@link WebhookCrashTest} to kill: kamelet:superoffice-webhook-source (on the
 * HTTP server's free port, which it logs) → files under args[0]/tickets, against the SuperOffice simulator at
 * args[1], with webhook secret args[2]. Runs until killed.
 */
public final class WebhookBridgeMain {
    private WebhookBridgeMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("baseUrl", args[1]);
        params.put("authMethod", "basic");
        params.put("username", SuperOfficeSimulator.USERNAME);
        params.put("password", SuperOfficeSimulator.PASSWORD);
        params.put("secret", args[2]);
        params.put("retryDelayMs", "20");
        String route = "- route:\n    id: so-hooks\n    from:\n      uri: kamelet:superoffice-webhook-source\n      parameters:\n"
                + Flow.yamlParams(params, "        ")
                + "      steps:\n        - to:\n            uri: kamelet:ticket-file-sink\n            parameters:\n"
                + "              directory: \"" + dir.resolve("tickets") + "\"\n";
        Flow.start(dir, route);
        Thread.currentThread().join(); // until killed
    }
}
