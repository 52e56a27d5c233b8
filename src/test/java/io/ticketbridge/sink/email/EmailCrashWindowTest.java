package io.ticketbridge.sink.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.testing.LogCapture;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SMTP's crash window: the server accepted a mail (250) and the bridge died before its ledger write. The state a
 * kill -9 leaves there is made here step by step with the Kamelet's own steps — plan, announce (the intent,
 * durable), the SMTP send, and no confirm — then a restarted bridge delivers the ticket again.
 */
class EmailCrashWindowTest {
    @TempDir
    Path dir;

    @Test
    void aMailInterruptedAfterTheServerAcceptedItIsSentOnceMoreWithTheSameMessageIdAndSaysSo() throws Exception {
        Ticket ticket = Tickets.printer();
        try (MailBed bed = new MailBed(dir)) {
            try (MailBed.Run dying = bed.run(Map.of())) {
                EmailSink sink = new EmailSink();
                sink.setFrom(MailBed.FROM);
                sink.setTo(MailBed.TO);
                sink.init();
                sink.setStateStore(dying.store);
                List<OutgoingMail> mails = sink.plan(dying.store, "email@tickets-to-email", ticket);
                assertThat(mails).hasSize(2);
                Exchange ex = new DefaultExchange(dying.camel);
                ex.getIn().setBody(mails.get(0));
                sink.announce(ex);
                dying.camel.createProducerTemplate().send("smtp://127.0.0.1:" + bed.port(), ex);
                assertThat(ex.getException()).isNull();
                // killed here: the server has the mail, the ledger does not
            }
            assertThat(bed.received()).hasSize(1);

            try (LogCapture log = LogCapture.start(); MailBed.Run restarted = bed.run(Map.of())) {
                restarted.deliver(ticket);
                restarted.deliver(ticket);

                List<ReceivedMail> mails = bed.received();
                assertThat(mails).as("the interrupted mail once more, then the rest; nothing after that").hasSize(3);
                assertThat(mails.get(1).messageId()).as("the copy is recognisable: same Message-ID")
                        .isEqualTo(mails.get(0).messageId());
                assertThat(mails.get(1).text()).isEqualTo(mails.get(0).text());
                assertThat(mails.get(2).inReplyTo()).isEqualTo(mails.get(0).messageId());
                assertThat(log.lines(l -> l.level() == Level.WARN && l.message().contains("ticket-email-sink")))
                        .singleElement().satisfies(l -> assertThat(l.message()).contains("thulium ticket 1234",
                                "may have reached the SMTP server", mails.get(0).messageId()));
            }
        }
    }
}
