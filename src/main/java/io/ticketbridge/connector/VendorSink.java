package io.ticketbridge.connector;

import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.state.StateStore;
import io.ticketbridge.state.StateStore.Intent;
import io.ticketbridge.state.StateStore.MessageMapped;
import io.ticketbridge.state.StateStore.MessageMapping;
import io.ticketbridge.state.StateStore.Outcome;
import io.ticketbridge.state.StateStore.StatusRecorded;
import io.ticketbridge.state.StateStore.TicketMapped;
import io.ticketbridge.state.StateStore.TicketState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of a vendor as a bean its {@code <vendor>-sink} Kamelet calls with a canonical ticket:
 * <ul>
 *   <li>not delivered before → create it in the target with its first deliverable message, then add the rest;</li>
 *   <li>delivered before → add only the messages the id map does not hold yet, in order;</li>
 *   <li>update the status where the target allows and it changed.</li>
 * </ul>
 * Every step the target confirmed is recorded in the state store (in as few transactions as the protocol allows,
 * see {@code PassWrites}), so delivering the same ticket again changes nothing and a retry after a failure resumes
 * where it stopped. A message the target cannot
 * represent (an internal note on a customer-side API, say) follows {@code unsupportedPolicy}: {@code text}
 * (default) writes it as the closest kind with a marker line saying what it was; {@code skip} records it as
 * skipped. Nothing is dropped silently: both outcomes are in the id map and logged.
 */
public abstract class VendorSink extends VendorBean {
    private static final Logger LOG = LoggerFactory.getLogger(VendorSink.class);

    /**
     * The ticket created in the target. {@code openingWritten}: the create call also wrote the opening message
     * (whose target id is {@code openingMessageId}, null if the API gives none); when false, the base records the
     * ticket first and then appends the opening message itself, so a failure in between cannot create it twice.
     */
    public record Created(String ticketId, String openingMessageId, boolean openingWritten) {
        public Created(String ticketId, String openingMessageId) {
            this(ticketId, openingMessageId, true);
        }

        /** The ticket only; the base writes the opening message with {@link #appendMessage}. */
        public static Created ticketOnly(String ticketId) {
            return new Created(ticketId, null, false);
        }
    }

    /**
     * How far before an in-doubt create the target's changes are searched: vendor clocks and naive tenant times
     * (a zone configured differently from the tenant's) may be off by hours.
     */
    /** Intent steps (see {@link StateStore#recordIntent}): the create, and each message by its source id. */
    protected static final String STEP_TICKET = "ticket";
    protected static final String STEP_MESSAGE = "message:";
    private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofDays(1);

    private String unsupportedPolicy = "text";
    private volatile VendorSource reader;
    /** Creates hold it shared from the call to their mapping; settling an in-doubt create holds it alone. */
    private final java.util.concurrent.locks.ReadWriteLock creates = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private boolean updateStatus = true;
    private boolean createTickets = true;
    private Set<MessageKind> kinds = java.util.EnumSet.allOf(MessageKind.class);
    /** The other direction of a two-way mirror (mirrorSink); null when this sink is not one side of a mirror. */
    private volatile Mirror mirror;
    private volatile Boolean writesAfterMessages;

    /** Kinds the target can write as they are. */
    protected abstract Set<MessageKind> nativeKinds();

    /** The native kind a message of {@code kind} is written as under the text policy; null when none fits. */
    protected abstract MessageKind fallbackKind(MessageKind kind);

    /**
     * Creates the target ticket. {@code opening} is the first deliverable message (already adapted to a native
     * kind), or null when the ticket has none — the vendor then opens it with what it can (e.g. the subject).
     * Return {@link Created#ticketOnly} when the API creates tickets without a message.
     */
    protected abstract Created createTicket(VendorHttp http, Ticket ticket, Message opening);

    /** Adds one (already adapted) message with its attachments; returns the target's message id, or null. */
    protected abstract String appendMessage(VendorHttp http, String targetTicketId, Ticket ticket, Message message);

