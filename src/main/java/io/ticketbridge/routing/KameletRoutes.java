package io.ticketbridge.routing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.kamelet.Kamelet;
import org.apache.camel.component.kamelet.KameletEndpoint;
import org.apache.camel.model.FromDefinition;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.ModelLifecycleStrategy;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.RouteTemplateDefinition;
import org.apache.camel.model.ToDefinition;
import org.apache.camel.spi.NodeIdFactory;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes Camel builds from Kamelets belong to the route that uses them.
 * <ul>
 *   <li>Named after it: every {@code kamelet:} endpoint of a route gets {@code routeId=<route id>.<kamelet>} (a
 *       second use of the same Kamelet in the route {@code .2}, …) unless it names one itself. So two routes with
 *       identical Kamelet parameters get two endpoints and two Kamelet routes instead of one endpoint that refuses
 *       its second consumer, and a reloaded route rebuilds its Kamelet routes under the same ids.</li>
 *   <li>Removed with it: when a route is removed (live reload, a route taken out), the Kamelet routes it created go
 *       too; Camel leaves them running, polling into a {@code kamelet:sink} nobody consumes any more.</li>
 * </ul>
 * A route without an id gets Camel's next free {@code routeN}, which moves when routes are added or reordered; as a
 * Kamelet source's cursor and ledger are keyed by the route id (unless {@code stateKey} is set), such a route is
 * warned about once.
 */
