package io.ticketbridge.cli;

import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.superoffice.SuperOfficeSimulator;
import java.io.PrintStream;
import java.util.Map;

/**
 * Where the sandbox's SuperOffice tenant sends its webhooks, and how often its agent changes a ticket: the
 * {@code ticketbridge.sandbox.superoffice.*} settings of the run (so the default run receives webhooks end to end)
 * and the sandbox command's options.
 *
 * @param url            the target; empty or "none" = no webhooks
 * @param activityPeriod milliseconds between two scripted ticket changes; 0 = none
 */
record SandboxWebhooks(String url, long activityPeriod) {
    static final String URL_KEY = "ticketbridge.sandbox.superoffice.webhook-url";
    static final String ACTIVITY_KEY = "ticketbridge.sandbox.superoffice.activity-period";

    /** The run's settings: an empty URL means this run's own server, http://host:port/webhooks/superoffice. */
    static SandboxWebhooks of(RunSettings settings) {
        String url = settings.setting(URL_KEY, "").strip();
        if (url.isEmpty()) {
            String host = withEnvironment(settings.setting("camel.server.host", "127.0.0.1").strip());
            String port = withEnvironment(settings.setting("camel.server.port", "8080").strip());
            boolean server = Boolean.parseBoolean(settings.setting("camel.server.enabled", "false").strip());
            // port 0 (any free port) is known only once Camel runs: nothing to send to
            url = server && !port.equals("0") ? "http://" + (host.equals("0.0.0.0") ? "127.0.0.1" : host) + ":" + port + "/webhooks/superoffice" : "none";
        }
        String period = settings.setting(ACTIVITY_KEY, "0").strip();
        try {
            return new SandboxWebhooks(url, Long.parseLong(period));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(ACTIVITY_KEY + " must be a number of milliseconds, got '" + period + "'");
        }
    }

    /** A value written as {{env:NAME:default}} (as the shipped host and port are), resolved as Camel will resolve it. */
    private static String withEnvironment(String value) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{\\{env:([A-Za-z0-9_]+):([^}]*)}}").matcher(value);
        if (!m.matches()) return value;
        String env = System.getenv(m.group(1));
        return env != null ? env.strip() : m.group(2).strip();
    }

    boolean sends() {
        return !url.isEmpty() && !url.equalsIgnoreCase("none");
    }

    /**
     * Registers the webhook and starts the activity; returns the property the receiving route's secret comes from
     * ({@code ticketbridge.superoffice.webhookSecret}), the sandbox's own.
     */
    Map<String, String> apply(Sandbox sandbox, PrintStream out) {
        SuperOfficeSimulator so = (SuperOfficeSimulator) sandbox.simulator("superoffice");
        if (so == null || !sends()) return Map.of();
        so.sendWebhooksTo(url, SuperOfficeSimulator.WEBHOOK_SECRET);
        so.startActivity(activityPeriod);
        out.println("  superoffice webhooks → " + url + " (signed with webhookSecret = " + SuperOfficeSimulator.WEBHOOK_SECRET
                + (activityPeriod > 0 ? "; a ticket changes every " + activityPeriod + " ms" : "") + ")");
        return Map.of("ticketbridge.superoffice.webhookSecret", SuperOfficeSimulator.WEBHOOK_SECRET);
    }
}
