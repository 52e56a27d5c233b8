package io.ticketbridge.cli;

import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.mail.MailCatcher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code sandbox [--port-base N] [--tickets N] [--mail-dir DIR]}: only the simulated vendor APIs and the SMTP catcher,
 * until Ctrl-C or SIGTERM. The last line of its start-up, {@value #READY} …, tells a parent process the APIs answer.
 */
@Command(name = "sandbox", description = "start only the simulated vendor APIs and an SMTP catcher (port base + "
        + MailCatcher.PORT_OFFSET + ", mails stored as .eml files); prints base URLs and credentials")
public final class SandboxCommand implements Callable<Integer> {
    /** The start of the line printed once every simulator listens: keep it stable, scripts wait for it. */
    public static final String READY = "Sandbox ready";
    private final PrintStream out;
    private final PrintStream err;
    @Option(names = "--port-base", paramLabel = "N", defaultValue = "" + SandboxPorts.DEFAULT_BASE,
            description = "listen on ports N+1..N+4, SMTP on N+" + MailCatcher.PORT_OFFSET
                    + " (default ${DEFAULT-VALUE}; 0 = any free ports)")
    int portBase;
    @Option(names = "--tickets", paramLabel = "N", description = {"tickets per vendor, at least " + SeedStories.COUNT
            + " (the seed stories); default: " + Sandbox.TICKETS_PROPERTY + ", else " + SeedStories.COUNT})
    Integer tickets;
    @Option(names = "--mail-dir", paramLabel = "DIR", defaultValue = SandboxPorts.MAIL_DIR,
            description = "where the SMTP catcher stores each mail it receives as a .eml file (default ${DEFAULT-VALUE})")
    Path mailDir;
    @Option(names = "--webhook-url", paramLabel = "URL", description = {"the simulated SuperOffice sends signed webhooks "
            + "for its ticket changes to URL (default: " + SandboxWebhooks.URL_KEY + ", else none)"})
    String webhookUrl;
    @Option(names = "--activity-period", paramLabel = "MS", description = {"the simulated SuperOffice agent changes a "
            + "ticket every MS milliseconds (default: " + SandboxWebhooks.ACTIVITY_KEY + ", else 0 = never)"})
    Long activityPeriod;
    @Mixin
    CommandLineProperties properties;
    @Mixin
    UsageHelp help;
    @Spec
    CommandSpec spec;

    public SandboxCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        // read here, not as the option's default: a -D after the jar is in force only while the command runs
        int tickets = this.tickets != null ? number("--tickets", this.tickets.toString())
                : number(Sandbox.TICKETS_PROPERTY, ticketsSetting());
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(SandboxPorts.from(portBase), tickets);
        } catch (IOException e) {
            err.println("ticketbridge sandbox: cannot listen on ports " + portBase + ".." + (portBase + 9)
                    + ": " + e.getMessage() + " (choose others with --port-base N)");
            return 1;
        }
        MailCatcher mail;
        try {
            mail = MailCatcher.start(SandboxPorts.smtpPort(portBase), mailDir);
        } catch (IOException e) {
            sandbox.close();
            err.println("ticketbridge sandbox: " + e.getMessage() + " (choose other ports with --port-base N)");
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mail.close();
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        out.println("TicketBridge sandbox: simulated vendor APIs (Ctrl-C to stop)");
        out.print(SandboxPorts.describe(sandbox));
        out.print(mail.describe());
        String url = webhookUrl != null ? webhookUrl : System.getProperty(SandboxWebhooks.URL_KEY, "none");
        long period = activityPeriod != null ? activityPeriod : Long.getLong(SandboxWebhooks.ACTIVITY_KEY, 0L);
        new SandboxWebhooks(url.isBlank() ? "none" : url, period).apply(sandbox, out);
        out.println(READY + ": " + sandbox.servers().size() + " vendors, " + tickets + " tickets each");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** {@value Sandbox#TICKETS_PROPERTY} as a system property, else TICKETBRIDGE_SANDBOX_TICKETS, else the seed. */
    private static String ticketsSetting() {
        String v = System.getProperty(Sandbox.TICKETS_PROPERTY);
        if (v == null) v = System.getenv("TICKETBRIDGE_SANDBOX_TICKETS");
        return v == null ? Integer.toString(SeedStories.COUNT) : v;
    }

    private int number(String what, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= SeedStories.COUNT) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), what + " needs a number of tickets per vendor >= " + SeedStories.COUNT
                + " (the seed stories), got '" + value + "'");
    }
}
