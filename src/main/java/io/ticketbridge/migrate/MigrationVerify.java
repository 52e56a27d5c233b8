package io.ticketbridge.migrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.connector.VendorSink;
import io.ticketbridge.migrate.RunRecord.TicketResult;
import io.ticketbridge.sink.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code migrate verify}: reads every ticket of a run's id map again, in the source and in the target, through the
 * connectors (fresh reads, not the state store), and compares them ticket by ticket: the target ticket exists, holds
 * the source's messages in order as the sink writes them ({@link VerifyText}), each once, and the same attachments by
 * name and SHA-256. Source tickets of the run without a target (failed ones) are gaps too.
 */
public final class MigrationVerify {
    /** What is wrong with one ticket. */
    public enum Kind { NO_TARGET, UNREADABLE, MISSING_MESSAGE, DUPLICATED_MESSAGE, OUT_OF_ORDER, MISSING_ATTACHMENT, DUPLICATED_ATTACHMENT }

    /** One line of the gap list. */
    public record Gap(String sourceId, String targetId, Kind kind, String what) {
        @Override
        public String toString() {
            return "GAP " + sourceId + " -> " + (targetId == null ? "(none)" : targetId) + ": " + what;
        }
    }

    /** What was compared, the gaps found, and notes (what could not be compared, and why). */
    public record Outcome(String source, String target, int tickets, int messages, int skipped, int attachments,
                          List<Gap> gaps, Set<String> notes) {
        public long count(Kind... kinds) {
            return gaps.stream().filter(g -> List.of(kinds).contains(g.kind())).count();
        }
    }

    private MigrationVerify() {
    }

    public static Outcome run(RunRecord run, Path configFile) throws Exception {
        return AccountSession.run(configFile, session -> compare(run, session));
    }

    private static Outcome compare(RunRecord run, AccountSession session) {
        VendorSink sink = session.sink(run.target());
        List<Gap> gaps = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        int[] counts = new int[3]; // messages, skipped, attachments compared
        int tickets = 0;
        for (TicketResult t : run.tickets()) {
            if (t.targetId() == null && !run.idMap().containsKey(t.sourceId()) && !"OUTSIDE_WINDOW".equals(t.result())) {
                gaps.add(new Gap(t.sourceId(), null, Kind.NO_TARGET, "no target ticket" + (t.reason() == null || t.reason().isBlank()
                        ? "" : " (the run failed it: " + t.reason() + ")")));
            }
        }
        for (Map.Entry<String, String> e : run.idMap().entrySet()) {
            tickets++;
            String sourceId = e.getKey();
            String targetId = e.getValue();
            Ticket source;
            try {
                source = session.fetch(run.source(), sourceId);
            } catch (RuntimeException ex) {
                gaps.add(new Gap(sourceId, targetId, Kind.UNREADABLE, "cannot read the source ticket: " + root(ex)));
                continue;
            }
            Ticket target;
            try {
                target = session.fetch(run.target(), targetId);
            } catch (RuntimeException ex) {
                gaps.add(new Gap(sourceId, targetId, Kind.NO_TARGET, "target ticket missing or unreadable: " + root(ex)));
                continue;
            }
            compareTicket(sink, source, target, targetId, gaps, notes, counts);
        }
        return new Outcome(run.source(), run.target(), tickets, counts[0], counts[1], counts[2], gaps, notes);
    }

    static void compareTicket(VendorSink sink, Ticket source, Ticket target, String targetId, List<Gap> gaps,
                              Set<String> notes, int[] counts) {
        String sourceId = source.source().ticketId();
        List<Message> written = new ArrayList<>();
        List<VerifyText> want = new ArrayList<>();
        for (Message m : source.messages()) {
            VerifyText text = VerifyText.expected(sink, m);
            if (text == null) {
                counts[1]++;
                continue;
            }
            written.add(m);
            want.add(text);
        }
        List<VerifyText> have = target.messages().stream().map(VerifyText::of).toList();
        counts[0] += want.size();
        // in order: each expected message is looked for after the previous one's match
        int next = 0;
        Set<Integer> taken = new java.util.HashSet<>();
        for (int i = 0; i < want.size(); i++) {
            int at = find(want.get(i), have, next, have.size(), taken);
            if (at < 0) {
                int earlier = find(want.get(i), have, 0, next, taken);
                String which = "message " + (i + 1) + " of " + want.size() + " (" + written.get(i).kind() + ") \"" + want.get(i).excerpt() + "\"";
                if (earlier < 0) {
                    gaps.add(new Gap(sourceId, targetId, Kind.MISSING_MESSAGE, which + " missing"));
                } else {
                    taken.add(earlier);
                    gaps.add(new Gap(sourceId, targetId, Kind.OUT_OF_ORDER, which + " out of order (target message " + (earlier + 1) + ")"));
                }
                continue;
            }
            taken.add(at);
            next = at + 1;
        }
        // each once: a text the target holds more often than the source has it was written twice
        for (int i = 0; i < want.size(); i++) {
            int inTarget = want.get(i).count(have);
            int inSource = want.get(i).count(want);
            if (inTarget > inSource && !sameAsEarlier(want, i)) {
                gaps.add(new Gap(sourceId, targetId, Kind.DUPLICATED_MESSAGE, "message " + (i + 1) + " of " + want.size() + " \""
                        + want.get(i).excerpt() + "\" duplicated (" + inTarget + " copies in the target, " + inSource + " in the source)"));
            }
        }
        compareAttachments(written, target, sourceId, targetId, gaps, notes, counts);
    }