public final class KameletRoutes extends LifecycleStrategySupport implements ModelLifecycleStrategy {
    /** The registry name {@link #install} binds this under. */
    public static final String BEAN_NAME = "ticketbridgeKameletRoutes";
    private static final Logger LOG = LoggerFactory.getLogger(KameletRoutes.class);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]+");

    /** Binds the strategy where Camel Main picks up lifecycle strategies (before any route is added). */
    public static void install(org.apache.camel.main.Main main) {
        main.bind(BEAN_NAME, new KameletRoutes());
    }

    /** The id of the route that uses the Kamelet route {@code routeId}; null when it is not a Kamelet route. */
    public static String parentRouteId(CamelContext camel, String routeId) {
        if (routeId == null || !(camel instanceof ModelCamelContext model)) return null;
        RouteDefinition def = model.getRouteDefinition(routeId);
        if (def == null || !Boolean.TRUE.equals(def.isKamelet()) || def.getTemplateParameters() == null) return null;
        Object parent = def.getTemplateParameters().get(Kamelet.PARENT_ROUTE_ID);
        return parent == null ? null : parent.toString();
    }

    /**
     * The user's route a Kamelet route serves: its parent, or the parent's parent while that is a Kamelet route too
     * (Camel may record a sink Kamelet as created by the source Kamelet of the same route); null when
     * {@code routeId} is not a Kamelet route.
     */
    public static String userRouteOf(CamelContext camel, String routeId) {
        String parent = parentRouteId(camel, routeId);
        for (int depth = 0; parent != null && depth < 16; depth++) {
            String up = parentRouteId(camel, parent);
            if (up == null) return parent;
            parent = up;
        }
        return parent;
    }

    /** The Kamelet route feeding {@code route} (its {@code from} is a Kamelet), or null. */
    public static String sourceRouteOf(Route route) {
        return route.getEndpoint() instanceof KameletEndpoint k ? k.getRouteId() : null;
    }

    /** The one-line warning for a route whose Kamelet source state would be keyed by a generated id. */
    public static String unstableKeyWarning(String routeId, String location) {
        return "route " + routeId + (location == null ? "" : " (" + location + ")") + " has no id: its Kamelet source"
                + " keeps its cursor and ledger under the generated id '" + routeId + "', which changes when routes are"
                + " added or reordered; give the route an id (or the source a stateKey)";
    }

    // ---- naming: before the route is built ----

    @Override
    public void onAddRouteDefinition(RouteDefinition route) {
        if (Boolean.TRUE.equals(route.isKamelet()) || Boolean.TRUE.equals(route.isTemplate())) return;
        FromDefinition from = route.getInput();
        boolean kameletSource = from != null && isKamelet(from.getUri());
        if (!kameletSource && ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ToDefinition.class)
                .stream().noneMatch(to -> isKamelet(to.getUri()))) {
            return;
        }
        CamelContext camel = route.getCamelContext();
        String id = camel == null ? route.getId()
                : route.idOrCreate(camel.getCamelContextExtension().getContextPlugin(NodeIdFactory.class));
        if (id == null) return;
        if (kameletSource && !route.hasCustomIdAssigned() && !from.getUri().contains("stateKey=")) {
            LOG.warn(unstableKeyWarning(id, location(route)));
        }
        Map<String, Integer> uses = new HashMap<>();
        if (kameletSource) from.setUri(named(from.getUri(), id, uses));
        for (ToDefinition to : ProcessorDefinitionHelper.filterTypeInOutputs(route.getOutputs(), ToDefinition.class)) {
            if (isKamelet(to.getUri())) to.setUri(named(to.getUri(), id, uses));
        }
    }

    /** {@code file:line} of the route's {@code from}, as Camel's route listings show it. */
    private static String location(RouteDefinition route) {
        if (route.getLocation() == null) return null;
        String loc = route.getLocation();
        loc = loc.substring(loc.lastIndexOf('/') + 1);
        int line = route.getInput() != null && route.getInput().getLineNumber() > 0 ? route.getInput().getLineNumber()
                : route.getLineNumber();
        return line > 0 ? loc + ":" + line : loc;
    }

    private static boolean isKamelet(String uri) {
        return uri != null && uri.startsWith(Kamelet.SCHEME + ":");
    }

    /** {@code uri} with {@code routeId=<parent>.<kamelet>[.n]}, unless it names its Kamelet route already. */
    static String named(String uri, String parentId, Map<String, Integer> uses) {
        String rest = uri.substring(Kamelet.SCHEME.length() + 1);
        if (rest.startsWith("//")) rest = rest.substring(2);
        int q = rest.indexOf('?');
        String path = q < 0 ? rest : rest.substring(0, q);
        String query = q < 0 ? "" : rest.substring(q + 1);
        if (path.contains("/") || ("&" + query).contains("&" + Kamelet.PARAM_ROUTE_ID + "=")) return uri;
        if (path.equals(Kamelet.SOURCE_ID) || path.equals(Kamelet.SINK_ID)) return uri; // inside a Kamelet itself
        int n = uses.merge(path, 1, Integer::sum);
        String childId = safe(parentId) + "." + path + (n == 1 ? "" : "." + n);
        return uri + (q < 0 ? "?" : "&") + Kamelet.PARAM_ROUTE_ID + "=" + childId;
    }

    /** Route ids as they are when URI-safe; else the safe characters plus a hash, so distinct ids stay distinct. */
    static String safe(String id) {
        if (SAFE_ID.matcher(id).matches()) return id;
        String cleaned = id.replaceAll("[^A-Za-z0-9._-]", "-");
        int h = java.util.Arrays.hashCode(id.getBytes(StandardCharsets.UTF_8));
        return cleaned + "-" + Integer.toHexString(h);
    }

    @Override
    public void onRemoveRouteDefinition(RouteDefinition route) {
    }

    @Override
    public void onAddRouteTemplateDefinition(RouteTemplateDefinition template) {
    }

    @Override
    public void onRemoveRouteTemplateDefinition(RouteTemplateDefinition template) {
    }

    // ---- removal: with the route ----

    @Override
    public void onRoutesRemove(Collection<Route> routes) {
        for (Route route : routes) {
            CamelContext camel = route.getCamelContext();
            if (camel.isStopping() || camel.isStopped() || !(camel instanceof ModelCamelContext model)) continue;
            for (RouteDefinition child : kameletRoutesOf(model, route.getRouteId())) {
                try {
                    LOG.debug("Removing Kamelet route {} with its route {}", child.getId(), route.getRouteId());
                    model.removeRouteDefinition(child); // stops and removes it; its own Kamelet routes follow
                } catch (Exception e) {
                    LOG.warn("Could not remove Kamelet route {} of the removed route {}: {}", child.getId(),
                            route.getRouteId(), e.getMessage());
                    LOG.debug("Removing Kamelet route {} failed", child.getId(), e);
                }
            }
        }
    }

    /** The Kamelet routes created for {@code parentId}, as route definitions. */
    static List<RouteDefinition> kameletRoutesOf(ModelCamelContext model, String parentId) {
        List<RouteDefinition> out = new ArrayList<>();
        for (RouteDefinition def : List.copyOf(model.getRouteDefinitions())) {
            if (Boolean.TRUE.equals(def.isKamelet()) && def.getTemplateParameters() != null
                    && parentId.equals(String.valueOf(def.getTemplateParameters().get(Kamelet.PARENT_ROUTE_ID)))) {
                out.add(def);
            }
        }
        return out;
    }
}
