package io.ticketbridge.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.connector.thulium.ThuliumSettings;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The endpoint hands each option to the vendor's source, sink or their shared settings by name — also one the
 * endpoint declares no field for (what a vendor added later brings), while a misspelt option is still refused.
 */
class ConnectorOptionBindingTest {

    @Test
    void optionsReachTheSettingsAndTheBeansIncludingOnesWithoutAnEndpointField() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            HelpdeskEndpoint e = camel.getEndpoint("helpdesk:thulium?baseUrl=http://127.0.0.1:1&username=api&password=RAW(s3cr3t)"
                    + "&maxRetryDelayMs=77&pageSize=9", HelpdeskEndpoint.class);
            e.init();
            assertThat(e.source().getMaxRetryDelayMs()).as("no endpoint field: bound on the connector").isEqualTo(77);
            assertThat(e.source().getPageSize()).isEqualTo(9);
            assertThat(((ThuliumSettings) e.source().settings()).getPassword()).isEqualTo("s3cr3t");
            assertThat(((ThuliumSettings) e.sink().settings()).getUsername()).isEqualTo("api");
            assertThat(e.sink().settings()).as("source and sink: one class, two instances").isNotSameAs(e.source().settings());
        }
    }

    @Test
    void anOptionNoOneTakesIsStillRefused() throws Exception {
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.start();
            assertThatThrownBy(() -> camel.getEndpoint("helpdesk:thulium?baseUrl=http://127.0.0.1:1&pasword=x"))
                    .hasStackTraceContaining("pasword");
        }
    }
}
