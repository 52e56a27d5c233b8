package io.ticketbridge.routing;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live edits of the route files, made safe (Camel's own watcher applies whatever it reads, reloads twice on an
 * editor's truncate + write, and ignores a deleted file):
 * <ul>
 *   <li>one reload per save: after a change the directory must be quiet for {@link #QUIET_MILLIS}, then each file's
 *       text is compared with the text its routes run from, so truncate + write, write-to-temp + rename or a
 *       save without change count once or not at all;</li>
 *   <li>a changed file is checked by the {@link RouteFileValidator} first; a refused file leaves the running routes
 *       as they were and logs one line, {@code file:line: reason}; the same text is not reported again;</li>
 *   <li>a valid file replaces its own routes only (other files' and Java routes run on): the Kamelet sources
 *       feeding them stop gracefully first, so a poll in progress finishes into the route it started in; a route
 *       the file no longer has is removed, with its Kamelet routes ({@link KameletRoutes});</li>
 *   <li>if Camel still refuses to build the routes (what the validator cannot see), the previous text is put
 *       back;</li>
 *   <li>a new file adds its routes; a deleted file removes its routes (the directory is what runs).</li>
 * </ul>
 */
public final class RouteFileReloadStrategy extends ServiceSupport implements CamelContextAware {
    /** How long the directory must be quiet after a change before it is read: editors write in several steps. */
    public static final long QUIET_MILLIS = 400;
    private static final Logger LOG = LoggerFactory.getLogger(RouteFileReloadStrategy.class);
    private final Path directory;
    private final PathMatcher pattern;
    /** The text each file's running routes were loaded from. */
    private final Map<Path, String> applied = new HashMap<>();
    /** The text last refused per file, so one broken save is logged once. */
    private final Map<Path, String> refused = new HashMap<>();
    private CamelContext camel;
    private WatchService watcher;
    private ExecutorService executor;

    public RouteFileReloadStrategy(String directory, String glob) {
        this.directory = Path.of(directory).toAbsolutePath().normalize();
        this.pattern = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camel = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camel;
    }

    @Override
    protected void doStart() throws Exception {
        applied.putAll(files()); // what Camel Main loaded at start-up
        watcher = directory.getFileSystem().newWatchService();
        directory.register(watcher, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE);
        executor = camel.getExecutorServiceManager().newSingleThreadExecutor(this, "RouteFileReload");
        executor.submit(this::watch);
        LOG.info("Live route reloading enabled (directory: {}): a changed file is validated before it replaces its routes",
                directory);
    }

    @Override
    protected void doStop() throws Exception {
        if (executor != null) camel.getExecutorServiceManager().shutdownNow(executor);
        if (watcher != null) watcher.close();
    }

    private void watch() {
        boolean changed = false;
        while (isRunAllowed()) {
            WatchKey key;
            try {
                key = watcher.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                return;
            }
            if (key != null) {
                changed |= !key.pollEvents().isEmpty();
                key.reset();
            } else if (changed) {
                changed = false;
                try {
                    reload();
                } catch (RuntimeException e) {
                    LOG.warn("Route files in {} not reloaded: {}", directory, e.getMessage());
                    LOG.debug("Reloading route files failed", e);
                }
            }
        }
    }

    /** The matching files and their text, by path. */
    private Map<Path, String> files() {
        Map<Path, String> out = new TreeMap<>();
        try (Stream<Path> list = Files.list(directory)) {
            for (Path p : list.filter(p -> pattern.matches(p.getFileName()) && Files.isRegularFile(p)).sorted().toList()) {
                try {
                    out.put(p, Files.readString(p, StandardCharsets.UTF_8));
                } catch (NoSuchFileException gone) {
                    // renamed away between list and read: the next event covers it
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + directory + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Applies what differs between the directory and the running routes. */
    void reload() {
        Map<Path, String> now = files();
        now.forEach((file, text) -> {
            if (text.equals(applied.get(file))) {
                refused.remove(file);
            } else if (!text.equals(refused.get(file))) {
                apply(file, text);
            }
        });
        for (Path file : List.copyOf(applied.keySet())) {
            if (!now.containsKey(file)) removeFile(file);
        }
        refused.keySet().retainAll(now.keySet());
    }

    private void apply(Path file, String text) {
        Resource resource = ResourceHelper.fromString("file:" + file, text);
        List<RouteFileProblem> problems = new RouteFileValidator(camel).validate(resource);
        if (!problems.isEmpty()) {
            refused.put(file, text);
            LOG.warn("{} — {} not applied, {}{}", problems.get(0), file.getFileName(), applied.containsKey(file)
                    ? "its running routes stay as they were" : "none of its routes added", problems.size() == 1 ? "" : " (" + (problems.size() - 1) + " more problem(s); ticketbridge validate lists all)");
            return;
        }
        String previous = applied.get(file);
        try {
            Set<String> ids = replace(file, resource);
            applied.put(file, text);
            refused.remove(file);
            LOG.info("{} {}: route(s) {}", previous == null ? "Loaded new file" : "Reloaded", file.getFileName(),
                    String.join(", ", ids));
        } catch (Exception e) {
            refused.put(file, text);
            LOG.warn("{}: {} — {} not applied, {}", file, rootMessage(e), file.getFileName(),
                    previous == null ? "nothing added" : "its previous version runs again");
            LOG.debug("Loading {} failed", file, e);
            try {
                if (previous != null) {
                    replace(file, ResourceHelper.fromString("file:" + file, previous));
                } else {
                    routesOf(file).keySet().forEach(this::remove);
                }
            } catch (Exception again) {
                LOG.warn("Could not restore the routes of {}: {}", file.getFileName(), rootMessage(again));
                LOG.debug("Restoring {} failed", file, again);
            }
        }
    }

    /** Replaces the routes loaded from {@code file} by those of {@code resource}; returns the new route ids. */
    private Set<String> replace(Path file, Resource resource) throws Exception {
        Map<String, Route> before = routesOf(file);
        List<String> stopped = stopSources(before.values());
        Set<String> ids;
        try {
            ids = PluginHelper.getRoutesLoader(camel).updateRoutes(List.of(resource));
        } catch (Exception e) {
            restart(stopped);
            throw e;
        }
        for (String old : before.keySet()) {
            if (!ids.contains(old)) {
                LOG.info("Route {} is no longer in {}: removing it", old, file.getFileName());
                remove(old);
            }
        }
        return ids;
    }

    private void removeFile(Path file) {
        Map<String, Route> routes = routesOf(file);
        stopSources(routes.values());
        routes.keySet().forEach(this::remove);
        applied.remove(file);
        LOG.info("{} was deleted: removed its route(s) {}", file.getFileName(), String.join(", ", routes.keySet()));
    }

    /** The routes (not Kamelet routes) loaded from {@code file}, by id. */
    private Map<String, Route> routesOf(Path file) {
        Map<String, Route> out = new LinkedHashMap<>();
        for (Route r : camel.getRoutes()) {
            if (r.isCreatedByKamelet() || r.getSourceResource() == null) continue;
            if (RouteFileValidator.sameFile(r.getSourceResource().getLocation(), file.toString())) out.put(r.getRouteId(), r);
        }
        return out;
    }

    /**
     * Stops the Kamelet sources feeding {@code routes}, gracefully: a poll in progress finishes into the route still
     * there, instead of blocking on a {@code kamelet:sink} whose consumer was just removed.
     */
    private List<String> stopSources(java.util.Collection<Route> routes) {
        List<String> stopped = new ArrayList<>();
        for (Route route : routes) {
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
        return stopped;
    }

    private void restart(List<String> stopped) {
        for (String id : stopped) {
            try {
                if (camel.getRoute(id) != null) camel.getRouteController().startRoute(id);
            } catch (Exception e) {
                LOG.warn("Could not restart {} after a failed reload: {}", id, e.getMessage());
            }
        }
    }

    private void remove(String id) {
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

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return String.valueOf(root.getMessage()).replaceAll("\\s*\\R\\s*", " ");
    }
}
