package io.ticketbridge.cli;

import io.ticketbridge.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/** {@code sandbox [--port-base N]}: only the simulated vendor APIs, until Ctrl-C. */
public final class SandboxCommand {
    private final PrintStream out;
    private final PrintStream err;

    public SandboxCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        int portBase = SandboxPorts.DEFAULT_BASE;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--port-base") && i + 1 < args.length) {
                try {
                    portBase = Integer.parseInt(args[++i]);
                } catch (NumberFormatException e) {
                    throw new UsageException("sandbox: --port-base needs a number, got '" + args[i] + "'");
                }
            } else {
                throw new UsageException("sandbox: unknown argument '" + args[i] + "'");
            }
        }
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(SandboxPorts.from(portBase));
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
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
