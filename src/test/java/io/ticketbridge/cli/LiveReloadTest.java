package io.ticketbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.routing.KameletRoutes;
import io.ticketbridge.routing.RouteFileReloadStrategy;
import io.ticketbridge.sandbox.Faults;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.testing.LogCapture;
import io.ticketbridge.testing.RunningMain;
import io.ticketbridge.testing.TestFiles;
import io.ticketbridge.testing.ThuliumCustomer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.logging.log4j.Level;
import io.ticketbridge.component.HelpdeskConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live reload as an operator uses it: the shipped routes/thulium-to-files.yaml in a working directory, run as
 * {@code run} would (RunSettings, reload on), its sink directory edited while tickets flow.
 */
class LiveReloadTest {
    private static final String ROUTE = "thulium-to-files";
    private static final String SHIPPED_DIRECTORY = "directory: \"{{ticketbridge.data-dir}}/tickets\"";
    @TempDir
    Path work;
    private Path data;
    private Path routeFile;
    private String shipped;
    private Sandbox sandbox;
    private RunningMain running;

    @BeforeEach
    void start() throws Exception {
        shipped = Files.readString(Path.of("routes", ROUTE + ".yaml"));
        assertThat(shipped).contains(SHIPPED_DIRECTORY);
        routeFile = Files.createDirectories(work.resolve("routes")).resolve(ROUTE + ".yaml");
        Files.writeString(routeFile, shipped);
        data = work.resolve("data");
        sandbox = Sandbox.start(Map.of());
    }

    /** Starts TicketBridge as {@code run} does, on the working directory. */
    private void run() {
        RunSettings settings = RunSettings.resolve(null, work);
        assertThat(settings.reload()).isTrue();
        Map<String, String> overrides = new HashMap<>(sandbox.connectorProperties());
        overrides.put("ticketbridge.data-dir", data.toString());
        overrides.put("ticketbridge.poll.period", "500");
        overrides.put("camel.main.name", "live-reload-test");
        running = RunningMain.start(settings.createMain(overrides));
    }

    @AfterEach
    void stop() throws Exception {
        if (running != null) running.close();
        sandbox.close();
    }

    private CamelContext camel() {
        return running.main().getCamelContext();
    }

    private Path tickets(String directory) {
        return data.resolve(directory).resolve("thulium");
    }

    /** Writes the route file with another sink directory and waits until the reloaded route runs. */
    private void edit(String fileText) throws Exception {
        Route before = camel().getRoute(ROUTE);
        Files.writeString(routeFile, fileText);
        await().atMost(Duration.ofSeconds(30)).until(() -> running.check() && camel().getRoute(ROUTE) != before
                && started(ROUTE) && started(KameletRoutes.sourceRouteOf(camel().getRoute(ROUTE))));
    }

    private boolean started(String routeId) {
        return camel().getRouteController().getRouteStatus(routeId) == ServiceStatus.Started;
    }

    /** A customer writes to {@code ticketId}; the changed ticket arrives in {@code directory}. */
    private void changedTicketArrivesIn(String ticketId, String text, String directory) throws Exception {
        ThuliumCustomer.writes(sandbox.baseUrl("thulium"), ticketId, text);
        Path file = tickets(directory).resolve(ticketId + ".json");
        await().atMost(Duration.ofSeconds(30)).until(() -> running.check() && Files.exists(file)
                && TicketJson.read(Files.readString(file)).messages().stream().anyMatch(m -> m.body().contains(text)));
    }

    /** One route from the file, fed by one Kamelet source with one polling consumer, writing through one file sink. */
    private void exactlyOneActiveFlow() throws Exception {
        exactlyOneActiveFlow(ROUTE);
    }

    private void exactlyOneActiveFlow(String routeId) throws Exception {
        List<Route> routes = camel().getRoutes();
        assertThat(routes).filteredOn(r -> !r.isCreatedByKamelet()).extracting(Route::getRouteId).containsExactly(routeId);
        List<Route> kamelets = routes.stream().filter(Route::isCreatedByKamelet).toList();
        assertThat(kamelets).as("Kamelet routes").filteredOn(r -> started(r.getRouteId()))
                .filteredOn(r -> routeId.equals(KameletRoutes.userRouteOf(camel(), r.getRouteId())))
                .as("started Kamelet routes of %s: one source, one sink", routeId).hasSize(2)
                .filteredOn(r -> r.getEndpoint().getEndpointUri().startsWith("helpdesk:")).hasSize(1);
        assertThat(kamelets).extracting(Route::getRouteId).as("named after their route, none left over")
                .containsExactlyInAnyOrder(routeId + ".thulium-source", routeId + ".ticket-file-sink");
        assertThat(routes).as("polling consumers").filteredOn(r -> r.getConsumer() instanceof HelpdeskConsumer c
                && c.isRunAllowed()).hasSize(1);
    }

