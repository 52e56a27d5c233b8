package io.ticketbridge.migrate;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.component.HelpdeskComponent;
import io.ticketbridge.component.HelpdeskConstants;
import io.ticketbridge.migrate.MigrationTally.Failure;
import io.ticketbridge.migrate.MigrationTally.Result;
import io.ticketbridge.migrate.MigrationTally.TicketLine;
import io.ticketbridge.sink.DeadLetterWriter;
import io.ticketbridge.sink.TicketFileSink;
import io.ticketbridge.state.StateStore;
import io.ticketbridge.state.StateStore.MessageMapping;
import io.ticketbridge.state.StateStore.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The migration: {@code helpdesk:<from>} polled once (repeatCount=1, the poll strategy ends the run) →
 * {@code helpdesk:<to>}. Around the sink, each ticket's effect is read from the target's id map in the state store
 * (created, messages appended, nothing), so a re-run that writes nothing says so. With {@code dryRun} the sink is
 * replaced by a plan step: the canonical file is written and what the sink would do is read from the same id map.
 * Failures (fetch, map, the sink) reach {@code direct:migration-dead-letter}: recorded, then written as the usual
 * dead-letter file.
 */
public final class MigrationRoute extends RouteBuilder {
    static final String ROUTE_ID = "migration";
    static final String DEAD_LETTER = "direct:migration-dead-letter";
    private static final String BEFORE = "TicketBridgeMigrationBefore";

    private final MigrationPlan plan;
    private final String sourceUri;
    private final String targetUri;
    /** The target sink's id-map key: its default, vendor@baseUrl, so `run` flows and migrations share one map. */
    private final String sinkKey;
    private final MigrationTally tally;
    private final Path canonicalDir;
    private final String deadLetterDir;

    MigrationRoute(MigrationPlan plan, String sourceUri, String targetUri, String sinkKey, MigrationTally tally,
                   Path canonicalDir, String deadLetterDir) {
        this.plan = plan;
        this.sourceUri = sourceUri;
        this.targetUri = targetUri;
        this.sinkKey = sinkKey;
        this.tally = tally;
        this.canonicalDir = canonicalDir;
        this.deadLetterDir = deadLetterDir;
    }

    @Override
    public void configure() {
        from(DEAD_LETTER).routeId("migration-dead-letter").process(this::deadLetter);

        var route = from(sourceUri).routeId(ROUTE_ID)
                .filter(exchange -> inWindow(exchange.getIn().getBody(Ticket.class)))
                .process(this::before);
        if (plan.dryRun()) {
            route.process(this::planOnly);
        } else {
            route.to(targetUri).process(this::after);
        }
    }

    /** --until: only tickets last changed before it; the others are recorded, not written. */
    private boolean inWindow(Ticket t) {
        noteUnmapped(t);
        Instant changed = t.updatedAt() != null ? t.updatedAt() : t.createdAt();
        if (plan.until() == null || changed == null || changed.isBefore(plan.until())) return true;
        tally.ticket(new TicketLine(t.source().ticketId(), null, Result.OUTSIDE_WINDOW, 0, 0, t.subject()));
        return false;
    }

    /** Raw values the canonical mapping had no word for: reported, never dropped silently. */
    private void noteUnmapped(Ticket t) {
        if (t.status() == null && t.statusRaw() != null) tally.unmapped("status", t.statusRaw());
        if (t.priority() == null && t.priorityRaw() != null) tally.unmapped("priority", t.priorityRaw());
    }

    private StateStore store(Exchange exchange) {
        return exchange.getContext().getComponent("helpdesk", HelpdeskComponent.class).stateStore();
    }

    /** What the target held for this ticket before the sink ran. */
    private record Before(String targetId, Map<String, MessageMapping> messages, String status) {
    }

    private void before(Exchange exchange) {
        Ticket t = exchange.getIn().getBody(Ticket.class);
        StateStore store = store(exchange);
        String system = t.source().system();
        String id = t.source().ticketId();
        exchange.setProperty(BEFORE, new Before(store.targetTicket(sinkKey, system, id).orElse(null),
                store.messages(sinkKey, system, id), store.lastStatus(sinkKey, system, id).orElse(null)));
    }

    private void after(Exchange exchange) {
        Ticket t = exchange.getIn().getBody(Ticket.class);
        Before before = exchange.getProperty(BEFORE, Before.class);
        StateStore store = store(exchange);
        String system = t.source().system();
        String id = t.source().ticketId();
        Map<String, MessageMapping> now = store.messages(sinkKey, system, id);
        int messages = 0;
        int attachments = 0;
        for (Message m : t.messages()) {
            MessageMapping mm = now.get(m.id());
            if (mm != null && mm.outcome() == Outcome.DELIVERED && !before.messages().containsKey(m.id())) {
                messages++;
                attachments += m.attachments().size();
            }
        }
        String target = exchange.getIn().getHeader(HelpdeskConstants.TARGET_TICKET_ID, String.class);
        boolean statusWritten = !java.util.Objects.equals(before.status(), store.lastStatus(sinkKey, system, id).orElse(null));
        Result result = before.targetId() == null && target != null ? Result.CREATED
                : messages > 0 || statusWritten ? Result.UPDATED : Result.UNCHANGED;
        tally.ticket(new TicketLine(id, target, result, messages, attachments, t.subject()));
    }

    /** --dry-run: the canonical file, and what the sink would write, from the target's id map; nothing is sent. */
    private void planOnly(Exchange exchange) throws IOException {
        Ticket t = exchange.getIn().getBody(Ticket.class);
        Before before = exchange.getProperty(BEFORE, Before.class);
        TicketFileSink files = new TicketFileSink();
        files.setDirectory(canonicalDir.toString());
        files.write(t);
        int messages = 0;
        int attachments = 0;
        for (Message m : t.messages()) {
            if (!before.messages().containsKey(m.id())) {
                messages++;
                attachments += m.attachments().size();
            }
        }
        String status = t.status() == null ? null : t.status().name();
        Result result = before.targetId() == null ? Result.CREATED
                : messages > 0 || (status != null && !status.equals(before.status())) ? Result.UPDATED : Result.UNCHANGED;
        tally.ticket(new TicketLine(t.source().ticketId(), before.targetId(), result, messages, attachments, t.subject()));
    }

    private void deadLetter(Exchange letter) {
        DeadLetterWriter writer = new DeadLetterWriter();
        writer.setDirectory(deadLetterDir);
        writer.write(letter);
        Throwable error = letter.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String system = letter.getIn().getHeader(HelpdeskConstants.SYSTEM, plan.from(), String.class);
        String id = letter.getIn().getHeader(HelpdeskConstants.TICKET_ID, "none", String.class);
        tally.failed(new Failure(id, letter.getProperty(DeadLetterWriter.PROPERTY_STEP, "route", String.class),
                error == null ? "unknown error" : error.getMessage(), newestLetter(Path.of(deadLetterDir, system), id)));
    }

    /** The file DeadLetterWriter just wrote for this ticket (named ticketId-fingerprint.json). */
    private static String newestLetter(Path dir, String ticketId) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith(ticketId + "-"))
                    .max(Comparator.comparing(p -> p.toFile().lastModified()))
                    .map(p -> p.toAbsolutePath().toString()).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
