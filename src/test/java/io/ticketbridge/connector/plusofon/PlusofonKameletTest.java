package io.ticketbridge.connector.plusofon;

import io.ticketbridge.sandbox.plusofon.PlusofonSimulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.connector.VendorSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped plusofon-source Kamelet, loaded from the classpath and run against the simulator. */
class PlusofonKameletTest {
    private SimServer server;
    private DefaultCamelContext camel;

    /** Stands in for the application's dead-letter bean; records what failed. */
    public static final class DeadLetters {
        final List<Exchange> failed = new CopyOnWriteArrayList<>();

        public void accept(Exchange exchange) {
            failed.add(exchange.copy());
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new SimServer("plusofon", 0);
        new PlusofonSimulator().install(server);
        server.start();
        camel = new DefaultCamelContext();
        io.ticketbridge.testing.TestStores.bindH2(camel);
        camel.getComponent("http", HttpComponent.class).setAutomaticRetriesDisabled(true);
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.close();
    }

    @Test
    void kameletFromTheClasspathEmitsAllThirtyTicketsAsCanonicalWithItsStatusMap() throws Exception {
        DeadLetters deadLetters = new DeadLetters();
        camel.getRegistry().bind("deadLetters", deadLetters);
        Map<String, Ticket> emitted = new ConcurrentHashMap<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:plusofon-source?baseUrl=" + server.baseUrl() + "&token=RAW(" + PlusofonSimulator.TOKEN
                        + ")&period=3600000&statusMap=false=RESOLVED")
                        .routeId("plusofon-test")
                        .process(e -> {
                            Ticket t = e.getIn().getBody(Ticket.class);
                            assertThat(e.getIn().getHeader(VendorSource.HEADER_TICKET_ID)).isEqualTo(t.source().ticketId());
                            emitted.put(t.source().ticketId(), t);
                        });
            }
        });
        camel.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> emitted.size() == 30);
        assertThat(emitted.values()).allMatch(t -> t.source().system().equals("plusofon"));
        assertThat(emitted.values()).filteredOn(t -> t.status() == io.ticketbridge.canonical.Status.RESOLVED)
                .as("statusMap reached the mapper").hasSize(12);
        assertThat(deadLetters.failed).isEmpty();
    }
}
