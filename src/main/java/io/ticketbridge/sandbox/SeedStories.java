package io.ticketbridge.sandbox;

import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Priority;
import io.ticketbridge.canonical.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The sandbox data set, vendor-neutral: {@value #COUNT} deterministic ticket stories in five languages. Each
 * vendor simulator renders them into its own wire format and ids, so the same story reads back through every
 * mapper. Every status, multi-message threads, HTML bodies, attachments, emoji and non-Latin scripts are in it.
 * For big runs {@link #generated} adds more, as deterministic: story n is the same whatever the total.
 */
public final class SeedStories {
    public static final int COUNT = 30;
    /** Stories start here and follow each other by ~19 hours. */
    public static final Instant EPOCH = Instant.parse("2025-01-06T08:15:00Z");
    /** Generated stories start after the last built-in one and follow each other by 3 minutes (100,000 fit in a year). */
    static final Instant GENERATED_EPOCH = EPOCH.plus(Duration.ofMinutes(1147L * COUNT));

    public record Person(String name, String email, String login) {
    }

    public record StoryAttachment(String fileName, String contentType, byte[] bytes) {
    }

    public record StoryMessage(MessageKind kind, Person author, String body, boolean html, Instant at,
                               List<StoryAttachment> attachments) {
    }

    public record Story(int number, String language, String subject, Person requester, Person assignee,
                        Status status, Priority priority, String queue, List<String> tags,
                        Map<String, String> customFields, Instant createdAt, List<StoryMessage> messages) {
        public Instant updatedAt() {
            return messages.get(messages.size() - 1).at();
        }

        public Instant closedAt() {
            return status == Status.CLOSED || status == Status.RESOLVED ? updatedAt() : null;
        }
    }

    private record Lang(String code, String[] subjects, String open, String reply, String note, String followUp,
                        Person[] customers, Person agent, String queue) {
    }

    private static final Lang[] LANGS = {
        new Lang("pl",
            new String[] {"Brak dostępu do panelu", "Faktura za październik — błędna kwota", "Zmiana numeru telefonu",
                "Połączenia urywają się po 30 s", "Prośba o zwrot środków", "Żółta ikona w aplikacji"},
            "Dzień dobry, od wczoraj nie mogę się zalogować. Proszę o pomoc. Zażółć gęślą jaźń.",
            "<p>Dzień dobry,</p><p>sprawdziliśmy konto — <b>hasło zostało zresetowane</b>.</p><p>Pozdrawiam</p>",
            "Klient dzwonił dwa razy, priorytet do podniesienia.",
            "Dziękuję, działa!",
            new Person[] {new Person("Jan Kowalski", "jan.kowalski@example.pl", null),
                new Person("Agnieszka Wróbel", "a.wrobel@example.pl", null)},
            new Person("Anna Nowak", "anna.nowak@helpdesk.example", "anowak"), "wsparcie@example.pl"),
        new Lang("ru",
            new String[] {"Не работает SIP-транк", "Вопрос по тарифу «Бизнес»", "Перенос номера",
                "Счёт за сентябрь", "Нет входящих звонков", "Смена реквизитов"},
            "Здравствуйте! С утра не проходят входящие звонки на номер +7 495 000-00-00.",
            "<p>Добрый день!</p><p>Проблема на стороне оператора устранена. Проверьте, пожалуйста.</p>",
            "Эскалировано во второй уровень.",
            "Спасибо, всё работает 👍",
            new Person[] {new Person("Иван Петров", "ivan.petrov@example.ru", null),
                new Person("Ольга Смирнова", "olga.s@example.ru", null)},
            new Person("Оператор", "support@plusofon.example", "operator1"), "Техподдержка"),
        new Lang("it",
            new String[] {"Dominio non raggiungibile", "Rinnovo certificato SSL", "Casella email piena",
                "Migrazione del sito WordPress", "Backup non disponibile", "Fattura n. 2025/118"},
            "Buongiorno, il mio dominio esempio.it non risponde da stamattina. Potete verificare?",
            "<p>Gentile cliente,</p><p>il DNS è stato corretto; la propagazione richiede fino a <i>24 ore</i>.</p>",
            "Verificato: record A errato dopo il rinnovo.",
            "Grazie mille, ora funziona perfettamente.",
            new Person[] {new Person("Giulia Bianchi", "giulia.bianchi@example.it", null),
                new Person("Marco Rossi", "marco.rossi@example.it", null)},
            new Person("Luca Ferrari", "luca.ferrari@hosting.example", "lferrari"), "Supporto Tecnico"),
        new Lang("en",
            new String[] {"Cannot access customer portal", "Invoice shows wrong VAT", "Request: add second admin",
                "Webhook deliveries failing", "Export to CSV is empty", "Password reset e-mail never arrives"},
            "Hello, the login button on the customer portal does nothing when I click it. Chrome 131, Windows 11.",
            "<p>Hi,</p><p>thanks for the report &mdash; we deployed a fix. Could you <a href=\"https://example.com/login\">try again</a>?</p>",
            "Reproduced on staging; see ENG-4821.",
            "Works now, thank you!",
            new Person[] {new Person("John Anderson", "john.anderson@acme.example", null),
                new Person("Mary O'Neil", "mary.oneil@acme.example", null)},
            new Person("Sarah Johnson", "sarah.johnson@service.example", "sjohnson"), "Technical Support"),
        new Lang("no",
            new String[] {"Faktura mangler", "Kan ikke logge inn — æøå i passord", "Bytte av kontaktperson",
                "Feil i ordrebekreftelse", "Ønsker oppsigelse", "Treg respons i appen"},
            "Hei, jeg får ikke logget inn når passordet inneholder æ, ø eller å. 日本語のテストも含みます。",
            "<p>Hei!</p><p>Feilen er rettet i versjon <code>10.4.2</code>.</p><ul><li>Tøm hurtigbufferen</li><li>Prøv igjen</li></ul>",
            "Kunden er VIP — følg opp innen fredag.",
            "Tusen takk, nå fungerer det.",
            new Person[] {new Person("Kari Nordmann", "kari.nordmann@example.no", null),
                new Person("Ola Hansen", "ola.hansen@example.no", null)},
            new Person("Ingrid Berg", "ingrid.berg@service.example", "iberg"), "Kundeservice"),
    };

    private static final Status[] STATUSES = Status.values();
    private static final Priority[] PRIORITIES = {Priority.NORMAL, Priority.HIGH, Priority.LOW, Priority.URGENT};

    private static final List<Story> STORIES = build();

    private SeedStories() {
    }

    public static List<Story> all() {
        return STORIES;
    }

    /**
     * Stories {@value #COUNT}+1 .. {@code total}, generated: subject "Generated ticket 0042 — " + a built-in
     * subject, 1–6 messages (customer, agent and note; NEW ones only the customer's), about one message in five
     * with a small attachment, every status, language and priority. Empty when {@code total <= COUNT}.
     */
    public static List<Story> generated(int total) {
        List<Story> out = new ArrayList<>(Math.max(0, total - COUNT));
        for (int n = COUNT + 1; n <= total; n++) out.add(generate(n));
        return out;
    }

    private static List<Story> build() {
        List<Story> out = new ArrayList<>();
        for (int n = 1; n <= COUNT; n++) {
            Lang lang = LANGS[(n - 1) % LANGS.length];
            Person customer = lang.customers[(n / LANGS.length) % lang.customers.length];
            Status status = STATUSES[(n - 1) % STATUSES.length];
            Instant created = EPOCH.plus(Duration.ofMinutes(1147L * (n - 1)));
            List<StoryMessage> msgs = new ArrayList<>();
            Instant t = created;
            msgs.add(new StoryMessage(MessageKind.CUSTOMER, customer, lang.open + " (#" + n + ")", false, t,
                    n % 3 == 0 ? List.of(textFile("log-" + n + ".txt", lang.open)) : List.of()));
            if (status != Status.NEW) {
                t = t.plus(Duration.ofMinutes(37 + n));
                msgs.add(new StoryMessage(MessageKind.AGENT, lang.agent, lang.reply, true, t,
                        n % 4 == 0 ? List.of(pngFile("screenshot-" + n + ".png")) : List.of()));
                if (n % 2 == 0) {
                    t = t.plus(Duration.ofMinutes(5));
                    msgs.add(new StoryMessage(MessageKind.NOTE, lang.agent, lang.note, false, t, List.of()));
                }
                if (status == Status.OPEN || status == Status.RESOLVED || status == Status.CLOSED) {
                    t = t.plus(Duration.ofHours(2).plusMinutes(n));
                    msgs.add(new StoryMessage(MessageKind.CUSTOMER, customer, lang.followUp, false, t,
                            n % 5 == 0 ? List.of(textFile("details-" + n + ".csv", "id;value\n1;" + n + "\n")) : List.of()));
                }
            }
            Map<String, String> custom = new LinkedHashMap<>();
            custom.put("contract", "C-" + (10000 + n * 7));
            if (n % 2 == 1) custom.put("channel", n % 3 == 0 ? "phone" : "email");
            out.add(new Story(n, lang.code, lang.subjects[(n - 1) / LANGS.length % lang.subjects.length],
                    customer, status == Status.NEW ? null : lang.agent, status, PRIORITIES[(n - 1) % PRIORITIES.length],
                    lang.queue, n % 2 == 0 ? List.of("sandbox", lang.code) : List.of("sandbox"), custom, created, msgs));
        }
        return List.copyOf(out);
    }

    /** Story n (> COUNT) from its own seed alone, so it does not depend on how many are generated. */
    static Story generate(int n) {
        SplittableRandom rnd = new SplittableRandom(0x9E3779B97F4A7C15L * n);
        Story like = STORIES.get((n - 1) % COUNT);
        Lang lang = LANGS[(n - 1) % LANGS.length];
        Person customer = lang.customers[rnd.nextInt(lang.customers.length)];
        // the built-in stories tie status to language; generated ones cycle through every pair
        Status status = STATUSES[(n - 1) / LANGS.length % STATUSES.length];
        Instant created = GENERATED_EPOCH.plus(Duration.ofMinutes(3L * (n - COUNT - 1)));
        int count = status == Status.NEW ? 1 + rnd.nextInt(2) : 2 + rnd.nextInt(5);
        List<StoryMessage> msgs = new ArrayList<>();
        Instant t = created;
        for (int i = 1; i <= count; i++) {
            if (i > 1) t = t.plus(Duration.ofMinutes(5 + rnd.nextInt(180)));
            MessageKind kind = i == 1 || status == Status.NEW ? MessageKind.CUSTOMER
                    : i == 2 ? MessageKind.AGENT
                    : new MessageKind[] {MessageKind.CUSTOMER, MessageKind.AGENT, MessageKind.NOTE}[rnd.nextInt(3)];
            String ref = " (#" + n + "." + i + ")";
            List<StoryAttachment> files = rnd.nextInt(5) != 0 ? List.of() : List.of(switch (rnd.nextInt(3)) {
                case 0 -> textFile("note-" + n + "-" + i + ".txt", lang.open + ref);
                case 1 -> textFile("data-" + n + "-" + i + ".csv", "id;value\n" + n + ";" + i + "\n");
                default -> pngFile("image-" + n + "-" + i + ".png");
            });
            msgs.add(switch (kind) {
                case AGENT -> new StoryMessage(kind, lang.agent, lang.reply + "<p>" + ref.strip() + "</p>", true, t, files);
                case NOTE -> new StoryMessage(kind, lang.agent, lang.note + ref, false, t, files);
                default -> new StoryMessage(kind, customer, (i == 1 ? lang.open : lang.followUp) + ref, false, t, files);
            });
        }
        Map<String, String> custom = new LinkedHashMap<>();
        custom.put("contract", "C-" + (10000 + n * 7));
        if (n % 2 == 1) custom.put("channel", n % 3 == 0 ? "phone" : "email");
        return new Story(n, lang.code, String.format("Generated ticket %04d — %s", n, like.subject()), customer,
                status == Status.NEW ? null : lang.agent, status, PRIORITIES[rnd.nextInt(PRIORITIES.length)], lang.queue,
                n % 2 == 0 ? List.of("sandbox", "generated", lang.code) : List.of("sandbox", "generated"), custom, created,
                List.copyOf(msgs));
    }

    private static StoryAttachment textFile(String name, String content) {
        return new StoryAttachment(name, name.endsWith(".csv") ? "text/csv" : "text/plain",
                content.getBytes(StandardCharsets.UTF_8));
    }

    /** A real 1×1 PNG, so binary bytes travel through every format. */
    private static StoryAttachment pngFile(String name) {
        return new StoryAttachment(name, "image/png", Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
    }
}
