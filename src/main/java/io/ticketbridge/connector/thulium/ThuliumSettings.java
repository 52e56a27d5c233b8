package io.ticketbridge.connector.thulium;

/**
 * What ThuliumSource and ThuliumSink share: the API user, sent as HTTP Basic by {@link ThuliumClient}; the password
 * is never shown ({@link #toString} names the user only).
 */
public final class ThuliumSettings {
    private String username;
    private String password;

    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }

    @Override
    public String toString() {
        return "username=" + username;
    }

    /** Who calls: the API user (the account's request budget is per user). */
    public String user() {
        return username == null ? "" : username;
    }
}
