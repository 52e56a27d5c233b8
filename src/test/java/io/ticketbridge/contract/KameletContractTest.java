package io.ticketbridge.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.connector.Connectors;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.apache.camel.test.main.junit5.Configure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered vendor's shipped Kamelets, run by Camel Main with the bundle's application.properties
 * (camel-test-main-junit5), against the whole sandbox: {@code kamelet:<vendor>-source} hands on every seed ticket
 * as a canonical ticket with its headers and nothing dead-lettered; {@code kamelet:<vendor>-sink} takes canonical
 * JSON or a {@link Ticket}, creates the ticket once and says where.
 */
@CamelMainTest(properties = {
        "camel.main.name=kamelet-contract",
        "ticketbridge.data-dir=target/kamelet-contract",
        "camel.beans.stateStore.url=jdbc:h2:mem:kamelet-contract;DB_CLOSE_DELAY=-1"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KameletContractTest {
    private final Sandbox sandbox = Sandbox.start(Map.of());
    private final Map<String, List<Exchange>> emitted = new ConcurrentHashMap<>();
    private final List<Exchange> dead = new CopyOnWriteArrayList<>();

    @org.apache.camel.BeanInject
    CamelContext camel;

    KameletContractTest() throws Exception {
    }


    @Configure
    protected void routes(MainConfigurationProperties configuration) {
        configuration.addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                // a context per parameterized method (the extension keeps one per test template): each its own flow
                String run = UUID.randomUUID().toString();
                dead.clear();
                from("direct:dead").process(ex -> dead.add(ex.copy()));
                for (String vendor : Connectors.all().stream().map(v -> v.id()).toList()) {
                    emitted.put(vendor, new CopyOnWriteArrayList<>());
                    from("kamelet:" + vendor + "-source?" + params(vendor, Map.of("period", "3600000",
                            "deadLetterUri", "direct:dead", "stateKey", "source-" + run)))
                            .routeId(vendor + "-source-contract")
                            .process(ex -> emitted.get(vendor).add(ex.copy()));
                    from("direct:" + vendor + "-sink").routeId(vendor + "-sink-contract")
                            .to("kamelet:" + vendor + "-sink?" + params(vendor, Map.of("stateKey", "sink-" + vendor + "-" + run)));
                }
            }
        });
    }

    /** The sandbox account as Kamelet parameters, values RAW. */
    private String params(String vendor, Map<String, String> extra) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("baseUrl", sandbox.baseUrl(vendor));
        p.putAll(sandbox.simulator(vendor).credentials());
        p.put("retryDelayMs", "5");
        p.put("retryAfterCapMs", "1500");
        p.putAll(extra);
        return p.entrySet().stream().map(e -> e.getKey() + "=RAW(" + e.getValue() + ")").collect(Collectors.joining("&"));
    }

    @AfterAll
    void stopSandbox() {
        sandbox.close();
    }

    /** The seed tickets the source Kamelet handed on (without those a sink test of another context added). */
    private List<Exchange> firstPoll(String vendor) {
        List<Exchange> got = emitted.get(vendor);
        // four sources poll in one context: on a loaded 2-core machine their first polls took over a minute
        await().atMost(Duration.ofSeconds(180)).until(() -> seed(got).size() >= SeedStories.COUNT);
        return seed(got);
    }

    private static List<Exchange> seed(List<Exchange> got) {
        return got.stream().filter(ex -> !ex.getIn().getBody(Ticket.class).subject().contains(ContractTickets.SUBJECT)).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void theSourceKameletHandsOnEverySeedTicketAsCanonicalWithItsHeaders(String vendor) {
        List<Exchange> got = firstPoll(vendor);
        assertThat(got).hasSize(SeedStories.COUNT);
        for (Exchange ex : got) {
            Ticket t = ex.getIn().getBody(Ticket.class);
            assertThat(t.source().system()).isEqualTo(vendor);
            assertThat(ex.getIn().getHeader(VendorSource.HEADER_SYSTEM)).isEqualTo(vendor);
            assertThat(ex.getIn().getHeader(VendorSource.HEADER_TICKET_ID)).isEqualTo(t.source().ticketId());
        }
        assertThat(got).extracting(ex -> ex.getIn().getBody(Ticket.class).subject())
                .containsExactlyInAnyOrderElementsOf(SeedStories.all().stream().map(SeedStories.Story::subject).toList());
        assertThat(dead).filteredOn(ex -> vendor.equals(ex.getIn().getHeader(VendorSource.HEADER_SYSTEM))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(ContractFixture.VENDORS)
    void theSinkKameletCreatesATicketOnceAndSaysWhere(String vendor) {
        firstPoll(vendor); // the seed tickets were read before this one is added
        int before = sandbox.simulator(vendor).ticketCount();
        Ticket ticket = ContractTickets.ticket("K-1", "k1-" + vendor).build();
        ProducerTemplate producer = camel.createProducerTemplate();
        String target = producer.request("direct:" + vendor + "-sink", ex -> ex.getIn().setBody(TicketJson.write(ticket)))
                .getMessage().getHeader("TicketBridgeTargetTicketId", String.class);
        assertThat(target).isNotBlank();
        String again = producer.request("direct:" + vendor + "-sink", ex -> ex.getIn().setBody(ticket))
                .getMessage().getHeader("TicketBridgeTargetTicketId", String.class);
        assertThat(again).isEqualTo(target);
        assertThat(sandbox.simulator(vendor).ticketCount()).isEqualTo(before + 1);
    }
}
