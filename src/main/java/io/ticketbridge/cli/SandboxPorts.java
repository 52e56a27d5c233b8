package io.ticketbridge.cli;

import io.ticketbridge.sandbox.Sandbox;
import io.ticketbridge.sandbox.Simulators;
import io.ticketbridge.sandbox.mail.MailCatcher;
import java.util.Map;

/** Fixed sandbox ports (base + the offset each simulator declares), so a user can curl them; 0 = any free ports. */
final class SandboxPorts {
    static final int DEFAULT_BASE = 18080;
    /** Where the sandbox's SMTP catcher stores mails (relative to the working directory). */
    static final String MAIL_DIR = "data/sandbox-mail";

    private SandboxPorts() {
    }

    static Map<String, Integer> from(int base) {
        return Simulators.ports(base);
    }

    /** The SMTP catcher's port: base + {@value MailCatcher#PORT_OFFSET}; base 0 = any free port. */
    static int smtpPort(int base) {
        return base == 0 ? 0 : base + MailCatcher.PORT_OFFSET;
    }

    /** Base URLs and credentials, one block per vendor. Sandbox credentials are not secrets: they are printed. */
    static String describe(Sandbox sandbox) {
        StringBuilder sb = new StringBuilder();
        sandbox.servers().forEach((id, server) -> {
            sb.append(String.format("  %-12s %s%n", id, server.baseUrl()));
            sandbox.simulator(id).credentials().forEach((k, v) -> sb.append(String.format("  %-12s   %s = %s%n", "", k, v)));
        });
        sb.append("  faults: PUT <base URL>/__sandbox/faults {\"errorRate\":0.1,\"throttleRate\":0.05,...}")
                .append(System.lineSeparator());
        return sb.toString();
    }
}