    /**
     * Called after the messages, for targets that write more per message in separate calls (e.g. one upload per
     * attachment) and track each in the id map; the default does nothing.
     */
    protected void afterMessages(VendorHttp http, StateStore store, Ticket ticket, String targetTicketId) {
    }

    /** Writes the ticket's status to the target where the API allows; the default writes nothing. */
    protected boolean writeStatus(VendorHttp http, String targetTicketId, Ticket ticket) {
        return false;
    }

    /** Whether the target's API deletes tickets ({@link #deleteTicket}); each vendor's page in docs/vendors says. */
    public boolean canDelete() {
        return false;
    }

    /**
     * Deletes a target ticket (what {@code migrate undo} removes); only called when {@link #canDelete}. Returns false
     * when the target had no such ticket (deleted already).
     */
    protected boolean deleteTicket(VendorHttp http, String targetTicketId) {
        throw new UnsupportedOperationException(vendor().id() + ": the API cannot delete tickets");
    }

    /** {@code operation=delete}: deletes the target ticket {@code targetTicketId}; false when it was not there. */
    public boolean delete(Exchange exchange, String targetTicketId) {
        if (!canDelete()) {
            throw new UnsupportedOperationException(vendor().id() + ": the API cannot delete tickets (see docs/vendors/"
                    + vendor().id() + ".md); remove target ticket " + targetTicketId + " by hand");
        }
        return deleteTicket(http(exchange), targetTicketId);
    }

    /** The Kamelet step. Body: a canonical ticket (object or its JSON). Sets header TicketBridgeTargetTicketId. */
    public void deliver(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        Ticket ticket = body instanceof Ticket t ? t : TicketJson.read(exchange.getIn().getBody(String.class));
        String target = deliver(http(exchange), store(exchange), ticket);
        exchange.getIn().setHeader("TicketBridgeTargetTicketId", target);
    }

    /**
     * Delivers the ticket, settling any write a crash or a lost answer left in doubt. A write that failed in a way
     * that may have reached the vendor (network, 5xx, unreadable answer) is not blindly sent again: the next pass
     * reads the target back first ({@link #findCreated}, {@link #findMessage}), up to {@code maxAttempts} passes.
     */
    String deliver(VendorHttp http, StateStore store, Ticket ticket) {
        RetryPolicy policy = http.retry();
        TicketState state = state(store, ticket);
        int progress = progress(state);
        for (int attempt = 1; ; attempt++) {
            TicketState before = state;
            try {
                return VendorHttp.writing(() -> deliverOnce(http, store, ticket, before));
            } catch (VendorCallException e) {
                state = state(store, ticket);
                int now = progress(state);
                if (now > progress) attempt = 1; // a pass that confirmed writes before failing is not a wasted attempt
                progress = now;
                if (!e.transient_() || attempt >= policy.maxAttempts()) throw e;
                long wait = policy.delay(attempt, e.retryAfter()).toMillis();
                LOG.warn("{}: {} ticket {}: {}; the write is in doubt: reading the target back before attempt {} of {} in {} ms",
                        vendor().id(), ticket.source().system(), ticket.source().ticketId(), e.getMessage(), attempt + 1,
                        policy.maxAttempts(), wait);
                pause(wait, ticket);
            }
        }
    }

    private TicketState state(StateStore store, Ticket ticket) {
        return store.ticketState(stateKey(), ticket.source().system(), ticket.source().ticketId());
    }

    /** How many of the ticket's writes the store holds as done. */
    private static int progress(TicketState state) {
        return state.messages().size() + (state.targetTicketId() != null ? 1 : 0);
    }

