package io.ticketbridge.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.VendorBean;
import io.ticketbridge.connector.Connectors;
import io.ticketbridge.sandbox.Simulators;
import io.ticketbridge.testing.TestResources;
import io.ticketbridge.testing.ThinKamelet;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Every registered vendor's two Kamelets agree with the connector they configure: thin, each property reaching the
 * source or sink by its own name, each default the one the connector itself applies, and nothing required that
 * the vendor's sandbox account does not give (so a route against the sandbox needs nothing else).
 */
class KameletPropertiesContractTest {

    static Stream<Arguments> kamelets() {
        return ContractFixture.vendors().flatMap(v -> Stream.of(Arguments.of(v, "source"), Arguments.of(v, "sink")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Object o, String... path) {
        Object cur = o;
        for (String p : path) cur = ((Map<String, Object>) cur).get(p);
        return (Map<String, Object>) cur;
    }

    @ParameterizedTest(name = "{0}-{1}")
    @MethodSource("kamelets")
    @SuppressWarnings("unchecked")
    void theKameletAgreesWithItsConnector(String vendor, String role) throws Exception {
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(TestResources.text("kamelets/" + vendor + "-" + role + ".kamelet.yaml"));
        assertThat(at(root, "metadata").get("name")).isEqualTo(vendor + "-" + role);
        assertThat(at(root, "metadata", "labels")).containsEntry("camel.apache.org/kamelet.type", role);
        Connector v = Connectors.get(vendor);
        VendorBean bean = role.equals("source") ? v.newSource() : v.newSink();
        ThinKamelet.assertEveryPropertyReaches(root, bean);

        Map<String, Object> definition = at(root, "spec", "definition");
        List<String> required = definition.get("required") == null ? List.of() : (List<String>) definition.get("required");
        Set<String> sandbox = Simulators.all().stream().filter(p -> p.vendor().equals(vendor)).findFirst().orElseThrow()
                .create().credentials().keySet();
        for (String r : required) {
            assertThat(r.equals("baseUrl") || sandbox.contains(r)).as("%s is required: the sandbox account gives it", r).isTrue();
        }
        Map<String, Object> props = at(definition, "properties");
        for (Object holder : bean.settings() == null ? List.of(bean) : List.of(bean, bean.settings())) {
            for (PropertyDescriptor d : Introspector.getBeanInfo(holder.getClass()).getPropertyDescriptors()) {
                Map<String, Object> p = (Map<String, Object>) props.get(d.getName());
                if (p == null || !p.containsKey("default") || d.getReadMethod() == null) continue;
                Object own = d.getReadMethod().invoke(holder);
                if (own == null || "".equals(own)) continue; // the connector resolves it later (base URL, zone)
                String kamelet = String.valueOf(p.get("default"));
                if (own instanceof Number n) { // a number default: the same value, however it is written ("0" = 0.0)
                    assertThat(Double.parseDouble(kamelet)).as("%s-%s default of %s", vendor, role, d.getName())
                            .isEqualTo(n.doubleValue());
                    continue;
                }
                assertThat(kamelet).as("%s-%s default of %s", vendor, role, d.getName()).isEqualTo(String.valueOf(own));
            }
        }
        if (props.containsKey("timeZone") && v.defaultTimeZone() != null) {
            assertThat(at(props, "timeZone").get("default")).isEqualTo(v.defaultTimeZone().getId());
        }
    }
}
