package io.ticketbridge.sink.email;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.ticketbridge.state.JdbcStateStore;
import io.ticketbridge.state.StateStore;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * A real SMTP server (GreenMail, loopback, any free port) and, per "run" of the bridge, a fresh Camel context with
 * a route {@code direct:tickets → kamelet:ticket-email-sink} and a state store on an H2 file that outlives the run,
 * as a restarted bridge finds it.
 */
final class MailBed implements AutoCloseable {
    static final String FROM = "TicketBridge <bridge@helpdesk.example>";
    static final String TO = "ops@team.example, lead@team.example";

    final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private final String stateUrl;

    MailBed(Path dir) {
        smtp.start();
        stateUrl = "jdbc:h2:file:" + dir.resolve("state").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    int port() {
        return smtp.getSmtp().getPort();
    }

    /** The Kamelet's parameters for this server, with {@code extra} added or replacing them. */
    Map<String, String> parameters(Map<String, String> extra) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("host", "127.0.0.1");
        if (!extra.containsKey("port")) p.put("port", Integer.toString(port()));
        p.put("from", FROM);
        p.put("to", TO);
        p.putAll(extra);
        return p;
    }

    /** One run of the bridge: a started context whose route mails what is sent to direct:tickets. */
    Run run(Map<String, String> extra) throws Exception {
        return Run.start(this, parameters(extra));
    }

    /** What the first recipient received, in order (GreenMail keeps a copy per recipient). */
    List<ReceivedMail> received() {
        return smtp.findReceivedMessages(u -> u.getEmail().equals("ops@team.example"), m -> true).map(ReceivedMail::of).toList();
    }

    /** Every copy delivered, whoever to. */
    int copies() {
        return smtp.getReceivedMessages().length;
    }

    @Override
    public void close() {
        smtp.stop();
    }

    static final class Run implements AutoCloseable {
        final DefaultCamelContext camel = new DefaultCamelContext();
        final JdbcStateStore store;

        static Run start(MailBed bed, Map<String, String> parameters) throws Exception {
            Run run = new Run(bed);
            try {
                run.start(parameters);
            } catch (Exception | Error e) {
                run.close();
                throw e;
            }
            return run;
        }

        private Run(MailBed bed) {
            store = new JdbcStateStore(bed.stateUrl, "sa", "");
            store.start();
        }

        private void start(Map<String, String> parameters) throws Exception {
            camel.getRegistry().bind(StateStore.BEAN_NAME, store);
            String query = parameters.entrySet().stream().map(e -> e.getKey() + "=RAW(" + e.getValue() + ")")
                    .collect(Collectors.joining("&"));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:tickets").routeId("tickets-to-email").to("kamelet:ticket-email-sink?" + query);
                }
            });
            camel.start();
        }

        void deliver(Object ticket) {
            camel.createProducerTemplate().sendBody("direct:tickets", ticket);
        }

        @Override
        public void close() {
            camel.stop();
            store.close();
        }
    }
}
