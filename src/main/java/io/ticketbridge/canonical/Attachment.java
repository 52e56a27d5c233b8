package io.ticketbridge.canonical;

/**
 * An attachment's metadata. {@code id} is whatever the vendor uses to fetch the bytes later (a token, an index,
 * an attachment id); {@code contentType} and {@code size} are null when the vendor does not say.
 */
public record Attachment(String id, String fileName, String contentType, Long size) {
}
