package io.ticketbridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** What a bundled Kamelet declares: the benchmark passes {@code concurrency} only to a source that accepts it. */
final class KameletOptions {
    private KameletOptions() {
    }

    @SuppressWarnings("unchecked")
    static boolean accepts(String kamelet, String property) {
        try (InputStream in = KameletOptions.class.getResourceAsStream("/kamelets/" + kamelet + ".kamelet.yaml")) {
            if (in == null) throw new IllegalStateException("no Kamelet " + kamelet + " on the classpath");
            Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, Object> spec = (Map<String, Object>) root.get("spec");
            Map<String, Object> definition = (Map<String, Object>) spec.get("definition");
            Map<String, Object> properties = (Map<String, Object>) definition.get("properties");
            return properties != null && properties.containsKey(property);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Kamelet " + kamelet + ": " + e.getMessage(), e);
        }
    }
}
