package io.ticketbridge.sink.email;

import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.Ticket;
import java.util.ArrayList;
import java.util.List;

/**
 * One mail the sink is about to send for a ticket: what it reports ({@code newMessages}, and in a digest a status
 * change), what it shows ({@code thread}, oldest first, the new messages included) and how it threads.
 *
 * @param ledgerKey      the state-store key of the flow (the sink's stateKey)
 * @param opensThread    the ticket's first mail: its Message-ID is the thread root, and sending it maps the ticket
 * @param inReplyTo      the previous mail of the ticket, null for the first
 * @param references     the thread's earlier mails, the root first (RFC 5322 3.6.4)
 * @param previousStatus the status last mailed, when a digest reports a change of it; else null
 */
record OutgoingMail(String ledgerKey, Ticket ticket, EmailSink.Mode mode, List<Message> newMessages, List<Message> thread,
                    String messageId, boolean opensThread, String inReplyTo, List<String> references,
                    String previousStatus) {

    OutgoingMail {
        newMessages = List.copyOf(newMessages);
        thread = List.copyOf(thread);
        references = List.copyOf(references);
    }

    /** The state-store intent steps this mail stands for (see StateStore#recordIntent). */
    List<String> steps() {
        List<String> steps = new ArrayList<>();
        if (opensThread) steps.add("ticket");
        newMessages.forEach(m -> steps.add("message:" + m.id()));
        if (mode == EmailSink.Mode.TICKET && ticket.status() != null) steps.add("status");
        return steps;
    }

    boolean statusChanged() {
        return previousStatus != null;
    }
}
