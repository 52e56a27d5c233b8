package io.ticketbridge.flow;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.routing.KameletRoutes;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.testing.RunningMain;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.connector.Connectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.support.DefaultExchange;

/**
 * A production-like flow for tests: Camel Main with the shipped application.properties, a YAML route written to a
 * temporary folder, the state store in an H2 file there, against a running {@link Sandbox}. Connector beans are
 * configured with the same property names the Kamelets use, taken from the sandbox's credentials.
 */
final class Flow implements AutoCloseable {
    private final Path dir;
    private final RunningMain running;

    private Flow(Path dir, RunningMain running) {
        this.dir = dir;
        this.running = running;
    }

    /** Kamelet parameters for a vendor against the sandbox: base URL, credentials, fast retries for tests. */
    static Map<String, String> params(Sandbox sandbox, String vendor) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("baseUrl", sandbox.baseUrl(vendor));
        p.putAll(sandbox.simulator(vendor).credentials());
        p.put("retryDelayMs", "20");
        p.put("retryAfterCapMs", "1500");
        p.put("maxAttempts", "8");
        return p;
    }

    /** {@code name: "value"} lines for a YAML parameters block. */
    static String yamlParams(Map<String, String> params, String indent) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(indent).append(k).append(": \"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n"));
        return sb.toString();
    }

    /** One route {@code <from>-source → <to>-sink}. */
    static String route(String id, Sandbox sandbox, String from, Map<String, String> sourceExtra, String to,
                        Map<String, String> sinkExtra) {
        Map<String, String> sink = params(sandbox, to);
        sink.putAll(sinkExtra);
        return source(id, sandbox, from, sourceExtra)
                + "        - to:\n"
                + "            uri: kamelet:" + to + "-sink\n"
                + "            parameters:\n" + yamlParams(sink, "              ");
    }

    /** One route {@code <from>-source → ticket-file-sink} writing to {@code directory}. */
    static String toFiles(String id, Sandbox sandbox, String from, Map<String, String> sourceExtra, Path directory) {
        return source(id, sandbox, from, sourceExtra)
                + "        - to:\n"
                + "            uri: kamelet:ticket-file-sink\n"
                + "            parameters:\n"
                + "              directory: \"" + directory + "\"\n";
    }

    /** A route's head up to its steps: id and {@code <from>-source} polling every 500 ms. */
    private static String source(String id, Sandbox sandbox, String from, Map<String, String> sourceExtra) {
        Map<String, String> src = params(sandbox, from);
        src.put("period", "500");
        src.putAll(sourceExtra);
        return "- route:\n"
                + "    id: " + id + "\n"
                + "    from:\n"
                + "      uri: kamelet:" + from + "-source\n"
                + "      parameters:\n" + yamlParams(src, "        ")
                + "      steps:\n";
    }

    static Flow start(Path dir, String routesYaml) throws IOException {
        return start(dir, routesYaml, Map.of(), Map.of());
    }

    /** As {@link #start(Path, String)}, with more properties (winning over the file) and beans bound by name. */
    static Flow start(Path dir, String routesYaml, Map<String, String> overrides, Map<String, Object> beans) throws IOException {
        Files.createDirectories(dir.resolve("routes"));
        Files.writeString(dir.resolve("routes/flow.yaml"), routesYaml, StandardCharsets.UTF_8);
        Main main = new Main();
        KameletRoutes.install(main); // as RunSettings.createMain does
        main.setPropertyPlaceholderLocations("classpath:application.properties");
        main.configure().withRoutesIncludePattern("file:" + dir.resolve("routes") + "/*.yaml");
        main.addOverrideProperty("camel.main.name", "flow-" + dir.getFileName());
        main.addOverrideProperty("ticketbridge.data-dir", dir.toString());
        main.addOverrideProperty("camel.beans.stateStore.url", stateUrl(dir));
        overrides.forEach(main::addOverrideProperty);
        beans.forEach(main::bind);
        return new Flow(dir, RunningMain.start(main));
    }

    static String stateUrl(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("state/ticketbridge");
    }

    /** A second handle on the flow's state store (same JVM, same H2 database). */
    static JdbcStateStore store(Path dir) {
        JdbcStateStore s = new JdbcStateStore(stateUrl(dir), "sa", "");
        s.start();
        return s;
    }

    boolean check() throws Exception {
        return running.check();
    }

    /** The URL of a webhook route's {@code path} on this flow's HTTP server (a free port), once it answers. */
    String webhookUrl(String path) {
        String url = "http://127.0.0.1:" + io.ticketbridge.testing.Webhooks.serverPort(this::camel, this::check) + path;
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> check() && io.ticketbridge.testing.Webhooks.listening(url));
        return url;
    }

    CamelContext camel() {
        return running.main().getCamelContext();
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() throws Exception {
        running.close();
    }

    /** A vendor's source bean bound like its Kamelet would bind it, for reading tickets back in a test. */
    static VendorSource sourceBean(CamelContext camel, Sandbox sandbox, String vendor, String stateKey) throws Exception {
        return sourceBean(camel, params(sandbox, vendor), vendor, stateKey);
    }

    /** The same for an account given as Kamelet parameters (base URL, credentials, retry settings). */
    static VendorSource sourceBean(CamelContext camel, Map<String, String> params, String vendor, String stateKey) throws Exception {
        VendorSource bean = Connectors.get(vendor).newSource();
        Map<String, Object> props = new LinkedHashMap<>(params);
        props.put("stateKey", stateKey);
        io.ticketbridge.connector.ConnectorOptions.bind(camel, bean, props);
        return bean;
    }

    /** Reads one ticket through a source bean: fetch → map (attachment bytes included). */
    static Ticket read(CamelContext camel, VendorSource source, String ticketId) {
        var ex = new DefaultExchange(camel);
        ex.getIn().setBody(ticketId);
        ex.getIn().setBody(source.fetch(ex));
        return source.map(ex);
    }

    /** Every ticket a source lists, read and mapped. */
    static List<Ticket> readAll(CamelContext camel, VendorSource source) {
        var ex = new DefaultExchange(camel);
        return source.poll(ex).stream().map(c -> read(camel, source, c.ticketId())).toList();
    }
}
