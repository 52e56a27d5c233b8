package io.ticketbridge.component;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.PollHealth;
import io.ticketbridge.connector.PollRun;
import io.ticketbridge.connector.PollStoppedException;
import io.ticketbridge.connector.VendorCallException;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.connector.VendorSource.Change;
import io.ticketbridge.ops.BridgeMetrics;
import io.ticketbridge.routing.KameletRoutes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.spi.ExceptionHandler;
import org.apache.camel.support.ScheduledPollConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll engine: every scheduled poll lists what changed in the account since the flow's cursor and emits one
 * exchange per changed ticket (body: the canonical ticket; headers: system, ticket id, version, fingerprint), one
 * after the other in the order the vendor changed them — or, with {@code concurrency=N}, up to N at once on a pool
 * of N threads the consumer owns, started in that order. A ticket is one exchange on one thread, so its messages
 * stay in order, and no two exchanges of one ticket run at once. The guarantees, whatever N:
 * <ul>
 *   <li>the cursor is saved only after the whole poll was handed on; a ticket that fails (fetch, mapping, or the
 *       route) holds it and goes to the dead letter with its raw payload; the next poll fetches it again;</li>
 *   <li>the ledger skips what the flow delivered: a ticket whose content did not change is not emitted;</li>
 *   <li>stopping Camel mid-poll leaves the rest of the poll for the next run (no dead letter, the cursor stays);
 *       the tickets already started finish or are left the same way; a route stopped alone lets its poll finish.</li>
 * </ul>
 * A poll that cannot list (auth, network, malformed answer, a class missing from the classpath) fails as a whole:
 * it is logged once per change of state ({@link PollHealth}), counts in the consumer's health check and backoff,
 * and reaches the route's error handler with {@code bridgeErrorHandler=true}.
 */
public class HelpdeskConsumer extends ScheduledPollConsumer implements ShutdownAware {
    private static final Logger LOG = LoggerFactory.getLogger(HelpdeskConsumer.class);

    private final HelpdeskEndpoint endpoint;
    private final PollHealth health = new PollHealth();
    /** A cron trigger may fire while the previous poll still runs: one poll at a time, the other is skipped. */
    private final ReentrantLock polling = new ReentrantLock();
    private volatile String flow;
    private volatile String routeName;
    /** Tickets of the running poll not handled yet: a route stop (reload) waits for them, a JVM shutdown does not. */
    private final AtomicInteger pending = new AtomicInteger();
    /** Tickets handled at once ({@code concurrency}); above 1 on {@link #workers}. */
    private final int concurrency;
    private volatile ExecutorService workers;
    /** When a poll last listed its changes (System.nanoTime), for ticketbridge_seconds_since_last_successful_poll. */
    private volatile long lastListed = System.nanoTime();
    private volatile io.micrometer.core.instrument.Meter pollAge;

    public HelpdeskConsumer(HelpdeskEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.concurrency = endpoint.getConcurrency();
        // PollHealth has logged the failure already: Camel's default handler would log it again on every poll
        setExceptionHandler(new LoggedPollFailure());
    }

    @Override
    public HelpdeskEndpoint getEndpoint() {
        return endpoint;
    }

    /** The key of this consumer's cursor and ledger: stateKey, else the user's route id. */
    public String flow() {
        String f = flow;
        if (f == null) {
            f = endpoint.source().flowKey(getEndpoint().getCamelContext(), getRouteId());
            flow = f;
        }
        return f;
    }

    private String routeName() {
        String n = routeName;
        if (n == null) {
            n = userRouteName(getEndpoint().getCamelContext(), getRouteId(), endpoint.getVendor());
            routeName = n;
        }
        return n;
    }

    /** The route as the user named it, for log lines (a Kamelet's own route is named after its parent). */
    static String userRouteName(CamelContext camel, String routeId, String vendor) {
        String parent = KameletRoutes.userRouteOf(camel, routeId);
        return parent != null ? parent : routeId != null ? routeId : vendor;
    }

    @Override
    protected int poll() throws Exception {
        if (!polling.tryLock()) {
            LOG.debug("{}: the previous poll still runs; this one is skipped", routeName());
            return 0;
        }
        try {
            return pollOnce();
        } finally {
            polling.unlock();
        }
    }

