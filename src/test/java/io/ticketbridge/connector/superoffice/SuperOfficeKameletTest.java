package io.ticketbridge.connector.superoffice;

import io.ticketbridge.sandbox.superoffice.SuperOfficeSimulator;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.connector.VendorSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** The shipped superoffice-source Kamelet, loaded from the classpath and run against the sandbox. */
class SuperOfficeKameletTest {

    @Test
    void kameletEmitsEveryTicketAndSendsFailuresToTheDeadLetterBean() throws Exception {
        try (SimServer server = new SimServer("superoffice", 0)) {
            SuperOfficeSimulator sandbox = new SuperOfficeSimulator();
            sandbox.install(server);
            server.start();
            List<Ticket> tickets = new CopyOnWriteArrayList<>();
            List<Object> dead = new CopyOnWriteArrayList<>();
            Map<String, String> c = sandbox.credentials();
            String params = Map.of("baseUrl", server.baseUrl(), "authMethod", c.get("authMethod"),
                            "username", c.get("username"), "password", c.get("password"), "pageSize", "9",
                            "period", "3600000", "priorityMap", "Urgent=HIGH")
                    .entrySet().stream()
                    .map(e -> e.getKey() + "=RAW(" + e.getValue() + ")")
                    .collect(Collectors.joining("&"));
            try (DefaultCamelContext camel = new DefaultCamelContext()) {
                io.ticketbridge.testing.TestStores.bindH2(camel);
                camel.getRegistry().bind("deadLetters", (org.apache.camel.Processor) ex -> dead.add(ex.getIn().getBody()));
                camel.addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("kamelet:superoffice-source?" + params).routeId("so-test")
                                .process(ex -> tickets.add(ex.getIn().getBody(Ticket.class)));
                    }
                });
                NotifyBuilder done = new NotifyBuilder(camel).fromRoute("so-test").whenCompleted(SeedStories.COUNT).create();
                camel.start();
                assertThat(done.matches(30, TimeUnit.SECONDS)).as("30 tickets through the Kamelet").isTrue();
            }
            assertThat(dead).isEmpty();
            assertThat(tickets).hasSize(SeedStories.COUNT);
            assertThat(tickets).extracting(t -> t.source().system()).containsOnly("superoffice");
            // the Kamelet's priorityMap reached the mapper
            assertThat(tickets.stream().filter(t -> "Urgent".equals(t.priorityRaw())))
                    .isNotEmpty().allSatisfy(t -> assertThat(t.priority()).isEqualTo(io.ticketbridge.canonical.Priority.HIGH));
        }
    }
}
