package io.ticketbridge.sink.email;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Party;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.connector.HtmlText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a mail template sees: plain maps, lists, strings and booleans only (no Java object, so a template can call
 * nothing), every absent value an empty string. The names are the documented template variables (README, "The
 * e-mail sink"). Bodies are given as plain text — HTML bodies converted — and the HTML template escapes them: no
 * markup from a ticket ever reaches a mail as markup.
 */
final class MailModel {
    private static final Map<String, String> VENDOR_NAMES = Map.of("thulium", "Thulium", "plusofon", "Plusofon",
            "keliweb", "Keliweb", "superoffice", "SuperOffice");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    private MailModel() {
    }

    /** {@code [<vendor> #<number>] <subject>}, on one line. */
    static String subject(Ticket t) {
        String number = t.source().ticketNumber() != null && !t.source().ticketNumber().isBlank()
                ? t.source().ticketNumber() : t.source().ticketId();
        String subject = t.subject() == null || t.subject().isBlank() ? "(no subject)" : t.subject();
        return oneLine("[" + vendorName(t.source().system()) + " #" + number + "] " + subject);
    }

    static String vendorName(String system) {
        String known = VENDOR_NAMES.get(system);
        return known != null ? known : system.substring(0, 1).toUpperCase(Locale.ROOT) + system.substring(1);
    }

    /** Control characters (CR and LF among them) become spaces: a ticket field can never add a mail header. */
    static String oneLine(String s) {
        return s.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }

    static Map<String, Object> of(OutgoingMail mail, ZoneId zone) {
        Ticket t = mail.ticket();
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("system", t.source().system());
        ticket.put("vendor", vendorName(t.source().system()));
        ticket.put("id", t.source().ticketId());
        ticket.put("number", t.source().ticketNumber() != null ? t.source().ticketNumber() : t.source().ticketId());
        ticket.put("subject", text(t.subject()));
        ticket.put("status", t.status() == null ? "" : t.status().name());
        ticket.put("priority", t.priority() == null ? "" : t.priority().name());
        ticket.put("requester", party(t.requester()));
        ticket.put("assignee", party(t.assignee()));
        ticket.put("queue", text(t.queue()));
        ticket.put("tags", t.tags());
        ticket.put("createdAt", time(t.createdAt(), zone));
        ticket.put("updatedAt", time(t.updatedAt(), zone));

        Set<String> fresh = new java.util.HashSet<>();
        mail.newMessages().forEach(m -> fresh.add(m.id()));
        List<Map<String, Object>> thread = new ArrayList<>();
        List<Map<String, Object>> newMessages = new ArrayList<>();
        List<Map<String, Object>> earlier = new ArrayList<>();
        for (Message m : mail.thread()) {
            Map<String, Object> message = message(m, fresh.contains(m.id()), zone);
            thread.add(message);
            (fresh.contains(m.id()) ? newMessages : earlier).add(message);
        }

        Map<String, Object> model = new LinkedHashMap<>();
        model.put("subject", subject(t));
        model.put("mode", mail.mode().name().toLowerCase(Locale.ROOT));
        model.put("ticket", ticket);
        model.put("thread", thread);
        model.put("newMessages", newMessages);
        model.put("earlier", earlier);
        model.put("statusChanged", mail.statusChanged());
        model.put("previousStatus", text(mail.previousStatus()));
        return model;
    }

    private static Map<String, Object> message(Message m, boolean isNew, ZoneId zone) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", m.id());
        message.put("kind", m.kind().name());
        message.put("kindLabel", switch (m.kind()) {
            case CUSTOMER -> "Customer message";
            case AGENT -> "Agent reply";
            case NOTE -> "Internal note";
            case SYSTEM -> "System event";
        });
        message.put("author", party(m.author()));
        message.put("createdAt", time(m.createdAt(), zone));
        message.put("text", m.bodyFormat() == BodyFormat.HTML ? HtmlText.toText(m.body(), HtmlText.Style.PLAIN) : m.body().strip());
        message.put("isNew", isNew);
        List<Map<String, Object>> attachments = new ArrayList<>();
        for (Attachment a : m.attachments()) {
            Map<String, Object> att = new LinkedHashMap<>();
            att.put("fileName", MimeMails.fileName(a, attachments.size() + 1));
            att.put("contentType", text(a.contentType()));
            Long bytes = a.size() != null ? a.size() : a.content() != null ? Long.valueOf(a.content().length) : null;
            att.put("size", bytes == null ? "" : size(bytes));
            att.put("attached", isNew && MimeMails.attaches(a)); // the mail carries the new messages' files
            attachments.add(att);
        }
        message.put("attachments", attachments);
        return message;
    }

    /** name, email, login and "display" ("Anna Nowak <anna@x.pl>"); all empty for nobody. */
    private static Map<String, Object> party(Party p) {
        Map<String, Object> party = new LinkedHashMap<>();
        party.put("name", p == null ? "" : text(p.name()));
        party.put("email", p == null ? "" : text(p.email()));
        party.put("login", p == null ? "" : text(p.login()));
        String display = p == null ? "" : p.name() != null && p.email() != null ? p.name() + " <" + p.email() + ">"
                : p.name() != null ? p.name() : p.email() != null ? p.email() : text(p.login());
        party.put("display", display);
        return party;
    }

    private static String time(Instant i, ZoneId zone) {
        return i == null ? "" : TIME.format(i.atZone(zone));
    }

    private static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
