package io.ticketbridge.canonical;

import java.util.Arrays;
import java.util.Objects;

/**
 * An attachment. {@code id} is whatever the source vendor uses to fetch the bytes (a token, an index, an
 * attachment id); {@code contentType} and {@code size} are null when the vendor does not say. {@code content}
 * carries the bytes (base64 in JSON) when the source downloaded them ({@code includeAttachments}), so a sink can
 * re-upload them without credentials for the source; null otherwise.
 */
public record Attachment(String id, String fileName, String contentType, Long size, byte[] content) {

    public Attachment(String id, String fileName, String contentType, Long size) {
        this(id, fileName, contentType, size, null);
    }

    public Attachment withContent(byte[] bytes) {
        return new Attachment(id, fileName, contentType, size != null ? size : (bytes == null ? null : (long) bytes.length), bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && Objects.equals(id, a.id) && Objects.equals(fileName, a.fileName)
                && Objects.equals(contentType, a.contentType) && Objects.equals(size, a.size)
                && Arrays.equals(content, a.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, fileName, contentType, size) * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "Attachment[id=" + id + ", fileName=" + fileName + ", contentType=" + contentType + ", size=" + size
                + (content == null ? "" : ", content=" + content.length + " bytes") + "]";
    }
}
