package io.ticketbridge;

import io.ticketbridge.cli.BadUsage;
import io.ticketbridge.cli.CommandLineProperties;
import io.ticketbridge.cli.MigrateCommand;
import io.ticketbridge.cli.ConvertCommand;
import io.ticketbridge.cli.OptionTypes;
import io.ticketbridge.cli.RunCommand;
import io.ticketbridge.cli.SandboxCommand;
import io.ticketbridge.cli.UsageHelp;
import io.ticketbridge.cli.ValidateCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** Command-line entry (picocli): {@code java -jar ticketbridge.jar [run|validate|sandbox|convert|migrate|--help]}. */
@Command(name = "ticketbridge", versionProvider = TicketBridge.Version.class, commandListHeading = "%nCommands:%n",
        description = {"Moves helpdesk tickets between Thulium, Plusofon, Keliweb and SuperOffice.",
                "Started as java -jar ticketbridge.jar [COMMAND]; without a command: run.", ""})
public final class TicketBridge implements Callable<Integer> {
    @Option(names = "--version", versionHelp = true, description = "print the version and exit")
    boolean version;
    @Mixin
    CommandLineProperties properties;
    @Mixin
    UsageHelp help;
    private final RunCommand run;

    private TicketBridge(RunCommand run) {
        this.run = run;
    }

    public static void main(String[] args) {
        CommandLine cli = commandLine(System.in, System.out, System.err);
        int code = cli.execute(splitLongOptions(args));
        // run returns when the JVM shuts down (Ctrl-C, SIGTERM): its shutdown hooks finish the exit
        if (code != 0 || !ranTheProduct(cli.getParseResult())) System.exit(code);
    }

    /** Runs a command; returns the process exit code. Never throws for bad input. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return commandLine(in, out, err).execute(splitLongOptions(args));
    }

    /** No command: run, as the README's {@code java -jar target/ticketbridge.jar} starts the product. */
    @Override
    public Integer call() {
        return run.call();
    }

    private static CommandLine commandLine(InputStream in, PrintStream out, PrintStream err) {
        RunCommand run = new RunCommand(out, err);
        CommandLine cli = new CommandLine(new TicketBridge(run))
                .addSubcommand(run)
                .addSubcommand(new ValidateCommand(out, err))
                .addSubcommand(new SandboxCommand(out, err))
                .addSubcommand(new ConvertCommand(in, out, err))
                .addSubcommand(new MigrateCommand(out, err))
                .addSubcommand(new VersionCommand())
                .addSubcommand(new HelpCommand());
        // set after the subcommands are added: these settings reach only the subcommands present
        cli.setSeparator(" "); // the usage reads "--config FILE"; splitLongOptions keeps "--config=FILE" working
        OptionTypes.register(cli);
        UsageHelp.listEveryCommandsOptions(cli);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionStrategy(parsed -> {
            try (CommandLineProperties.Applied applied = CommandLineProperties.apply(parsed)) {
                return new CommandLine.RunLast().execute(parsed);
            }
        });
        cli.setParameterExceptionHandler((e, args) -> {
            err.println(BadUsage.line(e));
            return 2;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            err.println(command.getCommandSpec().qualifiedName() + ": " + RunCommand.rootMessage(e));
            return 1;
        });
        return cli;
    }

    /** picocli parses with the separator its usage shows (" "); {@code --name=value} is split so it works too. */
    static String[] splitLongOptions(String[] args) {
        List<String> split = new ArrayList<>();
        boolean options = true;
        for (String a : args) {
            int eq = a.indexOf('=');
            if (options && a.startsWith("--") && eq > 2) {
                split.add(a.substring(0, eq));
                split.add(a.substring(eq + 1));
            } else {
                split.add(a);
            }
            if (a.equals("--")) options = false;
        }
        return split.toArray(String[]::new);
    }

    private static boolean ranTheProduct(ParseResult parsed) {
        if (parsed == null || parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested()) return false;
        ParseResult last = parsed;
        while (last.hasSubcommand()) last = last.subcommand();
        Object command = last.commandSpec().userObject();
        return command instanceof TicketBridge || command instanceof RunCommand;
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

    /** {@code version}, the word for --version. */
    @Command(name = "version", description = "print the version, as --version does")
    static final class VersionCommand implements Callable<Integer> {
        @Mixin
        UsageHelp help;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(new Version().getVersion()[0]);
            return 0;
        }
    }

    /** What --version prints. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ticketbridge " + version()};
        }
    }
}
