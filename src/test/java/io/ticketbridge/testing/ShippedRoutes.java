package io.ticketbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The vendors the default run polls: one shipped {@code routes/<vendor>-to-files.yaml} each (the webhook receivers,
 * {@code <vendor>-webhook-to-files.yaml}, write into the same vendor's folder and are not counted again).
 */
public final class ShippedRoutes {
    private ShippedRoutes() {
    }

    public static java.util.List<String> vendors() {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("-to-files.yaml") && !n.endsWith("-webhook-to-files.yaml"))
                    .map(n -> n.substring(0, n.length() - "-to-files.yaml".length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
