package io.ticketbridge.ops;

import static org.awaitility.Awaitility.await;

import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.testing.LogCapture;
import io.ticketbridge.testing.RunningMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkFailureLogTest {
    @TempDir
    Path work;
    private Sandbox sandbox;
    private RunningMain running;

    @AfterEach
    void stop() throws Exception {
        if (running != null) running.close();
        if (sandbox != null) sandbox.close();
    }

    @Test
    void probe() throws Exception {
        sandbox = Sandbox.start(Map.of());
        Path routes = Files.createDirectories(work.resolve("routes"));
        Files.copy(Path.of("routes/thulium-to-files.yaml"), routes.resolve("thulium-to-files.yaml"));
        Files.createDirectories(work.resolve("data"));
        Files.writeString(work.resolve("data/tickets"), "a file where the sink wants a folder");
        Map<String, String> overrides = new HashMap<>(sandbox.connectorProperties());
        overrides.put("ticketbridge.data-dir", work.resolve("data").toString());
        overrides.put("ticketbridge.poll.period", "300");
        overrides.put("camel.main.name", "sink-failure-test");
        overrides.put("camel.management.port", "0");
        overrides.put("camel.main.routes-include-pattern", "file:" + routes + "/*.yaml");
        try (LogCapture log = LogCapture.start()) {
            Main main = new Main();
            main.setPropertyPlaceholderLocations("classpath:application.properties");
            overrides.forEach(main::addOverrideProperty);
            running = RunningMain.start(main);
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.isDirectory(work.resolve("data/dead-letter/thulium")));
            Thread.sleep(1000);
            var mcc = (org.apache.camel.model.ModelCamelContext) running.main().getCamelContext();
            System.out.println("RC " + mcc.getRouteConfigurationDefinitions());
            mcc.getRoutes().forEach(r -> System.out.println("RT " + r.getRouteId() + " ehf=" + r.getErrorHandlerFactory()
                    + (r.getErrorHandlerFactory() instanceof org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition x ? " occ=" + x.getOnExceptionOccurredProcessor() + " pol=" + (x.hasRedeliveryPolicy() ? x.getRedeliveryPolicy().getRetriesExhaustedLogLevel() : "none") : "")));
            mcc.getRouteDefinitions().forEach(d -> System.out.println("RD " + d.getId() + " eh=" + d.getErrorHandlerFactory() + (d.getErrorHandlerFactory() instanceof org.apache.camel.model.errorhandler.DefaultErrorHandlerDefinition x ? " occ=" + x.getOnExceptionOccurredProcessor() + " pol=" + (x.getRedeliveryPolicy() == null ? null : x.getRedeliveryPolicy().getRetriesExhaustedLogLevel()) : "") + " rc=" + d.getRouteConfigurationId()));
            log.lines().forEach(l -> System.out.println("LINE " + l));
            Files.list(work.resolve("data/dead-letter/thulium")).limit(1).forEach(f -> { try { System.out.println("LETTER " + Files.readString(f).substring(0, 400)); } catch (Exception x) { } });
        }
    }
}
