package io.ticketbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ticketbridge.routing.KameletRoutes;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

/**
 * The bridge's side of the benchmark: one route as a user writes it, {@code kamelet:thulium-source} →
 * {@code kamelet:keliweb-sink}, in Camel Main with the shipped application.properties and the state store in an
 * H2 file, polling once (the period is an hour). The clock runs from Camel started until the Keliweb simulator
 * holds every ticket and nothing is in flight. The source gets {@code concurrency} only if its Kamelet declares it.
 *
 * <p>{@code java ... BridgeMigration TICKETS CONCURRENCY WORKDIR} with {@code -Dbench.thulium.*} and
 * {@code -Dbench.keliweb.*} accounts; prints one {@code RESULT} line.
 */
public final class BridgeMigration {
    private static final long STALL_MS = 120_000;

    public static void main(String[] args) throws Exception {
        int tickets = Integer.parseInt(args[0]);
        int concurrency = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]).toAbsolutePath();
        Map<String, String> source = new LinkedHashMap<>(SandboxAccount.of("thulium"));
        source.put("period", "3600000");
        if (KameletOptions.accepts("thulium-source", "concurrency")) source.put("concurrency", Integer.toString(concurrency));
        else if (concurrency != 1) throw new IllegalArgumentException("thulium-source takes no concurrency yet: run the bridge at 1");
        Map<String, String> sink = SandboxAccount.of("keliweb");
        Files.createDirectories(work.resolve("routes"));
        Files.writeString(work.resolve("routes/migration.yaml"), "- route:\n"
                + "    id: thulium-to-keliweb\n"
                + "    from:\n"
                + "      uri: kamelet:thulium-source\n"
                + "      parameters:\n" + yaml(source, "        ")
                + "      steps:\n"
                + "        - to:\n"
                + "            uri: kamelet:keliweb-sink\n"
                + "            parameters:\n" + yaml(sink, "              "), StandardCharsets.UTF_8);

        // the counter is the harness, not the bridge: its calls are reported so the driver can leave them out
        PlainKeliweb counter = PlainKeliweb.login(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(),
                new ObjectMapper(), sink);
        long ownCalls = 1;
        int before = counter.ticketCount();
        ownCalls++;

        Main main = new Main(); // as RunSettings.createMain builds it for `run`
        KameletRoutes.install(main);
        main.setPropertyPlaceholderLocations("classpath:application.properties");
        main.configure().withRoutesIncludePattern("file:" + work.resolve("routes") + "/*.yaml");
        main.addOverrideProperty("ticketbridge.data-dir", work.resolve("data").toString());
        main.addOverrideProperty("camel.beans.stateStore.url", "jdbc:h2:file:" + work.resolve("data/state/ticketbridge"));
        AtomicReference<ProcessCpu> started = new AtomicReference<>();
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport m) {
                started.set(ProcessCpu.now());
            }
        });
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        int held = before;
        long lastProgress = System.currentTimeMillis();
        while (true) {
            Thread.sleep(250);
            if (running.isDone()) running.get(); // Camel ended early: say why
            int now = counter.ticketCount();
            ownCalls++;
            if (now != held) lastProgress = System.currentTimeMillis();
            held = now;
            var camel = main.getCamelContext();
            if (started.get() != null && held - before >= tickets && camel != null && camel.getInflightRepository().size() == 0) break;
            if (System.currentTimeMillis() - lastProgress > STALL_MS) {
                throw new IllegalStateException("the bridge stalled at " + (held - before) + " of " + tickets + " tickets");
            }
        }
        ProcessCpu end = ProcessCpu.now();
        System.out.println(end.resultSince(started.get(), held - before, ownCalls));
        main.completed();
        running.get(30, TimeUnit.SECONDS);
        System.exit(0);
    }

    private static String yaml(Map<String, String> params, String indent) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(indent).append(k).append(": \"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n"));
        return sb.toString();
    }
}
