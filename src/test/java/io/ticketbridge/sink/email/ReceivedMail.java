package io.ticketbridge.sink.email;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A mail as the SMTP server received it, taken apart: headers, the two alternative bodies, the attached files. */
record ReceivedMail(String subject, String from, List<String> to, String messageId, String inReplyTo, String references,
                    String autoSubmitted, String structure, String text, String html, Map<String, byte[]> files,
                    Map<String, String> fileTypes) {

    static ReceivedMail of(MimeMessage m) {
        try {
            StringBuilder structure = new StringBuilder();
            Map<String, byte[]> files = new LinkedHashMap<>();
            Map<String, String> types = new LinkedHashMap<>();
            String[] bodies = new String[2];
            walk(m, structure, bodies, files, types);
            return new ReceivedMail(m.getSubject(), m.getFrom()[0].toString(),
                    Arrays.stream(m.getAllRecipients()).map(Object::toString).toList(), m.getMessageID(),
                    m.getHeader("In-Reply-To", null), m.getHeader("References", null) == null ? null
                            : MimeUtility.unfold(m.getHeader("References", null)),
                    m.getHeader("Auto-Submitted", null), structure.toString(), bodies[0], bodies[1], files, types);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void walk(Part p, StringBuilder structure, String[] bodies, Map<String, byte[]> files,
                             Map<String, String> types) throws Exception {
        String type = p.getContentType().toLowerCase().split(";")[0].strip();
        if (p.getContent() instanceof Multipart mp) {
            structure.append(type).append('[');
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart part = mp.getBodyPart(i);
                if (i > 0) structure.append(',');
                walk(part, structure, bodies, files, types);
            }
            structure.append(']');
            return;
        }
        structure.append(type);
        if (Part.ATTACHMENT.equalsIgnoreCase(p.getDisposition())) {
            String name = MimeUtility.decodeText(p.getFileName());
            try (InputStream in = p.getInputStream()) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                files.put(name, out.toByteArray());
            }
            types.put(name, type);
        } else if (type.equals("text/plain")) {
            bodies[0] = ((String) p.getContent()).replace("\r\n", "\n"); // SMTP carries text with CRLF
        } else if (type.equals("text/html")) {
            bodies[1] = ((String) p.getContent()).replace("\r\n", "\n");
        }
    }
}
