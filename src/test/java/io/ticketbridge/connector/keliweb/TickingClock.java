package io.ticketbridge.connector.keliweb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves one second each time it is read: the sandbox stamps writes with second precision, and a
 * test writing a whole thread within one real second would otherwise give every message the same time.
 */
final class TickingClock extends Clock {
    private final AtomicReference<Instant> now;

    TickingClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.getAndUpdate(i -> i.plus(Duration.ofSeconds(1)));
    }
}
