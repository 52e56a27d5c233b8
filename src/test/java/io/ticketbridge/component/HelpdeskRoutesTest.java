package io.ticketbridge.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.testing.RunningMain;
import io.ticketbridge.testing.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same connector route written in YAML and in Java DSL — {@code helpdesk:thulium} → {@code helpdesk:keliweb},
 * no Kamelet, no application.properties — migrates the sandbox's 30 Thulium tickets into Keliweb, counted by
 * listing the Keliweb simulator ({@code operation=list}); {@code operation=fetch} reads one ticket by id.
 */
class HelpdeskRoutesTest {
    @TempDir
    Path dir;
    private Sandbox sandbox;
    private RunningMain running;

    @BeforeEach
    void startSandbox() throws Exception {
        sandbox = Sandbox.start(Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        if (running != null) running.close();
        sandbox.close();
    }

    /** The vendor's base URL and sandbox credentials as endpoint options, values RAW. */
    private Map<String, String> account(String vendor) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("baseUrl", sandbox.baseUrl(vendor));
        p.putAll(sandbox.simulator(vendor).credentials());
        p.put("retryDelayMs", "20");
        return p;
    }

    private String uri(String vendor, Map<String, String> extra) {
        Map<String, String> p = account(vendor);
        p.putAll(extra);
        return "helpdesk:" + vendor + "?" + p.entrySet().stream().map(e -> e.getKey() + "=RAW(" + e.getValue() + ")")
                .collect(Collectors.joining("&"));
    }

    private Main main(String name) {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("false"); // no application.properties: nothing but the options
        main.bind("stateStore", TestStores.h2());
        main.addOverrideProperty("camel.main.name", name);
        main.addOverrideProperty("camel.component.helpdesk.dead-letter-directory", dir.resolve("dead").toString());
        return main;
    }

    private CamelContext camel() {
        return running.main().getCamelContext();
    }

    @SuppressWarnings("unchecked")
    private int keliwebTickets() {
        ProducerTemplate template = camel().createProducerTemplate();
        return template.requestBody(uri("keliweb", Map.of("operation", "list")), null, List.class).size();
    }

    private void migratesEveryThuliumTicket() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> running.check() && camel() != null && camel().isStarted());
        int before = SeedStories.COUNT;
        await().atMost(Duration.ofSeconds(90)).until(() -> running.check() && keliwebTickets() == before + SeedStories.COUNT);
        assertThat(Files.exists(dir.resolve("dead"))).as("nothing dead-lettered").isFalse();
    }

    @Test
    void theYamlRouteMigratesTheSandboxTickets() throws Exception {
        String yaml = "- route:\n    id: thulium-to-keliweb\n    from:\n      uri: helpdesk:thulium\n      parameters:\n"
                + params(account("thulium"), Map.of("delay", "500", "initialDelay", "0"), "        ")
                + "      steps:\n        - to:\n            uri: helpdesk:keliweb\n            parameters:\n"
                + params(account("keliweb"), Map.of(), "              ");
        Files.writeString(dir.resolve("migration.yaml"), yaml);
        Main main = main("helpdesk-yaml");
        main.configure().withRoutesIncludePattern("file:" + dir.resolve("migration.yaml"));
        running = RunningMain.start(main);
        migratesEveryThuliumTicket();
    }

    @Test
    void theJavaDslRouteMigratesTheSandboxTicketsAndFetchReadsOneById() throws Exception {
        String from = uri("thulium", Map.of("delay", "500", "initialDelay", "0"));
        String to = uri("keliweb", Map.of());
        Main main = main("helpdesk-java");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId("thulium-to-keliweb").to(to);
            }
        });
        running = RunningMain.start(main);
        migratesEveryThuliumTicket();

        Ticket one = camel().createProducerTemplate().requestBodyAndHeader(uri("thulium", Map.of("operation", "fetch")),
                null, VendorSource.HEADER_TICKET_ID, "1005", Ticket.class);
        assertThat(one.source().system()).isEqualTo("thulium");
        assertThat(one.source().ticketId()).isEqualTo("1005");
        assertThat(one.messages()).isNotEmpty();
    }

    private static String params(Map<String, String> account, Map<String, String> extra, String indent) {
        Map<String, String> all = new LinkedHashMap<>(account);
        all.putAll(extra);
        return all.entrySet().stream().map(e -> indent + e.getKey() + ": \"" + e.getValue().replace("\"", "\\\"") + "\"\n")
                .collect(Collectors.joining());
    }
}
