package io.ticketbridge.sandbox.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sandbox's SMTP server: accepts every mail (any login or none, no TLS) on 127.0.0.1 and stores each as an
 * {@code .eml} file under its folder, named by arrival ({@code 20250106-080000-123-0001.eml}), written under a
 * temporary name and renamed so a reader never sees half a mail. Nothing is kept in memory. It is GreenMail's SMTP
 * service (Apache-2.0), whose delivery step is replaced by the file writer.
 */
public final class MailCatcher implements AutoCloseable {
    /** The catcher listens on the sandbox port base + this, clear of the vendor simulators' small offsets. */
    public static final int PORT_OFFSET = 25;
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS", Locale.ROOT);

    private final GreenMail greenMail;
    private final Path directory;
    private final AtomicInteger received = new AtomicInteger();
    /** The messages already stored, weakly: GreenMail lets go of each once delivered to all its recipients. */
    private final Map<MovingMessage, Boolean> stored = new WeakHashMap<>();

    private MailCatcher(int port, Path directory) {
        this.directory = directory;
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    }

    /** Listens on {@code port} (0 = any free port) and stores mails under {@code directory} (made on the first mail). */
    public static MailCatcher start(int port, Path directory) throws IOException {
        if (port != 0) {
            // GreenMail binds on its own thread and reports a taken port only as "could not start": ask first
            try (ServerSocket probe = new ServerSocket()) {
                probe.setReuseAddress(true);
                probe.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            } catch (IOException e) {
                throw new IOException("SMTP catcher cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
            }
        }
        MailCatcher catcher = new MailCatcher(port, directory);
        try {
            catcher.greenMail.start();
        } catch (IllegalStateException e) {
            throw new IOException("SMTP catcher cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        // one writer for every recipient: a mail to three people is one file
        catcher.greenMail.getUserManager().setMessageDeliveryHandler((msg, address) -> catcher.new Writer());
        return catcher;
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    public Path directory() {
        return directory;
    }

    /** How many mails were stored since start. */
    public int received() {
        return received.get();
    }

    /** Properties that point e-mail routes at this catcher ({@code ticketbridge.smtp.host}, {@code .port}). */
    public Map<String, String> smtpProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("ticketbridge.smtp.host", host());
        props.put("ticketbridge.smtp.port", Integer.toString(port()));
        return props;
    }

    /** One line for the sandbox's start-up output. */
    public String describe() {
        return String.format("  %-12s smtp://%s:%d  (any login or none, no TLS) -> %s%n", "mail", host(), port(),
                directory.resolve("*.eml"));
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    private void store(MovingMessage msg) {
        MimeMessage mail = msg.getMessage();
        String name = NAME.format(ZonedDateTime.now(ZoneOffset.UTC)) + String.format(Locale.ROOT, "-%04d", received.incrementAndGet());
        Path tmp = directory.resolve("." + name + ".eml.tmp");
        try {
            Files.createDirectories(directory);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                mail.writeTo(out);
            }
            Files.move(tmp, directory.resolve(name + ".eml"), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("SMTP catcher: cannot store a mail in " + directory + ": " + e.getMessage(), e);
        } catch (MessagingException e) {
            throw new IllegalStateException("SMTP catcher: cannot store a mail: " + e.getMessage(), e);
        }
    }

    /**
     * What GreenMail delivers to instead of a mailbox. It hands over the same message once per recipient: the first
     * call stores it, the others see it stored.
     */
    private final class Writer implements GreenMailUser {
        @Override
        public void deliver(MovingMessage msg) {
            synchronized (MailCatcher.this) {
                if (stored.putIfAbsent(msg, Boolean.TRUE) == null) store(msg);
            }
        }

        @Override
        public void deliver(MimeMessage msg) {
            throw new UnsupportedOperationException("the SMTP catcher stores what SMTP delivers");
        }

        @Override public String getEmail() { return "catcher@sandbox.invalid"; }
        @Override public String getLogin() { return "catcher"; }
        @Override public void create() { }
        @Override public void delete() { }
        @Override public String getPassword() { return ""; }
        @Override public void setPassword(String password) { }
        @Override public void authenticate(String password) { }
        @Override public String getQualifiedMailboxName() { return "catcher"; }
    }
}
