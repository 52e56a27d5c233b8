package io.ticketbridge.cli;

import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.main.Main;

/** The Camel Main {@code run} builds — the project's application.properties, {@code workDir}/routes — for tests in other packages. */
public final class TestRunSettings {
    private TestRunSettings() {
    }

    public static Main main(Path workDir, Map<String, String> overrides) {
        return RunSettings.resolve(null, Path.of(""), workDir.resolve("routes")).createMain(overrides);
    }
}
