package io.ticketbridge.flow;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Ticket;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What "the same ticket" means across vendors: message texts without markup and markers, attachment names + bytes. */
final class TicketText {
    private static final Pattern TAG = Pattern.compile("<[^>]+>");
    /** Marker lines a sink prepends for what the target cannot hold ("[Internal note by …]", "[Requester: …]"). */
    private static final Pattern LEADING_MARKERS = Pattern.compile("^(\\s*\\[[^\\]\\n]{1,300}\\]\\s*)+");

    private TicketText() {
    }

    static String normalize(String body) {
        // block tags end a line, inline tags (<b>, <i>, <a>) vanish: "fino a <i>24 ore</i>." reads "fino a 24 ore."
        String text = TAG.matcher(body == null ? "" : body.replaceAll("(?i)<br\\s*/?>|</?p>|</?li>|</?div>|</?ul>|</?ol>", "\n")).replaceAll("");
        text = text.replace("&nbsp;", " ").replace("&mdash;", "—").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        text = LEADING_MARKERS.matcher(text).replaceFirst("");
        // text-only targets keep a link's address after its text: "try again (https://…)"
        text = text.replaceAll("\\s*\\(https?://[^)\\s]+\\)", "");
        // and write list items as "- item"
        text = text.replaceAll("(?m)^[ \\t]*[-*•][ \\t]+", "");
        return text.replaceAll("\\s+", " ").strip();
    }

    /**
     * The Thulium sink's documented opening comment: metadata Thulium has no field for (priority, source ticket,
     * assignee...), written as one internal comment on create. Not a message of the source thread.
     */
    private static final String THULIUM_IMPORT_COMMENT = "Imported by TicketBridge from ";

    /**
     * Texts of a ticket's messages, oldest first. For an original: every message the sink did not skip. For a copy
     * read back from a target ({@code skipped} empty): without SYSTEM messages, which there are the target's own
     * (status-change logs); system events the sink wrote arrive as marked notes or replies.
     */
    static List<String> original(Ticket t, Set<String> skipped) {
        return texts(t, skipped, false);
    }

    static List<String> copy(Ticket t) {
        return texts(t, Set.of(), true);
    }

    private static List<String> texts(Ticket t, Set<String> skipped, boolean copy) {
        List<String> out = new ArrayList<>();
        for (Message m : t.messages()) {
            if ((copy && m.kind() == MessageKind.SYSTEM) || skipped.contains(m.id())) continue;
            String text = normalize(m.body());
            if (t.source().system().equals("thulium") && m.kind() == MessageKind.NOTE && text.startsWith(THULIUM_IMPORT_COMMENT)) {
                continue;
            }
            out.add(text);
        }
        return out;
    }

    /** "name sha256" per attachment, in message order (same selection as {@link #texts}). */
    static List<String> attachments(Ticket t, Set<String> skipped, boolean copy) {
        List<String> out = new ArrayList<>();
        for (Message m : t.messages()) {
            if ((copy && m.kind() == MessageKind.SYSTEM) || skipped.contains(m.id())) continue;
            for (Attachment a : m.attachments()) out.add(a.fileName() + " " + sha(a.content()));
        }
        return out;
    }

    private static String sha(byte[] bytes) {
        if (bytes == null) return "(no bytes)";
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
