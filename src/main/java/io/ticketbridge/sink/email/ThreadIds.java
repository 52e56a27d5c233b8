package io.ticketbridge.sink.email;

import io.ticketbridge.canonical.SourceRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The Message-IDs of one ticket's mails, derived from the ticket and message ids alone, so a mail sent again
 * after a crash carries the same Message-ID as the first copy (duplicates are recognisable) and every mail of a
 * ticket can name the same thread root:
 * <ul>
 *   <li>the thread root (the ticket's first mail): {@code <ticketId.system.ticketbridge@domain>};</li>
 *   <li>a mail for one message: {@code <messageId.ticketId.system.ticketbridge@domain>};</li>
 *   <li>a digest: {@code <hash.ticketId.system.digest.ticketbridge@domain>}, the hash over what it reports.</li>
 * </ul>
 * Each id part is encoded to letters, digits and {@code -} ({@code =HH} for every other UTF-8 byte), so the parts
 * never contain the dots between them and the three shapes cannot collide.
 */
final class ThreadIds {
    private final String domain;

    /** {@code domain}: the right-hand side of every id (the sender's domain). */
    ThreadIds(String domain) {
        this.domain = domain;
    }

    String root(SourceRef ticket) {
        return "<" + encode(ticket.ticketId()) + "." + encode(ticket.system()) + ".ticketbridge@" + domain + ">";
    }

    String message(SourceRef ticket, String messageId) {
        return "<" + encode(messageId) + "." + encode(ticket.ticketId()) + "." + encode(ticket.system()) + ".ticketbridge@"
                + domain + ">";
    }

    /** A digest's id: the same for the same report of the same ticket version, another for any other. */
    String digest(SourceRef ticket, List<String> messageIds, String previousStatus, String status, String version) {
        String what = String.join("\n", messageIds) + "\n\n" + previousStatus + "\n" + status + "\n" + version;
        return "<" + sha256(what).substring(0, 16) + "." + encode(ticket.ticketId()) + "." + encode(ticket.system())
                + ".digest.ticketbridge@" + domain + ">";
    }

    static String encode(String part) {
        StringBuilder sb = new StringBuilder();
        for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-')) sb.append(c);
            else sb.append('=').append(HexFormat.of().withUpperCase().toHexDigits(b));
        }
        return sb.toString();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every JVM has SHA-256
        }
    }
}
