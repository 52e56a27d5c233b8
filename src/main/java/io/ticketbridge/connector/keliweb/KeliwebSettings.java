package io.ticketbridge.connector.keliweb;

import java.time.Clock;

/**
 * What KeliwebSource and KeliwebSink share: the OAuth2 client and user credentials {@link KeliwebClient} logs in
 * with, and the clock token expiry is judged by. No secret is ever shown.
 */
public final class KeliwebSettings {
    private String clientId;
    private String clientSecret;
    private String username;
    private String password;
    private volatile Clock clock = Clock.systemUTC();

    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }

    Clock clock() {
        return clock;
    }

    /** For tests: the clock token expiry is judged by. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String toString() {
        return "clientId=" + clientId + ", username=" + username; // never a secret
    }

    /** Who calls: the OAuth client and the user it logs in as (the account's request budget is per user). */
    public String user() {
        return clientId + "/" + username;
    }
}
