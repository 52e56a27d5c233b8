package io.ticketbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ticketbridge sandbox} as its own process: its SMTP catcher stores what it is sent under --mail-dir. */
class SandboxMailTest {
    @TempDir
    Path dir;

    @Test
    void theSandboxCommandCatchesMailAsEmlFiles() throws Exception {
        Path mail = dir.resolve("sandbox-mail");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.ticketbridge.TicketBridge",
                "sandbox", "--port-base", "0", "--mail-dir", mail.toString())
                .redirectErrorStream(true).start();
        try {
            List<String> lines = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.startsWith(SandboxCommand.READY)) lines.add(line);
            assertThat(line).as("output: %s", lines).startsWith(SandboxCommand.READY);
            Matcher m = Pattern.compile("smtp://127\\.0\\.0\\.1:(\\d+) .*-> (.*)").matcher(String.join("\n", lines));
            assertThat(m.find()).as("the SMTP catcher is announced: %s", lines).isTrue();
            assertThat(Path.of(m.group(2))).isEqualTo(mail.resolve("*.eml"));

            Properties props = new Properties();
            props.put("mail.smtp.host", "127.0.0.1");
            props.put("mail.smtp.port", m.group(1));
            MimeMessage msg = new MimeMessage(Session.getInstance(props));
            msg.setFrom(new InternetAddress("bridge@helpdesk.example"));
            msg.addRecipient(Message.RecipientType.TO, new InternetAddress("ops@team.example"));
            msg.setSubject("[Thulium #1] caught");
            msg.setText("hello");
            Transport.send(msg);

            await().atMost(Duration.ofSeconds(10)).until(() -> emls(mail).size() == 1);
            assertThat(Files.readString(emls(mail).get(0))).contains("Subject: [Thulium #1] caught");
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    @Test
    void theCatchersFixedPortIsClearOfTheVendorsAndDocumented() throws Exception {
        assertThat(SandboxPorts.smtpPort(SandboxPorts.DEFAULT_BASE)).isEqualTo(18105);
        assertThat(SandboxPorts.from(SandboxPorts.DEFAULT_BASE).values()).doesNotContain(18105);
        assertThat(SandboxPorts.smtpPort(0)).isZero();
        assertThat(Files.readString(Path.of("README.md"))).contains("| SMTP catcher | +25 | 18105 |");
    }

    private static List<Path> emls(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml")).toList();
        }
    }
}
