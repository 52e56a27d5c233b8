package io.ticketbridge.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar ticketbridge.jar sandbox} in a process of its own, as a user starts it: the simulated vendors
 * outlive every bridge process a test kills. What it printed gives each vendor's base URL and credentials.
 */
public final class SandboxProcess implements AutoCloseable {
    private static final Pattern VENDOR_LINE = Pattern.compile("^  (\\w+)\\s+(http://\\S+)$");
    private static final Pattern CREDENTIAL_LINE = Pattern.compile("^\\s{3,}(\\w+) = (.*)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Map<String, String> baseUrls = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> credentials = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private SandboxProcess(Process process) {
        this.process = process;
    }

    /** Starts the sandbox on free ports with {@code tickets} tickets per vendor and waits for its ready line. */
    public static SandboxProcess start(String jar, int tickets) throws IOException {
        // every ticket, message and attachment lives in the simulators' memory: 1 GB thrashes in GC past ~20k tickets
        String heap = tickets > 1000 ? "-Xmx6g" : "-Xmx1g";
        Process p = new ProcessBuilder(List.of(java(), heap, "-jar", jar, "sandbox", "--port-base", "0",
                "--tickets", Integer.toString(tickets))).redirectErrorStream(true).start();
        p.getOutputStream().close();
        SandboxProcess sandbox = new SandboxProcess(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder said = new StringBuilder();
        String vendor = null;
        for (String line; (line = out.readLine()) != null; ) {
            said.append(line).append('\n');
            Matcher v = VENDOR_LINE.matcher(line);
            Matcher c = CREDENTIAL_LINE.matcher(line);
            if (v.matches()) {
                vendor = v.group(1);
                sandbox.baseUrls.put(vendor, v.group(2));
                sandbox.credentials.put(vendor, new LinkedHashMap<>());
            } else if (c.matches() && vendor != null) {
                sandbox.credentials.get(vendor).put(c.group(1), c.group(2));
            } else if (line.startsWith("Sandbox ready")) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "sandbox-output");
                drain.setDaemon(true);
                drain.start();
                return sandbox;
            }
        }
        sandbox.close();
        throw new IOException("the sandbox ended before it was ready; it said:\n" + said);
    }

    public String baseUrl(String vendor) {
        return baseUrls.get(vendor);
    }

    /** The Kamelet parameters of a vendor's account on this sandbox: base URL and credentials. */
    public Map<String, String> account(String vendor) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("baseUrl", baseUrl(vendor));
        p.putAll(credentials.get(vendor));
        return p;
    }

    /** {@code PUT /__sandbox/faults} with the given fields (the rest default to none). */
    public void faults(String vendor, Map<String, Object> faults) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl(vendor) + "/__sandbox/faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(faults))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) throw new IOException(vendor + " refused faults " + faults + ": " + r.body());
    }

    /** {@code GET /__sandbox/stats}: what the simulator served so far. */
    public JsonNode stats(String vendor) throws IOException, InterruptedException {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(baseUrl(vendor) + "/__sandbox/stats")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