    /** {@code state}: what the store held for the ticket when the pass began. */
    private String deliverOnce(VendorHttp http, StateStore store, Ticket ticket, TicketState state) {
        List<Message> pending = new ArrayList<>();
        for (Message m : ticket.messages()) {
            if (!state.messages().containsKey(m.id())) pending.add(m);
        }
        PassWrites writes = new PassWrites(store, stateKey(), ticket.source().system(), ticket.source().ticketId());
        try {
            String target = deliverPending(http, store, ticket, state, pending, writes);
            writes.flush();
            return target;
        } catch (RuntimeException e) {
            // what the vendor confirmed before the failure is recorded, so the next pass does not read it back
            try {
                writes.flush();
            } catch (RuntimeException f) {
                e.addSuppressed(f);
            }
            throw e;
        }
    }

    private String deliverPending(VendorHttp http, StateStore store, Ticket ticket, TicketState state, List<Message> pending,
                                  PassWrites writes) {
        String sink = stateKey();
        String system = ticket.source().system();
        String sourceId = ticket.source().ticketId();
        Map<String, java.time.Instant> intents = state.intents();
        ReadBack readBack = new ReadBack(http);
        String target = state.targetTicketId();
        if (target == null && mirror != null) target = mirror.original(store, sink, ticket, createTickets);
        if (target == null && !createTickets) {
            LOG.info("{}: {} ticket {} not created: it is not mapped here and createTickets is false", vendor().id(), system, sourceId);
            return null;
        }
        if (target != null && mirror != null) mirror.dropEchoes(store, ticket, target, pending);
        if (target == null) {
            Message opening = null;
            while (!pending.isEmpty() && opening == null) {
                Message first = pending.remove(0);
                opening = adapt(first);
                if (opening == null) writes.mapped(skip(ticket, first));
            }
            java.time.Instant asked = intents.get(STEP_TICKET);
            Ticket found = null;
            if (asked != null) {
                writes.flush();
                found = adoptCreated(http, store, ticket, opening, asked);
            }
            if (found != null) {
                target = found.source().ticketId();
                readBack.known(target, found);
                LOG.info("{}: in-doubt create of {} ticket {} settled: it is target ticket {} (read back)", vendor().id(),
                        system, sourceId, target);
                if (opening != null && createWritesOpening()) {
                    writes.mapped(new MessageMapped(opening.id(), new MessageMapping(firstMessageId(found), Outcome.DELIVERED)));
                } else if (opening != null) {
                    pending.add(0, opening);
                }
            } else {
                // the create writes the opening too, but maps it only with the ticket: a crash in between must find
                // it in the target rather than write it again. The intents of the ticket's further writes go in the
                // same transaction (see PassWrites).
                List<String> steps = new ArrayList<>(List.of(STEP_TICKET));
                if (opening != null && createWritesOpening()) steps.add(STEP_MESSAGE + opening.id());
                else if (opening != null) steps.addAll(upcoming(List.of(opening), 0, intents));
                steps.addAll(upcoming(pending, 0, intents));
                writes.intend(steps);
                Created created;
                creates.readLock().lock();
                try {
                    created = createTicket(http, ticket, opening);
                    writes.mapped(new TicketMapped(created.ticketId()));
                    if (opening != null && created.openingWritten()) {
                        writes.mapped(new MessageMapped(opening.id(), new MessageMapping(created.openingMessageId(), Outcome.DELIVERED)));
                    } else if (opening != null) {
                        pending.add(0, opening); // written below like any message, under its own intent
                    }
                    // committed before the lock is let go: an in-doubt create of another ticket must see it as taken
                    writes.flush();
                } finally {
                    creates.readLock().unlock();
                }
                target = created.ticketId();
                LOG.debug("{}: created ticket {} for {} ticket {}", vendor().id(), target, system, sourceId); // INFO: TicketMoves
            }
        }
        for (int i = 0; i < pending.size(); i++) {
            Message m = pending.get(i);
            Message adapted = adapt(m);
            if (adapted == null) {
                writes.mapped(skip(ticket, m));
                continue;
            }
            String step = STEP_MESSAGE + m.id();
            if (intents.containsKey(step)) {
                writes.flush();
                Message found = findMessage(readBack.ticket(target), ticket, store.messages(sink, system, sourceId), m, adapted);
                if (found != null) {
                    completeFound(http, target, ticket, adapted, found);
                    writes.mapped(new MessageMapped(m.id(), new MessageMapping(found.id(), Outcome.DELIVERED)));
                    LOG.info("{}: in-doubt write of message {} of {} ticket {} settled: target ticket {} holds it (read back)",
                            vendor().id(), m.id(), system, sourceId, target);
                    continue;
                }
            }
            if (!writes.announced(step)) { // this write's intent and those of the writes after it, in one commit
                List<String> steps = new ArrayList<>(List.of(step));
                steps.addAll(upcoming(pending, i + 1, intents));
                writes.intend(steps);
            }
            String id = appendMessage(http, target, ticket, adapted);
            writes.mapped(new MessageMapped(m.id(), new MessageMapping(id, Outcome.DELIVERED)));
            readBack.stale();
        }
        if (writesAfterMessages()) {
            writes.flush(); // the hook reads and writes the store itself
            afterMessages(http, store, ticket, target);
        }
        if (updateStatus && ticket.status() != null) {
            String status = ticket.status().name();
            // a status write sets a value: sending it again after a lost answer changes nothing, so it needs no
            // intent, and the last message's mapping waits for it (one commit)
            String last = writesAfterMessages() ? store.lastStatus(sink, system, sourceId).orElse(null) : state.lastStatus();
            if (!status.equals(last) && writeStatus(http, target, ticket)) writes.mapped(new StatusRecorded(status));
        }
        return target;
    }

