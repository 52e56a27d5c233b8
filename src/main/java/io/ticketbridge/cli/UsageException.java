package io.ticketbridge.cli;

/** Bad command-line usage: printed as one line, exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
