package io.ticketbridge.connector.plusofon;

import io.ticketbridge.sandbox.plusofon.PlusofonSimulator;
import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.state.StateStore.Outcome;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped plusofon-sink Kamelet, loaded from the classpath, delivering into the simulator. */
class PlusofonSinkKameletTest {
    private PlusofonRig rig;

    @BeforeEach
    void start() throws Exception {
        rig = new PlusofonRig();
    }

    @AfterEach
    void stop() {
        rig.close();
    }

    @Test
    void kameletDeliversOnceAndHonoursItsPolicyProperties() throws Exception {
        rig.camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:x").routeId("to-plusofon")
                        .to("kamelet:plusofon-sink?baseUrl=" + rig.server.baseUrl() + "&token=RAW(" + PlusofonSimulator.TOKEN
                                + ")&unsupportedPolicy=skip&openingMarkers=source&stateKey=kamelet-test&retryDelayMs=5");
            }
        });
        ProducerTemplate producer = rig.camel.createProducerTemplate();
        int before = rig.sandbox.ticketCount();
        Ticket story = PlusofonSinkTest.story("KT-1").build();

        Exchange first = producer.send("direct:x", e -> e.getIn().setBody(TicketJson.write(story)));
        Exchange second = producer.send("direct:x", e -> e.getIn().setBody(story));
        assertThat(first.getException()).isNull();
        assertThat(second.getException()).isNull();
        assertThat(rig.sandbox.ticketCount()).isEqualTo(before + 1);

        String id = rig.store.targetTicket("kamelet-test", "thulium", "KT-1").orElseThrow();
        assertThat(first.getMessage().getHeader("TicketBridgeTargetTicketId")).isEqualTo(id);
        Ticket back = rig.read(rig.source(), id);
        assertThat(back.messages()).extracting(Message::body).containsExactly(
                "[Source: thulium ticket KT-1]\n\nHello,\nthe router reboots at 03:00.", "Here is the photo.");
        assertThat(rig.store.messages("kamelet-test", "thulium", "KT-1").get("m3").outcome()).isEqualTo(Outcome.SKIPPED);
    }
}
