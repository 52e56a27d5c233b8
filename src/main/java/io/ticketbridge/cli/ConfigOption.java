package io.ticketbridge.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by run and validate (a picocli mixin): validate must read what run would. */
public final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE", description = "use FILE instead of ./application.properties")
    Path file;
}
