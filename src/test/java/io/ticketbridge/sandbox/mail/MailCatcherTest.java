package io.ticketbridge.sandbox.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's SMTP catcher, spoken to over SMTP by Jakarta Mail as any client would. */
class MailCatcherTest {
    @TempDir
    Path dir;

    @Test
    void storesEachMailOnceAsAnEmlFileWhateverTheRecipientsAndTheLogin() throws Exception {
        Path folder = dir.resolve("sandbox-mail");
        try (MailCatcher catcher = MailCatcher.start(0, folder)) {
            assertThat(folder).as("made on the first mail, not before").doesNotExist();
            send(catcher, null, null, "first", "a@x.example", "b@x.example", "c@y.example");
            send(catcher, "anyone", "any password", "second", "a@x.example");

            List<Path> files = emls(folder);
            assertThat(files).hasSize(2);
            assertThat(catcher.received()).isEqualTo(2);
            assertThat(files.get(0).getFileName().toString()).matches("\\d{8}-\\d{6}-\\d{3}-0001\\.eml");
            try (InputStream in = Files.newInputStream(files.get(0))) {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), in);
                assertThat(m.getSubject()).isEqualTo("first");
                assertThat(m.getAllRecipients()).hasSize(3);
                assertThat(((String) m.getContent()).strip()).isEqualTo("body of first");
            }
            assertThat(Files.readString(files.get(1))).contains("Subject: second");
            try (Stream<Path> all = Files.list(folder)) {
                assertThat(all.filter(f -> f.getFileName().toString().startsWith("."))).as("no temporary file left").isEmpty();
            }
        }
    }

    @Test
    void aTakenPortIsOneClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> MailCatcher.start(taken.getLocalPort(), dir)).isInstanceOf(IOException.class)
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()));
        }
    }

    private static void send(MailCatcher catcher, String user, String password, String subject, String... to) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", catcher.host());
        props.put("mail.smtp.port", Integer.toString(catcher.port()));
        props.put("mail.smtp.auth", Boolean.toString(user != null));
        Session session = Session.getInstance(props);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("bridge@helpdesk.example"));
        for (String address : to) m.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
        m.setSubject(subject);
        m.setText("body of " + subject);
        if (user == null) Transport.send(m);
        else Transport.send(m, user, password);
    }

    private static List<Path> emls(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml")).sorted().toList();
        }
    }
}
