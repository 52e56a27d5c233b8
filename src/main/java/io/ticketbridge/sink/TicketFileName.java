package io.ticketbridge.sink;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * File and folder names built from ticket data (vendor id, ticket id) that stay inside the output folder and never
 * collide: letters, digits, {@code _} and {@code -} are kept, every other byte of the UTF-8 form is written as
 * {@code %XX} ({@code %} itself too), so {@code ../x}, {@code /etc/passwd} or {@code C:\x} become one plain name and
 * two different ids always give two different names (the encoding can be undone). Windows device names (CON, NUL,
 * COM1, …) get their first letter encoded. What no name can hold is refused with the reason: an empty id, control
 * characters (NUL included), broken UTF-16, or an id too long for a file name once encoded.
 */
public final class TicketFileName {
    /** Longest encoded name: 255-byte file names minus room for the temporary name's prefix and suffix. */
    public static final int MAX_LENGTH = 200;
    private static final Pattern WINDOWS_DEVICE = Pattern.compile("(?i)(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])");
    private static final Pattern SYSTEM = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private TicketFileName() {
    }

    /** A ticket id (or any text) that cannot be a file name, with the reason. */
    public static final class RejectedNameException extends IllegalArgumentException {
        RejectedNameException(String message) {
            super(message);
        }
    }

    /** The folder for a vendor id: the canonical schema's {@code ^[a-z][a-z0-9-]*$}, up to 64 characters. */
    public static String forSystem(String system) {
        if (system == null || !SYSTEM.matcher(system).matches()) {
            throw new RejectedNameException("source.system " + printable(system)
                    + " is not a vendor id (lower-case letters, digits and '-', starting with a letter, at most 64)");
        }
        return encode(system);
    }

    /** The file name (without extension) for a ticket id. */
    public static String forTicketId(String ticketId) {
        if (ticketId == null || ticketId.isEmpty()) throw new RejectedNameException("source.ticketId is empty");
        for (int i = 0; i < ticketId.length(); i++) {
            char c = ticketId.charAt(i);
            if (Character.isISOControl(c)) {
                throw new RejectedNameException("source.ticketId " + printable(ticketId) + " holds a control character ("
                        + String.format("U+%04X", (int) c) + " at index " + i + ")");
            }
            if (Character.isHighSurrogate(c) && i + 1 < ticketId.length() && Character.isLowSurrogate(ticketId.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new RejectedNameException("source.ticketId " + printable(ticketId) + " holds an unpaired surrogate at index " + i);
            }
        }
        String name = encode(ticketId);
        if (name.length() > MAX_LENGTH) {
            throw new RejectedNameException("source.ticketId is too long for a file name: " + ticketId.length()
                    + " characters, " + name.length() + " once encoded (at most " + MAX_LENGTH + ")");
        }
        return name;
    }

    /** The text {@link #encode} was given. */
    public static String decode(String name) {
        byte[] out = new byte[name.length()];
        int n = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '%' && i + 2 < name.length()) {
                out[n++] = (byte) Integer.parseInt(name.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                out[n++] = (byte) c;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    static String encode(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '-')) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        if (WINDOWS_DEVICE.matcher(sb).matches()) {
            char first = sb.charAt(0);
            sb.replace(0, 1, "%" + HEX[first >> 4] + HEX[first & 0xf]);
        }
        return sb.toString();
    }

    /** The text for an error line: quoted, control characters and the like as {@code \\uXXXX}, cut at 80. */
    public static String printable(String text) {
        if (text == null) return "null";
        StringBuilder sb = new StringBuilder("'");
        int end = Math.min(text.length(), 80);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                sb.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > end) sb.append("…");
        return sb.append('\'').toString();
    }
}
