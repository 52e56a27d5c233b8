package io.ticketbridge.cli;

import io.ticketbridge.connector.Vendors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The help texts: one block per command, printed by {@code <command> --help}; all of them by {@code --help}. */
public final class CommandUsage {
    private static final String PROGRAM = "java -jar ticketbridge.jar";

    private static final String RUN = """
              run [--config FILE]
                                  (default) start Camel with application.properties and routes/*.yaml from the
                                  working directory (bundled defaults when absent). With the shipped settings it
                                  starts the embedded sandbox and writes canonical tickets under data/tickets/.
                --config FILE     use FILE instead of ./application.properties
            """;
    private static final String VALIDATE = """
              validate [--config FILE] [--routes DIR]
                                  load the configuration, routes (./routes or DIR) and Kamelets as run would,
                                  start nothing, and print the routes or the first problem (file, line, route,
                                  missing Kamelet parameter); exit 1 on a problem
                --config FILE     use FILE instead of ./application.properties
                --routes DIR      check DIR/*.yaml instead of ./routes
            """;
    private static final String SANDBOX = """
              sandbox [--port-base N]
                                  start only the simulated vendor APIs; prints base URLs and credentials
                --port-base N     listen on ports N+1..N+4 (default %d; 0 = any free ports)
            """.formatted(SandboxPorts.DEFAULT_BASE);
    private static final String CONVERT = """
              convert --from VENDOR [--time-zone ZONE] [FILE]
                                  map a vendor get-ticket payload (FILE or stdin; several may follow each other)
                                  to canonical JSON, one ticket per line
                --from VENDOR     %s
                --time-zone ZONE  the zone naive vendor timestamps are read in (default: the vendor's)
            """;
    private static final String FOOTER = """

            Configuration keys: -Dkey=value or --property key=value, anywhere after the jar, set a key as a
            JVM system property would (the same as java -Dkey=value -jar ticketbridge.jar).
            Exit codes: 0 ok, 1 bad input or failure, 2 bad usage.
            """;

    private CommandUsage() {
    }

    private static Map<String, String> commands() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("run", RUN);
        m.put("validate", VALIDATE);
        m.put("sandbox", SANDBOX);
        m.put("convert", CONVERT.formatted(Vendors.knownIds()));
        return m;
    }

    /** Every command, then --help and --version. */
    public static String all() {
        StringBuilder sb = new StringBuilder("Usage: " + PROGRAM + " [command] [options]\n\nCommands:\n");
        commands().values().forEach(sb::append);
        sb.append("""
                  --help, -h          this text; <command> --help: that command's options
                  --version           the version
                """);
        return sb.append(FOOTER).toString();
    }

    /** One command's usage; empty for an unknown command. */
    public static Optional<String> of(String command) {
        String text = commands().get(command);
        return text == null ? Optional.empty() : Optional.of("Usage: " + PROGRAM + " " + text.stripLeading() + FOOTER);
    }
}
