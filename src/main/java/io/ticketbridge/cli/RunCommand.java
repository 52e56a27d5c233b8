package io.ticketbridge.cli;

import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.mail.MailCatcher;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.camel.main.Main;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code run [--config FILE]}: Camel Main with application.properties and routes/*.yaml from the working directory
 * (the bundled ones when absent). When {@code ticketbridge.sandbox.enabled} is true (the shipped default) the
 * simulated vendors start first and their URLs and credentials override the {@code ticketbridge.<vendor>.*}
 * properties, so the default routes need no account anywhere.
 */
@Command(name = "run", description = "(default) start Camel with application.properties and routes/*.yaml from the "
        + "working directory (bundled defaults when absent). With the shipped settings it starts the embedded sandbox "
        + "and writes canonical tickets under data/tickets/.")
public final class RunCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    @Mixin
    ConfigOption config;
    @Mixin
    CommandLineProperties properties;
    @Mixin
    UsageHelp help;

    public RunCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        RunSettings settings;
        try {
            settings = RunSettings.resolve(config.file, Path.of(""));
        } catch (IllegalArgumentException e) {
            err.println("ticketbridge run: " + e.getMessage());
            return 1;
        }
        Sandbox sandbox = null;
        MailCatcher mail = null;
        try {
            if (settings.sandboxEnabled()) {
                try {
                    sandbox = Sandbox.start(SandboxPorts.from(settings.sandboxPortBase()));
                } catch (IOException e) {
                    err.println("ticketbridge run: cannot start the sandbox on ports from " + settings.sandboxPortBase()
                            + ": " + e.getMessage() + " (set ticketbridge.sandbox.port-base, or 0 for any free ports)");
                    return 1;
                }
                out.println("Sandbox vendors (ticketbridge.sandbox.enabled=true):");
                out.print(SandboxPorts.describe(sandbox));
                mail = startMailCatcher(settings.sandboxPortBase());
            }
            Map<String, String> overrides = new LinkedHashMap<>();
            if (sandbox != null) overrides.putAll(sandbox.connectorProperties());
            if (sandbox != null) overrides.putAll(SandboxWebhooks.of(settings).apply(sandbox, out));
            if (mail != null) overrides.putAll(mail.smtpProperties());
            Main main = settings.createMain(overrides);
            out.println("Routes: " + settings.routesPattern() + "; configuration: " + settings.propertiesLocation());
            out.flush();
            main.run();
            return main.getExitCode();
        } catch (Exception e) {
            err.println("ticketbridge run: " + rootMessage(e));
            return 1;
        } finally {
            if (mail != null) mail.close();
            if (sandbox != null) sandbox.close();
        }
    }

    /**
     * The sandbox's SMTP catcher, for e-mail routes (ticketbridge.smtp.host/port point at it). Cheap (a thread and a
     * port), but no shipped route needs it: a port already taken is a warning, not a failed run.
     */
    private MailCatcher startMailCatcher(int portBase) {
        try {
            MailCatcher mail = MailCatcher.start(SandboxPorts.smtpPort(portBase), Path.of(SandboxPorts.MAIL_DIR));
            out.print(mail.describe());
            return mail;
        } catch (IOException e) {
            err.println("ticketbridge run: warning: no sandbox SMTP catcher: " + e.getMessage()
                    + " (e-mail routes using ticketbridge.smtp.* cannot send)");
            return null;
        }
    }

    public static String rootMessage(Throwable e) {
        Throwable t = e;
        // a wrapper whose message is its cause's toString() ("org.apache.camel.SomeException: text") adds only a class name
        while (t.getCause() != null && t.getCause() != t && String.valueOf(t.getCause()).equals(t.getMessage())) t = t.getCause();
        StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null && !sb.toString().contains(t.getMessage())) sb.append(": ").append(t.getMessage());
        }
        return sb.toString();
    }
}
