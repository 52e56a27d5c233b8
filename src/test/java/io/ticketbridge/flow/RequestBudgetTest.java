package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.connector.RequestBudget;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SimServer;
import io.ticketbridge.sandbox.SimStats;
import io.ticketbridge.state.JdbcStateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code maxRequestsPerSecond} over real HTTP, as the Kamelets bind it: the account's calls, counted and timed where
 * the simulator received them ({@code /__sandbox/stats}), are spaced by the budget — the source's and the sink's
 * together when both are on one account. Only lower bounds: how long at least, never how fast.
 */
class RequestBudgetTest {
    private static final String VENDOR = "thulium";
    private static final double RATE = 10; // requests a second
    /** Loopback jitter allowed on the first and last receipt; a whole interval is 100 ms. */
    private static final Duration JITTER = Duration.ofMillis(20);
    @TempDir
    Path dir;
    private Sandbox sandbox;

    @BeforeEach
    void startSandbox() throws Exception {
        sandbox = Sandbox.start(Map.of());
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void aSourceAndASinkOnOneAccountShareItsBudget() throws Exception {
        // the source sets the limit, the sink on the same account (same base URL and user) sets none: both wait their turn
        List<String> ids = firstTickets(3);
        String yaml = Flow.route("budget", sandbox, VENDOR, Map.of("stateKey", "budget-src", "period", "3600000",
                "ticketIds", String.join(",", ids), "maxRequestsPerSecond", Double.toString(RATE)),
                VENDOR, Map.of("stateKey", "budget-sink"));
        SimServer server = sandbox.server(VENDOR);
        Path work = dir.resolve("flow");
        int before = sandbox.simulator(VENDOR).ticketCount();
        try (Flow flow = Flow.start(work, yaml)) {
            // from the first receipt on: the first call's own start-up (class loading, the connection) is not the budget's
            await().atMost(Duration.ofSeconds(20)).until(() -> flow.check() && server.stats().requests() > 0);
            server.resetStats();
            // a second store on the file only once the flow's own has created the schema
            await().atMost(Duration.ofSeconds(30)).until(() -> flow.check() && sandbox.simulator(VENDOR).ticketCount() > before);
            try (JdbcStateStore store = Flow.store(work)) {
                await().atMost(Duration.ofSeconds(60)).until(() -> flow.check()
                        && ids.stream().allMatch(id -> store.delivered("budget-src", id).isPresent()));
            }
        }
        SimStats stats = server.stats();
        assertThat(stats.writes()).as("the sink's writes are among the calls").isPositive();
        assertSpacedAtLeast(stats, RATE);
    }

    @Test
    void a429IsStillWaitedForUpToTheRetryAfterCapUnderABudget() throws Exception {
        // every call refused with Retry-After: 5 s, cut to 400 ms by retryAfterCapMs; the budget alone would allow 50 a second
        String id = firstTickets(1).get(0);
        SimServer server = sandbox.server(VENDOR);
        server.faults(new Faults(0, 0, 503, 1.0, 5, 0, 0, 7));
        String yaml = Flow.toFiles("throttled", sandbox, VENDOR, Map.of("stateKey", "throttled", "period", "3600000",
                "ticketIds", id, "maxAttempts", "3", "retryAfterCapMs", "400", "maxRequestsPerSecond", "50"), dir.resolve("tickets"));
        try (Flow flow = Flow.start(dir.resolve("flow"), yaml)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> flow.check() && server.stats().throttles() >= 3);
        }
        SimStats stats = server.stats();
        assertThat(stats.requests()).as("three attempts, none more").isEqualTo(3);
        assertThat(Duration.between(Instant.parse(stats.firstRequestAt()), Instant.parse(stats.lastRequestAt())))
                .as("two waits of the capped Retry-After").isGreaterThanOrEqualTo(Duration.ofMillis(800).minus(JITTER));
    }

    @Test
    void anAccountIsItsVendorBaseUrlAndUserAndItsRateTheLowestOfItsClients() {
        Object source = new Object(), sink = new Object(), other = new Object();
        RequestBudget a = RequestBudget.of("thulium", "http://127.0.0.1:1/", "api_user", source, 5);
        RequestBudget b = RequestBudget.of("thulium", "http://127.0.0.1:1", "api_user", sink, 20);
        RequestBudget c = RequestBudget.of("thulium", "http://127.0.0.1:1", "another_user", other, 0);
        assertThat(b).isSameAs(a);
        assertThat(a.maxRequestsPerSecond()).isEqualTo(5);
        assertThat(c).isNotSameAs(a);
        assertThat(c.maxRequestsPerSecond()).as("no client of that account set one").isZero();
        assertThat(a.toString()).doesNotContain("api_user");
    }

    /** The ids of the account's first tickets, as its list call gives them; the stats are reset after it. */
    private List<String> firstTickets(int n) throws Exception {
        Map<String, String> account = Flow.params(sandbox, VENDOR);
        String basic = java.util.Base64.getEncoder().encodeToString((account.get("username") + ":" + account.get("password"))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(sandbox.baseUrl(VENDOR) + "/api/tickets?limit=" + n)).header("Authorization", "Basic " + basic).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        List<String> ids = new java.util.ArrayList<>();
        io.ticketbridge.canonical.TicketJson.mapper().readTree(answer.body()).path("tickets").forEach(t -> ids.add(t.path("ticket_id").asText()));
        sandbox.server(VENDOR).resetStats();
        assertThat(ids).hasSize(n);
        return ids;
    }

    /** n calls at the budget's rate: the first and the last receipt at least (n - 1) / rate apart. */
    private static void assertSpacedAtLeast(SimStats stats, double rate) {
        long n = stats.requests();
        assertThat(n).as("enough calls to see a pace").isGreaterThanOrEqualTo(10);
        Duration span = Duration.between(Instant.parse(stats.firstRequestAt()), Instant.parse(stats.lastRequestAt()));
        Duration floor = Duration.ofNanos((long) ((n - 1) / rate * 1e9));
        assertThat(span).as("%d calls at %s a second", n, rate).isGreaterThanOrEqualTo(floor.minus(JITTER));
    }
}
