package io.ticketbridge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Logs reach log4j: a dependency dragging in an old slf4j-api once silenced every log line of the run. */
class LoggingTest {
    @Test
    void slf4jIsBoundToLog4j() {
        assertThat(LoggerFactory.getILoggerFactory().getClass().getName()).startsWith("org.apache.logging.slf4j");
    }
}
