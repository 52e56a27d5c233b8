package io.ticketbridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.testing.LogCapture;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state changes {@link PollHealth} logs at INFO and above, and what it keeps at DEBUG. */
class PollHealthTest {
    private final CamelContext camel = new DefaultCamelContext();
    private final PollHealth health = new PollHealth();
    private LogCapture log;

    @BeforeEach
    void capture() {
        log = LogCapture.start(PollHealth.class.getName());
    }

    @AfterEach
    void release() {
        log.close();
    }

    private PollRun listed(int changed, int delivered) {
        PollRun run = PollRun.start(new DefaultExchange(camel), "thulium");
        run.listed(changed);
        for (int i = 0; i < delivered; i++) run.delivered();
        return run;
    }

    private PollRun unlisted() {
        return PollRun.start(new DefaultExchange(camel), "thulium");
    }

    private java.util.List<String> infoAndAbove() {
        return log.infoAndAbove().stream().map(l -> l.level() + " " + l.message()).toList();
    }

    @Test
    void theSameTicketsFailingPollAfterPollAreReportedOnce() {
        health.done(listed(3, 1), 2);
        health.done(listed(2, 0), 2);
        health.done(listed(2, 0), 2);
        health.done(listed(2, 0), 0);
        assertThat(infoAndAbove()).containsExactly(
                "INFO thulium: poll done: 3 changed, 1 delivered, 2 failed, 0 unchanged; the cursor stays, failed tickets are retried next poll",
                "INFO thulium: poll done: 2 changed, 0 delivered, 0 failed, 2 unchanged");
        assertThat(log.lines(l -> l.level() == Level.DEBUG)).hasSize(2);
    }

    @Test
    void aDifferentFailureIsANewStateAndShutdownIsNotAFailure() {
        health.listFailed(unlisted(), new VendorCallException("thulium", 401, "Invalid API user or password.", null), false);
        health.listFailed(unlisted(), new VendorCallException("thulium", 401, "Invalid API user or password. [request_id 2]", null), false);
        health.listFailed(unlisted(), new VendorCallException("thulium", 503, "simulated server error", null), false);
        health.listFailed(unlisted(), new VendorCallException("thulium", "connection refused", new java.net.ConnectException()), true);
        health.done(unlisted(), 0); // a poll that could not list reports nothing more
        assertThat(infoAndAbove()).containsExactly(
                "ERROR thulium: poll failed: thulium: HTTP 401: Invalid API user or password. (retried every poll; repeats are logged at DEBUG)",
                "ERROR thulium: poll failed: thulium: HTTP 503: simulated server error (retried every poll; repeats are logged at DEBUG)");
        assertThat(log.infoAndAbove()).noneMatch(LogCapture.Line::hasThrowable);
        assertThat(log.lines(l -> l.level() == Level.DEBUG && l.message().contains("shutdown"))).hasSize(1);
    }

    @Test
    void aPollThatListsAfterFailuresSaysSoOnce() {
        health.listFailed(unlisted(), new VendorCallException("thulium", 401, "Invalid API user or password.", null), false);
        health.listFailed(unlisted(), new VendorCallException("thulium", 401, "Invalid API user or password.", null), false);
        health.listed(listed(0, 0));
        health.listed(listed(0, 0));
        assertThat(infoAndAbove()).hasSize(2).last().asString().startsWith("INFO thulium: polling works again (2 failed poll(s) since ");
    }
}
