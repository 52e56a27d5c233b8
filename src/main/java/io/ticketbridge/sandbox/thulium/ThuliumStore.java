package io.ticketbridge.sandbox.thulium;

import io.ticketbridge.canonical.Status;
import io.ticketbridge.sandbox.SeedStories;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The state of the simulated Thulium tenant: its configuration (statuses, queues, agents, custom fields) and its
 * data (tickets, temporary files, webhooks). Every method is {@code synchronized}: the HTTP server answers on
 * several threads and a write must read back whole.
 */
final class ThuliumStore {
    static final Duration TEMP_FILE_LIFETIME = Duration.ofHours(24);
    static final long FIRST_TICKET_ID = 1001;
    static final long FIRST_MESSAGE_ID = 5001;
    /** Agents of Thulium's own samples, so the documented example requests work against the sandbox as published. */
    static final List<String> SAMPLE_AGENTS = List.of("akowalski", "testowy.agent11", "testowy.agent17");

    record Queue(int id, String name, String mailbox) {
    }

    record StoredMessage(long id, String userLogin, String type, String body, String comment, String systemComment,
                         Instant createdAt, List<String> attachments) {
    }

    /** An uploaded file; {@code contentType} is null when neither the upload nor the name tells it. */
    record TempFile(String filename, String contentType, String token, byte[] bytes, Instant expiresAt) {
    }

    record Webhook(long id, List<String> actions, String subscriptionUrl, String httpAuthUser,
                   String httpAuthPassword) {
    }

    /** A ticket; mutated only under the store's lock. */
    static final class StoredTicket {
        long id;
        String from;
        Queue queue;
        String subject;
        String statusId;
        String subStatusId;
        String categoryId;
        long customerId;
        String userLogin;
        String source;
        final List<String> cc = new ArrayList<>();
        final List<String> tags = new ArrayList<>();
        final Map<String, String> customFields = new LinkedHashMap<>();
        Instant createdAt;
        Instant updatedAt;
        Instant closedAt;
        Instant firstAgentRespondedAt;
        final List<StoredMessage> messages = new ArrayList<>();

        /** A consistent copy for rendering outside the lock. */
        StoredTicket copy() {
            StoredTicket c = new StoredTicket();
            c.id = id; c.from = from; c.queue = queue; c.subject = subject; c.statusId = statusId;
            c.subStatusId = subStatusId; c.categoryId = categoryId; c.customerId = customerId;
            c.userLogin = userLogin; c.source = source; c.cc.addAll(cc); c.tags.addAll(tags);
            c.customFields.putAll(customFields); c.createdAt = createdAt; c.updatedAt = updatedAt;
            c.closedAt = closedAt; c.firstAgentRespondedAt = firstAgentRespondedAt; c.messages.addAll(messages);
            return c;
        }
    }

    private final Clock clock;
    private final SplittableRandom random = new SplittableRandom(20140708L);
    private final Map<Long, StoredTicket> tickets = new TreeMap<>();
    private final Map<String, TempFile> files = new LinkedHashMap<>();
    private final List<Webhook> webhooks = new ArrayList<>();
    private final List<Queue> queues = new ArrayList<>();
    private final Set<String> agents = new LinkedHashSet<>();
    private final Set<String> customFieldNames = new LinkedHashSet<>();
    private final Map<String, Long> customers = new LinkedHashMap<>();
    private long nextTicketId = FIRST_TICKET_ID;
    private long nextMessageId = FIRST_MESSAGE_ID;
    private long nextWebhookId = 1;
    /** {@link #page}'s order; null after a write. */
    private List<StoredTicket> newestFirst;

    ThuliumStore(Clock clock) {
        this.clock = clock;
        agents.addAll(SAMPLE_AGENTS);
        seed(SeedStories.all());
    }

    /** Now, at Thulium's minute precision. */
    Instant now() {
        return ThuliumDates.minute(clock.instant());
    }

    // ---- configuration ----

    synchronized List<Queue> queues() {
        return List.copyOf(queues);
    }

    synchronized Optional<Queue> queueByMailbox(String mailbox) {
        return queues.stream().filter(q -> q.mailbox().equalsIgnoreCase(mailbox.strip())).findFirst();
    }

    synchronized Optional<Queue> queueById(long id) {
        return queues.stream().filter(q -> q.id() == id).findFirst();
    }

    synchronized boolean isAgent(String login) {
        return agents.contains(login);
    }

    synchronized Set<String> customFieldNames() {
        return Set.copyOf(customFieldNames);
    }

    synchronized long customerId(String email) {
        return customers.computeIfAbsent(email.strip().toLowerCase(java.util.Locale.ROOT),
                e -> 32001L + customers.size());
    }

