package io.ticketbridge.connector.thulium;

import io.ticketbridge.sandbox.thulium.ThuliumSimulator;
import static org.assertj.core.api.Assertions.assertThat;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The thulium-source Kamelet is consistent with the bean it configures. */
class ThuliumKameletTest {
    private static final String YAML = ThuliumTicketMapperTest.resource("/kamelets/thulium-source.kamelet.yaml");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String... path) {
        Object cur = o;
        for (String p : path) cur = ((Map<String, Object>) cur).get(p);
        return (Map<String, Object>) cur;
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyPropertyIsTypedTitledDescribedAndBoundToAWritableBeanProperty() throws Exception {
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(YAML);
        assertThat(map(root, "metadata").get("name")).isEqualTo("thulium-source");
        Map<String, Object> definition = map(root, "spec", "definition");
        Map<String, Object> props = map(definition, "properties");
        List<String> required = (List<String>) definition.get("required");
        assertThat(required).containsExactly("baseUrl", "username", "password");
        props.forEach((name, v) -> {
            Map<String, Object> p = (Map<String, Object>) v;
            assertThat(p).as(name).containsKeys("title", "description", "type");
            if (!required.contains(name) && !YAML.contains("{{?" + name + "}}")) {
                assertThat(p).as(name + " is optional, so it has a default").containsKey("default");
            }
        });
        assertThat(map(props, "password")).containsEntry("format", "password")
                .containsEntry("x-descriptors", List.of("urn:camel:group:credentials"));
        assertThat(map(props, "pageSize").get("default")).isEqualTo(ThuliumSimulator.MAX_LIMIT);
        assertThat(map(props, "timeZone").get("default")).isEqualTo(ThuliumVendor.DEFAULT_ZONE.getId());

        io.ticketbridge.testing.ThinKamelet.assertEveryPropertyReaches(root, ThuliumSource.class);
        Matcher m = Pattern.compile("\\{\\{(\\w+)}}").matcher(YAML);
        while (m.find()) {
            if (!Set.of("routeId", "source").contains(m.group(1))) assertThat(props).containsKey(m.group(1));
        }
    }
}
