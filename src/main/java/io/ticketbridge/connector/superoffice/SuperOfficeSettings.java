package io.ticketbridge.connector.superoffice;

/**
 * What SuperOfficeSource and SuperOfficeSink share: the credentials, sent by {@link SuperOfficeClient} as
 * {@code authMethod} says — {@code basic} (username/password), {@code bearer} (token) or {@code soticket} (token +
 * appToken sent as {@code SO-AppToken}) — and the {@code SO-TimeZone} request header. No secret is ever shown.
 */
public final class SuperOfficeSettings {
    private String authMethod = "basic";
    private String username;
    private String password;
    private String token;
    private String appToken;
    private String soTimeZone = "";

    public String getAuthMethod() { return authMethod; }
    public void setAuthMethod(String authMethod) { this.authMethod = authMethod; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getAppToken() { return appToken; }
    public void setAppToken(String appToken) { this.appToken = appToken; }
    public String getSoTimeZone() { return soTimeZone; }
    public void setSoTimeZone(String soTimeZone) { this.soTimeZone = soTimeZone; }

    @Override
    public String toString() {
        return "authMethod=" + authMethod; // no secrets
    }

    /** Who calls: the user, or the token that stands for one (hashed by the request budget, never shown). */
    public String user() {
        return "basic".equalsIgnoreCase(authMethod == null ? "basic" : authMethod.strip()) ? username : token;
    }
}
