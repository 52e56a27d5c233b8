package io.ticketbridge.cli;

import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.Connectors;
import java.time.DateTimeException;
import java.time.ZoneId;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/**
 * The option types beyond picocli's own, and the words for a value that is not one: each message reads after the
 * option's name ({@link BadUsage}: {@code --port-base needs a number, got 'abc'}).
 */
public final class OptionTypes {
    private OptionTypes() {
    }

    /** For every command of {@code cli} present now. */
    public static void register(CommandLine cli) {
        cli.registerConverter(int.class, OptionTypes::number);
        cli.registerConverter(Integer.class, OptionTypes::number);
        cli.registerConverter(ZoneId.class, OptionTypes::zone);
        cli.registerConverter(Connector.class, OptionTypes::vendor);
    }

    private static Integer number(String value) {
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("needs a number, got '" + value + "'");
        }
    }

    private static ZoneId zone(String value) {
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new TypeConversionException("'" + value + "' is not a time zone id (e.g. Europe/Warsaw)");
        }
    }

    private static Connector vendor(String value) {
        try {
            return Connectors.get(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("names an " + e.getMessage());
        }
    }
}
