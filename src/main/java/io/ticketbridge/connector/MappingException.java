package io.ticketbridge.connector;

/** A vendor payload that cannot be mapped; the message names the vendor and the JSON path. */
public class MappingException extends RuntimeException {
    private final String vendor;
    private final String path;
    private final String problem;

    public MappingException(String vendor, String path, String problem) {
        super(vendor + " payload at " + (path == null || path.isEmpty() ? "$" : path) + ": " + problem);
        this.vendor = vendor;
        this.path = path;
        this.problem = problem;
    }

    /** What is wrong, without vendor and path. */
    public String problem() {
        return problem;
    }

    public String vendor() {
        return vendor;
    }

    public String path() {
        return path;
    }
}
