package io.ticketbridge.connector.superoffice;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shipped superoffice-sink Kamelet, loaded from the classpath, delivering through a real Camel route. */
class SuperOfficeSinkKameletTest {
    private SuperOfficeFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new SuperOfficeFixture();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void kameletDeliversACanonicalTicketJsonOnceAndSetsTheTargetId() throws Exception {
        Map<String, String> c = f.sandbox.credentials();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("baseUrl", f.server.baseUrl());
        p.put("username", c.get("username"));
        p.put("password", c.get("password"));
        p.put("unsupportedPolicy", "skip");
        p.put("retryDelayMs", "5");
        String params = p.entrySet().stream().map(e -> e.getKey() + "=RAW(" + e.getValue() + ")").collect(Collectors.joining("&"));
        f.camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:x").to("kamelet:superoffice-sink?" + params);
            }
        });
        int tickets = f.sandbox.ticketCount();
        String json = TicketJson.write(SuperOfficeSinkTest.canonical("KT-1").build());
        var template = f.camel.createProducerTemplate();
        var first = template.request("direct:x", ex -> ex.getIn().setBody(json));
        var second = template.request("direct:x", ex -> ex.getIn().setBody(json));
        assertThat(first.getException()).isNull();
        assertThat(second.getException()).isNull();
        String id = first.getMessage().getHeader("TicketBridgeTargetTicketId", String.class);
        assertThat(second.getMessage().getHeader("TicketBridgeTargetTicketId", String.class)).isEqualTo(id);
        assertThat(f.sandbox.ticketCount()).isEqualTo(tickets + 1);
        Ticket back = f.read(f.source(), id);
        assertThat(back.messages()).extracting(Message::body).hasSize(3).first().asString().startsWith("Printer shows error");
    }
}
