package io.ticketbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The connectors do not depend on the sandbox: no compiled class under {@code io.ticketbridge.connector} names a
 * class of {@code io.ticketbridge.sandbox} — and no simulator uses a client class, so a client bug cannot be
 * mirrored by its simulator. Read from the class files' constant pools, where every referenced class, field and
 * method type is written out ({@code io/ticketbridge/sandbox/...}), plus string constants
 * ({@code io.ticketbridge.sandbox...}) that reflection could load.
 */
class ConnectorIndependenceTest {
    private static final List<String> SANDBOX = List.of("io/ticketbridge/sandbox/", "io.ticketbridge.sandbox.");
    private static final List<String> CONNECTOR = List.of("io/ticketbridge/connector/", "io.ticketbridge.connector.");

    @Test
    void noConnectorClassReferencesTheSandbox() {
        List<Path> classes = classes("io/ticketbridge/connector");
        assertThat(classes).as("the scan sees the connectors").hasSizeGreaterThan(40)
                .anyMatch(p -> p.endsWith(Path.of("thulium", "ThuliumSource.class")));
        assertThat(classes.stream().filter(p -> references(p, SANDBOX)).map(Path::toString))
                .as("connector classes that reference io.ticketbridge.sandbox").isEmpty();
    }

    @Test
    void noSimulatorUsesAClientClass() {
        List<Path> classes = classes("io/ticketbridge/sandbox");
        assertThat(classes).anyMatch(p -> p.endsWith(Path.of("thulium", "ThuliumSimulator.class")));
        assertThat(classes.stream().filter(p -> references(p, CONNECTOR)).map(Path::toString))
                .as("sandbox classes that reference io.ticketbridge.connector").isEmpty();
    }

    @Test
    void theScanFindsAReferenceWhereThereIsOne() {
        // SimulatorsTest checks the registry against the connectors: it names both packages
        Path test = classesOf(ConnectorIndependenceTest.class).resolve("io/ticketbridge/sandbox/SimulatorsTest.class");
        assertThat(references(test, SANDBOX)).isTrue();
        assertThat(references(test, CONNECTOR)).isTrue();
    }

    /** Every .class file of the main output under {@code packageDir}. */
    private static List<Path> classes(String packageDir) {
        try (Stream<Path> files = Files.walk(classesOf(Connector.class).resolve(packageDir))) {
            return files.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The classes folder {@code type} was loaded from (target/classes or target/test-classes). */
    private static Path classesOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean references(Path classFile, List<String> names) {
        try {
            // names in the constant pool are (modified) UTF-8; ASCII package names read the same as Latin-1
            String text = new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
            return names.stream().anyMatch(text::contains);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
