package io.ticketbridge.connector.plusofon;

import io.ticketbridge.connector.RetryPolicy;
import io.ticketbridge.connector.VendorHttp;
import java.util.regex.Pattern;

/** What the Source and the Sink both check: safe ids, which answers are worth a retry (credentials: {@link PlusofonAuth}). */
final class PlusofonApi {
    /** Ticket, post and attachment ids go into paths: digits only (Plusofon's ids are Kayako integers). */
    private static final Pattern ID = Pattern.compile("[0-9]{1,18}");

    private PlusofonApi() {
    }

    /** 429, 5xx and network errors, except the upstream 404 Plusofon wraps in a 500: retrying cannot find it. */
    static boolean retryable(VendorHttp.Response r) {
        return RetryPolicy.transientStatus(r.status()) && !PlusofonErrors.isNotFound(r.body());
    }

    /** The id when it is a plain number, else IllegalArgumentException (a payload value must never steer a path). */
    static String safeId(String what, String id) {
        String v = id == null ? "" : id.strip();
        if (!ID.matcher(v).matches()) throw new IllegalArgumentException("plusofon: " + what + " '" + id + "' is not a numeric id");
        return v;
    }
}
