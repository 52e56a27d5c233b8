package io.ticketbridge.routing;

import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.LineNumberAware;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kamelet.Kamelet;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.RouteTemplateParameterDefinition;
import org.apache.camel.model.SendDefinition;
import org.apache.camel.spi.EndpointUriFactory;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.URISupport;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;

/**
 * Checks a route file before its routes go live, against the CamelContext they would run in (its properties, its
 * Kamelet locations, its components), without adding, creating or starting anything: the YAML parses into routes;
 * every endpoint of every route ({@code from}, {@code to}, nested ones too) has resolvable property placeholders, a
 * known component or Kamelet, only options that endpoint or Kamelet has, and every required Kamelet property.
 * {@code validate} and the live reload both use it, so they report the same problems in the same words.
 * <p>
 * What it cannot see without building the routes (a bean that does not exist, an option of a component without
 * Camel's generated metadata) shows when the routes are built: the reload then puts the previous version back.
 */
public final class RouteFileValidator {
    private static final Pattern MISSING_PROPERTY = Pattern.compile("Property with key \\[(.+?)] not found");
    private static final String COMPONENT_SERVICES = "META-INF/services/org/apache/camel/component/";
    private final CamelContext camel;

    public RouteFileValidator(CamelContext camel) {
        this.camel = camel;
    }

    /** Every problem in the file as {@code file} holds it now; empty when its routes can go live. */
    public List<RouteFileProblem> validate(Resource file) {
        String name = fileName(file.getLocation());
        List<RouteDefinition> routes;
        try {
            routes = routesOf(file);
        } catch (Exception e) {
            return List.of(loadProblem(name, e));
        }
        Map<String, Optional<List<RouteTemplateParameterDefinition>>> kamelets = new HashMap<>();
        List<RouteFileProblem> out = new ArrayList<>();
        for (RouteDefinition route : routes) {
            idTaken(name, route).ifPresent(out::add);
            for (Use use : uses(route)) check(name, route, use, kamelets, out);
        }
        return out;
    }

    /** A running route from elsewhere (another file, Java) with the same id: loading this file would replace it. */
    private Optional<RouteFileProblem> idTaken(String file, RouteDefinition route) {
        Route running = route.getRouteId() == null ? null : camel.getRoute(route.getRouteId());
        if (running == null || running.getSourceResource() != null
                && sameFile(running.getSourceResource().getLocation(), file)) {
            return Optional.empty();
        }
        String where = running.getSourceResource() == null ? "Java code" : fileName(running.getSourceResource().getLocation());
        return Optional.of(new RouteFileProblem(file, lineOf(route, route), "route '" + route.getRouteId()
                + "': that id belongs to a running route from " + where + "; give this route another id"));
    }

