package io.ticketbridge;

import io.ticketbridge.cli.CommandLineProperties;
import io.ticketbridge.cli.CommandUsage;
import io.ticketbridge.cli.ConvertCommand;
import io.ticketbridge.cli.RunCommand;
import io.ticketbridge.cli.SandboxCommand;
import io.ticketbridge.cli.UsageException;
import io.ticketbridge.cli.ValidateCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Properties;

/** Command-line entry: {@code java -jar ticketbridge.jar [run|sandbox|convert|--help]}. */
public final class TicketBridge {

    private TicketBridge() {
    }

    public static void main(String[] args) {
        int code = run(args, System.in, System.out, System.err);
        if (code != 0 || !isRun(args)) System.exit(code);
    }

    private static boolean isRun(String[] args) {
        String[] rest = CommandLineProperties.split(args).args();
        return rest.length == 0 || rest[0].equals("run");
    }

    /** Runs a command; returns the process exit code. Never throws for bad input. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try {
            CommandLineProperties cli = CommandLineProperties.split(args);
            try (CommandLineProperties.Applied applied = cli.apply()) {
                return dispatch(cli.args(), in, out, err);
            }
        } catch (UsageException e) {
            err.println("ticketbridge: " + e.getMessage());
            err.println("Run 'java -jar ticketbridge.jar --help' for usage.");
            return 2;
        }
    }

    private static int dispatch(String[] args, InputStream in, PrintStream out, PrintStream err) {
        String command = args.length == 0 ? "run" : args[0];
        String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
        boolean help = command.equals("--help") || command.equals("-h") || command.equals("help");
        if (help || Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            // "convert --help" and "help convert" print that command's usage; "--help" alone all of them
            String about = help ? (rest.length == 0 || rest[0].startsWith("-") ? null : rest[0]) : command;
            out.print(about == null ? usage()
                    : CommandUsage.of(about).orElseThrow(() -> new UsageException("unknown command '" + about + "'")));
            return 0;
        }
        return switch (command) {
            case "run" -> new RunCommand(out, err).run(rest);
            case "sandbox" -> new SandboxCommand(out, err).run(rest);
            case "validate" -> new ValidateCommand(out, err).run(rest);
            case "convert" -> new ConvertCommand(in, out, err).run(rest);
            case "--version", "version" -> {
                out.println("ticketbridge " + version());
                yield 0;
            }
            default -> throw new UsageException("unknown command '" + command + "'"
                    + (command.startsWith("-") ? " (JVM options such as -Xmx go before -jar: java -Xmx1g -jar ticketbridge.jar)" : ""));
        };
    }

    static String usage() {
        return CommandUsage.all();
    }

    /** The project version, written into the jar at build time (Maven resource filtering). */
    static String version() {
        try (InputStream in = TicketBridge.class.getResourceAsStream("/io/ticketbridge/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null && !v.isBlank() && !v.startsWith("${")) return v;
            }
        } catch (IOException e) {
            // fall through to the manifest
        }
        String v = TicketBridge.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }
}
