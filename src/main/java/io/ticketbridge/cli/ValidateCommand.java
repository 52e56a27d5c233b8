package io.ticketbridge.cli;

import io.ticketbridge.routing.KameletRoutes;
import io.ticketbridge.routing.RouteFileProblem;
import io.ticketbridge.routing.RouteFileValidator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
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
import org.apache.camel.main.DefaultRoutesCollector;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.apache.camel.spi.Resource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code validate [--config FILE] [--routes DIR | DIR]}: checks every route file with the {@link RouteFileValidator}
 * the live reload uses (so an edit that validates is one the reload applies), printing every problem as
 * {@code file:line: reason}; then loads the configuration, routes and Kamelets exactly as {@code run} would —
 * without starting a consumer or calling a vendor — and reports the routes, or what building them refused.
 */
@Command(name = "validate", description = "check the route files as the live reload does and load them as run "
        + "would, starting nothing; print the routes, or one line per problem (file:line: reason) and exit 1")
public final class ValidateCommand implements Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;
    @Mixin
    ConfigOption config;
    @Option(names = "--routes", paramLabel = "DIR", description = "check DIR/*.yaml instead of ./routes")
    Path routesDir;
    @Parameters(arity = "0..1", paramLabel = "DIR", description = "the same as --routes DIR")
    Path routesArgument;
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
            if (routesDir != null && routesArgument != null) {
                throw new IllegalArgumentException("give the routes directory once (--routes DIR or DIR)");
            }
            settings = RunSettings.resolve(config.file, Path.of(""), routesDir != null ? routesDir : routesArgument);
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
        List<RouteFileProblem> problems = new ArrayList<>();
        main.setRoutesCollector(new ValidatingRoutesCollector(problems));
        List<String> routes = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> clashes = new ArrayList<>();
        main.addMainListener(new MainListenerSupport() {
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
            if (problems.isEmpty()) err.println("ticketbridge validate: " + RunCommand.rootMessage(e));
            problems.forEach(p -> err.println("ticketbridge validate: " + p));
            return 1;
        }
        if (!clashes.isEmpty()) {
            clashes.forEach(c -> err.println("ticketbridge validate: " + c));
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

    /**
     * Checks every route file before Camel Main reads any (it pre-parses them all first and stops at the first
     * that fails): Main asks it for the route files before doing anything with them.
     */
    private static final class ValidatingRoutesCollector extends DefaultRoutesCollector {
        private final List<RouteFileProblem> problems;
        private boolean checked;

        ValidatingRoutesCollector(List<RouteFileProblem> problems) {
            this.problems = problems;
        }

        @Override
        public Collection<Resource> findRouteResourcesFromDirectory(CamelContext camel, String exclude, String include) {
            Collection<Resource> files = super.findRouteResourcesFromDirectory(camel, exclude, include);
            if (!checked) {
                checked = true;
                RouteFileValidator validator = new RouteFileValidator(camel);
                files.stream().sorted(Comparator.comparing(Resource::getLocation))
                        .forEach(file -> problems.addAll(validator.validate(file)));
            }
            if (!problems.isEmpty()) throw new IllegalStateException(problems.size() + " problem(s) in the route files");
            return files;
        }
    }
}
