package io.ticketbridge.component;

import io.ticketbridge.connector.Connector;
import io.ticketbridge.connector.ConnectorOptions;
import io.ticketbridge.connector.VendorBean;
import io.ticketbridge.connector.VendorSink;
import io.ticketbridge.connector.VendorSource;
import io.ticketbridge.connector.Connectors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.MultipleConsumersSupport;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.ScheduledPollEndpoint;

/**
 * {@code helpdesk:<vendor>?options}: one helpdesk account. As a consumer it polls the account for changed tickets
 * and emits each as a canonical {@link io.ticketbridge.canonical.Ticket} ({@link HelpdeskConsumer}); as a producer
 * it delivers canonical tickets into the account, or fetches or lists tickets ({@link HelpdeskProducer}).
 *
 * <p>The options are the connector Kamelets' property names. Options shared by every vendor come first; the
 * vendor-specific ones are labelled with their vendor, and an option another vendor owns is refused for this one.
 * Each option is handed to the vendor's source and sink as they are written (the connectors validate and apply
 * them), so the endpoint's fields only document and type them.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "helpdesk", title = "Helpdesk", syntax = "helpdesk:vendor",
        category = {Category.API}, headersClass = HelpdeskConstants.class)
public class HelpdeskEndpoint extends ScheduledPollEndpoint implements MultipleConsumersSupport {
    private static final String QUARTZ_SCHEDULER = "org.apache.camel.pollconsumer.quartz.QuartzScheduledPollConsumerScheduler";

    @UriPath(description = "The vendor id: thulium, plusofon, keliweb or superoffice (or any vendor on the classpath)")
    @Metadata(required = true)
    private final String vendor;

    // ---- common ----

    /** The account's API base URL (Thulium: https://your-system-name.thulium.com; SuperOffice: the tenant URL). */
    @UriParam(label = "common")
    private String baseUrl;
    /** Key of this flow's state (source: cursor and ledger; sink: id maps); empty = the route id (source) or vendor@baseUrl (sink). */
    @UriParam(label = "common")
    private String stateKey;
    /** Calls in all, first included, for a request failing with a network error, 429 or 5xx (exponential backoff with jitter). */
    @UriParam(label = "common", defaultValue = "5")
    private int maxAttempts = 5;
    /** Milliseconds before the first retry; doubled on each further retry (at most 30 s). */
    @UriParam(label = "common", defaultValue = "500")
    private long retryDelayMs = 500;
    /** The longest wait in milliseconds a vendor's Retry-After header may impose; longer ones are cut to this. */
    @UriParam(label = "common", defaultValue = "60000")
    private long retryAfterCapMs = 60000;
    /**
     * At most this many requests a second to the account (vendor, base URL and user), spaced evenly and shared by
     * every endpoint on that account in this process, retries included; 0 = no limit. A 429's Retry-After is still
     * waited for, up to retryAfterCapMs.
     */
    @UriParam(label = "common", defaultValue = "0")
    private double maxRequestsPerSecond;
    /** The zone the vendor's naive timestamps are read in; empty = the vendor's default zone. */
    @UriParam(label = "common")
    private String timeZone;
    /** Overrides of the vendor's status table, as raw=CANONICAL pairs (e.g. "2=PENDING,5=CLOSED"). */
    @UriParam(label = "common")
    private String statusMap;
    /** Overrides of the vendor's priority table, as raw=CANONICAL pairs. */
    @UriParam(label = "common")
    private String priorityMap;
    /**
     * What the producer does: deliver a canonical ticket (the sink), fetch one ticket by id, list the changes, or
     * delete one ticket by id where the vendor's API can; as
     * a consumer, webhook receives the vendor's webhooks on path instead of polling.
     */
    @UriParam(label = "common", defaultValue = "deliver", enums = "deliver,fetch,list,delete,webhook")
    private HelpdeskOperation operation = HelpdeskOperation.deliver;

    // ---- consumer ----

    /** Milliseconds between two polls (the Kamelets' name for delay; delay wins when both are set). */
    @UriParam(label = "consumer,scheduler")
    private long period;
    /** A Quartz cron expression (e.g. "0 0/15 * * * ?"); when set it replaces period/delay (scheduler=quartz, scheduler.cron). */
    @UriParam(label = "consumer,scheduler")
    private String cron;
    /** Tickets per list page; the vendor's maximum applies (Thulium 100). */
    @UriParam(label = "consumer")
    private int pageSize;
    /** Where the first poll starts, as an ISO instant (2025-01-31T00:00:00Z) or a date (2025-01-31); empty = all tickets. */
    @UriParam(label = "consumer")
    private String since;
    /** Comma-separated ticket ids fetched on every poll instead of polling for changes (migrations). */
    @UriParam(label = "consumer")
    private String ticketIds;
    /**
     * Tickets of one poll handled at once: fetch, mapping, the route and its sink run for up to this many tickets in
     * parallel, on a pool of this many threads the consumer owns (named after the route, stopped with it). A ticket
     * is one exchange, so its messages stay in order; the cursor still moves only once every ticket of the poll was
     * handed on and none failed. Each ticket makes its own requests: N tickets put up to N requests at a time on the
     * source account and on the sink's, so keep N within the vendors' quotas.
     */
    @UriParam(label = "consumer", defaultValue = "1")
    private int concurrency = 1;
    /** Download attachment bytes into the canonical ticket, so sinks can re-upload them. */
    @UriParam(label = "consumer", defaultValue = "true")
    private boolean includeAttachments = true;
    /** Where a ticket that cannot be read, mapped or routed goes, with its raw payload (any endpoint URI); default: a JSON file under the component's deadLetterDirectory. */
    @UriParam(label = "consumer")
    private String deadLetterUri;

    // ---- consumer, operation=webhook ----

    /** operation=webhook: the path on the embedded HTTP server (camel.server.*) the vendor posts to. */
    @UriParam(label = "consumer,webhook")
    private String path;
    /** operation=webhook, SuperOffice: the webhook's Secret, the key of X-SuperOffice-Signature; empty refuses every delivery. */
    @UriParam(label = "consumer,webhook,security,superoffice")
    @Metadata(secret = true)
    private String secret;
    /** operation=webhook, Thulium: the HTTP Basic user the webhook was registered with (http_auth_user). */
    @UriParam(label = "consumer,webhook,security,thulium")
    @Metadata(secret = true)
    private String webhookUsername;
    /** operation=webhook, Thulium: the HTTP Basic password the webhook was registered with (http_auth_password). */
    @UriParam(label = "consumer,webhook,security,thulium")
    @Metadata(secret = true)
    private String webhookPassword;
    /** operation=webhook: the largest request body accepted, in bytes; a larger one is answered 413. */
    @UriParam(label = "consumer,webhook", defaultValue = "1048576")
    private long maxBodySize = 1048576;

    // ---- producer (sink) ----

    /** What happens to what the target cannot hold: text = written with a marker line; skip = recorded as skipped. */
    @UriParam(label = "producer", defaultValue = "text", enums = "text,skip")
    private String unsupportedPolicy = "text";
    /** Write the ticket's status to the target when it changed. */
    @UriParam(label = "producer", defaultValue = "true")
    private boolean updateStatus = true;
    /** Canonical status to the target's status ids (Thulium status_id[:substatus_id], SuperOffice TicketStatusId), CANONICAL=id pairs. */
    @UriParam(label = "producer,thulium,superoffice")
    private String statusIds;

    // ---- credentials ----

    /** The API user (Thulium), OAuth2 user (Keliweb) or basic-auth user (SuperOffice). */
    @UriParam(label = "security,thulium,keliweb,superoffice")
    @Metadata(secret = true)
    private String username;
    /** The API user's password. */
    @UriParam(label = "security,thulium,keliweb,superoffice")
    @Metadata(secret = true)
    private String password;
    /** Plusofon: the user token (Bearer); SuperOffice: the Bearer access token or the SOTicket credential. */
    @UriParam(label = "security,plusofon,superoffice")
    @Metadata(secret = true)
    private String token;
    /** Keliweb: the OAuth2 client id; Plusofon: the application code sent in the Client header (10553). */
    @UriParam(label = "security,keliweb,plusofon")
    private String clientId;
    /** Keliweb: the OAuth2 client secret. */
    @UriParam(label = "security,keliweb")
    @Metadata(secret = true)
    private String clientSecret;
    /** SuperOffice: basic (username/password), bearer (token) or soticket (token + appToken). */
    @UriParam(label = "security,superoffice", enums = "basic,bearer,soticket")
    private String authMethod;
    /** SuperOffice: the application's client secret, sent as SO-AppToken (authMethod=soticket). */
    @UriParam(label = "security,superoffice")
    @Metadata(secret = true)
    private String appToken;
    /** SuperOffice: the SO-TimeZone request header (e.g. "NO, includeTZOffset"); empty sends none. */
    @UriParam(label = "superoffice")
    private String soTimeZone;

    // ---- vendor-specific sink options ----

    /** Thulium: the mailbox ("to") new tickets are sent to; it selects the queue. */
    @UriParam(label = "producer,thulium")
    private String mailbox;
    /** Thulium: a ticket_queue_id overriding the queue the mailbox chooses. */
    @UriParam(label = "producer,thulium")
    private String queueId;
    /** Thulium: the login agent replies are written as when the author's login is unknown to the tenant. */
    @UriParam(label = "producer,thulium")
    private String agentLogin;
    /** Thulium: source agent login or e-mail to Thulium login, as source=thulium pairs. */
    @UriParam(label = "producer,thulium")
    private String agentLoginMap;
    /** Thulium: what an internal note is written as (none = skipped; customer; agent = e-mailed to the customer!). */
    @UriParam(label = "producer,thulium", enums = "none,customer,agent")
    private String noteFallback;
    /** Thulium: the same choice for system events. */
    @UriParam(label = "producer,thulium", enums = "none,customer,agent")
    private String systemFallback;
    /** Thulium: add an internal comment to each created ticket with what Thulium has no field for. */
    @UriParam(label = "producer,thulium", defaultValue = "true")
    private boolean openingComment = true;
    /** Thulium: the "from" used when the requester has no e-mail address. */
    @UriParam(label = "producer,thulium")
    private String requesterFallback;
    /** Keliweb: the support department new tickets are opened in. */
    @UriParam(label = "producer,keliweb")
    private String deptId;
    /** Keliweb: send each message's original time, so the thread keeps its dates. */
    @UriParam(label = "producer,keliweb", defaultValue = "true")
    private boolean preserveDates = true;
    /** Keliweb: write agent replies as staff replies with this WHMCS admin username; empty = marked customer replies. */
    @UriParam(label = "producer,keliweb")
    private String adminUsername;
    /** Keliweb: write internal notes with add-ticket-note; false = they follow unsupportedPolicy. */
    @UriParam(label = "producer,keliweb", defaultValue = "true")
    private boolean internalNotes = true;
    /** Keliweb: convert HTML bodies to Markdown (else to plain text). */
    @UriParam(label = "producer,keliweb", defaultValue = "false")
    private boolean markdown;
    /** Plusofon: ticket fields written as "[Field: value]" lines atop the opening description (source, requester, assignee, priority, status, tags). */
    @UriParam(label = "producer,plusofon")
    private String openingMarkers;
    /** SuperOffice: the TicketCategoryId new tickets are filed under; 0 = the tenant default. */
    @UriParam(label = "producer,superoffice")
    private int categoryId;
    /** SuperOffice: how the requester becomes the ticket's Person: find-or-create, find or none. */
    @UriParam(label = "producer,superoffice", enums = "find-or-create,find,none")
    private String requesterMode;
    /** SuperOffice: canonical priority to the tenant's priority name, as CANONICAL=Name pairs. */
    @UriParam(label = "producer,superoffice")
    private String priorityNames;

    private final Connector connector;
    /** Every option the connector's source, sink or their settings take. */
    private final Set<String> connectorOptions;
    /** The options as written in the URI: what the vendor's source and sink are configured with. */
    private final Map<String, Object> options;
    private volatile VendorSource source;
    private volatile VendorSink sink;
    private volatile DeadLetters deadLetters;

    HelpdeskEndpoint(String uri, HelpdeskComponent component, Connector connector, Map<String, Object> options) {
        super(uri, component);
        this.vendor = connector.id();
        this.connector = connector;
        this.options = new LinkedHashMap<>(options);
        this.options.remove("operation");
        this.connectorOptions = writable(connector);
        refuseOtherVendorsOptions();
    }

    @Override
    public HelpdeskComponent getComponent() {
        return (HelpdeskComponent) super.getComponent();
    }

    /** Every consumer keeps its own flow (cursor and ledger by its route), so twin routes on one URI both run. */
    @Override
    public boolean isMultipleConsumersSupported() {
        return true;
    }

    @Override
    public Producer createProducer() {
        return new HelpdeskProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        if (operation == HelpdeskOperation.webhook) {
            WebhookConsumer webhooks = new WebhookConsumer(this, processor);
            configureConsumer(webhooks);
            return webhooks;
        }
        HelpdeskConsumer consumer = new HelpdeskConsumer(this, processor);
        configureConsumer(consumer); // bridgeErrorHandler / exceptionHandler replace the consumer's own handler
        if (getDelay() < 0 && period > 0) consumer.setDelay(period);
        if ((cron != null && !cron.isBlank()) || "quartz".equals(getScheduler())) {
            // a scheduler per consumer: the endpoint's single instance cannot serve two routes on one URI
            consumer.setScheduler(newQuartzScheduler());
            Map<String, Object> props = new LinkedHashMap<>(getSchedulerProperties() == null ? Map.of() : getSchedulerProperties());
            if (cron != null && !cron.isBlank()) props.putIfAbsent("cron", cron);
            consumer.setSchedulerProperties(props);
        }
        return consumer;
    }

    private ScheduledPollConsumerScheduler newQuartzScheduler() {
        try {
            Class<? extends ScheduledPollConsumerScheduler> type = getCamelContext().getClassResolver()
                    .resolveMandatoryClass(QUARTZ_SCHEDULER, ScheduledPollConsumerScheduler.class);
            return getCamelContext().getInjector().newInstance(type);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException(getEndpointKey() + ": cron needs camel-quartz on the classpath", e);
        }
    }

    @Override
    protected void doInit() throws Exception {
        super.doInit();
        if (concurrency < 1) {
            throw new IllegalArgumentException("helpdesk:" + vendor + ": concurrency must be 1 or more, got " + concurrency);
        }
        source = configured(connector.newSource());
        VendorSink writer = connector.newSink();
        sink = writer == null ? null : configured(writer);
        String uri = deadLetterUri != null && !deadLetterUri.isBlank() ? deadLetterUri : getComponent().getDeadLetterUri();
        deadLetters = new DeadLetters(getCamelContext(), uri, getComponent().getDeadLetterDirectory());
    }

    /** The vendor bean with every option it (or its settings) has a property for. */
    private <T extends VendorBean> T configured(T bean) {
        Map<String, Object> own = new LinkedHashMap<>();
        Set<String> names = ConnectorOptions.of(bean);
        options.forEach((k, v) -> {
            if (names.contains(k)) own.put(k, v);
        });
        ConnectorOptions.bind(getCamelContext(), bean, own);
        bean.setStateStoreSource(getComponent()::stateStore); // opened when a poll or a delivery first needs it
        return bean;
    }

    /** An option only another vendor's connector has is a mistake here: say whose it is. */
    private void refuseOtherVendorsOptions() {
        for (String option : options.keySet()) {
            if (connectorOptions.contains(option)) continue;
            Set<String> owners = Connectors.all().stream().filter(v -> !v.id().equals(vendor))
                    .filter(v -> writable(v).contains(option))
                    .map(Connector::id).collect(Collectors.toCollection(TreeSet::new));
            if (!owners.isEmpty()) {
                throw new IllegalArgumentException("helpdesk:" + vendor + ": option " + option + " is not a " + vendor
                        + " option (it belongs to " + String.join(", ", owners) + ")");
            }
        }
    }

    /** The options a vendor's source and sink take. */
    private static Set<String> writable(Connector v) {
        Set<String> out = new TreeSet<>(ConnectorOptions.of(v.newSource()));
        VendorSink s = v.newSink();
        if (s != null) out.addAll(ConnectorOptions.of(s));
        return out;
    }

    Connector connector() {
        return connector;
    }

    /** Whether the connector takes this option itself (one with no endpoint field, such as a new vendor's own). */
    boolean connectorTakes(String option) {
        return connectorOptions.contains(option);
    }

    VendorSource source() {
        return source;
    }

    VendorSink sink() {
        if (sink == null) throw new IllegalArgumentException("helpdesk:" + vendor + " has no sink: it can only be read");
        return sink;
    }

    DeadLetters deadLetters() {
        return deadLetters;
    }

    // ---- options ----

    public String getVendor() { return vendor; }
    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getStateKey() { return stateKey; }
    public void setStateKey(String stateKey) { this.stateKey = stateKey; }
    public int getMaxAttempts() { return maxAttempts; }
    public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
    public long getRetryDelayMs() { return retryDelayMs; }
    public void setRetryDelayMs(long retryDelayMs) { this.retryDelayMs = retryDelayMs; }
    public long getRetryAfterCapMs() { return retryAfterCapMs; }
    public void setRetryAfterCapMs(long retryAfterCapMs) { this.retryAfterCapMs = retryAfterCapMs; }
    public double getMaxRequestsPerSecond() { return maxRequestsPerSecond; }
    public void setMaxRequestsPerSecond(double maxRequestsPerSecond) { this.maxRequestsPerSecond = maxRequestsPerSecond; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public String getStatusMap() { return statusMap; }
    public void setStatusMap(String statusMap) { this.statusMap = statusMap; }
    public String getPriorityMap() { return priorityMap; }
    public void setPriorityMap(String priorityMap) { this.priorityMap = priorityMap; }
    public HelpdeskOperation getOperation() { return operation; }
    public void setOperation(HelpdeskOperation operation) { this.operation = operation; }
    public long getPeriod() { return period; }
    public void setPeriod(long period) { this.period = period; }
    public String getCron() { return cron; }
    public void setCron(String cron) { this.cron = cron; }
    public int getPageSize() { return pageSize; }
    public void setPageSize(int pageSize) { this.pageSize = pageSize; }
    public String getSince() { return since; }
    public void setSince(String since) { this.since = since; }
    public String getTicketIds() { return ticketIds; }
    public void setTicketIds(String ticketIds) { this.ticketIds = ticketIds; }
    public int getConcurrency() { return concurrency; }
    public void setConcurrency(int concurrency) { this.concurrency = concurrency; }
    public boolean isIncludeAttachments() { return includeAttachments; }
    public void setIncludeAttachments(boolean includeAttachments) { this.includeAttachments = includeAttachments; }
    public String getDeadLetterUri() { return deadLetterUri; }
    public void setDeadLetterUri(String deadLetterUri) { this.deadLetterUri = deadLetterUri; }
    public String getPath() { return path; }
    public void setPath(String path) { this.path = path; }
    public String getSecret() { return secret; }
    public void setSecret(String secret) { this.secret = secret; }
    public String getWebhookUsername() { return webhookUsername; }
    public void setWebhookUsername(String webhookUsername) { this.webhookUsername = webhookUsername; }
    public String getWebhookPassword() { return webhookPassword; }
    public void setWebhookPassword(String webhookPassword) { this.webhookPassword = webhookPassword; }
    public long getMaxBodySize() { return maxBodySize; }
    public void setMaxBodySize(long maxBodySize) { this.maxBodySize = maxBodySize; }
    public String getUnsupportedPolicy() { return unsupportedPolicy; }
    public void setUnsupportedPolicy(String unsupportedPolicy) { this.unsupportedPolicy = unsupportedPolicy; }
    public boolean isUpdateStatus() { return updateStatus; }
    public void setUpdateStatus(boolean updateStatus) { this.updateStatus = updateStatus; }
    public String getStatusIds() { return statusIds; }
    public void setStatusIds(String statusIds) { this.statusIds = statusIds; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getToken() { return token; }
    public void setToken(String token) { this.token = token; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
    public String getAuthMethod() { return authMethod; }
    public void setAuthMethod(String authMethod) { this.authMethod = authMethod; }
    public String getAppToken() { return appToken; }
    public void setAppToken(String appToken) { this.appToken = appToken; }
    public String getSoTimeZone() { return soTimeZone; }
    public void setSoTimeZone(String soTimeZone) { this.soTimeZone = soTimeZone; }
    public String getMailbox() { return mailbox; }
    public void setMailbox(String mailbox) { this.mailbox = mailbox; }
    public String getQueueId() { return queueId; }
    public void setQueueId(String queueId) { this.queueId = queueId; }
    public String getAgentLogin() { return agentLogin; }
    public void setAgentLogin(String agentLogin) { this.agentLogin = agentLogin; }
    public String getAgentLoginMap() { return agentLoginMap; }
    public void setAgentLoginMap(String agentLoginMap) { this.agentLoginMap = agentLoginMap; }
    public String getNoteFallback() { return noteFallback; }
    public void setNoteFallback(String noteFallback) { this.noteFallback = noteFallback; }
    public String getSystemFallback() { return systemFallback; }
    public void setSystemFallback(String systemFallback) { this.systemFallback = systemFallback; }
    public boolean isOpeningComment() { return openingComment; }
    public void setOpeningComment(boolean openingComment) { this.openingComment = openingComment; }
    public String getRequesterFallback() { return requesterFallback; }
    public void setRequesterFallback(String requesterFallback) { this.requesterFallback = requesterFallback; }
    public String getDeptId() { return deptId; }
    public void setDeptId(String deptId) { this.deptId = deptId; }
    public boolean isPreserveDates() { return preserveDates; }
    public void setPreserveDates(boolean preserveDates) { this.preserveDates = preserveDates; }
    public String getAdminUsername() { return adminUsername; }
    public void setAdminUsername(String adminUsername) { this.adminUsername = adminUsername; }
    public boolean isInternalNotes() { return internalNotes; }
    public void setInternalNotes(boolean internalNotes) { this.internalNotes = internalNotes; }
    public boolean isMarkdown() { return markdown; }
    public void setMarkdown(boolean markdown) { this.markdown = markdown; }
    public String getOpeningMarkers() { return openingMarkers; }
    public void setOpeningMarkers(String openingMarkers) { this.openingMarkers = openingMarkers; }
    public int getCategoryId() { return categoryId; }
    public void setCategoryId(int categoryId) { this.categoryId = categoryId; }
    public String getRequesterMode() { return requesterMode; }
    public void setRequesterMode(String requesterMode) { this.requesterMode = requesterMode; }
    public String getPriorityNames() { return priorityNames; }
    public void setPriorityNames(String priorityNames) { this.priorityNames = priorityNames; }
}
