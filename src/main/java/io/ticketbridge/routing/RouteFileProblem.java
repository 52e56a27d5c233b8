package io.ticketbridge.routing;

/** One problem in a route file: the file, the line (0 when unknown) and the reason, as {@code file:line: reason}. */
public record RouteFileProblem(String file, int line, String reason) {
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + reason;
    }
}
