package io.ticketbridge.connector;

/**
 * A vendor call that failed: transport error, or an error answer turned into one clear message from the vendor's
 * envelope. {@code status} is the HTTP status (0 for transport errors); {@link #transient_()} says whether a retry
 * may help (5xx, 429, network).
 */
public class VendorCallException extends RuntimeException {
    private final String vendor;
    private final int status;
    private final String retryAfter;

    public VendorCallException(String vendor, String message, Throwable cause) {
        super(vendor + ": " + message, cause);
        this.vendor = vendor;
        this.status = 0;
        this.retryAfter = null;
    }

    public VendorCallException(String vendor, int status, String message, String retryAfter) {
        super(vendor + ": HTTP " + status + ": " + message);
        this.vendor = vendor;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public String vendor() {
        return vendor;
    }

    public int status() {
        return status;
    }

    public String retryAfter() {
        return retryAfter;
    }

    public boolean transient_() {
        return status == 0 || status == 429 || status >= 500;
    }
}