    /** The intent steps of the messages from {@code from} on that will be written without reading back first. */
    private List<String> upcoming(List<Message> messages, int from, Map<String, java.time.Instant> inDoubt) {
        List<String> steps = new ArrayList<>();
        for (Message m : messages.subList(from, messages.size())) {
            String step = STEP_MESSAGE + m.id();
            if (adapt(m) != null && !inDoubt.containsKey(step)) steps.add(step);
        }
        return steps;
    }

    /**
     * One pass's state writes, in as few transactions as the protocol allows. Before the pass's first vendor write,
     * the intents of all the writes it is going to make are recorded in one transaction; each mapping then waits
     * for the end of the pass (or a read of the store, a create's mapping for the lock) and they are committed
     * together. The protocol is the same: every vendor write has its intent durable before it is sent, every
     * mapping removes its intent in the transaction that writes it, and what a crash leaves between the two — now
     * possibly several writes of the ticket — is settled by reading the target back, in order. A failed pass
     * commits what the vendor confirmed before the failure. A new ticket costs three commits, not one per step.
     */
    private static final class PassWrites {
        private final StateStore store;
        private final String sink, system, ticketId;
        private final List<StateStore.Change> pending = new ArrayList<>();
        private final Set<String> announced = new java.util.HashSet<>();

        PassWrites(StateStore store, String sink, String system, String ticketId) {
            this.store = store;
            this.sink = sink;
            this.system = system;
            this.ticketId = ticketId;
        }

        void mapped(StateStore.Change mapping) {
            pending.add(mapping);
        }

        /** Whether this pass already recorded the intent {@code step} (it is durable). */
        boolean announced(String step) {
            return announced.contains(step);
        }

        /** Before a vendor write: the intents not recorded yet and the mappings so far, durable in one transaction. */
        void intend(List<String> steps) {
            for (String step : steps) {
                if (announced.add(step)) pending.add(new Intent(step));
            }
            flush();
        }

        void flush() {
            if (pending.isEmpty()) return;
            List<StateStore.Change> changes = List.copyOf(pending);
            pending.clear();
            store.apply(sink, system, ticketId, changes);
        }
    }

    /** Whether this sink overrides {@link #afterMessages} (then the store must hold the pass's mappings before it). */
    private boolean writesAfterMessages() {
        Boolean w = writesAfterMessages;
        if (w == null) {
            boolean overridden = false;
            for (Class<?> c = getClass(); c != VendorSink.class && !overridden; c = c.getSuperclass()) {
                try {
                    c.getDeclaredMethod("afterMessages", VendorHttp.class, StateStore.class, Ticket.class, String.class);
                    overridden = true;
                } catch (NoSuchMethodException e) {
                    // not in this class
                }
            }
            writesAfterMessages = w = overridden;
        }
        return w;
    }

