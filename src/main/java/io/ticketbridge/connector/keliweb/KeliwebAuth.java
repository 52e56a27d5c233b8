package io.ticketbridge.connector.keliweb;

import java.time.Clock;

/**
 * The account the source and the sink share: OAuth2 client + user credentials, the clock token expiry is judged
 * by, and the one {@link KeliwebApi} (with its cached token) built from them on first use.
 */
final class KeliwebAuth {
    String clientId;
    String clientSecret;
    String username;
    String password;
    Clock clock = Clock.systemUTC();
    private volatile KeliwebApi api;

    /** Who calls: the OAuth client and the user it logs in as (the account's request budget is per user). */
    String user() {
        return clientId + "/" + username;
    }

    KeliwebApi api() {
        KeliwebApi a = api;
        if (a == null) {
            synchronized (this) {
                if (api == null) api = new KeliwebApi(clientId, clientSecret, username, password, clock);
                a = api;
            }
        }
        return a;
    }
}
