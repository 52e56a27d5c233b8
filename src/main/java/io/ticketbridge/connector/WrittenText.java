package io.ticketbridge.connector;

import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a text a sink wrote when it reads the target back: a message as the target holds it is the words
 * that were sent, give or take what the target or the sink added around them (marker lines, HTML turned to text,
 * list bullets, Markdown). So a written text is its set of words, and a target text "holds" it when nearly all
 * of those words are in it. The test is one-sided on purpose; reconciliation compares counts ({@link #count}),
 * so a short text that also appears inside a longer one is not taken for a new copy.
 */
public final class WrittenText {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    /** Share of the written words the target text must contain. */
    private static final double HELD = 0.8;

    private final Set<String> words;

    private WrittenText(Set<String> words) {
        this.words = words;
    }

    public static WrittenText of(String text, BodyFormat format) {
        String plain = text == null ? "" : format == BodyFormat.HTML ? HtmlText.toText(text, HtmlText.Style.PLAIN) : text;
        String folded = Normalizer.normalize(plain, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(folded);
        while (m.find()) out.add(m.group());
        return new WrittenText(out);
    }

    public static WrittenText of(Message m) {
        return of(m.body(), m.bodyFormat());
    }

    /** Whether {@code target} holds this text (an empty text is held by an empty one only). */
    public boolean heldBy(WrittenText target) {
        if (words.isEmpty()) return target.words.isEmpty();
        int found = 0;
        for (String w : words) if (target.words.contains(w)) found++;
        return found >= Math.ceil(words.size() * HELD);
    }

    /** Same words both ways: for subjects, which targets keep as sent. */
    public boolean sameAs(WrittenText other) {
        return words.equals(other.words);
    }

    /** How many of {@code texts} hold this one. */
    public int count(List<WrittenText> texts) {
        int n = 0;
        for (WrittenText t : texts) if (heldBy(t)) n++;
        return n;
    }

    /** The texts of {@code messages}, in order. */
    public static List<WrittenText> all(List<Message> messages) {
        List<WrittenText> out = new ArrayList<>();
        for (Message m : messages) out.add(of(m));
        return out;
    }
}
