package io.ticketbridge.migrate;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.connector.HtmlText;
import io.ticketbridge.connector.VendorSink;
import io.ticketbridge.connector.WrittenText;
import java.util.List;

/**
 * The normalisation {@code migrate verify} compares messages with: a source message as the target can hold it.
 * The sink's own {@link VendorSink#asWritten} says what it writes (a kind the target has no word for becomes a native
 * kind under a marker line; under unsupportedPolicy=skip, or outside kinds, nothing); the target text is then read
 * as {@link WrittenText} reads a write back: HTML as text, case, Unicode forms and whitespace folded, and held when
 * nearly all the written words are in it — so the lines a sink adds around a text (Plusofon's opening markers,
 * Keliweb's details, "[Attachment not transferred: …]") and Markdown or list bullets do not count as differences.
 */
final class VerifyText {
    private final WrittenText words;
    private final String excerpt;

    private VerifyText(WrittenText words, String excerpt) {
        this.words = words;
        this.excerpt = excerpt;
    }

    /** What the target should hold for {@code m}; null when the sink does not write it (the policy skipped it). */
    static VerifyText expected(VendorSink sink, Message m) {
        Message written = sink.asWritten(m);
        return written == null ? null : of(written);
    }

    /** A message as read from the target. */
    static VerifyText of(Message m) {
        return new VerifyText(WrittenText.of(m), excerpt(m));
    }

    /** Whether {@code target} holds this text. */
    boolean heldBy(VerifyText target) {
        return words.heldBy(target.words);
    }

    /** How many of {@code texts} hold this one. */
    int count(List<VerifyText> texts) {
        int n = 0;
        for (VerifyText t : texts) if (heldBy(t)) n++;
        return n;
    }

    /**
     * The marker lines the sinks write, under the text policy, for an attachment a call cannot carry ("[Attachment not
     * carried over: a.pdf, 12 bytes (…)]", "[Attachment not transferred: a.pdf]", SuperOffice's list of names).
     */
    private static final java.util.regex.Pattern UNCARRIED =
            java.util.regex.Pattern.compile("\\[Attachment not (?:carried over|transferred)[^:\\]]*: ([^\\]]*)\\]");

    /** How many of the target's marker lines name {@code fileName}: attachments written as a line instead of a file. */
    static int uncarried(List<Message> target, String fileName) {
        int n = 0;
        for (Message m : target) {
            java.util.regex.Matcher x = UNCARRIED.matcher(m.body() == null ? "" : m.body());
            while (x.find()) {
                for (String name : x.group(1).split(", ")) {
                    if (name.strip().equals(fileName)) n++;
                }
            }
        }
        return n;
    }

    /** The first words, for the gap list. */
    String excerpt() {
        return excerpt;
    }

    private static String excerpt(Message m) {
        String body = m.body() == null ? "" : m.bodyFormat() == io.ticketbridge.canonical.BodyFormat.HTML
                ? HtmlText.toText(m.body(), HtmlText.Style.PLAIN) : m.body();
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.length() <= 60 ? flat : flat.substring(0, 60) + "…";
    }
}
