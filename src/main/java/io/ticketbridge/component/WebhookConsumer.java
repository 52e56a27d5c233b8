package io.ticketbridge.component;

import io.ticketbridge.connector.MappingException;
import io.ticketbridge.connector.VendorWebhook;
import io.ticketbridge.connector.VendorWebhook.Credentials;
import io.ticketbridge.connector.VendorWebhook.Event;
import io.ticketbridge.ops.WebhookStats;
import io.ticketbridge.ops.WebhookStats.Outcome;
import io.ticketbridge.state.StateStore;
import io.ticketbridge.state.StateStore.WebhookEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code from("helpdesk:<vendor>?operation=webhook&path=…")}: receives the vendor's webhooks on {@code path} of the
 * embedded HTTP server (a platform-http consumer it owns, so {@code camel.server.*} serves it) and turns each into
 * the canonical ticket it announces. The request is answered only once its event is durably in the state store's
 * inbox; a worker thread then fetches the ticket by id (as {@code operation=fetch} does), hands it to the route and
 * marks the event done. So a crash after the 200 loses nothing: the next start processes what is still pending.
 * <ul>
 *   <li>401: no valid signature or credentials ({@link VendorWebhook#rejection}); nothing recorded.</li>
 *   <li>413: a body over {@code maxBodySize}. 400: not an event of this vendor, kept in the dead letter.</li>
 *   <li>200: recorded, a test event, or a change recorded already (the vendor re-sending it with a new event id).</li>
 *   <li>503: the inbox cannot record it; the vendor retries.</li>
 * </ul>
 * A failure after the answer (fetch, the route) sends the raw event to the dead letter and the worker goes on;
 * polling remains the truth for what a webhook missed.
 */
public class WebhookConsumer extends DefaultConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookConsumer.class);
    /** A finished event is remembered this long, so a late re-send of its change is still recognised. */
    private static final Duration REMEMBERED = Duration.ofDays(7);
    private static final int BATCH = 50;

    private final HelpdeskEndpoint endpoint;
    private final VendorWebhook webhook;
    private final Semaphore wake = new Semaphore(0);
    private volatile Consumer http;
    private volatile ExecutorService worker;
    private volatile String flow;
    private volatile String routeName;

    public WebhookConsumer(HelpdeskEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.webhook = endpoint.connector().newWebhook();
        if (webhook == null) {
            throw new IllegalArgumentException("helpdesk:" + endpoint.getVendor() + ": this vendor sends no webhooks (operation=webhook)");
        }
        String path = endpoint.getPath();
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("helpdesk:" + endpoint.getVendor() + "?operation=webhook needs a path starting with /, got '"
                    + path + "'");
        }
        if (endpoint.getMaxBodySize() < 1) {
            throw new IllegalArgumentException("helpdesk:" + endpoint.getVendor() + ": maxBodySize must be 1 or more, got "
                    + endpoint.getMaxBodySize());
        }
    }

    private StateStore store() {
        return endpoint.getComponent().stateStore();
    }

    /** The inbox key: stateKey, else the user's route id (as the poll consumer's cursor). */
    String flow() {
        if (flow == null) flow = "webhook:" + endpoint.source().flowKey(getEndpoint().getCamelContext(), getRouteId());
        return flow;
    }

    private String routeName() {
        if (routeName == null) routeName = HelpdeskConsumer.userRouteName(getEndpoint().getCamelContext(), getRouteId(), endpoint.getVendor());
        return routeName;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        CamelContext camel = getEndpoint().getCamelContext();
        if (credentials().secret().isEmpty() && credentials().username().isEmpty()) {
            LOG.warn("{}: webhook {} has no secret or credentials configured: every delivery will be refused with 401",
                    routeName(), endpoint.getPath());
        }
        int pruned = store().pruneWebhookEvents(flow(), Instant.now().minus(REMEMBERED));
        if (pruned > 0) LOG.debug("{}: forgot {} webhook events older than {}", routeName(), pruned, REMEMBERED);
        worker = camel.getExecutorServiceManager().newSingleThreadExecutor(this, "helpdesk-webhook-" + endpoint.getVendor());
        worker.execute(this::work);
        Endpoint server;
        try {
            server = camel.getEndpoint("platform-http:" + endpoint.getPath() + "?httpMethodRestrict=POST");
        } catch (RuntimeException e) {
            throw new IllegalStateException("helpdesk:" + endpoint.getVendor() + "?operation=webhook needs the embedded HTTP server "
                    + "(camel-platform-http-main, camel.server.enabled=true): " + e.getMessage(), e);
        }
        http = server.createConsumer(this::receive);
        ServiceHelper.startService(http);
        LOG.info("{}: receiving {} webhooks on POST {}", routeName(), endpoint.getVendor(), endpoint.getPath());
    }

    @Override
    protected void doStop() throws Exception {
        ServiceHelper.stopAndShutdownService(http); // no new request first
        http = null;
        ExecutorService w = worker;
        worker = null;
        wake.release();
        if (w != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(w);
            // an event being processed finishes (or stays pending for the next start)
            w.awaitTermination(30, TimeUnit.SECONDS);
        }
        super.doStop();
    }

    private Credentials credentials() {
        return new Credentials(nonNull(endpoint.getSecret()), nonNull(endpoint.getWebhookUsername()), nonNull(endpoint.getWebhookPassword()));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    // ---- the request: verify, record, answer ----

    private void receive(Exchange exchange) {
        Message in = exchange.getIn();
        String vendor = endpoint.getVendor();
        Long declared = in.getHeader(Exchange.CONTENT_LENGTH, Long.class);
        if (declared != null && declared > endpoint.getMaxBodySize()) {
            answer(exchange, 413, tooLarge(declared), Outcome.TOO_LARGE);
            return;
        }
        byte[] body = in.getBody(byte[].class);
        if (body == null) body = new byte[0];
        if (body.length > endpoint.getMaxBodySize()) {
            answer(exchange, 413, tooLarge(body.length), Outcome.TOO_LARGE);
            return;
        }
        String rejection = webhook.rejection(name -> in.getHeader(name, String.class), body, credentials());
        if (rejection != null) {
            LOG.warn("{}: webhook refused (401): {}", routeName(), rejection);
            String challenge = webhook.challenge();
            answer(exchange, 401, rejection, Outcome.UNAUTHORIZED);
            if (challenge != null) exchange.getMessage().setHeader("WWW-Authenticate", challenge);
            return;
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        Event event;
        try {
            event = webhook.parse(name -> in.getHeader(name, String.class), body);
        } catch (MappingException e) {
            badPayload(exchange, payload, e);
            return;
        }
        if (event.test()) {
            LOG.info("{}: {} webhook test event answered", routeName(), vendor);
            answer(exchange, 200, "test event received", Outcome.TEST);
            return;
        }
        boolean recorded;
        try {
            recorded = store().recordWebhookEvent(flow(), event.ticketId(), event.changeMarker(), event.eventId(), payload);
        } catch (RuntimeException e) {
            LOG.error("{}: webhook for {} ticket {} not recorded (503, the vendor retries): {}", routeName(), vendor,
                    event.ticketId(), e.getMessage());
            answer(exchange, 503, "cannot record the event now; retry later", Outcome.UNAVAILABLE);
            return;
        }
        if (recorded) {
            LOG.info("{}: {} webhook {} for ticket {} recorded (change {})", routeName(), vendor, event.name(), event.ticketId(),
                    event.changeMarker());
            wake.release();
            answer(exchange, 200, "recorded", Outcome.ACCEPTED);
        } else {
            LOG.info("{}: {} webhook for ticket {} change {} seen already (event {}): not processed again", routeName(), vendor,
                    event.ticketId(), event.changeMarker(), event.eventId());
            answer(exchange, 200, "duplicate: this change was received already", Outcome.DUPLICATE);
        }
    }

    private String tooLarge(long size) {
        return "request body of " + size + " bytes is over the limit of " + endpoint.getMaxBodySize() + " bytes (maxBodySize)";
    }

    private void badPayload(Exchange exchange, String payload, MappingException e) {
        LOG.warn("{}: webhook refused (400): {}", routeName(), e.getMessage());
        Exchange letter = new DefaultExchange(exchange.getContext());
        letter.getExchangeExtension().setFromRouteId(getRouteId());
        letter.getIn().setHeader(HelpdeskConstants.SYSTEM, endpoint.getVendor());
        letter.getIn().setBody(payload);
        try {
            endpoint.deadLetters().send(letter, e, "webhook");
        } catch (RuntimeException failed) {
            LOG.error("{}: the refused webhook's dead letter failed too: {}", routeName(), failed.getMessage());
        }
        answer(exchange, 400, e.getMessage(), Outcome.BAD_PAYLOAD);
    }

    /** The answer alone: none of the request's headers goes back. */
    private void answer(Exchange exchange, int status, String text, Outcome outcome) {
        WebhookStats.count(endpoint.getVendor(), outcome);
        Message out = exchange.getMessage();
        out.removeHeaders("*");
        out.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        out.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        out.setBody(text + "\n");
    }

    // ---- after the answer: the worker ----

    private void work() {
        while (worker != null && isRunAllowed()) {
            List<WebhookEvent> batch;
            try {
                batch = store().pendingWebhookEvents(flow(), BATCH);
            } catch (RuntimeException e) {
                LOG.error("{}: cannot read the webhook inbox: {}", routeName(), e.getMessage());
                batch = List.of();
                sleepUntilWoken(5);
            }
            if (batch.isEmpty()) {
                sleepUntilWoken(1);
                continue;
            }
            for (WebhookEvent event : batch) {
                if (worker == null || !isRunAllowed()) return; // the rest waits for the next start
                process(event);
            }
        }
    }

    private void sleepUntilWoken(int seconds) {
        try {
            if (wake.tryAcquire(seconds, TimeUnit.SECONDS)) wake.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One recorded event: fetch the ticket → the route → done; or the dead letter, with the raw event. */
    private void process(WebhookEvent event) {
        CamelContext camel = getEndpoint().getCamelContext();
        Exchange exchange = createExchange(false);
        String step = "fetch";
        try {
            HelpdeskProducer.fetchInto(endpoint.source(), exchange, event.ticketId());
            exchange.getIn().setHeader(HelpdeskConstants.VERSION, event.changeMarker());
            step = "route";
            getProcessor().process(exchange);
            if (exchange.getException() != null) throw exchange.getException();
            store().finishWebhookEvent(event.id(), false);
            WebhookStats.count(endpoint.getVendor(), Outcome.PROCESSED);
            LOG.info("{}: {} ticket {} fetched and handed on (webhook change {})", routeName(), endpoint.getVendor(),
                    event.ticketId(), event.changeMarker());
        } catch (Throwable e) {
            Throwable error = exchange.getException() != null ? exchange.getException() : e;
            if (camel.isStopping() || !isRunAllowed()) {
                LOG.debug("{}: webhook event for ticket {} left for the next start: {}", routeName(), event.ticketId(), error.getMessage());
                return;
            }
            exchange.setException(null);
            exchange.getIn().setHeader(HelpdeskConstants.SYSTEM, endpoint.getVendor());
            exchange.getIn().setHeader(HelpdeskConstants.TICKET_ID, event.ticketId());
            exchange.getIn().setBody(event.payload());
            try {
                endpoint.deadLetters().send(exchange, error, "webhook " + step);
                store().finishWebhookEvent(event.id(), true);
                WebhookStats.count(endpoint.getVendor(), Outcome.FAILED);
            } catch (RuntimeException letterFailed) {
                // stays pending: tried again on the next round
                LOG.error("{}: webhook event for ticket {} failed ({}) and its dead letter too: {}", routeName(), event.ticketId(),
                        error.getMessage(), letterFailed.getMessage());
                sleepUntilWoken(5);
            }
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
