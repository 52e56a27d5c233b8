package io.ticketbridge.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A vendor's sandbox account (base URL and credentials), handed from the driver to a run's JVM as {@code -Dbench.<vendor>.<key>}. */
final class SandboxAccount {
    private SandboxAccount() {
    }

    static List<String> asJvmOptions(String vendor, Map<String, String> account) {
        List<String> out = new ArrayList<>();
        account.forEach((k, v) -> out.add("-Dbench." + vendor + "." + k + "=" + v));
        return out;
    }

    static Map<String, String> of(String vendor) {
        String prefix = "bench." + vendor + ".";
        Map<String, String> account = new LinkedHashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith(prefix)).sorted()
                .forEach(k -> account.put(k.substring(prefix.length()), System.getProperty(k)));
        if (!account.containsKey("baseUrl")) throw new IllegalArgumentException("no -D" + prefix + "baseUrl given");
        return account;
    }
}
