package io.ticketbridge.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.RouteWatcherReloadStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live reload of route files where a file's routes are replaced as a whole: Camel's watcher with
 * {@code removeAllRoutes=false} (the other files' routes keep running), plus
 * <ul>
 *   <li>before a file is reloaded, the Kamelet sources feeding its routes stop first, gracefully — a poll in
 *       progress finishes into the route that is still there, instead of blocking on a {@code kamelet:sink} whose
 *       consumer was just removed and ending as a dead letter;</li>
 *   <li>after the reload, a route the file no longer has (renamed or deleted from it) is removed, with its Kamelet
 *       routes ({@link KameletRoutes} removes those);</li>
 *   <li>a file that fails to load restarts the stopped sources: the running routes stay as they were.</li>
 * </ul>
 */
public final class RouteFileReloadStrategy extends RouteWatcherReloadStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(RouteFileReloadStrategy.class);

    public RouteFileReloadStrategy(String directory, String pattern) {
        super(directory, false);
        setPattern(pattern);
        setRemoveAllRoutes(false);
    }

    @Override
    protected void onRouteReload(Collection<Resource> resources, boolean removeEverything) {
        if (resources == null || resources.isEmpty()) {
            super.onRouteReload(resources, removeEverything);
            return;
        }
        CamelContext camel = getCamelContext();
        Map<String, Route> before = routesFrom(camel, resources);
        List<String> stopped = new ArrayList<>();
        for (Route route : before.values()) {
            String source = KameletRoutes.sourceRouteOf(route);
            if (source == null || camel.getRoute(source) == null) continue;
            try {
                if (camel.getRouteController().getRouteStatus(source) == ServiceStatus.Started) {
                    camel.getRouteController().stopRoute(source);
                    stopped.add(source);
                }
            } catch (Exception e) {
                LOG.warn("Could not stop {} before reloading {}: {}", source, route.getRouteId(), e.getMessage());
            }
        }
        try {
            super.onRouteReload(resources, removeEverything);
        } catch (RuntimeException e) {
            restart(camel, stopped);
            throw e;
        }
        for (Map.Entry<String, Route> old : before.entrySet()) {
            if (camel.getRoute(old.getKey()) != old.getValue()) continue; // replaced by the reload: fine
            String file = old.getValue().getSourceLocationShort();
            LOG.info("Route {} is no longer in {}: removing it", old.getKey(),
                    file == null || !file.contains(":") ? file : file.substring(0, file.lastIndexOf(':')));
            remove(camel, old.getKey());
        }
    }

    /** The non-Kamelet routes loaded from {@code resources}, by id. */
    private static Map<String, Route> routesFrom(CamelContext camel, Collection<Resource> resources) {
        Map<String, Route> out = new LinkedHashMap<>();
        for (Route r : camel.getRoutes()) {
            if (r.isCreatedByKamelet() || r.getSourceResource() == null) continue;
            URI uri = r.getSourceResource().getURI();
            if (resources.stream().anyMatch(res -> res.getURI().normalize().equals(uri.normalize()))) {
                out.put(r.getRouteId(), r);
            }
        }
        return out;
    }

    private static void restart(CamelContext camel, List<String> stopped) {
        for (String id : stopped) {
            try {
                if (camel.getRoute(id) != null) camel.getRouteController().startRoute(id);
            } catch (Exception e) {
                LOG.warn("Could not restart {} after a failed reload: {}", id, e.getMessage());
            }
        }
    }

    private static void remove(CamelContext camel, String id) {
        try {
            Route route = camel.getRoute(id);
            String source = route == null ? null : KameletRoutes.sourceRouteOf(route);
            if (source != null && camel.getRoute(source) != null) camel.getRouteController().stopRoute(source);
            var def = ((ModelCamelContext) camel).getRouteDefinition(id);
            if (def != null) {
                ((ModelCamelContext) camel).removeRouteDefinition(def);
            } else {
                camel.getRouteController().stopRoute(id);
                camel.removeRoute(id);
            }
        } catch (Exception e) {
            LOG.warn("Could not remove route {}: {}", id, e.getMessage());
        }
    }
}
