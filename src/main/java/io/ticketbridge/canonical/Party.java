package io.ticketbridge.canonical;

/** A person or agent: any part may be null when the vendor does not say. */
public record Party(String name, String email, String login) {

    public static Party of(String name, String email, String login) {
        return blank(name) && blank(email) && blank(login) ? null
                : new Party(emptyToNull(name), emptyToNull(email), emptyToNull(login));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String emptyToNull(String s) {
        return blank(s) ? null : s.strip();
    }
}
