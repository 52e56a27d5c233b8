package io.ticketbridge.migrate;

import io.ticketbridge.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The --config file the migrate tests pass: the sandbox's accounts, the data (state, dead letters) under {@code work}. */
final class SandboxConfig {
    private SandboxConfig() {
    }

    static Path write(Sandbox sandbox, Path work) throws IOException {
        Path config = work.resolve("sandbox.properties");
        Map<String, String> props = new LinkedHashMap<>(sandbox.connectorProperties());
        props.put("ticketbridge.data-dir", work.resolve("data").toString());
        Files.writeString(config, props.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n")), StandardCharsets.UTF_8);
        return config;
    }
}