    private int pollOnce() {
        CamelContext camel = getEndpoint().getCamelContext();
        VendorSource source = endpoint.source();
        PollRun run = PollRun.forRoute(routeName());
        VendorSource.Poll poll;
        try {
            poll = source.plan(camel, flow(), null);
        } catch (RuntimeException | LinkageError e) {
            RuntimeException failure = asPollFailure(e);
            health.listFailed(run, failure, camel.isStopping() || !isRunAllowed());
            if (failure instanceof VendorCallException v && v.status() > 0) {
                addLastErrorDetail(HealthCheck.HTTP_RESPONSE_CODE, v.status());
            }
            throw failure;
        }
        List<Change> todo = oncePerTicket(poll.todo());
        run.listed(todo.size());
        health.listed(run);
        lastListed = System.nanoTime();
        Tally tally = new Tally(run);
        pending.set(todo.size() + 1); // and the cursor: a route stop waits for it too
        try {
            if (concurrency == 1) handInOrder(camel, source, todo, tally);
            else handInParallel(camel, source, todo, tally);
            if (tally.failed() == 0 && !tally.stopped()) source.saveCursor(camel, flow(), poll.nextCursor());
        } finally {
            pending.set(0);
        }
        if (!tally.stopped()) health.done(run, tally.failed());
        return run.deliveredCount();
    }

    /** concurrency=1: one ticket after the other, on the poll's own thread. */
    private void handInOrder(CamelContext camel, VendorSource source, List<Change> todo, Tally tally) {
        for (Change change : todo) {
            if (stopping(camel)) {
                tally.leaveTheRest(); // for the next poll
                return;
            }
            tally.add(handle(camel, source, change));
        }
    }

    /**
     * concurrency=N: up to N tickets at once on the consumer's pool, each one exchange from fetch to ledger, started
     * in the poll's order; the poll waits for every ticket it started before the cursor is considered.
     */
    private void handInParallel(CamelContext camel, VendorSource source, List<Change> todo, Tally tally) {
        ExecutorService pool = workers;
        if (pool == null) { // the consumer stopped as this poll began
            tally.leaveTheRest();
            return;
        }
        Semaphore slots = new Semaphore(concurrency);
        int started = 0;
        for (Change change : todo) {
            if (!takeSlot(camel, slots)) {
                tally.leaveTheRest();
                break;
            }
            try {
                pool.execute(() -> {
                    try {
                        // still queued when the stop came: left like the tickets not started
                        tally.add(stopping(camel) ? Outcome.STOPPED : handle(camel, source, change));
                    } finally {
                        slots.release();
                    }
                });
                started++;
            } catch (RejectedExecutionException e) { // the pool was shut down: the consumer stops
                slots.release();
                tally.leaveTheRest();
                break;
            }
        }
        if (!awaitFinished(pool, slots)) tally.leaveTheRest();
        if (tally.handled() < started) tally.leaveTheRest(); // dropped by a pool shut down before they ran
    }

    /** A free thread for the next ticket; false when the consumer or Camel stops first. */
    private boolean takeSlot(CamelContext camel, Semaphore slots) {
        if (stopping(camel)) return false;
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (!stopping(camel)) return true;
        slots.release();
        return false;
    }

    /**
     * Waits until every started ticket is done (all slots free again) or the pool ended. False when the poll's
     * thread was interrupted meanwhile (the consumer stops): its tickets still finish, but the poll then leaves the
     * cursor alone rather than write it from an interrupted thread.
     */
    private boolean awaitFinished(ExecutorService pool, Semaphore slots) {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    if (slots.tryAcquire(concurrency, 100, TimeUnit.MILLISECONDS) || pool.isTerminated()) return !interrupted;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private boolean stopping(CamelContext camel) {
        return isStoppingOrStopped() || camel.isStopping();
    }

    /**
     * A ticket listed twice (ticketIds=7,7) is handled once, at its first place with its last change marker: never
     * two exchanges of one ticket at a time.
     */
    private static List<Change> oncePerTicket(List<Change> todo) {
        Map<String, Change> byId = new LinkedHashMap<>();
        for (Change c : todo) byId.put(c.ticketId(), c);
        return byId.size() == todo.size() ? todo : List.copyOf(byId.values());
    }

    /** What became of one poll's tickets, counted by the threads that handle them. */
    private final class Tally {
        private final PollRun run;
        private final AtomicInteger handled = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private volatile boolean stopped;

        Tally(PollRun run) {
            this.run = run;
        }

        void add(Outcome outcome) {
            handled.incrementAndGet();
            pending.decrementAndGet();
            switch (outcome) {
                case DELIVERED -> run.delivered();
                case FAILED -> failed.incrementAndGet();
                case STOPPED -> stopped = true;
                case UNCHANGED -> { }
            }
        }

        /** The poll stops short: what it did not hand on waits for the next poll (the cursor stays). */
        void leaveTheRest() {
            stopped = true;
        }

        int handled() {
            return handled.get();
        }

        int failed() {
            return failed.get();
        }

        boolean stopped() {
            return stopped;
        }
    }

    // ---- the pool of concurrency=N: made when the consumer starts, shut down when it stops ----

    @Override
    protected void doStart() throws Exception {
        if (concurrency > 1) {
            workers = getEndpoint().getCamelContext().getExecutorServiceManager()
                    .newFixedThreadPool(this, "helpdesk-" + endpoint.getVendor() + "-" + getRouteId(), concurrency);
        }
        lastListed = System.nanoTime();
        pollAge = metrics().pollAge(endpoint.getVendor(), routeName(), () -> (System.nanoTime() - lastListed) / 1e9);
        super.doStart();
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop(); // no new poll
        metrics().remove(pollAge);
        pollAge = null;
        // a poll in flight sees the stop between two tickets and ends: wait for it, so nothing this consumer
        // started still writes (files, the state store) once Camel reports it stopped
        if (polling.tryLock(30, java.util.concurrent.TimeUnit.SECONDS)) polling.unlock();
        else LOG.warn("{}: a poll still runs 30 s after the stop; it is left to finish on its own", routeName());
        ExecutorService pool = workers;
        workers = null;
        // not interrupted: tickets already started finish or fail, and their poll waits for them
        if (pool != null) getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(pool);
    }

    // ---- graceful stop: a route stopped (live reload) lets its poll finish; Camel shutting down leaves the rest ----

    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        return false; // suspended at once: no new poll starts
    }

