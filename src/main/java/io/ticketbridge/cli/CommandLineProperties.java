package io.ticketbridge.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Configuration keys given after the jar: {@code -Dkey=value} (what a user types out of habit, though the JVM only
 * reads it before {@code -jar}) and {@code --property key=value}. A picocli mixin of the top-level command and of
 * every subcommand, so they may come before or after the command name. They are applied as JVM system properties
 * for the command's duration, so they override the configuration file exactly as {@code java -Dkey=value -jar}
 * would.
 */
public final class CommandLineProperties {
    @Option(names = {"-D", "--property"}, paramLabel = "key=value",
            description = "set a configuration key, as java -Dkey=value -jar would; repeatable")
    List<String> given = new ArrayList<>();

    /**
     * Sets the keys given to every command of the line (the top-level command's first; a later one wins) until
     * {@link Applied#close()} puts the previous values back; a key-less {@code -D=x} is bad usage.
     */
    public static Applied apply(ParseResult line) {
        Map<String, String> props = new LinkedHashMap<>();
        for (ParseResult command = line; command != null; command = command.subcommand()) {
            for (CommandSpec mixin : command.commandSpec().mixins().values()) {
                if (mixin.userObject() instanceof CommandLineProperties p) {
                    for (String keyValue : p.given) put(props, keyValue, command.commandSpec().commandLine());
                }
            }
        }
        Map<String, String> previous = new LinkedHashMap<>();
        props.forEach((k, v) -> {
            previous.put(k, System.getProperty(k));
            System.setProperty(k, v);
        });
        return new Applied(previous);
    }

    private static void put(Map<String, String> props, String keyValue, CommandLine where) {
        int eq = keyValue.indexOf('=');
        String key = eq < 0 ? keyValue : keyValue.substring(0, eq);
        if (key.isBlank()) {
            throw new ParameterException(where, "-D/--property '" + keyValue + "' needs key=value, e.g. -Dticketbridge.poll.period=5000");
        }
        props.put(key, eq < 0 ? "" : keyValue.substring(eq + 1)); // "-Dkey" alone is "", as for the JVM
    }

    /** Properties in force; closing restores what was there before (matters when the CLI runs in-process, in tests). */
    public record Applied(Map<String, String> previous) implements AutoCloseable {
        @Override
        public void close() {
            previous.forEach((k, v) -> {
                if (v == null) System.clearProperty(k);
                else System.setProperty(k, v);
            });
        }
    }
}
