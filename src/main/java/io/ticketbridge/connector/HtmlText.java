package io.ticketbridge.connector;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML → readable text, for targets whose posts are text only (Keliweb, Plusofon). Block elements become line
 * breaks, list items "- " lines, links keep their address when it differs from the link text, entities are
 * decoded; scripts, styles, comments and every other tag are dropped (their text kept). Not a full HTML parser:
 * it reads the markup helpdesks produce and never fails on markup it does not know. Where the targets want the
 * text laid out differently, {@link Style} says how — one converter, not one per vendor.
 */
public final class HtmlText {
    private static final Pattern DROPPED = Pattern.compile("(?is)<!--.*?-->|<(script|style|head)\\b[^>]*>.*?</\\1\\s*>");
    private static final Pattern HREF = Pattern.compile("(?i)\\bhref\\s*=\\s*(\"([^\"]*)\"|'([^']*)'|([^\\s>]+))");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    /** A row's last " | " (rows layout): the separator is written after every cell. */
    private static final Pattern TRAILING_BAR = Pattern.compile("(?m)[ \\t]*\\|[ \\t]*$");

    /**
     * The layout choices the targets differ in (each sink keeps the layout its users have been getting).
     *
     * @param markdown      emphasis, headings and links as Markdown (Keliweb's {@code markdown=true}); else plain
     * @param keepPre       {@code <pre>} keeps its spaces and line breaks; else its whitespace collapses like any other
     * @param tableRows     one table row per line with cells joined by " | ", and {@code lineTags} break after the
     *                      element only; else cells are separated by a space and {@code lineTags} break before and after
     * @param paragraphTags elements that start and end a paragraph (an empty line)
     * @param lineTags      elements that end a line ({@code <br>} always does, {@code <li>} always starts "- ")
     */
    public record Style(boolean markdown, boolean keepPre, boolean tableRows, Set<String> paragraphTags, Set<String> lineTags) {
        private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

        /** Keliweb's layout: HTML5 sections are paragraphs too, {@code <pre>} is kept, table cells are spaced. */
        public static final Style PLAIN = new Style(false, true, false, union(HEADINGS, Set.of("p", "div", "table", "blockquote",
                "ul", "ol", "section", "article", "header", "footer", "pre")), Set.of("tr", "hr"));
        /** Plusofon's layout: one table row per line ("Port | 22"), definition terms on their own lines. */
        public static final Style TABLE_ROWS = new Style(false, false, true, union(HEADINGS, Set.of("p", "div", "ul", "ol",
                "table", "blockquote", "pre", "hr")), Set.of("tr", "dt", "dd"));

        public Style {
            paragraphTags = Set.copyOf(paragraphTags);
            lineTags = Set.copyOf(lineTags);
        }

        public Style withMarkdown(boolean on) {
            return new Style(on, keepPre, tableRows, paragraphTags, lineTags);
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> all = new java.util.HashSet<>(a);
            all.addAll(b);
            return all;
        }
    }

    private HtmlText() {
    }

    public static String toText(String html, Style style) {
        if (html == null || html.isEmpty()) return "";
        boolean markdown = style.markdown();
        String src = mayHoldDropped(html) ? DROPPED.matcher(html).replaceAll("") : html;
        StringBuilder out = new StringBuilder();
        int pre = 0;
        String href = null;
        int linkStart = -1;
        for (int i = 0; i < src.length(); ) {
            Tag t = src.charAt(i) == '<' ? Tag.at(src, i) : null;
            if (t == null) { // text up to the next '<', or a '<' that opens no tag
                int end = src.charAt(i) == '<' ? i + 1 : src.indexOf('<', i);
                if (end < 0) end = src.length();
                String text = decode(src.substring(i, end));
                if (pre > 0) out.append(text);
                else appendCollapsed(out, text);
                i = end;
                continue;
            }
            i = t.end();
            boolean close = t.close();
            String tag = t.name().toLowerCase(Locale.ROOT);
            if (style.paragraphTags().contains(tag)) out.append("\n\n");
            else if (style.lineTags().contains(tag) && (close || !style.tableRows())) out.append('\n');
            switch (tag) {
                case "br" -> out.append('\n');
                case "td", "th" -> {
                    if (style.tableRows() && close) out.append(" | ");
                    else if (!style.tableRows() && !close) out.append(' ');
                }
                case "li" -> { if (!close) out.append("\n- "); }
                case "pre" -> { if (style.keepPre()) pre += close ? (pre > 0 ? -1 : 0) : 1; }
                case "h1", "h2", "h3", "h4", "h5", "h6" -> {
                    if (!close && markdown) out.append("#".repeat(tag.charAt(1) - '0')).append(' ');
                }
                case "b", "strong" -> { if (markdown) out.append("**"); }
                case "i", "em" -> { if (markdown) out.append('_'); }
                case "a" -> {
                    if (!close) {
                        Matcher h = HREF.matcher(t.attributes());
                        href = h.find() ? decode(first(h.group(2), h.group(3), h.group(4))).strip() : null;
                        linkStart = out.length();
                        if (markdown && href != null) out.append('[');
                    } else if (href != null && linkStart >= 0) {
                        String text = out.substring(linkStart + (markdown ? 1 : 0)).strip();
                        if (markdown) out.append("](").append(href).append(')');
                        else if (text.isEmpty()) out.append(href); // a link with no text (an image, say) is its address
                        else if (!text.equals(href) && !("mailto:" + text).equals(href)) out.append(" (").append(href).append(')');
                        href = null;
                        linkStart = -1;
                    }
                }
                default -> { } // unknown or inline tag: its text is kept
            }
        }
        return tidy(out.toString(), style.tableRows());
    }

