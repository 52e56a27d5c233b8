package io.ticketbridge.connector.plusofon;

/** What PlusofonSource and PlusofonSink share: the user token and the application code; the token never shown. */
public final class PlusofonSettings {
    /** The application code of every official sample ({@code Client: 10553}); Plusofon documents no other. */
    static final String DOCUMENTED_CLIENT = "10553";

    private String token;
    private String clientId = DOCUMENTED_CLIENT;

    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }

    /** For the beans' toString: the application code, never the token. */
    @Override
    public String toString() {
        return "clientId=" + clientId + ", token=***";
    }

    /** Who calls: the token is the account (hashed by the request budget, never shown). */
    public String user() {
        return clientId + "/" + token;
    }
}
