package io.ticketbridge.cli;

import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sandbox [--port-base N] [--tickets N]}: only the simulated vendor APIs, until Ctrl-C or SIGTERM. The last
 * line of its start-up, {@value #READY} …, tells a parent process the APIs answer.
 */
public final class SandboxCommand {
    /** The start of the line printed once every simulator listens: keep it stable, scripts wait for it. */
    public static final String READY = "Sandbox ready";
    private final PrintStream out;
    private final PrintStream err;

    public SandboxCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        int portBase = SandboxPorts.DEFAULT_BASE;
        int tickets = number(Sandbox.TICKETS_PROPERTY, ticketsSetting());
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port-base") && i + 1 < args.length) {
                try {
                    portBase = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    throw new UsageException("sandbox: --port-base needs a number, got '" + args[i] + "'");
                }
            } else if (args[i].equals("--tickets") && i + 1 < args.length) {
                tickets = number("--tickets", args[++i]);
            } else {
                throw new UsageException("sandbox: unknown argument '" + args[i] + "'");
            }
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(SandboxPorts.from(portBase), tickets);
        } catch (IOException e) {
            err.println("ticketbridge sandbox: cannot listen on ports " + portBase + ".." + (portBase + 9)
                    + ": " + e.getMessage() + " (choose others with --port-base N)");
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        out.println("TicketBridge sandbox: simulated vendor APIs (Ctrl-C to stop)");
        out.print(SandboxPorts.describe(sandbox));
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

    private static int number(String what, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= SeedStories.COUNT) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("sandbox: " + what + " needs a number of tickets per vendor >= " + SeedStories.COUNT
                + " (the seed stories), got '" + value + "'");
    }
}
