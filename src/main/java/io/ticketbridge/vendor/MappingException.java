package io.ticketbridge.vendor;

/** A vendor payload that cannot be mapped; the message names the vendor and the JSON path. */
public class MappingException extends RuntimeException {
    private final String vendor;
    private final String path;

    public MappingException(String vendor, String path, String problem) {
        super(vendor + " payload at " + (path == null || path.isEmpty() ? "$" : path) + ": " + problem);
        this.vendor = vendor;
        this.path = path;
    }

    public String vendor() {
        return vendor;
    }

    public String path() {
        return path;
    }
}