    @Test
    void threeEditsOfTheSinkDirectoryLeaveOneActiveFlowAndTicketsGoWhereTheFileNowSays() throws Exception {
        run();
        await().atMost(Duration.ofSeconds(60)).until(() -> running.check()
                && TestFiles.countJson(tickets("tickets")) >= SeedStories.COUNT);
        exactlyOneActiveFlow();

        List<String> changed = List.of("1002", "1003", "1004");
        for (int i = 1; i <= 3; i++) {
            edit(shipped.replace(SHIPPED_DIRECTORY, "directory: \"{{ticketbridge.data-dir}}/edit-" + i + "\""));
            changedTicketArrivesIn(changed.get(i - 1), "after edit " + i, "edit-" + i);
            exactlyOneActiveFlow();
        }
        edit(shipped);
        changedTicketArrivesIn("1009", "after the file was restored", "tickets");
        exactlyOneActiveFlow();

        // a few more polls: nothing else went anywhere, nothing failed
        Thread.sleep(1500);
        for (int i = 1; i <= 3; i++) {
            assertThat(TestFiles.json(tickets("edit-" + i))).as("edit-%s", i).extracting(p -> p.getFileName().toString())
                    .containsExactly(changed.get(i - 1) + ".json");
        }
        assertThat(TestFiles.countJson(tickets("tickets"))).isEqualTo(SeedStories.COUNT);
        assertThat(data.resolve("dead-letter")).as("no dead letters (no 'No consumers available')").doesNotExist();
    }

    @Test
    void anEditDuringAPollLetsThePollFinishIntoTheRouteItStartedInWithoutDeadLetters() throws Exception {
        sandbox.server("thulium").faults(new Faults(40, 0, 503, 0, 1, 0, 0, 1)); // ~4 s for the first poll
        run();
        await().atMost(Duration.ofSeconds(60)).until(() -> running.check() && TestFiles.countJson(tickets("tickets")) >= 1);
        edit(shipped.replace(SHIPPED_DIRECTORY, "directory: \"{{ticketbridge.data-dir}}/edit-1\""));
        assertThat(TestFiles.countJson(tickets("tickets"))).as("the poll in progress finished before the reload")
                .isEqualTo(SeedStories.COUNT);
        exactlyOneActiveFlow();
        sandbox.server("thulium").faults(Faults.NONE);
        changedTicketArrivesIn("1002", "after the edit", "edit-1");
        assertThat(TestFiles.json(tickets("edit-1"))).extracting(p -> p.getFileName().toString()).containsExactly("1002.json");
        assertThat(data.resolve("dead-letter")).as("no dead letters (no 'No consumers available')").doesNotExist();
    }

    @Test
    void aRouteRenamedInTheFileReplacesTheOldOneWithItsKameletRoutes() throws Exception {
        run();
        await().atMost(Duration.ofSeconds(60)).until(() -> running.check()
                && TestFiles.countJson(tickets("tickets")) >= SeedStories.COUNT);
        Files.writeString(routeFile, shipped.replace("id: " + ROUTE, "id: thulium-to-archive")
                .replace(SHIPPED_DIRECTORY, "directory: \"{{ticketbridge.data-dir}}/archive\""));
        // a new route id is a new flow: it delivers everything, and the old route is gone
        await().atMost(Duration.ofSeconds(60)).until(() -> running.check() && camel().getRoute(ROUTE) == null
                && TestFiles.countJson(tickets("archive")) >= SeedStories.COUNT);
        exactlyOneActiveFlow("thulium-to-archive");
        assertThat(data.resolve("dead-letter")).doesNotExist();
    }

    @Test
    void aBrokenEditOfTheShippedRouteKeepsTicketsFlowingWhereTheyWentUntilItIsFixed() throws Exception {
        try (LogCapture log = LogCapture.start()) {
            run();
            await().atMost(Duration.ofSeconds(60)).until(() -> running.check()
                    && TestFiles.countJson(tickets("tickets")) >= SeedStories.COUNT);
            Route before = camel().getRoute(ROUTE);
            String elsewhere = shipped.replace(SHIPPED_DIRECTORY, "directory: \"{{ticketbridge.data-dir}}/edit-1\"");
            Files.writeString(routeFile, elsewhere.replace("username:", "usrname:")); // a typo in the Kamelet's options
            await().atMost(Duration.ofSeconds(30)).until(() -> running.check() && !refusals(log).isEmpty());
            assertThat(refusals(log)).singleElement().asString().startsWith(routeFile + ":5: route '" + ROUTE
                    + "': kamelet:thulium-source has no option 'usrname'").endsWith("(1 more problem(s); ticketbridge"
                    + " validate lists all)");

            changedTicketArrivesIn("1002", "after the broken edit", "tickets");
            assertThat(camel().getRoute(ROUTE)).as("the running route was left as it was").isSameAs(before);
            exactlyOneActiveFlow();
            assertThat(tickets("edit-1")).doesNotExist();

            edit(elsewhere);
            changedTicketArrivesIn("1003", "after the fix", "edit-1");
            exactlyOneActiveFlow();
            assertThat(refusals(log)).hasSize(1);
            assertThat(data.resolve("dead-letter")).doesNotExist();
        }
    }

    private static List<String> refusals(LogCapture log) {
        return log.lines(l -> l.logger().equals(RouteFileReloadStrategy.class.getName()) && l.level() == Level.WARN)
                .stream().map(LogCapture.Line::message).toList();
    }
}
