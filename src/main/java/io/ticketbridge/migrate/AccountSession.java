package io.ticketbridge.migrate;

import io.ticketbridge.component.HelpdeskConstants;
import io.ticketbridge.component.HelpdeskComponent;
import io.ticketbridge.connector.Connectors;
import io.ticketbridge.connector.ConnectorOptions;
import io.ticketbridge.connector.VendorSink;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.state.StateStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.main.Main;

/**
 * The accounts of a finished run, opened in a Camel Main on the same configuration as {@code migrate} (the file over
 * the bundled defaults): {@code verify} and {@code undo} read and delete through {@code helpdesk:} endpoints, and
 * see the run's state store.
 */
final class AccountSession {
    /** Work done once Camel started; the session ends when it returns. */
    interface Work<T> {
        T run(AccountSession session) throws Exception;
    }

    private final CamelContext camel;
    private final ProducerTemplate template;

    private AccountSession(CamelContext camel) {
        this.camel = camel;
        this.template = camel.createProducerTemplate();
    }

    static <T> T run(Path configFile, Work<T> work) throws Exception {
        Main main = Migration.camelMain(Migration.configOrDefault(configFile));
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                AccountSession session = new AccountSession(m.getCamelContext());
                try {
                    result.set(work.run(session));
                } catch (Exception e) {
                    failure.set(e instanceof org.apache.camel.CamelExecutionException && e.getCause() instanceof Exception c ? c : e);
                } finally {
                    try {
                        session.template.close();
                    } catch (Exception ignored) {
                        // closing a template releases nothing the run needs
                    }
                    main.completed();
                }
            }
        });
        main.run();
        if (failure.get() != null) throw failure.get();
        return result.get();
    }

    /** The vendor's account options ({@code ticketbridge.<vendor>.*}), as migrate uses them. */
    Map<String, String> account(String vendor) {
        return Migration.account(camel, vendor);
    }

    /** A fresh read of one ticket through {@code helpdesk:<vendor>?operation=fetch} (attachments downloaded). */
    Ticket fetch(String vendor, String ticketId) {
        return template.requestBodyAndHeader(uri(vendor, "fetch"), null, HelpdeskConstants.TICKET_ID, ticketId, Ticket.class);
    }

    /** {@code helpdesk:<vendor>?operation=delete}: true deleted, false it was not there. */
    boolean delete(String vendor, String ticketId) {
        return Boolean.TRUE.equals(template.requestBodyAndHeader(uri(vendor, "delete"), null, HelpdeskConstants.TICKET_ID,
                ticketId, Boolean.class));
    }

    /** The vendor's sink configured with the account's options: what it writes, and whether it can delete. */
    VendorSink sink(String vendor) {
        VendorSink sink = Connectors.get(vendor).newSink();
        if (sink == null) return null;
        Map<String, Object> own = new LinkedHashMap<>();
        var names = ConnectorOptions.of(sink);
        account(vendor).forEach((k, v) -> {
            if (names.contains(k)) own.put(k, v);
        });
        ConnectorOptions.bind(camel, sink, own);
        return sink;
    }

    /** The state store the helpdesk component uses (migrate's id maps and ledger). */
    StateStore stateStore() {
        return camel.getComponent("helpdesk", HelpdeskComponent.class).stateStore();
    }

    private String uri(String vendor, String operation) {
        Map<String, String> options = new LinkedHashMap<>(account(vendor));
        options.put("operation", operation);
        return Migration.uri(vendor, options);
    }
}
