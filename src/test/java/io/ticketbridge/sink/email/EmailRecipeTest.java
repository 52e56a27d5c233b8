package io.ticketbridge.sink.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.cli.CliRun;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.SeedStories;
import io.ticketbridge.sandbox.mail.MailCatcher;
import io.ticketbridge.testing.RunningMain;
import io.ticketbridge.testing.ThuliumCustomer;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipe examples/routes/thulium-to-email.yaml as ops would try it: validated by {@code validate}, then run
 * against the sandbox's Thulium and its SMTP catcher, which stores each mail as a .eml file — restarted once.
 */
class EmailRecipeTest {
    private static final Path RECIPE = Path.of("examples/routes/thulium-to-email.yaml");
    @TempDir
    Path dir;
    private Sandbox sandbox;
    private MailCatcher catcher;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("routes"));
        Files.copy(RECIPE, dir.resolve("routes").resolve(RECIPE.getFileName()));
        sandbox = Sandbox.start(Map.of()); // any free ports: CI may run beside a developer's sandbox
        catcher = MailCatcher.start(0, dir.resolve("sandbox-mail"));
    }

    @AfterEach
    void stop() {
        catcher.close();
        sandbox.close();
    }

    @Test
    void validatesThenMailsEveryCustomerMessageOnceAcrossARestartAndAnOutageAndThenOnlyANewOne() throws Exception {
        CliRun validate = CliRun.of("", "validate", "--routes", dir.resolve("routes").toString());
        assertThat(validate.err()).isEmpty();
        assertThat(validate.exitCode()).isZero();
        assertThat(validate.out()).contains("OK: 1 route(s)", "thulium-to-email");

        long customerMessages = SeedStories.all().stream().flatMap(s -> s.messages().stream())
                .filter(m -> m.kind() == MessageKind.CUSTOMER).count();
        try (RunningMain run = RunningMain.start(main("first"))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> run.check() && mails().size() >= customerMessages);
            Thread.sleep(2500); // two more polls: nothing more comes
        }
        List<MimeMessage> first = mails();
        assertThat(first).hasSize((int) customerMessages);
        assertThat(first).allSatisfy(m -> {
            assertThat(m.getSubject()).startsWith("[Thulium #");
            assertThat(m.getFrom()[0].toString()).isEqualTo("TicketBridge <ticketbridge@localhost.localdomain>");
            assertThat(m.getMessageID()).endsWith(".thulium.ticketbridge@localhost.localdomain>");
            assertThat(m.getContentType()).startsWith("multipart/");
        });
        assertThat(first.stream().map(m -> {
            try {
                return m.getMessageID();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).distinct()).hasSize(first.size());

        String ticket = first.get(0).getHeader("X-TicketBridge-Ticket", null).substring("thulium/".length());
        try (RunningMain run = RunningMain.start(main("second"))) {
            Thread.sleep(3000); // the restarted bridge polls everything again: its ledger says it was mailed
            assertThat(mails()).as("nothing twice after a restart").hasSize(first.size());

            // the mail server is down when the customer writes: the ticket fails like in any sink, nothing is lost
            int port = catcher.port();
            catcher.close();
            ThuliumCustomer.writes(sandbox.baseUrl("thulium"), ticket, "Any news? Sent from the recipe test.");
            Path deadLetters = dir.resolve("data/dead-letter/thulium");
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> run.check() && Files.isDirectory(deadLetters) && Files.list(deadLetters).findAny().isPresent());
            catcher = MailCatcher.start(port, dir.resolve("sandbox-mail"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> run.check() && mails().size() > first.size());
            Thread.sleep(2500);
        }
        List<MimeMessage> all = mails();
        assertThat(all).as("only the new message").hasSize(first.size() + 1);
        MimeMessage latest = all.get(all.size() - 1);
        assertThat(latest.getSubject()).startsWith("[Thulium #" + ticket + "] ");
        assertThat(latest.getHeader("In-Reply-To", null)).isNotBlank();
        assertThat(latest.getHeader("References", null)).startsWith("<" + ticket + ".thulium.ticketbridge@localhost.localdomain>");
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        latest.writeTo(raw);
        assertThat(raw.toString(StandardCharsets.UTF_8)).contains("Any news? Sent from the recipe test.");
    }

    private Main main(String name) {
        Map<String, String> overrides = new HashMap<>(sandbox.connectorProperties());
        overrides.putAll(catcher.smtpProperties());
        overrides.put("ticketbridge.data-dir", dir.resolve("data").toString());
        overrides.put("ticketbridge.poll.period", "1000");
        overrides.put("camel.main.name", "email-recipe-" + name); // Quartz schedulers are named after the context
        return io.ticketbridge.cli.TestRunSettings.main(dir, overrides);
    }

    /** The .eml files the catcher stored, in arrival order. */
    private List<MimeMessage> mails() throws Exception {
        Path folder = catcher.directory();
        if (!Files.isDirectory(folder)) return List.of();
        Session session = Session.getInstance(new Properties());
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".eml")).sorted().map(f -> {
                try {
                    return new MimeMessage(session, new ByteArrayInputStream(Files.readAllBytes(f)));
                } catch (Exception e) {
                    throw new IllegalStateException(f + ": " + e.getMessage(), e);
                }
            }).toList();
        }
    }
}
