package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.state.StateStore.MessageMapping;
import io.ticketbridge.connector.VendorSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ordered pair of vendors: a sandbox ticket with several messages and attachments, read from A through
 * {@code kamelet:A-source} and written through {@code kamelet:B-sink}, reads back from B with the same subject,
 * requester, message texts in order, attachment names and bytes — minus what B's documented policy skips. Then
 * the same ticket delivered again leaves B unchanged.
 */
class VendorPairsTest {
    /** Story 12: customer message with a text file, agent HTML reply with a PNG, an internal note, a follow-up. */
    static final String STORY = "(#12)";
    static final List<String> VENDORS = io.ticketbridge.connector.Connectors.all().stream().map(v -> v.id()).toList();
    private static Sandbox sandbox;

    @BeforeAll
    static void startSandbox() throws Exception {
        sandbox = Sandbox.start(Map.of());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    static Stream<Arguments> pairs() {
        return VENDORS.stream().flatMap(a -> VENDORS.stream().filter(b -> !b.equals(a)).map(b -> Arguments.of(a, b)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("pairs")
    void aTicketReadFromOneVendorReadsBackTheSameFromAnother(String from, String to, @TempDir Path dir) throws Exception {
        String sourceId;
        Ticket original;
        // find the story's ticket in A, as A's own source reads it
        try (Flow probe = Flow.start(dir.resolve("probe"), "[]\n")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> probe.check() && probe.camel() != null && probe.camel().isStarted());
            VendorSource a = Flow.sourceBean(probe.camel(), sandbox, from, "probe");
            original = Flow.readAll(probe.camel(), a).stream()
                    .filter(t -> t.messages().stream().anyMatch(m -> m.body().contains(STORY)))
                    .findFirst().orElseThrow();
            sourceId = original.source().ticketId();
        }
        assertThat(original.messages()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(original.messages().stream().flatMap(m -> m.attachments().stream()).map(Attachment::content))
                .as("the source downloaded attachment bytes").isNotEmpty().doesNotContainNull();

        String sinkKey = "pair-" + from + "-" + to;
        String yaml = Flow.route("pair", sandbox, from, Map.of("ticketIds", sourceId, "stateKey", "src-" + sinkKey),
                to, Map.of("stateKey", sinkKey));
        Path work = dir.resolve("flow");
        try (Flow flow = Flow.start(work, yaml); JdbcStateStore store = Flow.store(work)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> flow.check()
                    && store.delivered("src-" + sinkKey, sourceId).isPresent());
            String targetId = store.targetTicket(sinkKey, from, sourceId).orElseThrow();
            Map<String, MessageMapping> mapped = store.messages(sinkKey, from, sourceId);
            assertThat(mapped.keySet()).as("every source message has an outcome")
                    .containsAll(original.messages().stream().map(Message::id).toList());
            Set<String> skipped = OneWayFlowTest.skipped(store, sinkKey, from, sourceId);

            VendorSource b = Flow.sourceBean(flow.camel(), sandbox, to, "readback-" + sinkKey);
            Ticket copy = Flow.read(flow.camel(), b, targetId);

            assertThat(copy.subject()).isEqualTo(original.subject());
            if (to.equals("plusofon")) {
                // customer-side API: the requester is always the account holder; the sink names the original one
                assertThat(copy.messages().get(0).body()).contains(original.requester().email());
            } else {
                assertThat(copy.requester().email()).isEqualTo(original.requester().email());
            }
            assertThat(TicketText.copy(copy)).isEqualTo(TicketText.original(original, skipped));
            assertThat(TicketText.attachments(copy, Set.of(), true)).isEqualTo(TicketText.attachments(original, skipped, false));

            // delivered again (the ledger forgets it): the target does not change
            int before = copy.messages().size();
            store.markDelivered("src-" + sinkKey, sourceId, new io.ticketbridge.state.StateStore.Delivery("forget", "forget"));
            await().atMost(Duration.ofSeconds(30)).until(() -> flow.check()
                    && !"forget".equals(store.delivered("src-" + sinkKey, sourceId).orElseThrow().fingerprint()));
            Ticket again = Flow.read(flow.camel(), b, targetId);
            assertThat(again.messages()).hasSize(before);
            assertThat(store.targetTicket(sinkKey, from, sourceId)).contains(targetId);
        }
    }
}
