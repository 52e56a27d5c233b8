package io.ticketbridge.cli;

import io.ticketbridge.ops.HttpPortCheck;
import io.ticketbridge.routing.KameletRoutes;
import io.ticketbridge.routing.RouteFileReloadStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Where the run's configuration and routes come from, decided before Camel starts: a given --config file, else
 * ./application.properties, else the bundled one; ./routes/*.yaml (with live reload) else the bundled routes.
 */
public record RunSettings(String propertiesLocation, String routesPattern, boolean reload, boolean sandboxEnabled,
                          int sandboxPortBase) {

    static RunSettings resolve(Path configFile, Path workDir) {
        return resolve(configFile, workDir, null);
    }

    /** As {@link #resolve(Path, Path)}, with the routes taken from {@code routesDir} when given. */
    static RunSettings resolve(Path configFile, Path workDir, Path routesDir) {
        Properties props = new Properties();
        String location;
        if (configFile != null) {
            if (!Files.isRegularFile(configFile)) throw new IllegalArgumentException("--config " + configFile + ": no such file");
            load(props, configFile);
            location = "file:" + configFile.toAbsolutePath().normalize();
        } else if (Files.isRegularFile(workDir.resolve("application.properties"))) {
            load(props, workDir.resolve("application.properties"));
            location = "file:" + workDir.resolve("application.properties").toAbsolutePath().normalize();
        } else {
            try (InputStream in = RunSettings.class.getResourceAsStream("/application.properties")) {
                if (in != null) props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the bundled application.properties: " + e.getMessage());
            }
            location = "classpath:application.properties";
        }
        Path routes = routesDir != null ? routesDir : workDir.resolve("routes");
        if (routesDir != null && !Files.isDirectory(routesDir)) {
            throw new IllegalArgumentException("--routes " + routesDir + ": no such directory");
        }
        boolean fileRoutes = Files.isDirectory(routes);
        String pattern = fileRoutes ? "file:" + routes.toAbsolutePath().normalize() + "/*.yaml" : "classpath:routes/*.yaml";
        boolean sandbox = Boolean.parseBoolean(setting(props, "ticketbridge.sandbox.enabled", "true"));
        int portBase;
        String base = setting(props, "ticketbridge.sandbox.port-base", Integer.toString(SandboxPorts.DEFAULT_BASE));
        try {
            portBase = Integer.parseInt(base.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ticketbridge.sandbox.port-base must be a number, got '" + base + "'");
        }
        return new RunSettings(location, pattern, fileRoutes, sandbox, portBase);
    }

    /** A setting as {@link #setting} finds it, read before Camel starts (the sandbox's webhook target, say). */
    String setting(String key, String fallback) {
        Properties props = new Properties();
        if (propertiesLocation.startsWith("file:")) {
            load(props, Path.of(propertiesLocation.substring("file:".length())));
        } else {
            try (InputStream in = RunSettings.class.getResourceAsStream("/application.properties")) {
                if (in != null) props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the bundled application.properties: " + e.getMessage());
            }
        }
        return setting(props, key, fallback);
    }

    /** System property, then environment (TICKETBRIDGE_SANDBOX_ENABLED style), then the file, then the default. */
    private static String setting(Properties props, String key, String fallback) {
        String sys = System.getProperty(key);
        if (sys != null) return sys;
        String env = System.getenv(key.toUpperCase().replace('.', '_').replace('-', '_'));
        if (env != null) return env;
        return props.getProperty(key, fallback);
    }

    private static void load(Properties props, Path p) {
        try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            props.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + p + ": " + e.getMessage());
        }
    }

    /** A Camel Main for these settings; {@code overrides} (e.g. the sandbox's URLs) win over the file. */
    Main createMain(Map<String, String> overrides) {
        Main main = new Main();
        main.setPropertyPlaceholderLocations(propertiesLocation);
        main.setDefaultPropertyPlaceholderLocation(propertiesLocation);
        main.configure().withRoutesIncludePattern(routesPattern);
        KameletRoutes.install(main);
        main.addMainListener(new HttpPortCheck());
        if (reload) {
            // Camel's watcher (camel.main.routes-reload-*) leaves a reloaded route's Kamelet routes running
            String dir = routesPattern.substring("file:".length(), routesPattern.lastIndexOf('/'));
            main.addMainListener(new MainListenerSupport() {
                @Override
                public void afterConfigure(BaseMainSupport m) {
                    try {
                        m.getCamelContext().addService(new RouteFileReloadStrategy(dir, "*.yaml"));
                    } catch (Exception e) {
                        throw RuntimeCamelException.wrapRuntimeException(e);
                    }
                }
            });
        }
        overrides.forEach(main::addOverrideProperty);
        return main;
    }
}