    // ---- reading the target back (in-doubt writes) ----

    /**
     * The vendor's read side, configured for the same account as this sink: how an in-doubt write is looked up in
     * the target. Called once; the result is kept.
     */
    protected abstract VendorSource readBack();

    /** Whether {@link #createTicket} writes the opening message with the ticket (false: ticket first, then the message). */
    protected boolean createWritesOpening() {
        return true;
    }

    /**
     * Target ticket ids that may be the in-doubt create recorded at {@code asked}: by default those the target
     * lists as changed since shortly before then. A target that back-dates what it is given lists all.
     */
    protected List<String> createdCandidates(VendorHttp http, Ticket ticket, java.time.Instant asked) {
        return reader().listChanges(http, null, asked.minus(CLOCK_SKEW)).changes().stream()
                .map(VendorSource.Change::ticketId).toList();
    }

    /**
     * A text the create writes into the target that names the source ticket (a provenance line), so that a
     * pre-existing ticket with the same subject and text is never taken for the in-doubt create; null when this
     * sink writes none (then subject, text and creation time decide).
     */
    protected String sourceMark(Ticket ticket) {
        return null;
    }

    /** Whether the target keeps the source's creation time instead of its own (then creation time cannot decide). */
    protected boolean backDates() {
        return false;
    }

    /**
     * {@link #findCreated}, and the ticket found mapped to this source ticket, while no create of this sink is between
     * its call and its mapping: with concurrency=N another ticket's create, made but not mapped yet, would otherwise
     * pass for this one's when their subjects and openings match.
     */
    private Ticket adoptCreated(VendorHttp http, StateStore store, Ticket ticket, Message opening, java.time.Instant asked) {
        creates.writeLock().lock();
        try {
            Ticket found = findCreated(http, store, ticket, opening, asked);
            if (found != null) {
                store.mapTicket(stateKey(), ticket.source().system(), ticket.source().ticketId(), found.source().ticketId());
            }
            return found;
        } finally {
            creates.writeLock().unlock();
        }
    }

    /**
     * After a crash or a lost answer to a create: the target ticket it made, if any. A candidate matches when no
     * other source ticket of this sink owns it, it was created after the intent (unless the target back-dates),
     * its subject has the same words, a message holds the {@link #sourceMark}, and — when the create writes the
     * opening message — its first message holds the opening's text.
     */
    Ticket findCreated(VendorHttp http, StateStore store, Ticket ticket, Message opening, java.time.Instant asked) {
        String system = ticket.source().system();
        WrittenText subject = WrittenText.of(ticket.subject(), BodyFormat.TEXT);
        WrittenText first = opening == null || !createWritesOpening() ? null : WrittenText.of(opening);
        String markText = sourceMark(ticket);
        WrittenText mark = markText == null ? null : WrittenText.of(markText, BodyFormat.TEXT);
        java.time.Instant earliest = asked.minus(CLOCK_SKEW);
        List<String> candidates = new ArrayList<>(VendorHttp.reading(() -> createdCandidates(http, ticket, asked)));
        java.util.Collections.reverse(candidates); // newest first: the in-doubt create is among the last changes
        for (String id : candidates) {
            if (store.sourceOfTarget(stateKey(), system, id).isPresent()) continue;
            Ticket t = readTarget(http, id);
            if (!backDates() && t.createdAt() != null && t.createdAt().isBefore(earliest)) continue;
            boolean subjectMatches = ticket.subject() == null || ticket.subject().isBlank()
                    || subject.heldBy(WrittenText.of(t.subject(), BodyFormat.TEXT));
            if (!subjectMatches) continue;
            if (first != null && (t.messages().isEmpty() || !first.heldBy(WrittenText.of(t.messages().get(0))))) continue;
            if (mark != null && mark.count(WrittenText.all(t.messages())) == 0) continue;
            return t;
        }
        return null;
    }

