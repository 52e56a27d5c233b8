package io.ticketbridge.sandbox.superoffice;

import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.sandbox.SeedStories;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The simulated tenant's state: reference data (associates, persons, categories, statuses, priorities) and the
 * tickets, messages and attachments, seeded from {@link SeedStories}. Every access goes through the store's lock
 * ({@code synchronized}); objects handed out are only read or changed while it is held.
 */
final class SuperOfficeStore {
    /** An agent. {@code ejUserId} is what flat carriers call OwnedBy/CreatedBy; 1 is the system user. */
    record Associate(int id, int ejUserId, String login, String fullName, String email) {
    }

    record Person(int id, String firstname, String lastname, String email, int contactId, String contactName) {
        String fullName() {
            return (firstname + " " + lastname).strip();
        }
    }

    record Category(int id, String name, String fullname) {
    }

    /** A tenant status and the base status it is linked to. */
    record TicketStatus(int id, String name, String base) {
    }

    record TicketPriority(int id, String name) {
    }

    static final class Ticket {
        int id;
        String title;
        Instant createdAt;
        Instant lastChanged;
        Instant closedAt;
        Instant repliedAt;
        Integer createdBy; // associate id; null = system user (created by e-mail/customer)
        Integer ownedBy; // associate id; null = unassigned
        int categoryId;
        int priorityId;
        int statusId;
        Integer personId;
        String author;
        String fromAddress;
        String origin = "Email";
        String slevel = "External";
        final List<Integer> messageIds = new ArrayList<>();
        final List<String> tags = new ArrayList<>();
        final Map<String, String> customFields = new LinkedHashMap<>();
    }

    static final class TicketMessage {
        int id;
        int ticketId;
        Instant createdAt;
        Integer createdBy; // associate id; null = system user
        Integer personId;
        String author;
        String slevel;
        String type;
        String body;
        String htmlBody;
        String category = "Message";
        String badge;
        boolean important;
        final List<Integer> attachmentIds = new ArrayList<>();
    }

    static final class StoredAttachment {
        int id;
        String name;
        String contentType;
        boolean inlineImage;
        String contentId = "";
        byte[] content = new byte[0];
    }

    static final String TENANT_ZONE = "Europe/Oslo";

    final List<Associate> associates = new ArrayList<>();
    final List<Person> persons = new ArrayList<>();
    final List<Category> categories = new ArrayList<>();
    /**
     * The tenant's request statuses. SuperOffice documents them as tenant-defined, each linked to an internal
     * BaseStatus (Active, Closed, Postponed, Deleted, Merged, Spam), and publishes no ids. This tenant numbers the
     * three built-in ones 1 Active, 2 Closed, 3 Postponed, as the superoffice-sink's documented default statusIds
     * assumes (docs/vendors/superoffice.md), and adds tenant statuses of its own (4, 5) linked to those bases.
     */
    final List<TicketStatus> statuses = List.of(
            new TicketStatus(1, "Open", "Active"),
            new TicketStatus(2, "Closed", "Closed"),
            new TicketStatus(3, "Postponed", "Postponed"),
            new TicketStatus(4, "Waiting for customer", "Postponed"),
            new TicketStatus(5, "Resolved", "Closed"),
            new TicketStatus(6, "Deleted", "Deleted"),
            new TicketStatus(7, "Spam", "Spam"),
            new TicketStatus(8, "Merged", "Merged"));
    final List<TicketPriority> priorities = List.of(
            new TicketPriority(1, "Low"), new TicketPriority(2, "Medium"),
            new TicketPriority(3, "High"), new TicketPriority(4, "Urgent"));

    final TreeMap<Integer, Ticket> tickets = new TreeMap<>();
    final TreeMap<Integer, TicketMessage> messages = new TreeMap<>();
    final TreeMap<Integer, StoredAttachment> attachments = new TreeMap<>();
    final List<Map<String, Object>> webhooks = new ArrayList<>();
    final Map<String, Integer> tagIds = new LinkedHashMap<>();
    private int nextTicketId = 101;
    private int nextMessageId = 1001;
    private int nextAttachmentId = 5001;
    private int nextWebhookId = 1;

    SuperOfficeStore() {
        associates.add(new Associate(0, 1, "SYSTEM", "System", null)); // the system user behind e-mail imports
        seed(SeedStories.all());
    }

    void seed(List<SeedStories.Story> stories) {
        for (SeedStories.Story s : stories) seed(s);
    }

    // ---- lookups (caller holds the lock) ----

    Associate associate(Integer id) {
        if (id == null) return null;
        return associates.stream().filter(a -> a.id() == id).findFirst().orElse(null);
    }

    Person person(Integer id) {
        if (id == null) return null;
        return persons.stream().filter(p -> p.id() == id).findFirst().orElse(null);
    }

    Category category(int id) {
        return categories.stream().filter(c -> c.id() == id).findFirst()
                .orElseThrow(() -> new NoSuchElementException("Category id " + id + " not found"));
    }

    TicketStatus status(int id) {
        return statuses.stream().filter(s -> s.id() == id).findFirst()
                .orElseThrow(() -> new NoSuchElementException("TicketStatus id " + id + " not found"));
    }

    TicketPriority priority(int id) {
        return priorities.stream().filter(p -> p.id() == id).findFirst()
                .orElseThrow(() -> new NoSuchElementException("TicketPriority id " + id + " not found"));
    }

    int tagId(String name) {
        return tagIds.computeIfAbsent(name, n -> tagIds.size() + 1);
    }

    // ---- writes (caller holds the lock) ----

    Ticket newTicket(Instant now) {
        Ticket t = new Ticket();
        t.id = nextTicketId++;
        t.createdAt = now;
        t.lastChanged = now;
        t.categoryId = categories.get(0).id();
        t.priorityId = 2;
        t.statusId = 1;
        tickets.put(t.id, t);
        return t;
    }

