package io.ticketbridge.connector.thulium;

import io.ticketbridge.sandbox.thulium.ThuliumSimulator;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The shipped thulium-sink Kamelet: consistent with its bean, and delivering through a real Camel context. */
class ThuliumSinkKameletTest {
    private static final String YAML = ThuliumTicketMapperTest.resource("/kamelets/thulium-sink.kamelet.yaml");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String... path) {
        Object cur = o;
        for (String p : path) cur = ((Map<String, Object>) cur).get(p);
        return (Map<String, Object>) cur;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPropertyIsTypedTitledDescribedDefaultedAndBoundToAWritableBeanProperty() throws Exception {
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(YAML);
        assertThat(map(root, "metadata").get("name")).isEqualTo("thulium-sink");
        assertThat(map(root, "metadata", "labels")).containsEntry("camel.apache.org/kamelet.type", "sink");
        Map<String, Object> definition = map(root, "spec", "definition");
        Map<String, Object> props = map(definition, "properties");
        List<String> required = (List<String>) definition.get("required");
        assertThat(required).containsExactly("baseUrl", "username", "password");
        props.forEach((name, v) -> {
            Map<String, Object> p = (Map<String, Object>) v;
            assertThat(p).as(name).containsKeys("title", "description", "type");
            if (!required.contains(name)) assertThat(p).as(name + " is optional, so it has a default").containsKey("default");
        });
        assertThat(map(props, "password")).containsEntry("format", "password")
                .containsEntry("x-descriptors", List.of("urn:camel:group:credentials"));
        assertThat(map(props, "unsupportedPolicy")).containsEntry("default", "text").containsEntry("enum", List.of("text", "skip"));
        assertThat(map(props, "statusIds").get("default")).isEqualTo(ThuliumStatusIds.DEFAULT);
        assertThat(map(props, "mailbox").get("default")).isEqualTo(ThuliumSink.SANDBOX_MAILBOX);
        assertThat(map(props, "agentLogin").get("default")).isEqualTo(ThuliumSink.SANDBOX_AGENT);
        assertThat(map(props, "noteFallback").get("default")).isEqualTo("none");

        io.ticketbridge.testing.ThinKamelet.assertEveryPropertyReaches(root, ThuliumSink.class);
        Matcher m = Pattern.compile("\\{\\{(\\w+)}}").matcher(YAML);
        while (m.find()) {
            if (!Set.of("sink").contains(m.group(1))) assertThat(props).containsKey(m.group(1));
        }
    }

    @Test
    void theKameletDeliversATicketOnceThroughARealCamelContext() throws Exception {
        try (ThuliumBed bed = new ThuliumBed()) {
            String params = Map.of("baseUrl", bed.server.baseUrl(), "username", ThuliumSimulator.USERNAME,
                            "password", ThuliumSimulator.PASSWORD, "noteFallback", "customer",
                            "retryDelayMs", "5", "retryAfterCapMs", "1500")
                    .entrySet().stream().map(e -> e.getKey() + "=RAW(" + e.getValue() + ")").collect(Collectors.joining("&"));
            bed.camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:x").routeId("thulium-sink-test").to("kamelet:thulium-sink?" + params);
                }
            });
            int before = bed.sandbox.ticketCount();
            ProducerTemplate producer = bed.camel.createProducerTemplate();
            Ticket ticket = ThuliumSinkTest.ticket(Status.PENDING);
            // as a source Kamelet hands it on: the canonical JSON
            String target = producer.request("direct:x", ex -> ex.getIn().setBody(TicketJson.write(ticket)))
                    .getMessage().getHeader("TicketBridgeTargetTicketId", String.class);
            producer.sendBody("direct:x", ticket);
            assertThat(bed.sandbox.ticketCount()).isEqualTo(before + 1);

            Ticket back = bed.read(bed.source(), target);
            assertThat(back.subject()).isEqualTo(ticket.subject());
            assertThat(back.status()).isEqualTo(Status.PENDING);
            assertThat(back.messages()).filteredOn(msg -> msg.kind() != MessageKind.SYSTEM && msg.kind() != MessageKind.NOTE)
                    .hasSize(3) // the note came through as a marked customer message (noteFallback=customer)
                    .anySatisfy(msg -> assertThat(msg.body()).startsWith("[Internal note by Anna Nowak"));
        }
    }
}
