package io.ticketbridge.vendor.plusofon;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTML → readable plain text, for a target whose posts are text only. Keeps what a reader needs: paragraphs and
 * line breaks, list items as "- ", link targets in parentheses when they differ from the link text, entities
 * decoded; drops scripts, styles, comments and every other tag. Not a renderer: tables become one cell per line.
 */
final class HtmlText {
    private static final Pattern DROP = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern LINK = Pattern.compile("(?is)<a\\b[^>]*?href\\s*=\\s*([\"'])(.*?)\\1[^>]*>(.*?)</a\\s*>");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern ITEM = Pattern.compile("(?i)<li\\b[^>]*>");
    private static final Pattern BLOCK_END = Pattern.compile(
            "(?i)</(p|div|h[1-6]|ul|ol|table|blockquote|pre)\\s*>|<(p|div|h[1-6]|ul|ol|table|blockquote|pre|hr)\\b[^>]*>");
    private static final Pattern LINE_END = Pattern.compile("(?i)</(tr|dt|dd)\\s*>");
    private static final Pattern CELL_END = Pattern.compile("(?i)</(td|th)\\s*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");

    private HtmlText() {
    }

    static String toText(String html) {
        if (html == null || html.isEmpty()) return "";
        String s = DROP.matcher(html).replaceAll("");
        s = s.replaceAll("\\s+", " "); // HTML whitespace is not layout
        s = replace(LINK, s, m -> {
            String href = m.group(2).strip();
            String text = m.group(3);
            String plain = TAG.matcher(text).replaceAll("").strip();
            return plain.isEmpty() ? href : plain.equals(href) || href.equals("mailto:" + plain) ? text : text + " (" + href + ")";
        });
        s = BREAK.matcher(s).replaceAll("\n");
        s = ITEM.matcher(s).replaceAll("\n- ");
        s = LINE_END.matcher(s).replaceAll("\n");
        s = CELL_END.matcher(s).replaceAll(" | ");
        s = BLOCK_END.matcher(s).replaceAll("\n\n");
        s = TAG.matcher(s).replaceAll("");
        s = replace(ENTITY, s, m -> decode(m.group(1), m.group()));
        StringBuilder out = new StringBuilder();
        for (String line : s.split("\n", -1)) out.append(line.replace('\u00a0', ' ').strip().replaceAll("\\s*\\|$", "")).append('\n'); // a row's last cell
        return out.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String decode(String name, String whole) {
        try {
            if (name.startsWith("#x") || name.startsWith("#X")) return Character.toString(Integer.parseInt(name.substring(2), 16));
            if (name.startsWith("#")) return Character.toString(Integer.parseInt(name.substring(1)));
        } catch (IllegalArgumentException e) {
            return whole;
        }
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> "\u00a0";
            case "laquo" -> "«";
            case "raquo" -> "»";
            case "ndash" -> "–";
            case "mdash" -> "—";
            case "hellip" -> "…";
            case "euro" -> "€";
            case "copy" -> "©";
            default -> whole;
        };
    }

    private static String replace(Pattern p, String s, java.util.function.Function<Matcher, String> f) {
        Matcher m = p.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) m.appendReplacement(sb, Matcher.quoteReplacement(f.apply(m)));
        m.appendTail(sb);
        return sb.toString();
    }
}
