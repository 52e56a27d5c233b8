package io.ticketbridge.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move, so expiry (tokens, temporary files) and time windows are proven without waiting. */
public final class MutableClock extends Clock {
    private final java.util.concurrent.atomic.AtomicReference<Instant> now;
    private final Duration tick;

    public MutableClock(Instant start) {
        this(start, Duration.ZERO);
    }

    private MutableClock(Instant start, Duration tick) {
        this.now = new java.util.concurrent.atomic.AtomicReference<>(start);
        this.tick = tick;
    }

    /**
     * A clock that moves one second each time it is read: a simulator stamping writes with second precision would
     * otherwise give every message of a thread written within one real second the same time.
     */
    public static MutableClock ticking(Instant start) {
        return new MutableClock(start, Duration.ofSeconds(1));
    }

    public void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    public void set(Instant at) {
        now.set(at);
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
        return now.getAndUpdate(i -> i.plus(tick));
    }
}