    /** An earlier expected message has the same words (its gap is this one's). */
    private static boolean sameAsEarlier(List<VerifyText> want, int i) {
        for (int j = 0; j < i; j++) {
            if (want.get(j).heldBy(want.get(i)) && want.get(i).heldBy(want.get(j))) return true;
        }
        return false;
    }

    private static int find(VerifyText text, List<VerifyText> have, int from, int to, Set<Integer> taken) {
        for (int k = from; k < to; k++) {
            if (!taken.contains(k) && text.heldBy(have.get(k))) return k;
        }
        return -1;
    }

    /** The ticket's attachments as a multiset of name (+ SHA-256 when both sides carry the bytes). */
    private static void compareAttachments(List<Message> written, Ticket target, String sourceId, String targetId, List<Gap> gaps,
                                           Set<String> notes, int[] counts) {
        List<Attachment> want = written.stream().flatMap(m -> m.attachments().stream()).toList();
        List<Attachment> have = target.messages().stream().flatMap(m -> m.attachments().stream()).toList();
        boolean bytes = have.stream().allMatch(a -> a.content() != null) && want.stream().allMatch(a -> a.content() != null);
        if (!bytes) notes.add("ticket " + sourceId + ": an attachment came without its content: compared by name only");
        Map<String, Integer> counted = new LinkedHashMap<>();
        for (Attachment a : want) counted.merge(key(a, bytes), 1, Integer::sum);
        Map<String, Integer> held = new LinkedHashMap<>();
        for (Attachment a : have) held.merge(key(a, bytes), 1, Integer::sum);
        counts[2] += want.size();
        Map<String, String> names = new LinkedHashMap<>();
        for (Attachment a : want) names.put(key(a, bytes), name(a));
        counted.forEach((k, n) -> {
            int h = held.getOrDefault(k, 0);
            int marked = h < n ? Math.min(n - h, VerifyText.uncarried(target.messages(), names.get(k))) : 0;
            if (marked > 0) {
                notes.add(target.source().system() + ": attachments it cannot take on a message are marker lines "
                        + "(\"[Attachment not carried over: …]\"), not files");
                h += marked;
            }
            if (h < n) gaps.add(new Gap(sourceId, targetId, Kind.MISSING_ATTACHMENT, "attachment " + k + " missing"
                    + (n > 1 ? " (" + h + " of " + n + ")" : "")));
            if (h > n) gaps.add(new Gap(sourceId, targetId, Kind.DUPLICATED_ATTACHMENT, "attachment " + k + " duplicated ("
                    + h + " copies in the target, " + n + " in the source)"));
        });
    }

    private static String key(Attachment a, boolean bytes) {
        return bytes && a.content() != null ? name(a) + " sha256:" + sha256(a.content()) : name(a);
    }

    private static String name(Attachment a) {
        return a.fileName() == null || a.fileName().isBlank() ? "(no name)" : a.fileName();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** verify.json into the report's directory: the outcome, one object per gap. */
    public static void write(Path dir, Outcome o) throws IOException {
        ObjectNode root = TicketJson.mapper().createObjectNode();
        root.put("checkedAt", java.time.Instant.now().toString());
        root.put("source", o.source());
        root.put("target", o.target());
        root.put("tickets", o.tickets());
        root.put("messages", o.messages());
        root.put("skippedByPolicy", o.skipped());
        root.put("attachments", o.attachments());
        var gaps = root.putArray("gaps");
        for (Gap g : o.gaps()) gaps.addObject().put("source", g.sourceId()).put("target", g.targetId()).put("kind", g.kind().name())
                .put("what", g.what());
        var notes = root.putArray("notes");
        o.notes().forEach(notes::add);
        AtomicFiles.write(dir.resolve("verify.json"), TicketJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root), true);
    }
}
