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
        String text = TAG.matcher(body == null ? "" : body.replaceAll("(?i)<br\\s*/?>|</p>|</li>|</div>", "\n")).replaceAll(" ");
        text = text.replace("&nbsp;", " ").replace("&mdash;", "—").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
        text = LEADING_MARKERS.matcher(text).replaceFirst("");
        return text.replaceAll("\\s+", " ").strip();
    }

    /** Texts of the messages that carry conversation, oldest first. */
    static List<String> texts(Ticket t, Set<String> excludedIds) {
        List<String> out = new ArrayList<>();
        for (Message m : t.messages()) {
            if (m.kind() == MessageKind.SYSTEM || excludedIds.contains(m.id())) continue;
            out.add(normalize(m.body()));
        }
        return out;
    }

    /** "name sha256" per attachment, in message order. */
    static List<String> attachments(Ticket t, Set<String> excludedIds) {
        List<String> out = new ArrayList<>();
        for (Message m : t.messages()) {
            if (m.kind() == MessageKind.SYSTEM || excludedIds.contains(m.id())) continue;
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