    /**
     * The target message an in-doubt append of {@code m} wrote, if any: the target holds the message's text more
     * often than the messages already delivered for this ticket account for. A target message holds it when it holds
     * both the words written ({@code adapted}, marker line included) and the message's own words — a short note's
     * marker alone ("[Internal note by …, date]") must not pass for another note by the same author.
     */
    Message findMessage(Ticket target, Ticket ticket, Map<String, MessageMapping> done, Message m, Message adapted) {
        WrittenText written = WrittenText.of(adapted);
        WrittenText own = WrittenText.of(m);
        List<Message> matching = new ArrayList<>();
        for (Message t : target.messages()) {
            WrittenText held = WrittenText.of(t);
            if (written.heldBy(held) && own.heldBy(held)) matching.add(t);
        }
        int already = 0;
        for (Message d : ticket.messages()) {
            MessageMapping mm = done.get(d.id());
            if (mm == null || mm.outcome() != Outcome.DELIVERED || d.id().equals(m.id())) continue;
            Message sent = adapt(d); // compared as written, marker included, like the target holds it
            if (sent == null) continue;
            WrittenText copy = WrittenText.of(sent);
            if (written.heldBy(copy) && own.heldBy(copy)) already++;
        }
        return matching.size() > already ? matching.get(already) : null;
    }

    /**
     * A message found by reading back may lack what a later call of the same write adds (e.g. attachments linked in
     * a second request): complete it here. The default does nothing.
     */
    protected void completeFound(VendorHttp http, String targetTicketId, Ticket ticket, Message adapted, Message found) {
    }

    /** The target ticket as the vendor's read side maps it. */
    protected Ticket readTarget(VendorHttp http, String targetTicketId) {
        VendorSource source = reader();
        String raw = VendorHttp.reading(() -> source.fetchTicket(http, targetTicketId));
        try {
            List<Ticket> tickets = source.mapper().map(TicketJson.mapper().readTree(raw));
            if (tickets.size() != 1) throw new MappingException(vendor().id(), "$", "expected one ticket, found " + tickets.size());
            return tickets.get(0);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // a cut-off answer: worth another pass
            throw new VendorCallException(vendor().id(), "reading back ticket " + targetTicketId + ": answer is not valid JSON", e);
        }
    }

    private static String firstMessageId(Ticket t) {
        return t.messages().isEmpty() ? null : t.messages().get(0).id();
    }

    /** The {@link #readBack} source, made once. */
    protected final VendorSource reader() {
        VendorSource r = reader;
        if (r == null) reader = r = readBack();
        return r;
    }

    /** One pass's view of the target ticket: read at most once, when a write is in doubt. */
    private final class ReadBack {
        private final VendorHttp http;
        private String id;
        private Ticket ticket;

        ReadBack(VendorHttp http) {
            this.http = http;
        }

        void known(String targetId, Ticket t) {
            id = targetId;
            ticket = t;
        }

        void stale() {
            ticket = null;
        }

        Ticket ticket(String targetId) {
            if (ticket == null || !targetId.equals(id)) known(targetId, readTarget(http, targetId));
            return ticket;
        }
    }

