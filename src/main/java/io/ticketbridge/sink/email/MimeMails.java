package io.ticketbridge.sink.email;

import io.ticketbridge.canonical.Attachment;
import io.ticketbridge.canonical.Message;
import jakarta.activation.DataHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The MIME shape of a ticket mail: {@code multipart/alternative} (plain text, then HTML) and, when the new messages
 * carry files, that inside a {@code multipart/mixed} with one part per file. The Message-ID is the sink's, not one
 * Jakarta Mail would make up on sending.
 */
final class MimeMails {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final Pattern MIME_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*");
    private static final int REFERENCES_KEPT = 10;

    private MimeMails() {
    }

    /** Whether a file goes with the mail: only what the source downloaded can be attached. */
    static boolean attaches(Attachment a) {
        return a.content() != null;
    }

    /** A file name safe for a mail part: no folders, no control characters; {@code attachment-N} when it has none. */
    static String fileName(Attachment a, int position) {
        String name = a.fileName() == null ? "" : MailModel.oneLine(a.fileName());
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        return name.isEmpty() || name.equals(".") || name.equals("..") ? "attachment-" + position : name;
    }

    static MimeMessage build(OutgoingMail mail, InternetAddress from, InternetAddress[] to, MailTemplates.Rendered body)
            throws MessagingException {
        MimeMessage m = new FixedIdMessage(mail.messageId());
        m.setFrom(from);
        m.setRecipients(jakarta.mail.Message.RecipientType.TO, to);
        m.setSubject(MailModel.subject(mail.ticket()), "UTF-8");
        m.setSentDate(new Date());
        if (mail.inReplyTo() != null) m.setHeader("In-Reply-To", mail.inReplyTo());
        if (!mail.references().isEmpty()) m.setHeader("References", MimeUtility.fold("References: ".length(), references(mail.references())));
        // RFC 3834: a notification; auto-responders must not answer it (no vacation-reply loops)
        m.setHeader("Auto-Submitted", "auto-generated");
        m.setHeader("X-TicketBridge-Ticket", ThreadIds.encode(mail.ticket().source().system()) + "/"
                + ThreadIds.encode(mail.ticket().source().ticketId()));

        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(body.text(), "UTF-8", "plain");
        alternative.addBodyPart(text);
        MimeBodyPart html = new MimeBodyPart();
        html.setText(body.html(), "UTF-8", "html");
        alternative.addBodyPart(html);

        MimeMultipart mixed = new MimeMultipart("mixed");
        for (Message msg : mail.newMessages()) {
            int position = 0;
            for (Attachment a : msg.attachments()) {
                position++;
                if (!attaches(a)) continue;
                MimeBodyPart file = new MimeBodyPart();
                String type = a.contentType() != null && MIME_TYPE.matcher(a.contentType().strip()).matches()
                        ? a.contentType().strip() : "application/octet-stream";
                file.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), type)));
                try {
                    file.setFileName(MimeUtility.encodeText(fileName(a, position), "UTF-8", null));
                } catch (UnsupportedEncodingException e) {
                    throw new IllegalStateException(e); // UTF-8 is always there
                }
                file.setDisposition(MimeBodyPart.ATTACHMENT);
                // base64 whatever the type: a text file's line ends would otherwise be rewritten to CRLF
                file.setHeader("Content-Transfer-Encoding", "base64");
                mixed.addBodyPart(file);
            }
        }
        if (mixed.getCount() == 0) {
            m.setContent(alternative);
        } else {
            MimeBodyPart both = new MimeBodyPart();
            both.setContent(alternative);
            mixed.addBodyPart(both, 0);
            m.setContent(mixed);
        }
        m.saveChanges();
        return m;
    }

    /** The root and the latest mails: RFC 5322 lets a long chain be cut as long as the first id stays. */
    private static String references(List<String> ids) {
        List<String> kept = ids.size() <= REFERENCES_KEPT ? ids
                : java.util.stream.Stream.concat(ids.stream().limit(1), ids.stream().skip(ids.size() - REFERENCES_KEPT + 1L)).toList();
        return String.join(" ", kept);
    }

    /** Keeps the Message-ID it was given when Jakarta Mail saves it (which would otherwise make up a new one). */
    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(String id) {
            super(SESSION);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
