package io.ticketbridge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.connector.ConnectorOptions;
import io.ticketbridge.connector.VendorBean;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a thin connector Kamelet is: {@code from: helpdesk:<vendor>} → {@code kamelet:sink} (source) or
 * {@code kamelet:source} → {@code to: helpdesk:<vendor>} (sink), every property handed to the endpoint, where the
 * vendor's source or sink (or the consumer's scheduler and dead letters) takes it.
 */
public final class ThinKamelet {
    /** Options the endpoint itself takes rather than the vendor's bean. */
    private static final Set<String> ENDPOINT_OPTIONS = Set.of("period", "cron", "deadLetterUri", "concurrency");

    private ThinKamelet() {
    }

    /** The {@code helpdesk:} endpoint's parameters, after checking the template is nothing but from → to. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> helpdeskParameters(Map<String, Object> kamelet) {
        Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) kamelet.get("spec")).get("template");
        assertThat(template).as("no beans, no steps but the one").containsOnlyKeys("from");
        Map<String, Object> from = (Map<String, Object>) template.get("from");
        List<Object> steps = (List<Object>) from.get("steps");
        assertThat(steps).hasSize(1);
        if ("kamelet:source".equals(from.get("uri"))) {
            Map<String, Object> to = (Map<String, Object>) ((Map<String, Object>) steps.get(0)).get("to");
            assertThat((String) to.get("uri")).startsWith("helpdesk:");
            return (Map<String, Object>) to.get("parameters");
        }
        assertThat((String) from.get("uri")).startsWith("helpdesk:");
        assertThat(steps.get(0)).isEqualTo(Map.of("to", "kamelet:sink"));
        return (Map<String, Object>) from.get("parameters");
    }

    /** Every property reaches the endpoint, by its own name, and {@code bean} (its settings, or the endpoint) takes it. */
    @SuppressWarnings("unchecked")
    public static void assertEveryPropertyReaches(Map<String, Object> kamelet, VendorBean bean) {
        Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) kamelet
                .get("spec")).get("definition")).get("properties");
        Map<String, Object> params = helpdeskParameters(kamelet);
        assertThat(params.keySet()).as("every property is handed on, nothing else").isEqualTo(props.keySet());
        params.forEach((k, v) -> assertThat(String.valueOf(v)).as(k).matches("\\{\\{\\??" + k + "}}"));
        Set<String> writable = ConnectorOptions.of(bean);
        for (String k : params.keySet()) {
            assertThat(writable.contains(k) || ENDPOINT_OPTIONS.contains(k)).as("%s takes %s", bean.getClass().getSimpleName(), k).isTrue();
        }
    }
}
