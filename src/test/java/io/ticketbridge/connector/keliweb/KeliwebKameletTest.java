package io.ticketbridge.connector.keliweb;

import io.ticketbridge.testing.TestResources;
import io.ticketbridge.sandbox.keliweb.KeliwebSimulator;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** Both Keliweb Kamelets are consistent with the beans they configure; the sink delivers through Camel. */
class KeliwebKameletTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String... path) {
        Object cur = o;
        for (String p : path) cur = ((Map<String, Object>) cur).get(p);
        return (Map<String, Object>) cur;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"keliweb-source, source, io.ticketbridge.connector.keliweb.KeliwebSource",
            "keliweb-sink, sink, io.ticketbridge.connector.keliweb.KeliwebSink"})
    @SuppressWarnings("unchecked")
    void everyPropertyIsTypedTitledDescribedAndBoundToAWritableBeanProperty(String name, String type, String beanClass)
            throws Exception {
        String yaml = TestResources.text("kamelets/" + name + ".kamelet.yaml");
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        assertThat(map(root, "metadata").get("name")).isEqualTo(name);
        assertThat(map(root, "metadata", "labels")).containsEntry("camel.apache.org/kamelet.type", type);
        Map<String, Object> definition = map(root, "spec", "definition");
        assertThat(definition).containsKeys("title", "description");
        Map<String, Object> props = map(definition, "properties");
        List<String> required = (List<String>) definition.get("required");
        assertThat(required).containsExactly("clientId", "clientSecret", "username", "password");
        props.forEach((prop, v) -> {
            Map<String, Object> p = (Map<String, Object>) v;
            assertThat(p).as(prop).containsKeys("title", "description", "type");
            if (!required.contains(prop) && !yaml.contains("{{?" + prop + "}}")) {
                assertThat(p).as(prop + " is optional, so it has a default").containsKey("default");
            }
        });
        for (String secret : List.of("clientSecret", "password")) {
            assertThat(map(props, secret)).containsEntry("format", "password")
                    .containsEntry("x-descriptors", List.of("urn:camel:group:credentials"));
        }
        io.ticketbridge.testing.ThinKamelet.assertEveryPropertyReaches(root, Class.forName(beanClass));
        Matcher m = Pattern.compile("\\{\\{(\\w+)}}").matcher(yaml);
        while (m.find()) {
            if (!Set.of("routeId", "source", "sink").contains(m.group(1))) assertThat(props).containsKey(m.group(1));
        }
        if (type.equals("sink")) {
            assertThat(map(props, "unsupportedPolicy").get("enum")).isEqualTo(List.of("text", "skip"));
            assertThat(map(props, "deptId").get("default")).isEqualTo("1");
        }
    }

    @Test
    void theSinkKameletDeliversThroughARealCamelContextOnce() throws Exception {
        try (KeliwebTestBed bed = new KeliwebTestBed(new TickingClock(Instant.parse("2025-06-01T10:00:00Z")))) {
            String uri = "kamelet:keliweb-sink?baseUrl=" + bed.server.baseUrl()
                    + "&clientId=" + KeliwebSimulator.CLIENT_ID + "&clientSecret=RAW(" + KeliwebSimulator.CLIENT_SECRET + ")"
                    + "&username=RAW(" + KeliwebSimulator.USERNAME + ")&password=RAW(" + KeliwebSimulator.PASSWORD + ")"
                    + "&retryDelayMs=5&retryAfterCapMs=1500";
            bed.camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:x").routeId("to-keliweb").to(uri);
                }
            });
            Ticket ticket = KeliwebSinkTest.canonical("90").build();
            var template = bed.camel.createProducerTemplate();
            Object target = template.request("direct:x", ex -> ex.getIn().setBody(TicketJson.write(ticket)))
                    .getMessage().getHeader("TicketBridgeTargetTicketId");
            template.sendBody("direct:x", ticket);
            assertThat(target).isNotNull();
            assertThat(bed.sandbox.ticketCount()).isEqualTo(31);
            Ticket back = bed.read(target.toString());
            assertThat(back.subject()).isEqualTo(ticket.subject());
            assertThat(back.messages()).extracting(Message::body).contains(KeliwebSinkTest.AGENT_TEXT);
            assertThat(back.messages()).hasSize(4);
        }
    }
}