    /**
     * A tag as the markup writes it: {@code <}, an optional {@code /}, a name (a letter, then letters and digits),
     * attributes (quoted values may hold {@code >}), {@code >}. {@code end} is the index after it.
     */
    private record Tag(boolean close, String name, String attributes, int end) {
        /** The tag opening at {@code src[lt] == '<'}; null when none does (no name, an unclosed quote, no {@code >}). */
        static Tag at(String src, int lt) {
            int i = lt + 1;
            boolean close = i < src.length() && src.charAt(i) == '/';
            if (close) i++;
            int nameStart = i;
            if (i >= src.length() || !asciiLetter(src.charAt(i))) return null;
            while (i < src.length() && (asciiLetter(src.charAt(i)) || (src.charAt(i) >= '0' && src.charAt(i) <= '9'))) i++;
            int nameEnd = i;
            while (i < src.length()) {
                char c = src.charAt(i);
                if (c == '>') return new Tag(close, src.substring(nameStart, nameEnd), src.substring(nameEnd, i), i + 1);
                if (c == '"' || c == '\'') {
                    int q = src.indexOf(c, i + 1);
                    if (q < 0) return null;
                    i = q + 1;
                } else {
                    i++;
                }
            }
            return null;
        }

        private static boolean asciiLetter(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
    }

    /** Whether {@link #DROPPED} can match: a comment, script, style or head opens somewhere (most bodies have none). */
    private static boolean mayHoldDropped(String html) {
        for (int i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
            if (html.startsWith("!--", i + 1) || html.regionMatches(true, i + 1, "script", 0, 6)
                    || html.regionMatches(true, i + 1, "style", 0, 5) || html.regionMatches(true, i + 1, "head", 0, 4)) {
                return true;
            }
        }
        return false;
    }

    /** {@code text} with every run of whitespace (regex {@code \\s}: space, tab, line breaks, form feeds) as one space. */
    private static void appendCollapsed(StringBuilder out, String text) {
        boolean inRun = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
            if (!space) out.append(c);
            else if (!inRun) out.append(' ');
            inRun = space;
        }
    }

    /**
     * Trailing spaces and tabs off every line but the last, leading ones off every line but the first, "-   item" as
     * "- item" on those, a row's last " | " off (rows layout), at most one empty line in a row, no blank edges. One
     * pass over the lines instead of a regex pass per rule.
     */
    private static String tidy(String s, boolean tableRows) {
        String t = s.replace('\u00a0', ' ');
        StringBuilder out = new StringBuilder(t.length());
        for (int start = 0; start <= t.length(); ) {
            int end = t.indexOf('\n', start);
            boolean last = end < 0;
            if (last) end = t.length();
            int from = start, to = end;
            if (!last) while (to > from && blank(t.charAt(to - 1))) to--;
            if (start > 0) while (from < to && blank(t.charAt(from))) from++;
            if (start > 0 && to - from >= 2 && t.charAt(from) == '-' && t.charAt(from + 1) == ' ') {
                out.append("- ");
                for (from += 2; from < to && t.charAt(from) == ' '; ) from++;
            }
            out.append(t, from, to);
            if (last) break;
            out.append('\n');
            start = end + 1;
        }
        String u = tableRows ? TRAILING_BAR.matcher(out).replaceAll("") : out.toString();
        StringBuilder lines = new StringBuilder(u.length());
        int breaks = 0;
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            breaks = c == '\n' ? breaks + 1 : 0;
            if (breaks <= 2) lines.append(c);
        }
        return lines.toString().strip();
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String first(String... values) {
        for (String v : values) if (v != null) return v;
        return "";
    }

    /** Numeric and the common named character references; anything else stays as written. */
    private static String decode(String s) {
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