    TicketMessage newMessage(Ticket t, Instant at) {
        TicketMessage m = new TicketMessage();
        m.id = nextMessageId++;
        m.ticketId = t.id;
        m.createdAt = at;
        messages.put(m.id, m);
        t.messageIds.add(m.id);
        return m;
    }

    /** Removes a ticket with its messages and their attachments (REST DELETE /api/v1/Ticket/{id}). */
    void deleteTicket(Ticket t) {
        for (TicketMessage m : messagesOf(t)) {
            m.attachmentIds.forEach(attachments::remove);
            messages.remove(m.id);
        }
        tickets.remove(t.id);
    }

    StoredAttachment newAttachment() {
        StoredAttachment a = new StoredAttachment();
        a.id = nextAttachmentId++;
        attachments.put(a.id, a);
        return a;
    }

    Person newPerson(String first, String last, String email) {
        Person p = new Person(persons.stream().mapToInt(Person::id).max().orElse(10) + 1, first, last, email, 0, "");
        persons.add(p);
        return p;
    }

    int newWebhookId() {
        return nextWebhookId++;
    }

    /** A message was added: counters, reply time and last change follow, as SuperOffice keeps them. */
    void messageAdded(Ticket t, TicketMessage m, Instant now) {
        if (isReply(m) && (t.repliedAt == null || m.createdAt.isBefore(t.repliedAt))) t.repliedAt = m.createdAt;
        if (now.isAfter(t.lastChanged)) t.lastChanged = now;
    }

    /** An external message from the agent side: what NumReplies and RepliedAt count. */
    static boolean isReply(TicketMessage m) {
        return "External".equals(m.slevel) && m.personId == null && !"Incoming".equals(m.badge);
    }

    List<TicketMessage> messagesOf(Ticket t) {
        return t.messageIds.stream().map(messages::get).toList();
    }

    // ---- seeding ----

    private void seed(SeedStories.Story s) {
        Person customer = personFor(s.requester());
        Associate agent = s.assignee() == null ? null : associateFor(s.assignee());
        Category category = categoryFor(s.queue());
        Ticket t = newTicket(s.createdAt());
        t.title = s.subject();
        t.personId = customer.id();
        t.author = customer.email();
        t.fromAddress = customer.email();
        t.ownedBy = agent == null ? null : agent.id();
        t.categoryId = category.id();
        t.statusId = switch (s.status()) {
            case NEW, OPEN -> 1;
            case PENDING -> 4;
            case RESOLVED -> 5;
            case CLOSED -> 2;
        };
        t.priorityId = priorityId(s.priority());
        t.tags.addAll(s.tags());
        s.tags().forEach(this::tagId);
        t.customFields.putAll(s.customFields());
        for (SeedStories.StoryMessage sm : s.messages()) {
            Associate writer = sm.kind() == MessageKind.CUSTOMER ? null : associateFor(sm.author());
            TicketMessage m = newMessage(t, sm.at());
            switch (sm.kind()) {
                case CUSTOMER -> {
                    m.personId = customer.id();
                    m.slevel = "External";
                    m.badge = "Incoming";
                }
                case AGENT -> {
                    m.slevel = "External";
                    m.badge = "Reply";
                }
                case NOTE -> {
                    m.slevel = "Internal";
                    m.badge = "Comment";
                }
                case SYSTEM -> {
                    m.slevel = "External";
                    m.badge = "Outgoing";
                    m.category = "OutboxFailed";
                }
            }
            m.createdBy = writer == null ? null : writer.id();
            m.author = sm.author().email();
            if (sm.html()) {
                m.type = "Html";
                m.htmlBody = sm.body();
                m.body = sm.body().replaceAll("<[^>]+>", " ").replace("&mdash;", "—").replaceAll("\\s+", " ").strip();
            } else {
                m.type = "Plain";
                m.body = sm.body();
                m.htmlBody = "";
            }
            for (SeedStories.StoryAttachment sa : sm.attachments()) {
                StoredAttachment a = newAttachment();
                a.name = sa.fileName();
                a.contentType = sa.contentType();
                a.content = sa.bytes();
                m.attachmentIds.add(a.id);
            }
            messageAdded(t, m, sm.at());
        }
        t.lastChanged = s.updatedAt();
        t.closedAt = s.closedAt();
        t.createdBy = null;
    }

    private static int priorityId(Priority p) {
        return switch (p) {
            case LOW -> 1;
            case NORMAL -> 2;
            case HIGH -> 3;
            case URGENT -> 4;
        };
    }

    private Person personFor(SeedStories.Person p) {
        for (Person known : persons) if (known.email().equals(p.email())) return known;
        int space = p.name().indexOf(' ');
        String first = space < 0 ? p.name() : p.name().substring(0, space);
        String last = space < 0 ? "" : p.name().substring(space + 1);
        String domain = p.email().substring(p.email().indexOf('@') + 1);
        Person created = new Person(persons.size() + 11, first, last, p.email(), 200 + persons.size(), domain);
        persons.add(created);
        return created;
    }

    private Associate associateFor(SeedStories.Person p) {
        for (Associate known : associates) if (p.email() != null && p.email().equals(known.email())) return known;
        int id = associates.size() + 99; // the system user is index 0: agents are 100, 101, ...
        Associate created = new Associate(id, id + 1000, p.login() == null ? "AG" + id : p.login(), p.name(), p.email());
        associates.add(created);
        return created;
    }

    private Category categoryFor(String queue) {
        for (Category c : categories) if (c.name().equals(queue)) return c;
        Category created = new Category(categories.size() + 1, queue, "Service/" + queue);
        categories.add(created);
        return created;
    }
}
