package io.ticketbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.Connectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The sandbox's own registry: one simulator per connector, each on the fixed port it declares. */
class SimulatorsTest {

    @Test
    void eachVendorKeepsTheDocumentedPortWhateverElseIsRegistered() {
        // users' scripts and the bench scripts curl these: changing one breaks them
        assertThat(Simulators.ports(18080)).containsAllEntriesOf(Map.of("keliweb", 18081, "plusofon", 18082,
                "superoffice", 18083, "thulium", 18084));
        assertThat(Simulators.ports(20000)).containsEntry("thulium", 20004);
        assertThat(Simulators.all()).extracting(SimulatorProvider::portOffset).doesNotHaveDuplicates().allMatch(o -> o > 0);
    }

    @Test
    void theReadmeTableAndTheDockerfileShowThePortsTheSimulatorsDeclare() throws Exception {
        Map<String, Integer> documented = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\w+) \\| \\+(\\d+) \\| (\\d+) \\|$").matcher(Files.readString(Path.of("README.md")));
        while (row.find()) documented.put(row.group(1), Integer.parseInt(row.group(3)));
        assertThat(documented).isEqualTo(Simulators.ports(18080));
        // EXPOSE 18081-18099: room for vendors added later without touching the Dockerfile
        String expose = Files.readAllLines(Path.of("Dockerfile")).stream().filter(l -> l.startsWith("EXPOSE")).findFirst().orElseThrow();
        Matcher range = Pattern.compile("EXPOSE (\\d+)-(\\d+)").matcher(expose);
        assertThat(range.matches()).as(expose).isTrue();
        Simulators.ports(18080).values().forEach(port -> assertThat(port)
                .isBetween(Integer.parseInt(range.group(1)), Integer.parseInt(range.group(2))));
    }

    @Test
    void portBaseZeroMeansAnyFreePortForEveryVendor() {
        assertThat(Simulators.ports(0)).hasSize(Simulators.all().size()).allSatisfy((vendor, port) -> assertThat(port).isZero());
    }

    @Test
    void everyConnectorHasASimulatorFoundWithoutAskingTheConnector() {
        assertThat(Simulators.all()).extracting(SimulatorProvider::vendor)
                .containsExactlyElementsOf(Connectors.all().stream().map(Connector::id).toList());
    }

    @Test
    void eachStartGetsFreshSimulatorsWithTheirOwnState() {
        for (SimulatorProvider p : Simulators.all()) {
            VendorSimulator a = p.create();
            VendorSimulator b = p.create();
            assertThat(a).isNotSameAs(b);
            assertThat(a.ticketCount()).isEqualTo(SeedStories.COUNT);
            a.addStories(SeedStories.generated(SeedStories.COUNT + 5));
            assertThat(b.ticketCount()).as(p.vendor() + ": the other instance is untouched").isEqualTo(SeedStories.COUNT);
        }
    }
}
