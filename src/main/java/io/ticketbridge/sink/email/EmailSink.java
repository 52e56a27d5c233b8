package io.ticketbridge.sink.email;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.SourceRef;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.component.HelpdeskComponent;
import io.ticketbridge.routing.KameletRoutes;
import io.ticketbridge.state.StateStore;
import io.ticketbridge.state.StateStore.MessageMapping;
import io.ticketbridge.state.StateStore.Outcome;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.ExchangeHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code ticket-email-sink} Kamelet's bean: turns a canonical ticket into the mails it still owes, and keeps the
 * ledger that makes each message mailed once, across restarts. The Kamelet calls, per ticket, {@link #plan} (the
 * mails not sent yet), and per mail {@link #announce} (the intent, then the MIME message), camel-mail's
 * {@code smtp(s)://} endpoint, and {@link #confirm} (the ledger).
 * <ul>
 *   <li>{@code mode=message} (default): one mail per new message of the configured {@code kinds}, showing the thread
 *       up to it and carrying its files;</li>
 *   <li>{@code mode=ticket}: one digest per ticket that has new messages or a new status, showing the whole thread
 *       with the new messages marked.</li>
 * </ul>
 * A message of another kind is recorded as skipped and never mailed later. The ledger is the state store's message
 * map under {@code stateKey} (default {@code email@<route id>}): message → the Message-ID that carried it.
 *
 * <p>SMTP has no way to ask a server what it received, so a mail whose sending was interrupted (the JVM killed
 * after the server's 250 and before the ledger write) cannot be settled by reading back as the vendor sinks do:
 * it is sent again, once, with the same Message-ID, so the copy is recognisable as a duplicate (and dropped by mail
 * stores that deduplicate on Message-ID). The intent recorded before sending makes that case visible in the log.
 */
public class EmailSink {
    private static final Logger LOG = LoggerFactory.getLogger(EmailSink.class);
    /** The exchange property carrying the mail between {@link #announce} and {@link #confirm}. */
    static final String MAIL = "TicketBridgeOutgoingMail";

    /** What one mail reports. */
    public enum Mode { MESSAGE, TICKET }

    private InternetAddress from;
    private InternetAddress[] to;
    private String template = MailTemplates.DEFAULT_HTML;
    private String textTemplate = MailTemplates.DEFAULT_TEXT;
    private Mode mode = Mode.MESSAGE;
    private Set<MessageKind> kinds = EnumSet.of(MessageKind.CUSTOMER, MessageKind.AGENT);
    private ZoneId timeZone = ZoneId.of("UTC");
    private String stateKey = "";
    private volatile StateStore store;
    private volatile MailTemplates templates;
    private volatile ThreadIds ids;

    /** Checks the configuration and loads the templates: a mistake fails the route's start, naming the property. */
    public void init() {
        if (from == null) throw new IllegalArgumentException("ticket-email-sink: from is required (the sender's address)");
        if (to == null) throw new IllegalArgumentException("ticket-email-sink: to is required (one or more addresses)");
        templates();
    }

    // ---- the Kamelet's steps ----

    /** Body: a canonical ticket (object or JSON) → the mails it still owes, oldest first (maybe none). */
    public List<OutgoingMail> plan(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        Ticket ticket = body instanceof Ticket t ? t : TicketJson.read(exchange.getIn().getBody(String.class));
        return plan(store(exchange.getContext()), ledgerKey(exchange), ticket);
    }

    /** Body: one planned mail → its MIME message, after recording the intent to send it. */
    public void announce(Exchange exchange) throws MessagingException {
        OutgoingMail mail = exchange.getIn().getBody(OutgoingMail.class);
        var message = MimeMails.build(mail, from, to, templates().render(MailModel.of(mail, timeZone)));
        StateStore s = store(exchange.getContext());
        SourceRef src = mail.ticket().source();
        Map<String, Instant> pending = s.intents(mail.ledgerKey(), src.system(), src.ticketId());
        List<String> steps = mail.steps();
        List<String> inDoubt = steps.stream().filter(pending::containsKey).toList();
        if (!inDoubt.isEmpty()) {
            LOG.warn("ticket-email-sink: {} ticket {}: an earlier attempt to send mail {} was interrupted and may have "
                    + "reached the SMTP server (no way to ask it): sending it again with the same Message-ID",
                    src.system(), src.ticketId(), mail.messageId());
        }
        for (String step : steps) {
            if (!pending.containsKey(step)) s.recordIntent(mail.ledgerKey(), src.system(), src.ticketId(), step);
        }
        exchange.setProperty(MAIL, mail);
        exchange.getIn().setBody(message);
    }

    /**
     * The SMTP step failed: when the failure shows the server cannot have taken the mail (no connection, login
     * refused, every recipient refused), the intent goes, so the next attempt is not reported as in doubt; the
     * failure is thrown on either way.
     */
    public void notSent(Exchange exchange) throws Exception {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        OutgoingMail mail = exchange.getProperty(MAIL, OutgoingMail.class);
        if (mail != null && definitelyNotSent(failure)) {
            StateStore s = store(exchange.getContext());
            SourceRef src = mail.ticket().source();
            for (String step : mail.steps()) s.clearIntent(mail.ledgerKey(), src.system(), src.ticketId(), step);
        }
        throw failure;
    }

    static boolean definitelyNotSent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof jakarta.mail.AuthenticationFailedException
                    || t.getClass().getName().equals("org.eclipse.angus.mail.util.MailConnectException")) {
                return true;
            }
            if (t instanceof jakarta.mail.SendFailedException sf) {
                return sf.getValidSentAddresses() == null || sf.getValidSentAddresses().length == 0;
            }
        }
        return false;
    }

    /** After the SMTP server accepted the mail: the ledger records what it carried. */
    public void confirm(Exchange exchange) {
        OutgoingMail mail = exchange.getProperty(MAIL, OutgoingMail.class);
        confirm(store(exchange.getContext()), mail);
    }

    // ---- the ledger ----

    List<OutgoingMail> plan(StateStore s, String key, Ticket ticket) {
        SourceRef src = ticket.source();
        Map<String, MessageMapping> done = s.messages(key, src.system(), src.ticketId());
        ThreadIds threadIds = ids();
        String root = threadIds.root(src);
        boolean opened = s.targetTicket(key, src.system(), src.ticketId()).isPresent();
        List<Message> shown = new ArrayList<>();
        List<Message> fresh = new ArrayList<>();
        List<String> sent = new ArrayList<>(); // Message-IDs already mailed for this ticket, in thread order
        if (opened) sent.add(root);
        for (Message m : ticket.messages()) {
            MessageMapping mapped = done.get(m.id());
            if (!kinds.contains(m.kind())) {
                if (mapped == null) {
                    LOG.debug("ticket-email-sink: {} ticket {} message {} ({}) not mailed: kinds={}", src.system(),
                            src.ticketId(), m.id(), m.kind(), kinds);
                    s.mapMessage(key, src.system(), src.ticketId(), m.id(), new MessageMapping(null, Outcome.SKIPPED));
                }
                continue;
            }
            shown.add(m);
            if (mapped == null) fresh.add(m);
            else if (mapped.targetMessageId() != null && !sent.contains(mapped.targetMessageId())) sent.add(mapped.targetMessageId());
        }
        List<OutgoingMail> mails = new ArrayList<>();
        if (mode == Mode.MESSAGE) {
            for (Message m : fresh) {
                String id = opened ? threadIds.message(src, m.id()) : root;
                List<Message> upTo = shown.subList(0, shown.indexOf(m) + 1);
                mails.add(new OutgoingMail(key, ticket, mode, List.of(m), upTo, id, !opened, last(sent), sent, null));
                sent.add(id);
                opened = true;
            }
            return mails;
        }
        String last = s.lastStatus(key, src.system(), src.ticketId()).orElse(null);
        String now = ticket.status() == null ? null : ticket.status().name();
        boolean statusChanged = last != null && now != null && !now.equals(last);
        if (fresh.isEmpty() && !statusChanged) return mails;
        List<String> freshIds = fresh.stream().map(Message::id).toList();
        String id = opened ? threadIds.digest(src, freshIds, last, now, String.valueOf(ticket.updatedAt())) : root;
        mails.add(new OutgoingMail(key, ticket, mode, fresh, shown, id, !opened, last(sent), sent, statusChanged ? last : null));
        return mails;
    }

    void confirm(StateStore s, OutgoingMail mail) {
        SourceRef src = mail.ticket().source();
        if (mail.opensThread()) s.mapTicket(mail.ledgerKey(), src.system(), src.ticketId(), mail.messageId());
        for (Message m : mail.newMessages()) {
            s.mapMessage(mail.ledgerKey(), src.system(), src.ticketId(), m.id(), new MessageMapping(mail.messageId(), Outcome.DELIVERED));
        }
        if (mail.mode() == Mode.TICKET && mail.ticket().status() != null) {
            s.recordStatus(mail.ledgerKey(), src.system(), src.ticketId(), mail.ticket().status().name());
        }
        LOG.info("ticket-email-sink: mailed {} ticket {} ({} new message(s){}) to {} recipient(s) as {}", src.system(),
                src.ticketId(), mail.newMessages().size(), mail.statusChanged() ? ", status " + mail.ticket().status() : "",
                to.length, mail.messageId());
    }

    private static String last(List<String> ids) {
        return ids.isEmpty() ? null : ids.get(ids.size() - 1);
    }

    /** The configured stateKey, else {@code email@<id of the route using the Kamelet>}. */
    String ledgerKey(Exchange exchange) {
        if (stateKey != null && !stateKey.isBlank()) return stateKey;
        String route = ExchangeHelper.getAtRouteId(exchange);
        String user = KameletRoutes.userRouteOf(exchange.getContext(), route);
        return "email@" + (user != null ? user : route);
    }

    /** The store set explicitly, else the helpdesk component's (the stateStore bean, else the H2 file under data/state/). */
    StateStore store(CamelContext camel) {
        StateStore s = store;
        if (s == null) {
            s = camel.getComponent("helpdesk", HelpdeskComponent.class).stateStore();
            store = s;
        }
        return s;
    }

    private MailTemplates templates() {
        MailTemplates t = templates;
        if (t == null) templates = t = new MailTemplates(template, textTemplate);
        return t;
    }

    private ThreadIds ids() {
        ThreadIds t = ids;
        if (t == null) {
            if (from == null) throw new IllegalStateException("ticket-email-sink: from is required (the sender's address)");
            String address = from.getAddress();
            ids = t = new ThreadIds(address.substring(address.lastIndexOf('@') + 1));
        }
        return t;
    }

    // ---- Kamelet-bound properties ----

    public void setFrom(String from) {
        InternetAddress[] one = addresses("from", from);
        if (one.length != 1) throw new IllegalArgumentException("ticket-email-sink: from must be one address, got '" + from + "'");
        if (!one[0].getAddress().contains("@")) {
            throw new IllegalArgumentException("ticket-email-sink: from needs a domain (name@domain), got '" + from + "'");
        }
        this.from = one[0];
        this.ids = null;
    }

    public String getFrom() { return from == null ? null : from.toUnicodeString(); }

    public void setTo(String to) {
        this.to = addresses("to", to);
    }

    public String getTo() {
        return to == null ? null : Arrays.stream(to).map(InternetAddress::toUnicodeString).collect(Collectors.joining(", "));
    }

    private static InternetAddress[] addresses(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("ticket-email-sink: " + property + " is required, got an empty value");
        }
        try {
            InternetAddress[] parsed = InternetAddress.parse(value, true);
            for (InternetAddress a : parsed) a.validate();
            if (parsed.length == 0) throw new AddressException("no address");
            return parsed;
        } catch (AddressException e) {
            throw new IllegalArgumentException("ticket-email-sink: " + property + " is not " + (property.equals("from")
                    ? "an e-mail address" : "a list of e-mail addresses") + " ('" + value + "'): " + e.getMessage(), e);
        }
    }

    public String getTemplate() { return template; }

    public void setTemplate(String template) {
        this.template = template == null || template.isBlank() ? MailTemplates.DEFAULT_HTML : template.strip();
        this.templates = null;
    }

    public String getTextTemplate() { return textTemplate; }

    public void setTextTemplate(String textTemplate) {
        this.textTemplate = textTemplate == null || textTemplate.isBlank() ? MailTemplates.DEFAULT_TEXT : textTemplate.strip();
        this.templates = null;
    }

    public String getMode() { return mode.name().toLowerCase(Locale.ROOT); }

    public void setMode(String mode) {
        String m = mode == null ? "" : mode.strip().toUpperCase(Locale.ROOT);
        try {
            this.mode = Mode.valueOf(m);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ticket-email-sink: mode must be 'message' or 'ticket', got '" + mode + "'");
        }
    }

    public String getKinds() { return kinds.stream().map(Enum::name).collect(Collectors.joining(",")); }

    public void setKinds(String kinds) {
        EnumSet<MessageKind> set = EnumSet.noneOf(MessageKind.class);
        for (String k : (kinds == null ? "" : kinds).split(",")) {
            if (k.isBlank()) continue;
            try {
                set.add(MessageKind.valueOf(k.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("ticket-email-sink: kinds: unknown message kind '" + k.strip()
                        + "' (CUSTOMER, AGENT, NOTE, SYSTEM)");
            }
        }
        if (set.isEmpty()) throw new IllegalArgumentException("ticket-email-sink: kinds names no message kind, got '" + kinds + "'");
        this.kinds = set;
    }

    public String getTimeZone() { return timeZone.getId(); }

    public void setTimeZone(String zone) {
        try {
            this.timeZone = ZoneId.of(zone.strip());
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("ticket-email-sink: timeZone: unknown zone '" + zone + "' (e.g. UTC, Europe/Warsaw)");
        }
    }

    public String getStateKey() { return stateKey; }
    public void setStateKey(String stateKey) { this.stateKey = stateKey == null ? "" : stateKey.strip(); }
    public void setStateStore(StateStore store) { this.store = store; }
}
