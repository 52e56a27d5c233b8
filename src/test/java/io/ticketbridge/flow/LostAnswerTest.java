package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.connector.VendorSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every sink against a target that applies writes and then loses the answer (the connection dropped, or the body
 * cut off) for a share of its write requests: the sink must read the target back instead of writing again, so
 * the target ends with exactly one copy of every ticket and of every message — counted by the target simulator
 * itself and read back through the target's API.
 */
class LostAnswerTest {
    @TempDir
    Path dir;

    /** A ring over the registered vendors: each is the target once. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> ring() {
        List<String> ids = io.ticketbridge.connector.Connectors.all().stream().map(v -> v.id()).toList();
        return java.util.stream.IntStream.range(0, ids.size())
                .mapToObj(i -> org.junit.jupiter.params.provider.Arguments.of(ids.get(i), ids.get((i + 2) % ids.size())));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.MethodSource("ring")
    void answersLostAfterTheTargetAppliedTheWriteLeaveExactlyOneCopy(String from, String to) throws Exception {
        try (Sandbox sandbox = Sandbox.start(Map.of())) {
            var lost = (ObjectNode) TicketJson.mapper().valueToTree(Faults.NONE);
            lost.put("lostAnswerRate", 0.2).put("lostAnswerMode", "mixed").put("seed", 5);
            sandbox.server(to).faults(TicketJson.mapper().treeToValue(lost, Faults.class));

            Path work = dir.resolve(from + "-" + to);
            String yaml = Flow.route("lost", sandbox, from, Map.of("stateKey", "lost-src"), to,
                    Map.of("stateKey", "lost-sink", "maxAttempts", "10"));
            try (Flow flow = Flow.start(work, yaml); JdbcStateStore store = Flow.store(work)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> flow.check() && flow.camel() != null && flow.camel().isStarted());
                VendorSource source = Flow.sourceBean(flow.camel(), sandbox, from, "lost-reread");
                List<String> ids = Flow.readAll(flow.camel(), source).stream().map(t -> t.source().ticketId()).toList();
                assertThat(ids).hasSize(SeedStories.COUNT);
                await().atMost(Duration.ofSeconds(240)).until(() -> flow.check()
                        && ids.stream().allMatch(id -> store.delivered("lost-src", id).isPresent()));

                assertThat(sandbox.server(to).stats().lostAnswers()).as("answers the target lost").isPositive();
                sandbox.server(to).faults(Faults.NONE);
                assertThat(sandbox.simulator(to).ticketCount() - SeedStories.COUNT).as("tickets created in %s", to)
                        .isEqualTo(SeedStories.COUNT);
                VendorSource target = Flow.sourceBean(flow.camel(), sandbox, to, "lost-readback");
                for (String id : ids) {
                    OneWayFlowTest.assertSameThread(flow, store, "lost-sink", target, Flow.read(flow.camel(), source, id), from);
                }
            }
        }
    }
}
