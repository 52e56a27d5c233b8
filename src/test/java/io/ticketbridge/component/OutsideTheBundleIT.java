package io.ticketbridge.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.testing.TestFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connectors outside this bundle: target/ticketbridge.jar without its application.properties and routes (so
 * no bean is configured anywhere) as the only classpath of a plain {@code org.apache.camel.main.Main} in a fresh
 * JVM, running a Kamelet route ({@code kamelet:plusofon-source} → {@code kamelet:ticket-file-sink}) and a
 * {@code helpdesk:} route ({@code helpdesk:thulium} → {@code helpdesk:keliweb}) against the sandbox. Both deliver;
 * the state goes to the default H2 file under the working directory's data/state/.
 */
class OutsideTheBundleIT {
    @TempDir
    Path dir;
    private Sandbox sandbox;
    private Process child;

    @BeforeEach
    void startSandbox() throws Exception {
        sandbox = Sandbox.start(Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.destroy(); // SIGTERM: Camel stops gracefully
            if (!child.waitFor(30, TimeUnit.SECONDS)) child.destroyForcibly();
        }
        sandbox.close();
    }

    /** The jar minus what makes it the bundle: its configuration and its routes. */
    private static Path library(Path jar, Path out) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
             ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals("application.properties") || e.getName().startsWith("routes/")) continue;
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
        }
        return out;
    }

    private Map<String, String> account(String vendor) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("baseUrl", sandbox.baseUrl(vendor));
        p.putAll(sandbox.simulator(vendor).credentials());
        return p;
    }

    private static String yaml(Map<String, String> params, String indent) {
        return params.entrySet().stream().map(e -> indent + e.getKey() + ": \"" + e.getValue() + "\"\n")
                .collect(Collectors.joining());
    }

    @SuppressWarnings("unchecked")
    private static int listed(DefaultCamelContext camel, String uri) {
        return camel.createProducerTemplate().requestBody(uri, null, List.class).size();
    }

    @Test
    void aKameletRouteAndAHelpdeskRouteDeliverInAPlainCamelMainWithNothingConfigured() throws Exception {
        Path lib = library(Path.of(System.getProperty("ticketbridge.jar")), dir.resolve("ticketbridge-lib.jar"));
        Path work = Files.createDirectories(dir.resolve("work"));
        Map<String, String> plusofon = account("plusofon");
        plusofon.put("period", "500");
        Map<String, String> thulium = account("thulium");
        thulium.put("delay", "500");
        Files.writeString(dir.resolve("routes.yaml"), "- route:\n    id: plusofon-to-files\n    from:\n"
                + "      uri: kamelet:plusofon-source\n      parameters:\n" + yaml(plusofon, "        ")
                + "      steps:\n        - to:\n            uri: kamelet:ticket-file-sink\n            parameters:\n"
                + "              directory: out\n"
                + "- route:\n    id: thulium-to-keliweb\n    from:\n      uri: helpdesk:thulium\n      parameters:\n"
                + yaml(thulium, "        ")
                + "      steps:\n        - to:\n            uri: helpdesk:keliweb\n            parameters:\n"
                + yaml(account("keliweb"), "              "));
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcamel.main.routes-include-pattern=file:" + dir.resolve("routes.yaml"),
                "-cp", lib.toString(), "org.apache.camel.main.Main")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();

        String keliweb = "helpdesk:keliweb?" + account("keliweb").entrySet().stream()
                .map(e -> e.getKey() + "=RAW(" + e.getValue() + ")").collect(Collectors.joining("&")) + "&operation=list";
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                assertThat(child.isAlive()).as("Camel Main runs; it said:\n%s", Files.readString(dir.resolve("child.log"))).isTrue();
                return TestFiles.countJson(work.resolve("out/plusofon")) == SeedStories.COUNT
                        && listed(camel, keliweb) == 2 * SeedStories.COUNT;
            });
        }
        assertThat(work.resolve("data/state")).as("the default state store").isDirectory();
        assertThat(Files.readString(dir.resolve("child.log"))).doesNotContain("Dead letter")
                .doesNotContain(sandbox.simulator("thulium").credentials().get("password"));
    }
}
