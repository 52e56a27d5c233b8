package io.ticketbridge.migrate;

import io.ticketbridge.component.HelpdeskConstants;
import io.ticketbridge.connector.VendorSource.Change;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * Runs one {@link MigrationPlan} in a Camel Main: the bundled application.properties under the given configuration
 * file, no routes but the migration's. Once Camel started it lists the source (the run's total, and the first
 * {@code limit} ids), adds {@link MigrationRoute}, and ends when the one poll has handed on everything.
 */
public final class Migration {
    private final MigrationPlan plan;
    private final Path configFile;

    public Migration(MigrationPlan plan, Path configFile) {
        this.plan = plan;
        // as for run: without --config, ./application.properties when there is one
        this.configFile = configOrDefault(configFile);
    }

    /** As for run: without --config, ./application.properties when there is one. */
    static Path configOrDefault(Path configFile) {
        return configFile != null || !java.nio.file.Files.isRegularFile(Path.of("application.properties"))
                ? configFile : Path.of("application.properties");
    }

    /** A Camel Main on the configuration file over the bundled defaults, serving nothing (migrate, verify, undo). */
    static Main camelMain(Path configFile) {
        Main main = new Main();
        // the file's keys win over the bundled defaults (in Camel the first location holding a key wins)
        String locations = (configFile == null ? "" : "file:" + configFile.toAbsolutePath() + ",") + "classpath:application.properties";
        main.setPropertyPlaceholderLocations(locations);
        main.setDefaultPropertyPlaceholderLocation(locations);
        main.addOverrideProperty("camel.server.enabled", "false"); // a migration serves nothing
        return main;
    }

    /** The run's outcome: the tally, and why the poll itself failed (null when it ran). */
    public record Outcome(MigrationTally tally, Throwable pollFailure) {
    }

    public Outcome run() throws Exception {
        MigrationTally tally = new MigrationTally(UUID.randomUUID().toString());
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Main main = camelMain(configFile);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                try {
                    start(m.getCamelContext(), tally, failure, main);
                } catch (Exception e) {
                    // a ProducerTemplate's wrapper only adds "Exception occurred during execution on the exchange"
                    failure.set(e instanceof org.apache.camel.CamelExecutionException && e.getCause() != null ? e.getCause() : e);
                    main.completed();
                }
            }
        });
        main.run();
        tally.finished();
        return new Outcome(tally, failure.get());
    }

    private void start(CamelContext camel, MigrationTally tally, AtomicReference<Throwable> failure, Main main) throws Exception {
        Map<String, String> source = account(camel, plan.from());
        Map<String, String> target = account(camel, plan.to());
        if (plan.maxRequestsPerSecond() > 0) { // each account's own budget, shared by its list, fetches and writes
            source.put("maxRequestsPerSecond", Double.toString(plan.maxRequestsPerSecond()));
            target.put("maxRequestsPerSecond", Double.toString(plan.maxRequestsPerSecond()));
        }
        List<String> ids = plan.ids();
        if (ids == null) {
            List<String> listed = list(camel, source);
            ids = plan.limit() > 0 && listed.size() > plan.limit() ? listed.subList(0, plan.limit()) : null;
            tally.listed(ids == null ? listed.size() : ids.size());
        } else {
            tally.listed(ids.size());
        }
        if (ids != null && ids.isEmpty()) { // nothing to poll for
            main.completed();
            return;
        }
        Map<String, String> consumer = new LinkedHashMap<>(source);
        consumer.put("stateKey", plan.sourceStateKey(tally.runId()));
        consumer.put("concurrency", Integer.toString(plan.concurrency()));
        if (plan.since() != null) consumer.put("since", plan.since().toString());
        if (ids != null) consumer.put("ticketIds", String.join(",", ids));
        consumer.put("deadLetterUri", MigrationRoute.DEAD_LETTER);
        consumer.put("initialDelay", "0");
        consumer.put("delay", "3600000");
        consumer.put("repeatCount", "1");
        consumer.put("pollStrategy", "#migrationPoll");
        camel.getRegistry().bind("migrationPoll", new OnePoll(failure, main));
        String data = camel.resolvePropertyPlaceholders("{{ticketbridge.data-dir:data}}");
        Path canonical = plan.report() != null ? plan.report().resolve("tickets") : Path.of(data, "migrate", tally.runId(), "tickets");
        String deadLetters = camel.resolvePropertyPlaceholders("{{ticketbridge.data-dir:data}}") + "/dead-letter";
        camel.addRoutes(new MigrationRoute(plan, uri(plan.from(), consumer), uri(plan.to(), target),
                sinkKey(plan.to(), target), tally, canonical, deadLetters));
    }

    /** The target's id-map key in the state store (shared with run flows into the same account). */
    static String sinkKey(String vendor, Map<String, String> account) {
        return vendor + "@" + account.get("baseUrl");
    }

    /** The source ledger's key of a migration, without its window (a window's key adds ":since=…" / ":until=…"). */
    static String ledgerKey(String from, String to) {
        return "migrate:" + from + "->" + to;
    }

    /** The source's changes in the run's window (since), oldest first, as the vendor lists them. */
    private List<String> list(CamelContext camel, Map<String, String> source) {
        Map<String, String> options = new LinkedHashMap<>(source);
        options.put("operation", "list");
        try (ProducerTemplate template = camel.createProducerTemplate()) {
            Object body = template.requestBodyAndHeader(uri(plan.from(), options), null, HelpdeskConstants.SINCE,
                    plan.since() == null ? null : plan.since().toString());
            List<String> ids = new ArrayList<>();
            for (Object c : (List<?>) body) {
                String id = ((Change) c).ticketId();
                if (!ids.contains(id)) ids.add(id);
            }
            return ids;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every non-empty {@code ticketbridge.<vendor>.*} property, placeholders resolved: the account, as for run. */
    static Map<String, String> account(CamelContext camel, String vendor) {
        String prefix = "ticketbridge." + vendor + ".";
        Map<String, String> account = new LinkedHashMap<>();
        for (String key : camel.getPropertiesComponent().loadProperties(k -> k.startsWith(prefix)).stringPropertyNames()) {
            String value = camel.resolvePropertyPlaceholders("{{" + key + "}}");
            if (value != null && !value.isBlank()) account.put(key.substring(prefix.length()), value);
        }
        if (!account.containsKey("baseUrl")) {
            throw new IllegalArgumentException(prefix + "baseUrl is not set (give the account's properties with --config FILE)");
        }
        return account;
    }

    static String uri(String vendor, Map<String, String> options) {
        StringBuilder sb = new StringBuilder("helpdesk:").append(vendor);
        char sep = '?';
        for (Map.Entry<String, String> e : options.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=');
            String v = e.getValue();
            sb.append(v.startsWith("#") ? v : "RAW(" + v + ")");
            sep = '&';
        }
        return sb.toString();
    }

    /** The poll strategy of the migration's single poll: once it committed (or failed to list), the run ends. */
    private static final class OnePoll implements PollingConsumerPollStrategy {
        private final AtomicReference<Throwable> failure;
        private final Main main;

        OnePoll(AtomicReference<Throwable> failure, Main main) {
            this.failure = failure;
            this.main = main;
        }

        @Override
        public boolean begin(Consumer consumer, Endpoint endpoint) {
            return true;
        }

        @Override
        public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
            main.completed();
        }

        @Override
        public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
            failure.set(cause);
            main.completed();
            return false;
        }
    }
}
