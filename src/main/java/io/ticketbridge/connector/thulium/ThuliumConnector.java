package io.ticketbridge.connector.thulium;

import io.ticketbridge.connector.DefaultConnector;
import io.ticketbridge.connector.VendorWebhook;
import java.time.ZoneId;

/**
 * Thulium (thulium.com), a Polish contact-centre / helpdesk SaaS: REST + JSON under {@code /api}, HTTP Basic
 * with an API user, naive timestamps in the tenant's zone (Europe/Warsaw unless configured otherwise).
 */
public final class ThuliumConnector extends DefaultConnector {
    public static final String ID = "thulium";
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Warsaw");

    public ThuliumConnector() {
        super(ID, DEFAULT_ZONE, ThuliumTicketMapper::new, ThuliumSource::new, ThuliumSink::new);
    }

    @Override
    public VendorWebhook newWebhook() {
        return new ThuliumWebhook();
    }
}
