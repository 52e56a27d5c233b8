package io.ticketbridge.connector.keliweb;

import io.ticketbridge.connector.DefaultConnector;
import java.time.ZoneId;

/**
 * Keliweb (Italian hosting) ticket API v2: a WHMCS wrapper, OAuth2 password grant, form POST per action,
 * naive timestamps in Italian time.
 */
public final class KeliwebConnector extends DefaultConnector {
    public static final String ID = "keliweb";
    /** WHMCS sends server-local times without a zone; Keliweb's servers are in Italy. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Rome");

    public KeliwebConnector() {
        super(ID, DEFAULT_ZONE, KeliwebTicketMapper::new, KeliwebSource::new, KeliwebSink::new);
    }
}
