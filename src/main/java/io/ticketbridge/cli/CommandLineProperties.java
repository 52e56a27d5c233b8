package io.ticketbridge.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration keys given after the jar: {@code -Dkey=value} (what a user types out of habit, though the JVM only
 * reads it before {@code -jar}) and {@code --property key=value}, anywhere on the command line. They are applied
 * as JVM system properties for the command's duration, so they override the configuration file exactly as
 * {@code java -Dkey=value -jar} would.
 *
 * @param args       the command line without them
 * @param properties key → value, in the order given (a later one wins)
 */
public record CommandLineProperties(String[] args, Map<String, String> properties) {

    /** Splits the properties off the command line; a {@code --property} without {@code key=value} is bad usage. */
    public static CommandLineProperties split(String[] commandLine) {
        List<String> rest = new ArrayList<>();
        Map<String, String> props = new LinkedHashMap<>();
        for (int i = 0; i < commandLine.length; i++) {
            String a = commandLine[i];
            if (a.startsWith("-D")) {
                put(props, a.substring(2), a);
            } else if (a.equals("--property")) {
                if (i + 1 >= commandLine.length) throw new UsageException("--property needs key=value");
                put(props, commandLine[++i], "--property " + commandLine[i]);
            } else if (a.startsWith("--property=")) {
                put(props, a.substring("--property=".length()), a);
            } else {
                rest.add(a);
            }
        }
        return new CommandLineProperties(rest.toArray(String[]::new), props);
    }

    private static void put(Map<String, String> props, String keyValue, String given) {
        int eq = keyValue.indexOf('=');
        String key = eq < 0 ? keyValue : keyValue.substring(0, eq);
        if (key.isBlank()) throw new UsageException("'" + given + "' needs key=value, e.g. -Dticketbridge.poll.period=5000");
        props.put(key, eq < 0 ? "" : keyValue.substring(eq + 1)); // "-Dkey" alone is "", as for the JVM
    }

    /** Sets the properties as system properties until {@link Applied#close()} puts the previous values back. */
    public Applied apply() {
        Map<String, String> previous = new LinkedHashMap<>();
        properties.forEach((k, v) -> {
            previous.put(k, System.getProperty(k));
            System.setProperty(k, v);
        });
        return new Applied(previous);
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
