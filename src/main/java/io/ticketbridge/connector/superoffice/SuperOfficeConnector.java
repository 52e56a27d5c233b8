package io.ticketbridge.connector.superoffice;

import io.ticketbridge.connector.DefaultConnector;
import io.ticketbridge.connector.VendorWebhook;

/**
 * SuperOffice Service (CRM + helpdesk). Its dates carry offsets, so there is no default zone: a naive value
 * (sent when {@code SO-TimeZone} is used without {@code includeTZOffset}) is read in the configured zone, UTC if
 * none is configured.
 */
public final class SuperOfficeConnector extends DefaultConnector {
    public SuperOfficeConnector() {
        super(SuperOfficeTicketMapper.VENDOR, null, SuperOfficeTicketMapper::new, SuperOfficeSource::new, SuperOfficeSink::new);
    }

    @Override
    public VendorWebhook newWebhook() {
        return new SuperOfficeWebhook();
    }
}
