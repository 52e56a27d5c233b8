package io.ticketbridge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The JSON files a sink or the dead-letter writer left in a folder. */
public final class TestFiles {
    private TestFiles() {
    }

    /** *.json files in {@code dir} (none when it does not exist yet), sorted. */
    public static List<Path> json(Path dir) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int countJson(Path dir) {
        return json(dir).size();
    }
}
