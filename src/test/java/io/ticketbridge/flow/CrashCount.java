package io.ticketbridge.flow;

import io.ticketbridge.canonical.Ticket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A crash run's outcome, from what the vendors' own APIs return: every source ticket against the tickets that are
 * new in the target. A target ticket belongs to the source ticket of the same subject whose messages it holds
 * most of; one left over is a duplicate when it holds any source message, an orphan when it holds none (an empty
 * ticket from a create whose answer was lost) or when no source ticket has its subject.
 *
 * @param sourceTickets     tickets the source lists
 * @param sourceMessages    their messages (every kind)
 * @param targetTickets     tickets new in the target
 * @param missingTickets    source tickets with no copy
 * @param duplicateTickets  copies beyond the first that hold source messages
 * @param orphanTickets     new target tickets that hold no source message of their subject
 * @param duplicateMessages messages a copy holds more often than its source ticket
 * @param missingMessages   source messages a copy lacks
 * @param examples          the first few findings, named, for the failure message
 */
record CrashCount(int sourceTickets, int sourceMessages, int targetTickets, int missingTickets, int duplicateTickets,
                  int orphanTickets, int duplicateMessages, int missingMessages, List<String> examples) {

    static CrashCount of(List<Ticket> originals, List<Ticket> copies) {
        Map<String, List<Ticket>> sources = bySubject(originals);
        Map<String, List<Ticket>> targets = bySubject(copies);
        Tally tally = new Tally();
        sources.forEach((subject, group) -> tally.match(group, new ArrayList<>(targets.getOrDefault(subject, List.of()))));
        targets.forEach((subject, group) -> {
            if (!sources.containsKey(subject)) group.forEach(c -> tally.finding("orphan: no source ticket is titled '" + c.subject() + "'"));
            if (!sources.containsKey(subject)) tally.orphans += group.size();
        });
        int messages = originals.stream().mapToInt(t -> t.messages().size()).sum();
        return new CrashCount(originals.size(), messages, copies.size(), tally.missing, tally.duplicates, tally.orphans,
                tally.duplicateMessages, tally.missingMessages, List.copyOf(tally.examples));
    }

    boolean exactlyOnce() {
        return missingTickets == 0 && duplicateTickets == 0 && orphanTickets == 0 && duplicateMessages == 0 && missingMessages == 0;
    }

    private static Map<String, List<Ticket>> bySubject(List<Ticket> tickets) {
        Map<String, List<Ticket>> out = new LinkedHashMap<>();
        for (Ticket t : tickets) out.computeIfAbsent(TicketText.normalize(t.subject()).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(t);
        return out;
    }

    /** A thread's texts as counts: what "holds a message" compares. */
    private static Map<String, Integer> texts(List<String> texts) {
        Map<String, Integer> out = new HashMap<>();
        for (String t : texts) out.merge(t, 1, Integer::sum);
        return out;
    }

    private static Map<String, Integer> original(Ticket t) {
        return texts(TicketText.original(t, Set.of()));
    }

    /** A copy's texts, without the marker a target that cannot hold an attachment writes instead (its documented policy). */
    private static Map<String, Integer> copy(Ticket t) {
        return texts(TicketText.copy(t).stream().map(s -> s.replaceAll("\\s*\\[Attachment not carried over: [^\\]]*\\]", "")).toList());
    }

    private static int shared(Map<String, Integer> a, Map<String, Integer> b) {
        return a.entrySet().stream().mapToInt(e -> Math.min(e.getValue(), b.getOrDefault(e.getKey(), 0))).sum();
    }

    private static final class Tally {
        int missing;
        int duplicates;
        int orphans;
        int duplicateMessages;
        int missingMessages;
        final List<String> examples = new ArrayList<>();

        void finding(String what) {
            if (examples.size() < 12) examples.add(what);
        }

        /** Pairs each source ticket of one subject with the copy holding most of its messages, then counts the rest. */
        void match(List<Ticket> group, List<Ticket> candidates) {
            for (Ticket o : group) {
                Map<String, Integer> want = original(o);
                Ticket best = null;
                int bestShared = -1;
                for (Ticket c : candidates) {
                    int s = shared(want, copy(c));
                    if (s > bestShared) {
                        best = c;
                        bestShared = s;
                    }
                }
                if (best == null) {
                    missing++;
                    finding("missing: " + o.source().ticketId() + " '" + o.subject() + "' has no copy");
                    continue;
                }
                candidates.remove(best);
                Map<String, Integer> have = copy(best);
                for (var e : have.entrySet()) {
                    int extra = e.getValue() - want.getOrDefault(e.getKey(), 0);
                    if (extra > 0 && want.containsKey(e.getKey())) {
                        duplicateMessages += extra;
                        finding("duplicate message x" + extra + " in " + best.source().ticketId() + " (copy of " + o.source().ticketId() + "): " + cut(e.getKey()));
                    } else if (extra > 0) {
                        finding("unknown message in " + best.source().ticketId() + " (copy of " + o.source().ticketId() + "): " + cut(e.getKey()));
                    }
                }
                for (var e : want.entrySet()) {
                    int lacking = e.getValue() - have.getOrDefault(e.getKey(), 0);
                    if (lacking > 0) {
                        missingMessages += lacking;
                        finding("missing message in " + best.source().ticketId() + " (copy of " + o.source().ticketId() + "): " + cut(e.getKey()));
                    }
                }
            }
            for (Ticket extra : candidates) {
                boolean holdsSource = group.stream().anyMatch(o -> shared(original(o), copy(extra)) > 0);
                if (holdsSource) duplicates++;
                else orphans++;
                finding((holdsSource ? "duplicate ticket " : "orphan ticket ") + extra.source().ticketId() + " '" + extra.subject() + "'");
            }
        }

        private static String cut(String text) {
            return text.length() > 80 ? text.substring(0, 80) + "…" : text;
        }
    }
}
