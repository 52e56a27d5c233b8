package io.ticketbridge.sink.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.SourceRef;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.Session;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Message-IDs from vendor ids of any shape, and which SMTP failures leave nothing in doubt. */
class ThreadIdsTest {
    private final ThreadIds ids = new ThreadIds("helpdesk.example");

    @Test
    void anyVendorIdBecomesAValidMessageIdThatNoOtherIdShares() throws Exception {
        SourceRef odd = new SourceRef("superoffice", "12.3/<x>@y", null, null);
        String root = ids.root(odd);
        String message = ids.message(odd, "m 1\r\nBcc: z@evil.example");
        assertThat(root).isEqualTo("<12=2E3=2F=3Cx=3E=40y.superoffice.ticketbridge@helpdesk.example>");
        assertThat(message).isEqualTo("<m=201=0D=0ABcc=3A=20z=40evil=2Eexample.12=2E3=2F=3Cx=3E=40y.superoffice.ticketbridge@helpdesk.example>");
        for (String id : List.of(root, message)) {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            m.setHeader("Message-ID", id);
            assertThat(m.getMessageID()).isEqualTo(id);
            assertThat(id).matches("<[A-Za-z0-9=.-]+@helpdesk\\.example>");
        }
        assertThat(ids.message(new SourceRef("thulium", "1", null, null), "2.3"))
                .as("dots inside a part are encoded: no id is another's").isNotEqualTo(ids.message(new SourceRef("thulium", "3", null, null), "2"));
        assertThat(ids.encode("zażółć")).isEqualTo("za=C5=BC=C3=B3=C5=82=C4=87");
    }

    @Test
    void aDigestsIdIsTheSameForTheSameReportAndAnotherForAnyOther() {
        SourceRef t = new SourceRef("thulium", "1234", "1234", null);
        String one = ids.digest(t, List.of("m4", "m5"), "OPEN", "CLOSED", "2025-01-07T08:00:00Z");
        assertThat(ids.digest(t, List.of("m4", "m5"), "OPEN", "CLOSED", "2025-01-07T08:00:00Z")).isEqualTo(one);
        assertThat(ids.digest(t, List.of("m4"), "OPEN", "CLOSED", "2025-01-07T08:00:00Z")).isNotEqualTo(one);
        assertThat(ids.digest(t, List.of("m4", "m5"), "OPEN", "CLOSED", "2025-01-08T08:00:00Z")).isNotEqualTo(one);
        assertThat(one).matches("<[0-9a-f]{16}\\.1234\\.thulium\\.digest\\.ticketbridge@helpdesk\\.example>");
    }

    @Test
    void onlyAFailureBeforeTheServerCouldTakeTheMailClearsTheIntent() throws Exception {
        Address ok = new InternetAddress("ops@team.example");
        assertThat(EmailSink.definitelyNotSent(new MessagingException("send", new java.net.ConnectException("refused")))).isTrue();
        assertThat(EmailSink.definitelyNotSent(new AuthenticationFailedException("535"))).isTrue();
        assertThat(EmailSink.definitelyNotSent(new SendFailedException("550", null, new Address[0], new Address[0], new Address[] {ok}))).isTrue();
        assertThat(EmailSink.definitelyNotSent(new SendFailedException("550 for one", null, new Address[] {ok}, new Address[0], new Address[] {ok})))
                .as("sent to some recipients").isFalse();
        assertThat(EmailSink.definitelyNotSent(new MessagingException("451 after DATA", new java.net.SocketTimeoutException()))).isFalse();
    }
}