    // ---- tickets ----

    synchronized Optional<StoredTicket> ticket(long id) {
        return Optional.ofNullable(tickets.get(id)).map(StoredTicket::copy);
    }

    /** A page of a list: how many tickets matched, and copies of those on the page. */
    record Page(int count, List<StoredTicket> tickets) {
    }

    /**
     * Matching tickets by modification date, newest first, the id breaking ties so paging is stable between calls.
     * The order is kept until the next write, so paging through thousands of tickets does not sort on every page.
     */
    synchronized Page page(java.util.function.Predicate<StoredTicket> filter, int offset, int limit) {
        if (newestFirst == null) {
            newestFirst = tickets.values().stream().sorted(java.util.Comparator.comparing((StoredTicket t) -> t.updatedAt)
                    .thenComparingLong(t -> t.id).reversed()).toList();
        }
        int count = 0;
        List<StoredTicket> page = new ArrayList<>();
        for (StoredTicket t : newestFirst) {
            if (!filter.test(t)) continue;
            if (count >= offset && page.size() < limit) page.add(t.copy());
            count++;
        }
        return new Page(count, page);
    }

    synchronized int ticketCount() {
        return tickets.size();
    }

    /** Adds a new ticket; {@code fill} sets its fields (id and times are set here). */
    synchronized long create(java.util.function.Consumer<StoredTicket> fill) {
        StoredTicket t = new StoredTicket();
        t.id = nextTicketId++;
        t.createdAt = now();
        t.updatedAt = t.createdAt;
        customFieldNames.forEach(n -> t.customFields.put(n, null));
        fill.accept(t);
        tickets.put(t.id, t);
        newestFirst = null;
        return t.id;
    }

    /** Changes a ticket under the lock; false when it does not exist. */
    synchronized boolean update(long id, java.util.function.Consumer<StoredTicket> change) {
        StoredTicket t = tickets.get(id);
        if (t == null) return false;
        change.accept(t);
        newestFirst = null;
        return true;
    }

    /** Appends a message to a ticket already held under the lock (called from inside {@link #update}/{@link #create}). */
    StoredMessage addMessage(StoredTicket t, String login, String type, String body, String comment,
                             String systemComment, Instant at, List<String> attachments) {
        StoredMessage m = new StoredMessage(nextMessageId++, login == null ? "" : login, type,
                body == null ? "" : body, comment == null ? "" : comment,
                systemComment == null ? "" : systemComment, at, List.copyOf(attachments));
        t.messages.add(m);
        return m;
    }

    /** Moves a ticket to another status the way Thulium logs it; returns the log line, or null if unchanged. */
    static String changeStatus(StoredTicket t, String statusId, String subStatusId, Instant at) {
        if (statusId.equals(t.statusId) && java.util.Objects.equals(subStatusId, t.subStatusId)) return null;
        String from = ThuliumTenantStatuses.name(t.statusId);
        String to = ThuliumTenantStatuses.name(statusId);
        t.statusId = statusId;
        t.subStatusId = subStatusId;
        t.closedAt = ThuliumTenantStatuses.closes(statusId) ? at : null;
        return from.equals(to) ? null : "Changed status from [" + from + "] to [" + to + "]";
    }

    // ---- temporary files ----

    synchronized TempFile upload(String filename, byte[] bytes) {
        TempFile f = new TempFile(filename, java.net.URLConnection.guessContentTypeFromName(filename), token(),
                bytes.clone(), now().plus(TEMP_FILE_LIFETIME));
        files.put(f.token(), f);
        return f;
    }

    /** A token usable now, or empty when unknown or older than 24 h. */
    synchronized Optional<TempFile> file(String token) {
        TempFile f = files.get(token);
        if (f == null || !clock.instant().isBefore(f.expiresAt())) return Optional.empty();
        return Optional.of(f);
    }

    /**
     * A file attached to ticket {@code ticketId}, whatever its age: once a token is on a message the file belongs to
     * the ticket and outlives the 24 h of the temporary upload (INFERENCE, see the download endpoint).
     */
    synchronized Optional<TempFile> attachedFile(long ticketId, String token) {
        StoredTicket t = tickets.get(ticketId);
        if (t == null || t.messages.stream().noneMatch(m -> m.attachments().contains(token))) return Optional.empty();
        return Optional.ofNullable(files.get(token));
    }

    /** 23 hex digits like Thulium's tokens ("180174033853be57b76ed6a"); deterministic per sandbox. */
    private String token() {
        String t;
        do {
            t = String.format("%016x%07x", random.nextLong(), random.nextInt(0x10000000));
        } while (files.containsKey(t));
        return t;
    }

