package io.ticketbridge.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.connector.PollHealth;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.testing.LogCapture;
import io.ticketbridge.testing.RunningMain;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A poll that cannot list its changes is never silent: for a wrong password and for a port nobody listens on, the
 * failure is logged once (not once per poll), the consumer's health check is DOWN with the reason, and the route's
 * error handler gets it (bridgeErrorHandler=true) — every poll, while the log stays at one line. A class missing
 * from the classpath (an Error, which Camel's poll loop would only log) is a failed poll like the others.
 */
class PollFailureVisibilityTest {
    @TempDir
    Path dir;
    private Sandbox sandbox;
    private RunningMain running;
    private final List<Throwable> handled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSandbox() throws Exception {
        sandbox = Sandbox.start(Map.of());
    }

    @AfterEach
    void stop() throws Exception {
        if (running != null) running.close();
        sandbox.close();
    }

    private static int deadPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort(); // closed again: connections are refused
        }
    }

    private String uri(String failure) throws Exception {
        Map<String, String> c = sandbox.simulator("thulium").credentials();
        String base = failure.equals("dead-port") ? "http://127.0.0.1:" + deadPort() : sandbox.baseUrl("thulium");
        String password = failure.equals("wrong-password") ? "wrong" : c.get("password");
        return "helpdesk:thulium?baseUrl=" + base + "&username=" + c.get("username") + "&password=RAW(" + password
                + ")&delay=200&initialDelay=0&maxAttempts=1&bridgeErrorHandler=true";
    }

    /** A vendor whose client needs a class the classpath lacks (a dependency left out). */
    public static final class MissingLibraryConnector extends io.ticketbridge.pipeline.EchoConnector {
        @Override
        public String id() {
            return "missinglib";
        }

        @Override
        public io.ticketbridge.connector.VendorSource newSource() {
            return new io.ticketbridge.pipeline.EchoSource() {
                @Override
                protected Changes listChanges(io.ticketbridge.connector.VendorHttp http, String cursor, java.time.Instant since) {
                    throw new NoClassDefFoundError("com/fasterxml/jackson/databind/JsonNode");
                }
            };
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong-password", "dead-port", "missing-class"})
    void aFailingPollIsLoggedOnceIsDownInTheHealthCheckAndReachesTheErrorHandler(String failure) throws Exception {
        String from = failure.equals("missing-class")
                ? "helpdesk:missinglib?baseUrl=" + sandbox.baseUrl("thulium") + "&delay=200&initialDelay=0&bridgeErrorHandler=true"
                : uri(failure);
        try (LogCapture log = LogCapture.start(PollHealth.class.getName())) {
            Main main = new Main();
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Exception.class).handled(true)
                            .process(e -> handled.add(e.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class)));
                    from(from).routeId("failing-poll").to("log:never");
                }
            });
            main.bind("missingLibraryConnector", new MissingLibraryConnector());
            main.addOverrideProperty("camel.main.name", "visibility-" + failure);
            main.addOverrideProperty("camel.health.enabled", "true");
            main.addOverrideProperty("camel.health.consumers-enabled", "true");
            main.addOverrideProperty("camel.component.helpdesk.dead-letter-directory", dir.resolve("dead").toString());
            main.addOverrideProperty("camel.beans.stateStore", "#class:io.ticketbridge.state.JdbcStateStore");
            main.addOverrideProperty("camel.beans.stateStore.url", "jdbc:h2:file:" + dir.resolve("state/tb"));
            running = RunningMain.start(main);

            // the error handler sees every failed poll
            await().atMost(Duration.ofSeconds(30)).until(() -> running.check() && handled.size() >= 4);
            String reason = switch (failure) {
                case "wrong-password" -> "Invalid API user or password";
                case "dead-port" -> "Connection refused";
                default -> "com/fasterxml/jackson/databind/JsonNode";
            };
            assertThat(handled).allSatisfy(e -> assertThat(e).hasMessageContaining(reason));

            // the consumer's health check is DOWN and says why
            Optional<HealthCheck.Result> check = HealthCheckHelper.invoke(running.main().getCamelContext()).stream()
                    .filter(r -> r.getCheck().getId().equals("consumer:failing-poll")).findFirst();
            assertThat(check).isPresent();
            assertThat(check.get().getState()).isEqualTo(HealthCheck.State.DOWN);
            assertThat(check.get().getError()).get().asString().contains(reason);
            assertThat(check.get().getMessage()).get().asString().contains("failing-poll");

            // and the log has it once, without a stack trace, without the password
            List<LogCapture.Line> problems = log.lines(l -> l.atLeast(Level.WARN));
            assertThat(problems).singleElement().satisfies(l -> {
                assertThat(l.message()).startsWith("failing-poll: poll failed: ").contains(reason);
                assertThat(l.hasThrowable()).isFalse();
            });
            assertThat(log.lines(l -> l.message().contains("RAW(") || l.message().contains("password=wrong"))).isEmpty();
        }
    }
}