    /** Whether two locations name one file ({@code file:} or not, relative or absolute). */
    static boolean sameFile(String location, String other) {
        if (location == null || other == null) return false;
        try {
            return Path.of(fileName(location)).toAbsolutePath().normalize()
                    .equals(Path.of(fileName(other)).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
            return location.equals(other);
        }
    }

    /** The location as a user names the file: without {@code file:}/{@code classpath:}. */
    static String fileName(String location) {
        return location == null ? "?" : location.replaceFirst("^(file|classpath):", "");
    }

    /** The routes the file defines, as definitions only: nothing is added to the CamelContext. */
    private List<RouteDefinition> routesOf(Resource file) throws Exception {
        List<RouteDefinition> out = new ArrayList<>();
        for (RoutesBuilder builder : PluginHelper.getRoutesLoader(camel).findRoutesBuilders(List.of(file))) {
            if (builder instanceof RouteBuilder rb) out.addAll(rb.configureRoutes(camel).getRoutes());
        }
        return out;
    }

    /** A file that does not parse: the YAML's own line (the opening of what is left unclosed at the end). */
    private static RouteFileProblem loadProblem(String file, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MarkedYamlEngineException y) {
                String problem = y.getProblem() == null ? String.valueOf(y.getMessage()) : y.getProblem();
                boolean atEnd = problem.contains("stream end") || problem.contains("end of stream");
                Optional<Mark> mark = atEnd && y.getContextMark().isPresent() ? y.getContextMark()
                        : y.getProblemMark().or(y::getContextMark);
                String what = y.getClass().getName().startsWith("org.snakeyaml") ? "YAML syntax error: " : "invalid route: ";
                String context = y.getContext() == null ? "" : " (" + y.getContext().strip() + ")";
                return new RouteFileProblem(file, mark.map(m -> m.getLine() + 1).orElse(0),
                        oneLine(what + problem.strip() + context));
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return new RouteFileProblem(file, 0, oneLine("cannot be loaded: " + root.getMessage()));
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ");
    }

    private record Use(String uri, int line) {
    }

    /** Every endpoint the route names: its {@code from} and every send step, nested ones included. */
    private static List<Use> uses(RouteDefinition route) {
        List<Use> out = new ArrayList<>();
        FromDefinition from = route.getInput();
        if (from != null && from.getEndpointUri() != null) out.add(new Use(from.getEndpointUri(), lineOf(from, route)));
        collect(route.getOutputs(), route, out);
        return out;
    }

    private static void collect(List<ProcessorDefinition<?>> steps, RouteDefinition route, List<Use> out) {
        for (ProcessorDefinition<?> step : steps) {
            if (step instanceof SendDefinition<?> send && send.getEndpointUri() != null) {
                out.add(new Use(send.getEndpointUri(), lineOf(send, route)));
            }
            collect(step.getOutputs(), route, out);
        }
    }

    private static int lineOf(LineNumberAware at, RouteDefinition route) {
        return at.getLineNumber() > 0 ? at.getLineNumber() : Math.max(route.getLineNumber(), 0);
    }

    private void check(String file, RouteDefinition route, Use use,
                       Map<String, Optional<List<RouteTemplateParameterDefinition>>> kamelets, List<RouteFileProblem> out) {
        String who = route.getRouteId() == null ? "route without id: " : "route '" + route.getRouteId() + "': ";
        String uri;
        try {
            uri = camel.resolvePropertyPlaceholders(use.uri());
        } catch (IllegalArgumentException e) {
            Matcher m = MISSING_PROPERTY.matcher(String.valueOf(e.getMessage()));
            out.add(new RouteFileProblem(file, use.line(), who + (m.find() ? "property placeholder {{" + m.group(1) + "}}"
                    : "a property placeholder") + " cannot be resolved (not in the configuration, -D or the environment)"));
            return;
        }
        int colon = uri.indexOf(':');
        if (colon <= 0) {
            out.add(new RouteFileProblem(file, use.line(), who + "endpoint '" + uri + "' names no component"));
            return;
        }
        String scheme = uri.substring(0, colon);
        String rest = uri.substring(colon + 1);
        if (rest.startsWith("//")) rest = rest.substring(2);
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        Map<String, Object> options;
        try {
            options = q < 0 ? Map.of() : URISupport.parseQuery(rest.substring(q + 1), true, true);
        } catch (URISyntaxException e) {
            out.add(new RouteFileProblem(file, use.line(), who + "endpoint " + scheme + ":" + path
                    + " has an invalid option list: " + e.getReason()));
            return;
        }
        if (Kamelet.SCHEME.equals(scheme)) {
            checkKamelet(file, who, use, path, options, route.getRouteId(), kamelets, out);
        } else {
            // named as written (placeholders unresolved, no options): the same words wherever the check runs
            String shown = use.uri().contains("?") ? use.uri().substring(0, use.uri().indexOf('?')) : use.uri();
            checkEndpoint(file, who, use, scheme, shown, options, out);
        }
    }

    private void checkKamelet(String file, String who, Use use, String path, Map<String, Object> options, String routeId,
                              Map<String, Optional<List<RouteTemplateParameterDefinition>>> kamelets,
                              List<RouteFileProblem> out) {
        String name = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        if (name.equals(Kamelet.SOURCE_ID) || name.equals(Kamelet.SINK_ID)) return; // inside a Kamelet itself
        Object location = options.get("location");
        Optional<List<RouteTemplateParameterDefinition>> parameters = kamelets.computeIfAbsent(
                name + "@" + location, k -> kameletParameters(name, location == null ? null : location.toString()));
        if (parameters.isEmpty()) {
            out.add(new RouteFileProblem(file, use.line(), who + "unknown Kamelet '" + name + "' (none in "
                    + (location != null ? location : String.join(", ", kameletLocations())) + ")"));
            return;
        }
        Set<String> own = new LinkedHashSet<>();
        parameters.get().forEach(p -> own.add(p.getName()));
        EndpointUriFactory endpoint = camel.getCamelContextExtension().getEndpointUriFactory(Kamelet.SCHEME);
        for (String option : options.keySet()) {
            if (!own.contains(option) && (endpoint == null || !endpoint.propertyNames().contains(option))) {
                out.add(new RouteFileProblem(file, use.line(), who + "kamelet:" + name + " has no option '" + option
                        + "' (its options: " + String.join(", ", own) + ")"));
            }
        }
        List<String> missing = parameters.get().stream()
                .filter(p -> p.isRequired() && p.getDefaultValue() == null && !options.containsKey(p.getName()))
                .map(RouteTemplateParameterDefinition::getName)
                .filter(p -> !configured(name, routeId, p)).toList();
        if (!missing.isEmpty()) {
            out.add(new RouteFileProblem(file, use.line(), who + "kamelet:" + name
                    + " is missing the required parameter(s) " + String.join(", ", missing)));
        }
    }

    /** Camel also takes a Kamelet parameter from {@code camel.kamelet.<kamelet>[.<route id>].<parameter>}. */
    private boolean configured(String kamelet, String routeId, String parameter) {
        var properties = camel.getPropertiesComponent();
        return properties.resolveProperty("camel.kamelet." + kamelet + "." + parameter).isPresent()
                || routeId != null && properties.resolveProperty("camel.kamelet." + kamelet + "." + routeId + "." + parameter).isPresent();
    }

    /** Where Kamelets are looked up; the property first, as validate reads the files before Camel configures it. */
    private List<String> kameletLocations() {
        String location = camel.getPropertiesComponent().resolveProperty("camel.component.kamelet.location")
                .orElseGet(() -> camel.hasComponent(Kamelet.SCHEME) instanceof KameletComponent k ? k.getLocation() : null);
        return Arrays.stream((location == null ? Kamelet.DEFAULT_LOCATION : location).split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** The Kamelet's parameters: from the template Camel has loaded already, else from its file; empty if none. */
    private Optional<List<RouteTemplateParameterDefinition>> kameletParameters(String name, String location) {
        RouteTemplateDefinition loaded = ((ModelCamelContext) camel).getRouteTemplateDefinition(name);
        if (loaded != null && location == null) return Optional.of(parametersOf(loaded));
        List<String> where = location != null ? List.of(location)
                : kameletLocations().stream().map(l -> l + (l.endsWith("/") ? "" : "/") + name + ".kamelet.yaml").toList();
        for (String candidate : where) {
            Resource resource = PluginHelper.getResourceLoader(camel).resolveResource(candidate);
            if (resource == null || !resource.exists()) continue;
            try {
                for (RoutesBuilder builder : PluginHelper.getRoutesLoader(camel).findRoutesBuilders(List.of(resource))) {
                    if (!(builder instanceof RouteBuilder rb)) continue;
                    rb.configureRoutes(camel);
                    for (RouteTemplateDefinition t : rb.getRouteTemplateCollection().getRouteTemplates()) {
                        if (name.equals(t.getId())) return Optional.of(parametersOf(t));
                    }
                }
            } catch (Exception e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static List<RouteTemplateParameterDefinition> parametersOf(RouteTemplateDefinition template) {
        return template.getTemplateParameters() == null ? List.of() : template.getTemplateParameters();
    }

    private void checkEndpoint(String file, String who, Use use, String scheme, String shown, Map<String, Object> options,
                               List<RouteFileProblem> out) {
        EndpointUriFactory factory = camel.getCamelContextExtension().getEndpointUriFactory(scheme);
        if (factory == null) {
            if (!componentExists(scheme)) {
                out.add(new RouteFileProblem(file, use.line(), who + "unknown component '" + scheme + "' in " + shown));
            }
            return; // without Camel's generated metadata, its options are checked when the route is built
        }
        if (factory.isLenientProperties()) return;
        Set<String> prefixes = factory.multiValuePrefixes().keySet();
        for (String option : options.keySet()) {
            if (!factory.propertyNames().contains(option) && prefixes.stream().noneMatch(option::startsWith)) {
                out.add(new RouteFileProblem(file, use.line(), who + "endpoint " + shown + " has no option '" + option + "'"));
            }
        }
    }

    private boolean componentExists(String scheme) {
        return camel.hasComponent(scheme) != null || camel.getRegistry().lookupByName(scheme) instanceof Component
                || camel.getClassResolver().loadResourceAsURL(COMPONENT_SERVICES + scheme) != null;
    }
}
