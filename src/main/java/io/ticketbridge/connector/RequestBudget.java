package io.ticketbridge.connector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The pace of one vendor account (vendor + base URL + user): at most {@code maxRequestsPerSecond} requests a second,
 * spaced evenly (no burst), shared by every source and sink bean of this JVM that calls the account — so a source
 * and a sink on one account, or two routes, stay within the vendor's quota together. Retries take their turn like
 * any call; the wait a 429's {@code Retry-After} asks for comes on top (see {@link VendorHttp#call}).
 *
 * <p>The account's rate is the lowest any of its live clients asks for; a client that sets none (0, the default)
 * still takes its turn under another's limit. A client is held weakly: when a route is replaced (live reload) and its
 * beans are collected, their limit goes with them. Accounts are told apart by a hash of the user (a token may be the
 * user), never the secret itself.
 */
public final class RequestBudget {
    private static final Map<String, RequestBudget> ACCOUNTS = new ConcurrentHashMap<>();

    private final String account;
    private final Map<Object, Long> limits = new java.util.WeakHashMap<>(); // client -> its interval; guarded by this
    private long nextSlot; // System.nanoTime() of the next free turn; guarded by this
    /** Whether any client ever set a limit: until then a call passes without taking the lock. */
    private volatile boolean limited;

    private RequestBudget(String account) {
        this.account = account;
    }

    /**
     * The budget of {@code vendor}'s account at {@code baseUrl} for {@code user}, held by {@code client} to at most
     * {@code maxRequestsPerSecond} while it lives (0 or less: this client sets no limit).
     */
    public static RequestBudget of(String vendor, String baseUrl, String user, Object client, double maxRequestsPerSecond) {
        String key = vendor + "@" + normalise(baseUrl) + "#" + fingerprint(user);
        RequestBudget budget = ACCOUNTS.computeIfAbsent(key, RequestBudget::new);
        if (maxRequestsPerSecond > 0) budget.limit(client, maxRequestsPerSecond);
        return budget;
    }

    private synchronized void limit(Object client, double perSecond) {
        limits.put(client, (long) Math.ceil(TimeUnit.SECONDS.toNanos(1) / perSecond));
        limited = true;
    }

    /** The spacing between two turns: the slowest live client's; 0 = unlimited. */
    private long interval() {
        long slowest = 0;
        for (long i : limits.values()) slowest = Math.max(slowest, i);
        return slowest;
    }

    /** Waits for this account's next turn; returns at once while the account has no limit. */
    public void acquire() throws InterruptedException {
        if (!limited) return;
        long wait;
        synchronized (this) {
            long interval = interval();
            if (interval == 0) return;
            long now = System.nanoTime();
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + interval;
            wait = slot - now;
        }
        if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
    }

    /** Requests a second this account is held to; 0 when none. */
    public synchronized double maxRequestsPerSecond() {
        long interval = interval();
        return interval == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / (double) interval;
    }

    @Override
    public String toString() {
        double rate = maxRequestsPerSecond();
        return "RequestBudget[" + account + ", " + (rate == 0 ? "unlimited" : rate + "/s") + "]";
    }

    private static String normalise(String baseUrl) {
        String b = baseUrl == null ? "" : baseUrl.strip();
        return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    }

    private static String fingerprint(String user) {
        if (user == null || user.isEmpty()) return "";
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(user.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
