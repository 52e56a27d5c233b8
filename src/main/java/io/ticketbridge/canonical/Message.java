package io.ticketbridge.canonical;

import java.time.Instant;
import java.util.List;

/** One entry of a ticket's thread. Messages are ordered oldest first; {@code id} is the vendor's message id. */
public record Message(
        String id,
        MessageKind kind,
        Party author,
        String body,
        BodyFormat bodyFormat,
        Instant createdAt,
        List<Attachment> attachments) {

    public Message {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("message.id is required");
        if (kind == null) throw new IllegalArgumentException("message.kind is required");
        body = body == null ? "" : body;
        bodyFormat = bodyFormat == null ? BodyFormat.TEXT : bodyFormat;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }
}
