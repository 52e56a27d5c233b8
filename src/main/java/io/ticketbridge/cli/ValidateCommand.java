package io.ticketbridge.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.SimpleMainShutdownStrategy;

/**
 * {@code validate [--config FILE] [--routes DIR]}: loads the configuration, every route in routes/*.yaml and the Kamelets they use
 * exactly as {@code run} would — without starting a consumer or calling a vendor — and reports the routes, or the
 * first problem with file and line. Meant for the step before a YAML edit goes live (live reload of a broken file
 * keeps the old routes but only logs a warning).
 */
public final class ValidateCommand {
    private final PrintStream out;
    private final PrintStream err;

    public ValidateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        String config = null;
        Path routesDir = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) config = args[++i];
            else if (args[i].equals("--routes") && i + 1 < args.length) routesDir = Path.of(args[++i]);
            else throw new UsageException("validate: unknown argument '" + args[i] + "'");
        }
        RunSettings settings;
        try {
            settings = RunSettings.resolve(config, Path.of(""), routesDir);
        } catch (IllegalArgumentException e) {
            err.println("ticketbridge validate: " + e.getMessage());
            return 1;
        }
        RunSettings noReload = new RunSettings(settings.propertiesLocation(), settings.routesPattern(), false, false, 0);
        Main main = noReload.createMain(Map.of(
                "camel.main.auto-startup", "false", // build every route and Kamelet, start none
                "camel.main.duration-max-seconds", "1",
                "camel.main.name", "ticketbridge-validate"));
        // no JVM shutdown hook: Camel is stopped already, and the hook would log after the result
        main.setShutdownStrategy(new SimpleMainShutdownStrategy());
        List<String> routes = new ArrayList<>();
        CamelContext[] camel = new CamelContext[1];
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                camel[0] = m.getCamelContext(); // kept for the error report: the route definitions name file and line
            }

            @Override
            public void afterStart(BaseMainSupport m) {
                CamelContext camel = m.getCamelContext();
                for (Route r : camel.getRoutes()) {
                    if (!r.isCreatedByKamelet()) routes.add(r.getRouteId() + " (" + r.getSourceLocationShort() + ")");
                }
            }
        });
        try (QuietLogs quiet = QuietLogs.errorsOnly()) {
            main.run();
        } catch (Exception e) {
            err.println("ticketbridge validate: " + MissingKameletParameters.describe(e, camel[0]).orElseGet(() -> RunCommand.rootMessage(e)));
            return 1;
        }
        if (main.getExitCode() != 0 || routes.isEmpty()) {
            err.println("ticketbridge validate: " + (routes.isEmpty() ? "no routes found in " + settings.routesPattern()
                    : "Camel reported exit code " + main.getExitCode()));
            return 1;
        }
        out.println("OK: " + routes.size() + " route(s) from " + settings.routesPattern() + " with " + settings.propertiesLocation());
        routes.stream().sorted().forEach(r -> out.println("  " + r));
        return 0;
    }
}
