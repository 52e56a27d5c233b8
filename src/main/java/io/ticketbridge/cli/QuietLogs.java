package io.ticketbridge.cli;

import java.util.HashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Only errors reach the log while a command prints its own result ({@code validate}): Camel's ~70 start-up INFO
 * lines, and its warnings about the very problem the command reports, would bury it. Levels come back on close.
 */
final class QuietLogs implements AutoCloseable {
    private final Map<LoggerConfig, Level> previous = new HashMap<>();

    private QuietLogs() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        quiet(config.getRootLogger());
        config.getLoggers().values().forEach(this::quiet);
        ctx.updateLoggers();
    }

    static QuietLogs errorsOnly() {
        return new QuietLogs();
    }

    private void quiet(LoggerConfig logger) {
        if (previous.containsKey(logger) || logger.getLevel().isMoreSpecificThan(Level.ERROR)) return;
        previous.put(logger, logger.getLevel());
        logger.setLevel(Level.ERROR);
    }

    @Override
    public void close() {
        previous.forEach(LoggerConfig::setLevel);
        ((LoggerContext) LogManager.getContext(false)).updateLoggers();
    }
}
