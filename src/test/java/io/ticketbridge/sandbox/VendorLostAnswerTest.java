package io.ticketbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.sandbox.Faults.LostAnswerMode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every vendor's create-ticket call under {@code lostAnswerRate=1}: the client sees a failure, yet the vendor's own
 * list API shows the ticket was created, exactly once — the in-doubt write a sink has to reconcile.
 */
class VendorLostAnswerTest {
    private static Sandbox sandbox;
    private static VendorWire wire;

    @BeforeAll
    static void start() throws IOException {
        sandbox = Sandbox.start(Map.of());
        wire = new VendorWire(sandbox);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @CsvSource({"thulium,drop", "thulium,truncate", "plusofon,drop", "plusofon,truncate",
            "keliweb,drop", "keliweb,truncate", "superoffice,drop", "superoffice,truncate"})
    void createWhoseAnswerIsLostIsAppliedOnce(String vendor, String mode) throws Exception {
        String subject = "Lost answer " + mode + " " + vendor;
        HttpRequest create = wire.create(vendor, subject); // before the fault: Keliweb's token call must answer
        SimServer server = sandbox.server(vendor);
        server.resetStats();
        server.faults(Faults.lostAnswers(1.0, LostAnswerMode.valueOf(mode.toUpperCase()), null, 5));
        String failure;
        try {
            failure = unparsable(wire.send(create));
        } catch (IOException e) {
            failure = "network error: " + e;
        } finally {
            server.faults(Faults.NONE);
        }

        assertThat(failure).as("what the client saw").isNotNull();
        assertThat(wire.subjects(vendor)).filteredOn(subject::equals).hasSize(1);
        SimStats stats = server.stats();
        assertThat(mode.equals("drop") ? stats.lostAnswersDropped() : stats.lostAnswersTruncated()).isEqualTo(1);
        assertThat(stats.lostAnswers()).isEqualTo(1);
    }

    /** Null when the answer is whole JSON; otherwise how it failed. */
    private static String unparsable(HttpResponse<String> r) {
        try {
            SimExchange.JSON.readTree(r.body());
            return null;
        } catch (IOException e) {
            return "HTTP " + r.statusCode() + " with a body that is not JSON";
        }
    }
}
