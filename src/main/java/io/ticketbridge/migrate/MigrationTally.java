package io.ticketbridge.migrate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a migration did, ticket by ticket, as the route saw it; thread-safe (concurrency=N). The numbers of the
 * summary and of report.json come from here; what the target holds is the target's to say (tests read it back).
 */
public final class MigrationTally {
    /** What became of one source ticket. */
    public enum Result { CREATED, UPDATED, UNCHANGED, FAILED, OUTSIDE_WINDOW }

    /** One handled ticket: its target id (null if none), what happened, messages and attachments written or planned. */
    public record TicketLine(String sourceId, String targetId, Result result, int messages, int attachments, String subject) {
    }

    /** A ticket that failed: the step (fetch, map, route), the reason, and the dead letter holding its payload. */
    public record Failure(String ticketId, String step, String reason, String deadLetter) {
    }

    private final String runId;
    private final Instant startedAt = Instant.now();
    private volatile Instant finishedAt;
    private volatile int listed = -1;
    private final Map<String, TicketLine> tickets = new LinkedHashMap<>();
    private final List<Failure> failures = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Integer>> unmapped = new TreeMap<>();

    public MigrationTally(String runId) {
        this.runId = runId;
    }

    public String runId() { return runId; }
    public Instant startedAt() { return startedAt; }
    public Instant finishedAt() { return finishedAt; }

    void finished() {
        finishedAt = Instant.now();
    }

    /** How many tickets the source listed for this run (before the ledger left out those handed on already). */
    void listed(int count) {
        listed = count;
    }

    synchronized void ticket(TicketLine line) {
        tickets.put(line.sourceId(), line);
    }

    void failed(Failure failure) {
        failures.add(failure);
    }

    /** A source value the canonical mapping had no word for (e.g. a raw status), counted per field and value. */
    synchronized void unmapped(String field, String value) {
        unmapped.computeIfAbsent(field, f -> new TreeMap<>()).merge(value, 1, Integer::sum);
    }

    public synchronized List<TicketLine> tickets() { return List.copyOf(tickets.values()); }
    public List<Failure> failures() { return List.copyOf(failures); }
    public synchronized Map<String, Map<String, Integer>> unmappedValues() { return new TreeMap<>(unmapped); }

    public synchronized int count(Result r) {
        int n = (int) tickets.values().stream().filter(t -> t.result() == r).count();
        return r == Result.FAILED ? n + failures.size() : n;
    }

    /** Listed tickets, or those seen when the listing is unknown. */
    public synchronized int total() {
        return Math.max(listed, tickets.size() + failures.size());
    }

    /** Listed tickets the route never saw: the source's ledger knew them handed on with this content. */
    public synchronized int unchanged() {
        int seen = tickets.size() + failures.size();
        int skippedByLedger = Math.max(0, total() - seen);
        return count(Result.UNCHANGED) + skippedByLedger;
    }

    public synchronized int messagesWritten() {
        return tickets.values().stream().mapToInt(TicketLine::messages).sum();
    }

    public synchronized int attachmentsWritten() {
        return tickets.values().stream().mapToInt(TicketLine::attachments).sum();
    }

    /** Source id → target id, for every ticket with a target. */
    public synchronized Map<String, String> idMap() {
        Map<String, String> map = new LinkedHashMap<>();
        tickets.values().stream().filter(t -> t.targetId() != null).forEach(t -> map.put(t.sourceId(), t.targetId()));
        return map;
    }
}
