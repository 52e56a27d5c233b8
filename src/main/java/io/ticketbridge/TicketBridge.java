package io.ticketbridge;

import io.ticketbridge.cli.ConvertCommand;
import io.ticketbridge.cli.RunCommand;
import io.ticketbridge.cli.SandboxCommand;
import io.ticketbridge.cli.UsageException;
import io.ticketbridge.cli.ValidateCommand;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;

/** Command-line entry: {@code java -jar ticketbridge.jar [run|sandbox|convert|--help]}. */
public final class TicketBridge {

    static final String USAGE = """
            Usage: java -jar ticketbridge.jar [command] [options]

            Commands:
              run                 (default) start Camel with application.properties and routes/*.yaml from the
                                  working directory (bundled defaults when absent). With the shipped settings it
                                  starts the embedded sandbox and writes canonical tickets under data/tickets/.
                --config FILE     use FILE instead of ./application.properties
              validate [--config FILE] [--routes DIR]
                                  load the configuration, routes (./routes or DIR) and Kamelets as run would,
                                  start nothing, and report the routes or the first problem (file, line)
              sandbox             start only the simulated vendor APIs; prints base URLs and credentials
              convert --from VENDOR [--time-zone ZONE] [FILE]
                                  map a vendor get-ticket payload (FILE or stdin) to canonical JSON, one ticket per line
                                  VENDOR: %s
              --help, -h          this text
              --version           the version

            Exit codes: 0 ok, 1 bad input or failure, 2 bad usage.
            """;

    private TicketBridge() {
    }

    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err);
        if (code != 0 || !isRun(args)) System.exit(code);
    }

    private static boolean isRun(String[] args) {
        return args.length == 0 || args[0].equals("run");
    }

    /** Runs a command; returns the process exit code. Never throws for bad input. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "run" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (command) {
                case "run" -> new RunCommand(out, err).run(rest);
                case "sandbox" -> new SandboxCommand(out, err).run(rest);
                case "validate" -> new ValidateCommand(out, err).run(rest);
                case "convert" -> new ConvertCommand(in, out, err).run(rest);
                case "--help", "-h", "help" -> {
                    out.print(usage());
                    yield 0;
                }
                case "--version", "version" -> {
                    out.println("ticketbridge " + version());
                    yield 0;
                }
                default -> throw new UsageException("unknown command '" + command + "'");
            };
        } catch (UsageException e) {
            err.println("ticketbridge: " + e.getMessage());
            err.println("Run 'java -jar ticketbridge.jar --help' for usage.");
            return 2;
        }
    }

    static String usage() {
        return USAGE.formatted(io.ticketbridge.vendor.Vendors.knownIds());
    }

    static String version() {
        String v = TicketBridge.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