    @Override
    public int getPendingExchangesSize() {
        return getEndpoint().getCamelContext().isStopping() ? 0 : pending.get();
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
    }

    private enum Outcome { DELIVERED, UNCHANGED, FAILED, STOPPED }

    /** One ticket: fetch → map → (unchanged? skip) → attachments → the route → the ledger. */
    private Outcome handle(CamelContext camel, VendorSource source, Change change) {
        Exchange exchange = createExchange(false);
        String step = "fetch";
        try {
            source.setTicketHeaders(exchange, change.ticketId(), change.version());
            exchange.getIn().setBody(source.fetch(camel, change.ticketId()));
            step = "map";
            Ticket ticket = source.map(exchange.getIn().getBody(String.class));
            String fingerprint = VendorSource.fingerprint(ticket);
            exchange.getIn().setHeader(HelpdeskConstants.FINGERPRINT, fingerprint);
            if (source.unchanged(camel, flow(), ticket.source().ticketId(), change.version(), fingerprint)) {
                return Outcome.UNCHANGED;
            }
            step = "fetch";
            ticket = source.withAttachments(camel, ticket);
            step = "route";
            metrics().ticketRead(endpoint.getVendor(), routeName());
            exchange.getIn().setBody(ticket);
            getProcessor().process(exchange);
            if (exchange.getException() != null) throw exchange.getException();
            source.delivered(camel, flow(), change.ticketId(), change.version(), fingerprint);
            return Outcome.DELIVERED;
        } catch (Throwable e) {
            Throwable error = exchange.getException() != null ? exchange.getException() : e;
            if (stoppedBy(error) || camel.isStopping()) {
                LOG.debug("{}: ticket {} left for the next poll: {}", routeName(), change.ticketId(), error.getMessage());
                return Outcome.STOPPED;
            }
            metrics().ticketFailed(endpoint.getVendor(), routeName());
            deadLetter(exchange, error, step);
            return Outcome.FAILED;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private void deadLetter(Exchange exchange, Throwable error, String step) {
        try {
            endpoint.deadLetters().send(exchange, error, step, routeName());
            metrics().ticketDeadLettered(endpoint.getVendor(), routeName());
            LOG.debug("{}: ticket {} failure in full", routeName(), exchange.getIn().getHeader(HelpdeskConstants.TICKET_ID), error);
        } catch (RuntimeException e) {
            // the cursor stays, so the ticket is read again next poll
            LOG.error("{}: ticket {} failed ({}) and its dead letter too: {}", routeName(),
                    exchange.getIn().getHeader(HelpdeskConstants.TICKET_ID), error.getMessage(), e.getMessage());
        }
    }

    private BridgeMetrics metrics() {
        return BridgeMetrics.of(getEndpoint().getCamelContext());
    }

    private static boolean stoppedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PollStoppedException) return true;
        }
        return false;
    }

    /** Errors (a class missing from the classpath, say) become a failure of the poll like any other. */
    private RuntimeException asPollFailure(Throwable e) {
        if (e instanceof RuntimeException r) return r;
        return new IllegalStateException(endpoint.getVendor() + ": cannot poll: " + e
                + " (a library is missing from the classpath?)", e);
    }

    /** The exception handler when the route's error handler is not bridged: the failure was logged already. */
    private final class LoggedPollFailure implements ExceptionHandler {
        @Override
        public void handleException(Throwable exception) {
            LOG.trace("{}: poll failure handled by the poll log", routeName(), exception);
        }

        @Override
        public void handleException(String message, Throwable exception) {
            handleException(exception);
        }

        @Override
        public void handleException(String message, Exchange exchange, Throwable exception) {
            handleException(exception);
        }
    }
}
