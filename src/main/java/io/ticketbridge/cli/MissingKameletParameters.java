package io.ticketbridge.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.LineNumberAware;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.Model;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.SendDefinition;

/**
 * Camel reports a Kamelet used without a required parameter as a chain of exceptions naming only the template
 * ({@code Route template thulium-source the following mandatory parameters must be provided: username}). This
 * finds the route definition that uses the Kamelet without them and says it as a user wrote it: file and line,
 * route id, Kamelet and the missing parameters.
 */
final class MissingKameletParameters {
    private static final Pattern CAMEL_TEXT =
            Pattern.compile("Route template (\\S+) the following mandatory parameters must be provided: (.+)");

    private MissingKameletParameters() {
    }

    /** The problem in the user's words, when {@code error} is a missing Kamelet parameter; empty otherwise. */
    static Optional<String> describe(Throwable error, CamelContext camel) {
        Matcher m = null;
        for (Throwable t = error; t != null && m == null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher candidate = t.getMessage() == null ? null : CAMEL_TEXT.matcher(t.getMessage());
            if (candidate != null && candidate.find()) m = candidate;
        }
        if (m == null) return Optional.empty();
        String kamelet = m.group(1);
        List<String> missing = Arrays.stream(m.group(2).split(",")).map(String::strip).toList();
        String what = "kamelet:" + kamelet + " is missing the required parameter(s) " + String.join(", ", missing);
        return Optional.of(user(camel, kamelet, missing).map(u -> u + ": " + what).orElse(what));
    }

    /** "file:line: route 'id'" of the first route using the Kamelet without the missing parameters. */
    private static Optional<String> user(CamelContext camel, String kamelet, List<String> missing) {
        Model model = camel == null ? null : camel.getCamelContextExtension().getContextPlugin(Model.class);
        if (model == null) return Optional.empty();
        for (RouteDefinition route : model.getRouteDefinitions()) {
            if (Boolean.TRUE.equals(route.isKamelet()) || Boolean.TRUE.equals(route.isTemplate())) continue;
            for (Use use : uses(route)) {
                if (usesKamelet(use.uri(), kamelet) && missing.stream().noneMatch(p -> hasParameter(use.uri(), p))) {
                    String file = use.at().getLocation() == null ? "?" : use.at().getLocation().replaceFirst("^(file|classpath):", "");
                    return Optional.of(file + ":" + use.at().getLineNumber() + ": route '" + route.getRouteId() + "'");
                }
            }
        }
        return Optional.empty();
    }

    private record Use(String uri, LineNumberAware at) {
    }

    private static List<Use> uses(RouteDefinition route) {
        List<Use> out = new ArrayList<>();
        FromDefinition from = route.getInput();
        if (from != null && from.getEndpointUri() != null) out.add(new Use(from.getEndpointUri(), from));
        collect(route.getOutputs(), out);
        return out;
    }

    private static void collect(List<ProcessorDefinition<?>> steps, List<Use> out) {
        for (ProcessorDefinition<?> step : steps) {
            if (step instanceof SendDefinition<?> send && send.getEndpointUri() != null) out.add(new Use(send.getEndpointUri(), send));
            collect(step.getOutputs(), out);
        }
    }

    private static boolean usesKamelet(String uri, String kamelet) {
        return uri.matches("kamelet:(//)?" + Pattern.quote(kamelet) + "([/?].*)?");
    }

    private static boolean hasParameter(String uri, String name) {
        int q = uri.indexOf('?');
        return q >= 0 && ("&" + uri.substring(q + 1)).contains("&" + name + "=");
    }
}
