package io.ticketbridge.cli;

import io.ticketbridge.routing.KameletRoutes;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Route;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code validate [--config FILE] [--routes DIR]}: loads the configuration, every route in routes/*.yaml and the Kamelets they use
 * exactly as {@code run} would — without starting a consumer or calling a vendor — and reports the routes, or the
 * first problem with file and line. Meant for the step before a YAML edit goes live (live reload of a broken file
 * keeps the old routes but only logs a warning).
 */
@Command(name = "validate", description = "load the configuration, routes and Kamelets as run would, start nothing, "
        + "and print the routes or the first problem (file, line, route, missing Kamelet parameter, two routes on one "
        + "endpoint); exit 1 on a problem")
public final class ValidateCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    @Mixin
    ConfigOption config;
    @Option(names = "--routes", paramLabel = "DIR", description = "check DIR/*.yaml instead of ./routes")
    Path routesDir;
    @Mixin
    CommandLineProperties properties;
    @Mixin
    UsageHelp help;

    public ValidateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        RunSettings settings;
        try {
            settings = RunSettings.resolve(config.file, Path.of(""), routesDir);
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
        List<String> warnings = new ArrayList<>();
        List<String> clashes = new ArrayList<>();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport m) {
                camel[0] = m.getCamelContext(); // kept for the error report: the route definitions name file and line
            }

            @Override
            public void afterStart(BaseMainSupport m) {
                CamelContext camel = m.getCamelContext();
                for (Route r : camel.getRoutes()) {
                    if (r.isCreatedByKamelet()) continue;
                    routes.add(r.getRouteId() + " (" + r.getSourceLocationShort() + ")");
                    if (!r.isCustomId() && KameletRoutes.sourceRouteOf(r) != null) {
                        warnings.add(KameletRoutes.unstableKeyWarning(r.getRouteId(), r.getSourceLocationShort()));
                    }
                }
                clashes.addAll(consumerClashes(camel));
            }
        });
        try (QuietLogs quiet = QuietLogs.errorsOnly()) {
            main.run();
        } catch (Exception e) {
            err.println("ticketbridge validate: " + MissingKameletParameters.describe(e, camel[0]).orElseGet(() -> RunCommand.rootMessage(e)));
            return 1;
        }
        if (!clashes.isEmpty()) {
            err.println("ticketbridge validate: " + clashes.get(0));
            return 1;
        }
        if (main.getExitCode() != 0 || routes.isEmpty()) {
            err.println("ticketbridge validate: " + (routes.isEmpty() ? "no routes found in " + settings.routesPattern()
                    : "Camel reported exit code " + main.getExitCode()));
            return 1;
        }
        out.println("OK: " + routes.size() + " route(s) from " + settings.routesPattern() + " with " + settings.propertiesLocation());
        routes.stream().sorted().forEach(r -> out.println("  " + r));
        warnings.forEach(w -> out.println("warning: " + w));
        return 0;
    }

    /**
     * Routes that would consume one endpoint that takes a single consumer: run refuses to start them (Camel checks
     * this only when consumers start, which validate does not do).
     */
    static List<String> consumerClashes(CamelContext camel) {
        Map<Endpoint, List<Route>> byInput = new LinkedHashMap<>();
        for (Route r : camel.getRoutes()) byInput.computeIfAbsent(r.getEndpoint(), e -> new ArrayList<>()).add(r);
        List<String> out = new ArrayList<>();
        byInput.forEach((endpoint, rs) -> {
            boolean shared = endpoint instanceof MultipleConsumersSupport m && m.isMultipleConsumersSupported();
            if (rs.size() < 2 || shared) return;
            out.add("routes " + rs.stream().map(r -> r.getRouteId() + " (" + r.getSourceLocationShort() + ")")
                    .collect(Collectors.joining(" and ")) + " consume the same endpoint " + endpoint.getEndpointBaseUri()
                    + ", which takes one consumer: run would not start; give each route its own endpoint");
        });
        return out;
    }
}
