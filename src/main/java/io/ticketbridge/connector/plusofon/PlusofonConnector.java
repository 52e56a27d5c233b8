package io.ticketbridge.connector.plusofon;

import io.ticketbridge.connector.DefaultConnector;
import java.time.ZoneId;

/**
 * Plusofon (restapi.plusofon.ru): the customer side of a Russian telecom's support desk. Timestamps are naive
 * Moscow time (UTC+3 all year since 2014).
 */
public final class PlusofonConnector extends DefaultConnector {
    public static final String ID = "plusofon";
    public static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

    public PlusofonConnector() {
        super(ID, ZONE, PlusofonTicketMapper::new, PlusofonSource::new, PlusofonSink::new);
    }
}
