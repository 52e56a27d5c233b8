package io.ticketbridge.vendor.keliweb;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML → readable text for Keliweb, whose ticket bodies are plain text (WHMCS shows them escaped, with optional
 * Markdown rendering). Block elements become line breaks, list items "- " lines, links keep their address,
 * entities are decoded; scripts, styles and comments are dropped. With {@code markdown} emphasis, headings and
 * links are written as Markdown instead (for WHMCS's {@code markdown=true}). Not a full HTML parser: it reads
 * the markup helpdesks produce, and never fails on markup it does not know (the tag is dropped, its text kept).
 */
final class HtmlText {
    private static final Pattern DROPPED = Pattern.compile("(?is)<!--.*?-->|<(script|style|head)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern TOKEN = Pattern.compile("(?s)<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>|[^<]+|<");
    private static final Pattern HREF = Pattern.compile("(?i)\\bhref\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

    private HtmlText() {
    }

    static String convert(String html, boolean markdown) {
        if (html == null || html.isEmpty()) return "";
        String src = DROPPED.matcher(html).replaceAll("");
        StringBuilder out = new StringBuilder();
        int pre = 0;
        String href = null;
        int linkStart = -1;
        Matcher m = TOKEN.matcher(src);
        while (m.find()) {
            if (m.group(2) == null) { // text (or a stray '<')
                String text = decode(m.group());
                out.append(pre > 0 ? text : text.replaceAll("\\s+", " "));
                continue;
            }
            boolean close = !m.group(1).isEmpty();
            String tag = m.group(2).toLowerCase(Locale.ROOT);
            switch (tag) {
                case "br" -> out.append('\n');
                case "p", "div", "table", "blockquote", "ul", "ol", "section", "article", "header", "footer" -> out.append("\n\n");
                case "tr", "hr" -> out.append('\n');
                case "td", "th" -> { if (!close) out.append(' '); }
                case "li" -> { if (!close) out.append("\n- "); }
                case "pre" -> { out.append("\n\n"); pre += close ? (pre > 0 ? -1 : 0) : 1; }
                case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                    out.append("\n\n");
                    if (!close && markdown) out.append("#".repeat(tag.charAt(1) - '0')).append(' ');
                }
                case "b", "strong" -> { if (markdown) out.append("**"); }
                case "i", "em" -> { if (markdown) out.append('_'); }
                case "a" -> {
                    if (!close) {
                        Matcher h = HREF.matcher(m.group(3));
                        href = h.find() ? decode(first(h.group(2), h.group(3), h.group(4))).strip() : null;
                        linkStart = out.length();
                        if (markdown && href != null) out.append('[');
                    } else if (href != null && linkStart >= 0) {
                        String text = out.substring(linkStart + (markdown ? 1 : 0)).strip();
                        if (markdown) out.append("](").append(href).append(')');
                        else if (!text.equals(href) && !("mailto:" + text).equals(href)) out.append(" (").append(href).append(')');
                        href = null;
                        linkStart = -1;
                    }
                }
                default -> { } // unknown or inline tag: its text is kept
            }
        }
        return tidy(out.toString());
    }

    /** Trailing spaces off every line, at most one empty line in a row, no blank edges. */
    private static String tidy(String s) {
        String t = s.replace("\u00a0", " ").replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n[ \\t]+", "\n")
                .replaceAll("\\n- +", "\n- ")
                .replaceAll("\\n{3,}", "\n\n");
        return t.strip();
    }

    private static String first(String... values) {
        for (String v : values) if (v != null) return v;
        return "";
    }

    static String decode(String s) {
        if (s.indexOf('&') < 0) return s;
        Matcher m = ENTITY.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String r;
            if (e.charAt(0) == '#') {
                int cp = e.length() > 1 && (e.charAt(1) == 'x' || e.charAt(1) == 'X')
                        ? Integer.parseInt(e.substring(2), 16) : Integer.parseInt(e.substring(1));
                r = Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : m.group();
            } else {
                r = switch (e) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    case "nbsp" -> "\u00a0";
                    case "euro" -> "€";
                    case "hellip" -> "…";
                    case "ndash" -> "–";
                    case "mdash" -> "—";
                    case "laquo" -> "«";
                    case "raquo" -> "»";
                    case "copy" -> "©";
                    default -> m.group();
                };
            }
            m.appendReplacement(b, Matcher.quoteReplacement(r));
        }
        m.appendTail(b);
        return b.toString();
    }
}
