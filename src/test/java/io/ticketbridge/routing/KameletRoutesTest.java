package io.ticketbridge.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a route's Kamelet endpoints are named after it. */
class KameletRoutesTest {
    @Test
    void eachKameletOfARouteIsNamedAfterTheRouteAndASecondUseIsNumbered() {
        Map<String, Integer> uses = new HashMap<>();
        assertThat(KameletRoutes.named("kamelet:thulium-source?baseUrl=x", "t-to-files", uses))
                .isEqualTo("kamelet:thulium-source?baseUrl=x&routeId=t-to-files.thulium-source");
        assertThat(KameletRoutes.named("kamelet:ticket-file-sink", "t-to-files", uses))
                .isEqualTo("kamelet:ticket-file-sink?routeId=t-to-files.ticket-file-sink");
        assertThat(KameletRoutes.named("kamelet://ticket-file-sink?directory=b", "t-to-files", uses))
                .isEqualTo("kamelet://ticket-file-sink?directory=b&routeId=t-to-files.ticket-file-sink.2");
    }

    @Test
    void aKameletRouteTheUserNamedKeepsItsName() {
        Map<String, Integer> uses = new HashMap<>();
        assertThat(KameletRoutes.named("kamelet:thulium-source/mine?a=b", "r", uses)).isEqualTo("kamelet:thulium-source/mine?a=b");
        assertThat(KameletRoutes.named("kamelet:thulium-source?a=b&routeId=mine", "r", uses))
                .isEqualTo("kamelet:thulium-source?a=b&routeId=mine");
        assertThat(KameletRoutes.named("kamelet:source", "r", uses)).as("inside a Kamelet").isEqualTo("kamelet:source");
    }

    @Test
    void routeIdsThatAreNotUriSafeStayDistinct() {
        assertThat(KameletRoutes.safe("thulium-to-files_2.a")).isEqualTo("thulium-to-files_2.a");
        assertThat(KameletRoutes.safe("a b")).startsWith("a-b-").isNotEqualTo(KameletRoutes.safe("a&b"))
                .matches("[A-Za-z0-9._-]+");
    }
}