    synchronized String requestId() {
        return String.format("%013x", random.nextLong() & 0xFFFFFFFFFFFFFL);
    }

    // ---- webhooks ----

    synchronized Webhook addWebhook(List<String> actions, String url, String user, String password) {
        Webhook w = new Webhook(nextWebhookId++, List.copyOf(actions), url, user, password);
        webhooks.add(w);
        return w;
    }

    synchronized List<Webhook> webhooks() {
        return List.copyOf(webhooks);
    }

    // ---- seed: the 30 vendor-neutral stories as this tenant holds them ----

    /** Adds the stories' tickets, and any queue, custom field or agent they name that the tenant lacks. */
    synchronized void seed(List<SeedStories.Story> stories) {
        for (SeedStories.Story s : stories) {
            if (queues.stream().noneMatch(q -> q.name().equals(s.queue()))) {
                int qid = 32 + queues.size();
                // Thulium names e-mail queues after their mailbox (the sample's "test@thulium.pl")
                queues.add(new Queue(qid, s.queue(), s.queue().contains("@") ? s.queue() : "queue-" + qid + "@sandbox.thulium.example"));
            }
            customFieldNames.addAll(s.customFields().keySet());
            if (s.assignee() != null && s.assignee().login() != null) agents.add(s.assignee().login());
        }
        stories.forEach(this::seed);
        newestFirst = null;
    }

    private void seed(SeedStories.Story s) {
        StoredTicket t = new StoredTicket();
        t.id = nextTicketId++;
        t.from = s.requester().email();
        t.queue = queues.stream().filter(q -> q.name().equals(s.queue())).findFirst().orElseThrow();
        t.subject = s.subject();
        t.categoryId = "1";
        t.customerId = customerId(s.requester().email());
        t.userLogin = s.assignee() == null ? null : s.assignee().login();
        t.source = "email";
        t.tags.addAll(s.tags());
        customFieldNames.forEach(n -> t.customFields.put(n, s.customFields().get(n)));
        t.createdAt = s.createdAt();
        t.updatedAt = s.updatedAt();
        t.statusId = ThuliumTenantStatuses.NOWE;
        // the story's status as this tenant holds it; RESOLVED in its resolved sub-status
        String subStatus = s.status() == Status.RESOLVED ? ThuliumTenantStatuses.ROZWIAZANE : null;
        String target = switch (s.status()) {
            case NEW -> ThuliumTenantStatuses.NOWE;
            case OPEN -> ThuliumTenantStatuses.W_REALIZACJI;
            case PENDING -> ThuliumTenantStatuses.OCZEKUJE_NA_KLIENTA;
            case RESOLVED, CLOSED -> ThuliumTenantStatuses.ZAMKNIETE;
        };
        for (SeedStories.StoryMessage m : s.messages()) {
            List<String> tokens = new ArrayList<>();
            for (SeedStories.StoryAttachment a : m.attachments()) {
                String token = seedToken(t.id, m, a);
                // seeded files are as old as their message: past the 24 h, as on a real tenant
                files.put(token, new TempFile(a.fileName(), a.contentType(), token, a.bytes(), m.at().plus(TEMP_FILE_LIFETIME)));
                tokens.add(token);
            }
            switch (m.kind()) {
                case CUSTOMER -> addMessage(t, "", "MAIL", m.body(), null, null, m.at(), tokens);
                case AGENT -> {
                    String log = s.status() == Status.PENDING ? changeStatus(t, ThuliumTenantStatuses.OCZEKUJE_NA_KLIENTA, null, m.at()) : null;
                    addMessage(t, m.author().login(), "REPLY", m.body(), null, log, m.at(), tokens);
                    if (t.firstAgentRespondedAt == null) t.firstAgentRespondedAt = m.at();
                }
                case NOTE -> addMessage(t, m.author().login(), "COMMENT", null, m.body(), null, m.at(), tokens);
                case SYSTEM -> addMessage(t, "", "COMMENT", null, null, m.body(), m.at(), tokens);
            }
        }
        Instant last = s.updatedAt();
        String log = changeStatus(t, target, subStatus, last);
        if (log != null && (s.status() == Status.CLOSED || s.status() == Status.RESOLVED)) {
            // closing is logged as a system comment of its own, as the agent closed it after the last message
            addMessage(t, t.userLogin, "COMMENT", null, null, log, last, List.of());
        }
        t.closedAt = s.closedAt();
        tickets.put(t.id, t);
    }

    private static String seedToken(long ticketId, SeedStories.StoryMessage m, SeedStories.StoryAttachment a) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(
                    (ticketId + "/" + m.at() + "/" + a.fileName()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 23);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
