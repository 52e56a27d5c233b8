package io.ticketbridge.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log event of the run, as the shipped log4j2 configuration lets it through, captured by an appender on the
 * root logger. {@code debug} loggers are lowered to DEBUG while the capture is open (to see what is kept out of
 * INFO), and restored on close.
 */
public final class LogCapture implements AutoCloseable {
    /** One captured event: level, logger, formatted message and the stack trace's presence. */
    public record Line(Level level, String logger, String message, boolean hasThrowable) {
        public boolean atLeast(Level l) {
            return level.isMoreSpecificThan(l);
        }

        @Override
        public String toString() {
            return level + " " + logger + " - " + message + (hasThrowable ? " [+stack trace]" : "");
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AbstractAppender appender;
    private final String[] debug;
    private final Level[] previous;

    private LogCapture(String... debug) {
        this.debug = debug;
        this.previous = new Level[debug.length];
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        for (int i = 0; i < debug.length; i++) {
            previous[i] = LogManager.getLogger(debug[i]).getLevel();
            Configurator.setLevel(debug[i], Level.DEBUG);
        }
        appender = new AbstractAppender("capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent e) {
                lines.add(new Line(e.getLevel(), e.getLoggerName(), e.getMessage().getFormattedMessage(), e.getThrown() != null));
            }
        };
        appender.start();
        Configuration config = ctx.getConfiguration();
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        for (LoggerConfig lc : config.getLoggers().values()) {
            if (lc != config.getRootLogger() && !lc.isAdditive()) lc.addAppender(appender, Level.ALL, null);
        }
        ctx.updateLoggers();
    }

    /** Starts capturing; {@code debugLoggers} are set to DEBUG until {@link #close()}. */
    public static LogCapture start(String... debugLoggers) {
        return new LogCapture(debugLoggers);
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    public List<Line> lines(Predicate<Line> which) {
        return lines.stream().filter(which).toList();
    }

    /** Lines at INFO or above. */
    public List<Line> infoAndAbove() {
        return lines(l -> l.atLeast(Level.INFO));
    }

    public void clear() {
        lines.clear();
    }

    @Override
    public void close() {
        LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
        Configuration config = ctx.getConfiguration();
        config.getRootLogger().removeAppender(appender.getName());
        for (LoggerConfig lc : config.getLoggers().values()) lc.removeAppender(appender.getName());
        for (int i = 0; i < debug.length; i++) Configurator.setLevel(debug[i], previous[i]);
        ctx.updateLoggers();
        appender.stop();
    }
}
