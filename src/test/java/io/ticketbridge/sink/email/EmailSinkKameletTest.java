package io.ticketbridge.sink.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Status;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.cli.RunCommand;
import io.ticketbridge.testing.LogCapture;
import org.apache.logging.log4j.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The shipped ticket-email-sink Kamelet in a real Camel context, sending to a real SMTP server (GreenMail on a
 * loopback port), its ledger in an H2 file that a second context ("the bridge restarted") opens again.
 */
class EmailSinkKameletTest {
    private static final String ROOT = "<1234.thulium.ticketbridge@helpdesk.example>";
    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void everyKameletPropertyReachesTheBeanOrTheSmtpEndpointByItsOwnName() throws Exception {
        String yaml = Files.readString(Path.of("src/main/resources/kamelets/ticket-email-sink.kamelet.yaml"));
        Map<String, Object> root = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
        Map<String, Object> spec = (Map<String, Object>) root.get("spec");
        Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) spec.get("definition")).get("properties");
        Map<String, Object> bean = ((List<Map<String, Object>>) ((Map<String, Object>) spec.get("template")).get("beans")).get(0);
        assertThat(bean.get("type")).isEqualTo("#class:" + EmailSink.class.getName());
        Map<String, Object> beanProps = (Map<String, Object>) bean.get("properties");
        java.util.Set<String> writable = new java.util.HashSet<>();
        for (var d : java.beans.Introspector.getBeanInfo(EmailSink.class).getPropertyDescriptors()) {
            if (d.getWriteMethod() != null) writable.add(d.getName());
        }
        beanProps.forEach((k, v) -> {
            assertThat(v).as(k).isEqualTo("{{" + k + "}}");
            assertThat(writable).as("EmailSink takes %s", k).contains(k);
        });
        java.util.Set<String> used = new java.util.TreeSet<>(beanProps.keySet());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\{\\??(\\w+)}}").matcher(yaml.substring(yaml.indexOf("    from:")));
        while (m.find()) used.add(m.group(1));
        used.remove("mailer");
        assertThat(used).as("every property is used, nothing else").isEqualTo(new java.util.TreeSet<>(props.keySet()));
    }

    @Test
    void mailsEachNewMessageWithTheThreadItsFilesAndThreadingHeaders() throws Exception {
        try (MailBed bed = new MailBed(dir); MailBed.Run run = bed.run(Map.of())) {
            run.deliver(TicketJson.write(Tickets.printer())); // as a source Kamelet hands it on: JSON

            List<ReceivedMail> mails = bed.received();
            assertThat(mails).as("customer message and agent reply; the internal note is not a default kind").hasSize(2);
            assertThat(bed.copies()).as("one copy per recipient").isEqualTo(4);
            ReceivedMail first = mails.get(0);
            ReceivedMail second = mails.get(1);
            assertThat(first.subject()).isEqualTo("[Thulium #1234] Printer on fire");
            assertThat(second.subject()).isEqualTo(first.subject());
            assertThat(first.from()).isEqualTo(MailBed.FROM);
            assertThat(first.to()).containsExactly("ops@team.example", "lead@team.example");
            assertThat(first.autoSubmitted()).isEqualTo("auto-generated");

            // threading: the first mail is the thread root, the next answers it and names it
            assertThat(first.messageId()).isEqualTo(ROOT);
            assertThat(first.inReplyTo()).isNull();
            assertThat(first.references()).isNull();
            assertThat(second.messageId()).isEqualTo("<m2.1234.thulium.ticketbridge@helpdesk.example>");
            assertThat(second.inReplyTo()).isEqualTo(ROOT);
            assertThat(second.references()).isEqualTo(ROOT);

            // content: text and HTML alternatives, the file of the new message attached
            assertThat(first.structure()).isEqualTo("multipart/mixed[multipart/alternative[text/plain,text/html],text/plain]");
            assertThat(first.files()).containsOnlyKeys("printer.log");
            assertThat(first.files().get("printer.log")).isEqualTo(Tickets.LOG_BYTES);
            assertThat(first.text()).contains("[Thulium #1234] Printer on fire", "Customer message from Jan Kowalski <jan@customer.example>",
                    "The printer is on fire.\nPlease help.", "printer.log (14 B) - attached", "Status:    OPEN",
                    "Priority:  HIGH", "2025-01-06 08:00 UTC");
            assertThat(first.html()).contains("<title>[Thulium #1234] Printer on fire</title>", "The printer is on fire.",
                    "Jan Kowalski &lt;jan@customer.example&gt;", "printer.log (14 B) &mdash; attached");
            assertThat(second.structure()).as("no file on the reply").isEqualTo("multipart/alternative[text/plain,text/html]");
            assertThat(second.text()).contains("Agent reply from Anna Nowak <anna@helpdesk.example>", "Have you tried turning it off?",
                    "Earlier in this ticket", "The printer is on fire.", "printer.log (14 B) - in an earlier mail");
            assertThat(second.text() + second.html()).as("internal notes stay out of the mails").doesNotContain("Customer sounds upset");
        }
    }

    @Test
    void ticketContentIsEscapedInTheHtmlPartAndCannotAddHeaders() throws Exception {
        String subject = "<script>alert(\"x\")</script> & 'quotes'\r\nBcc: victim@evil.example";
        Ticket ticket = Tickets.ticket(subject, Status.NEW, List.of(
                new Message("h1", MessageKind.CUSTOMER, Tickets.CUSTOMER,
                        "<p>Tom &amp; Jerry say <b>\"hi\"</b></p><script>steal()</script><img src=x onerror=alert(1)>",
                        BodyFormat.HTML, Instant.parse("2025-01-06T08:00:00Z"), List.of()),
                Tickets.agent("t1", "if (a < b && c > d) { return \"<td>\"; }", Instant.parse("2025-01-06T09:00:00Z"))));
        try (MailBed bed = new MailBed(dir); MailBed.Run run = bed.run(Map.of())) {
            run.deliver(ticket);

            List<ReceivedMail> mails = bed.received();
            assertThat(mails).hasSize(2);
            assertThat(bed.copies()).as("no Bcc smuggled in through the subject").isEqualTo(4);
            ReceivedMail html = mails.get(0);
            ReceivedMail text = mails.get(1);
            assertThat(html.subject()).isEqualTo("[Thulium #1234] <script>alert(\"x\")</script> & 'quotes' Bcc: victim@evil.example");
            assertThat(html.html()).contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;")
                    .contains("Tom &amp; Jerry say &quot;hi&quot;")
                    .doesNotContain("<script", "<b>", "<img", "onerror=alert", "steal()");
            assertThat(html.text()).as("the text part is not escaped").contains("Tom & Jerry say \"hi\"",
                    "<script>alert(\"x\")</script> & 'quotes'");
            assertThat(text.html()).contains("if (a &lt; b &amp;&amp; c &gt; d) { return &quot;&lt;td&gt;&quot;; }");
            assertThat(text.text()).contains("if (a < b && c > d) { return \"<td>\"; }");
        }
    }

    @Test
    void aRestartMailsNothingTwiceAndAChangedTicketOnlyItsNewMessage() throws Exception {
        Ticket ticket = Tickets.printer();
        try (MailBed bed = new MailBed(dir)) {
            try (MailBed.Run first = bed.run(Map.of())) {
                first.deliver(ticket);
                first.deliver(ticket); // the same version again in the same run
            }
            assertThat(bed.received()).hasSize(2);
            try (MailBed.Run second = bed.run(Map.of())) {
                second.deliver(ticket);
                assertThat(bed.received()).as("a second run over the same ticket mails nothing").hasSize(2);

                second.deliver(Tickets.with(ticket, Tickets.customer("m4", "It is out now, thanks.", Instant.parse("2025-01-06T10:00:00Z"))));
            }
            List<ReceivedMail> mails = bed.received();
            assertThat(mails).as("only the new message").hasSize(3);
            ReceivedMail latest = mails.get(2);
            assertThat(latest.messageId()).isEqualTo("<m4.1234.thulium.ticketbridge@helpdesk.example>");
            assertThat(latest.inReplyTo()).isEqualTo(mails.get(1).messageId());
            assertThat(latest.references()).isEqualTo(ROOT + " " + mails.get(1).messageId());
            assertThat(latest.text()).contains("It is out now, thanks.", "Have you tried turning it off?");
        }
    }

    @Test
    void ticketModeSendsOneDigestPerChangedTicket() throws Exception {
        Ticket ticket = Tickets.printer();
        try (MailBed bed = new MailBed(dir)) {
            try (MailBed.Run run = bed.run(Map.of("mode", "ticket", "kinds", "CUSTOMER,AGENT,NOTE"))) {
                run.deliver(ticket);
                run.deliver(ticket);
            }
            assertThat(bed.received()).as("one digest for three new messages").hasSize(1);
            ReceivedMail digest = bed.received().get(0);
            assertThat(digest.messageId()).isEqualTo(ROOT);
            assertThat(digest.text()).contains("3 new messages", "The printer is on fire.", "Have you tried turning it off?",
                    "Internal note from Anna Nowak", "Customer sounds upset.");
            assertThat(digest.files()).containsOnlyKeys("printer.log");

            Ticket closed = new Ticket(ticket.schemaVersion(), ticket.source(), ticket.subject(), Status.CLOSED, null,
                    ticket.priority(), null, ticket.requester(), ticket.assignee(), ticket.queue(), ticket.tags(),
                    ticket.customFields(), ticket.createdAt(), Instant.parse("2025-01-07T08:00:00Z"), null, false, ticket.messages());
            try (MailBed.Run run = bed.run(Map.of("mode", "ticket", "kinds", "CUSTOMER,AGENT,NOTE"))) {
                run.deliver(ticket);
                assertThat(bed.received()).as("unchanged after a restart: nothing").hasSize(1);
                run.deliver(closed);
                run.deliver(closed);
            }
            List<ReceivedMail> mails = bed.received();
            assertThat(mails).as("one digest for the status change").hasSize(2);
            ReceivedMail change = mails.get(1);
            assertThat(change.text()).contains("Status:    CLOSED (was OPEN)", "The status changed from OPEN to CLOSED.");
            assertThat(change.files()).isEmpty();
            assertThat(change.inReplyTo()).isEqualTo(ROOT);
            assertThat(change.messageId()).endsWith(".1234.thulium.digest.ticketbridge@helpdesk.example>");
        }
    }

    @Test
    void opsEditTheTemplateWhileItRunsWithoutRecompiling() throws Exception {
        Path html = dir.resolve("mail.html.ftl");
        Path text = dir.resolve("mail.txt");
        Files.writeString(html, "<p>${ticket.vendor} says: ${newMessages[0].text}</p>");
        Files.writeString(text, "v1 ${subject}");
        Ticket ticket = Tickets.ticket("Hello", Status.OPEN, List.of(Tickets.customer("c1", "<b>one</b>", Instant.parse("2025-01-06T08:00:00Z"))));
        try (MailBed bed = new MailBed(dir); MailBed.Run run = bed.run(Map.of("template", "file:" + html, "textTemplate", text.toString()))) {
            run.deliver(ticket);
            assertThat(bed.received().get(0).html()).as("escaped although the file is not .ftlh")
                    .isEqualTo("<p>Thulium says: &lt;b&gt;one&lt;/b&gt;</p>");
            assertThat(bed.received().get(0).text()).isEqualTo("v1 [Thulium #1234] Hello");

            Files.writeString(text, "v2 ${ticket.status}");
            Files.setLastModifiedTime(text, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
            Thread.sleep(2100); // FreeMarker looks at a file again at most every 2 s
            run.deliver(Tickets.with(ticket, Tickets.customer("c2", "two", Instant.parse("2025-01-06T09:00:00Z"))));
            assertThat(bed.received().get(1).text()).isEqualTo("v2 OPEN");
        }
    }

    @Test
    void aBrokenTemplateFailsTheStartNamingTheFileAndLine() throws Exception {
        Path html = dir.resolve("broken.html.ftlh");
        Files.writeString(html, "<p>fine</p>\n<#if ticket.status>unclosed\n", StandardCharsets.UTF_8);
        try (MailBed bed = new MailBed(dir)) {
            assertThatThrownBy(() -> bed.run(Map.of("template", html.toString())).close())
                    .satisfies(e -> assertThat(RunCommand.rootMessage(e)).contains("template " + html, "line 2"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "from", "to"})
    void aMissingRequiredPropertyFailsTheStartNamingIt(String property) throws Exception {
        try (MailBed bed = new MailBed(dir)) {
            Map<String, String> p = new HashMap<>(bed.parameters(Map.of()));
            p.remove(property);
            assertThatThrownBy(() -> MailBed.Run.start(bed, p).close())
                    .satisfies(e -> assertThat(RunCommand.rootMessage(e))
                            .endsWith("ticket-email-sink the following mandatory parameters must be provided: " + property));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"from=not an address", "from=nodomain", "to=a@b.example,,<oops", "mode=weekly", "kinds=CUSTOMER,EMAIL",
            "timeZone=Mars/Olympus"})
    void aBadValueFailsTheStartNamingThePropertyAndTheValue(String setting) throws Exception {
        String property = setting.substring(0, setting.indexOf('='));
        String value = setting.substring(setting.indexOf('=') + 1);
        try (MailBed bed = new MailBed(dir)) {
            assertThatThrownBy(() -> bed.run(Map.of(property, value)).close())
                    .satisfies(e -> assertThat(RunCommand.rootMessage(e)).contains("ticket-email-sink: " + property));
        }
    }

    @Test
    void anSmtpServerThatIsDownFailsTheDeliveryAndTheNextDeliverySendsIt() throws Exception {
        Ticket ticket = Tickets.printer();
        try (MailBed bed = new MailBed(dir)) {
            int port = bed.port();
            bed.smtp.stop();
            try (MailBed.Run run = bed.run(Map.of("port", Integer.toString(port), "connectionTimeout", "2000"))) {
                assertThatThrownBy(() -> run.deliver(ticket)).isInstanceOf(CamelExecutionException.class)
                        .satisfies(e -> assertThat(RunCommand.rootMessage(e)).contains("127.0.0.1", Integer.toString(port)));
                assertThat(run.store.messages("email@tickets-to-email", "thulium", "1234")).as("nothing recorded as mailed")
                        .allSatisfy((id, m) -> assertThat(m.outcome()).isEqualTo(io.ticketbridge.state.StateStore.Outcome.SKIPPED));
                assertThat(run.store.intents("email@tickets-to-email", "thulium", "1234")).as("not in doubt: no connection").isEmpty();

                GreenMail back = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
                back.start();
                try (LogCapture log = LogCapture.start()) {
                    run.deliver(ticket);
                    assertThat(log.lines(l -> l.level() == Level.WARN && l.logger().endsWith("EmailSink"))).as("nothing was in doubt").isEmpty();
                    assertThat(back.getReceivedMessages()).as("both mails, to both recipients").hasSize(4);
                } finally {
                    back.stop();
                }
            }
        }
    }
}