    private void pause(long ms, Ticket ticket) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PollStoppedException(vendor().id(), ticket.source().ticketId());
        }
    }

    /** The mapping of a message deliberately not written. */
    private MessageMapped skip(Ticket ticket, Message m) {
        LOG.info("{}: message {} ({}) of {} ticket {} skipped: {}", vendor().id(), m.id(), m.kind(),
                ticket.source().system(), ticket.source().ticketId(), kinds.contains(m.kind())
                        ? "the target cannot hold it (unsupportedPolicy=" + unsupportedPolicy + ")" : "its kind is not in kinds (" + getKinds() + ")");
        return new MessageMapped(m.id(), new MessageMapping(null, Outcome.SKIPPED));
    }

    /** The message as this sink writes it into the target (what {@code migrate verify} expects there); null: skipped. */
    public Message asWritten(Message m) {
        return adapt(m);
    }

    /** The message as the target will get it: unchanged, rewritten as a native kind with a marker, or null (skip). */
    Message adapt(Message m) {
        if (!kinds.contains(m.kind())) return null;
        if (nativeKinds().contains(m.kind())) return m;
        MessageKind as = fallbackKind(m.kind());
        if (as == null || !"text".equalsIgnoreCase(unsupportedPolicy)) return null;
        String marker = marker(m);
        String body = m.bodyFormat() == BodyFormat.HTML
                ? "<p>" + escapeHtml(marker) + "</p>" + m.body()
                : marker + "\n\n" + m.body();
        return new Message(m.id(), as, m.author(), body, m.bodyFormat(), m.createdAt(), m.attachments());
    }

    /**
     * e.g. "[Internal note by Anna Nowak <anna@x.pl>, 2025-01-06T08:15:00Z]". Protected so a vendor that writes
     * the marker itself (Keliweb's opening message) uses the same line as the text policy.
     */
    protected static String marker(Message m) {
        String what = switch (m.kind()) {
            case NOTE -> "Internal note";
            case AGENT -> "Agent reply";
            case CUSTOMER -> "Customer message";
            case SYSTEM -> "System event";
        };
        Party a = m.author();
        String who = a == null ? "" : " by " + (a.name() != null ? a.name() : a.login() != null ? a.login() : a.email())
                + (a.email() != null && a.name() != null ? " <" + a.email() + ">" : "");
        return "[" + what + who + (m.createdAt() == null ? "" : ", " + m.createdAt()) + "]";
    }

    private static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    // ---- Kamelet-bound properties ----

    public String getUnsupportedPolicy() { return unsupportedPolicy; }

    public void setUnsupportedPolicy(String policy) {
        if (!"text".equalsIgnoreCase(policy) && !"skip".equalsIgnoreCase(policy)) {
            throw new IllegalArgumentException("unsupportedPolicy must be 'text' or 'skip', got '" + policy + "'");
        }
        this.unsupportedPolicy = policy;
    }

    public boolean isUpdateStatus() { return updateStatus; }
    public void setUpdateStatus(boolean updateStatus) { this.updateStatus = updateStatus; }
    public boolean isCreateTickets() { return createTickets; }
    /** false: only tickets already mapped (here or, with mirrorSink, by the other direction) are written into. */
    public void setCreateTickets(boolean createTickets) { this.createTickets = createTickets; }

    public String getKinds() {
        return String.join(",", kinds.stream().map(Enum::name).toList());
    }

    /** The message kinds written (comma-separated, e.g. CUSTOMER,AGENT); the others are recorded as skipped. */
    public void setKinds(String spec) {
        Set<MessageKind> out = java.util.EnumSet.noneOf(MessageKind.class);
        for (String k : spec == null ? new String[0] : spec.split(",")) {
            if (k.isBlank()) continue;
            try {
                out.add(MessageKind.valueOf(k.strip().toUpperCase(java.util.Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(vendor().id() + " sink: kinds: '" + k.strip() + "' is not one of "
                        + java.util.Arrays.toString(MessageKind.values()));
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException(vendor().id() + " sink: kinds must name at least one message kind");
        this.kinds = out;
    }

    public String getMirrorSink() {
        Mirror m = mirror;
        return m == null ? "" : m.otherSink();
    }

    /**
     * The stateKey of the sink writing the other direction of a two-way mirror (from this sink's vendor into the
     * vendor this sink's tickets come from), in the same state store; empty = no mirror. See {@link Mirror}.
     */
    public void setMirrorSink(String otherSink) {
        this.mirror = otherSink == null || otherSink.isBlank() ? null : new Mirror(otherSink.strip(), vendor().id());
    }
}
