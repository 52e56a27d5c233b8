package io.ticketbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.sink.TicketFileName.RejectedNameException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file sink on a real folder: names that stay inside it, whole files, an NDJSON export of whole lines. */
class TicketFileSinkTest {
    @TempDir
    Path tmp;

    static Ticket ticket(String system, String id, String body) {
        return Ticket.builder(system, id).subject("Subject of " + id)
                .message(new Message("m1", MessageKind.CUSTOMER, null, body, BodyFormat.TEXT, null, List.of())).build();
    }

    private TicketFileSink sink(Path dir) {
        TicketFileSink sink = new TicketFileSink();
        sink.setDirectory(dir.toString());
        return sink;
    }

    /** Every regular file under {@code dir}, relative to it. */
    private static List<String> allFiles(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void idsThatArePathsOrDeviceNamesStayOneFileInTheVendorsFolder() throws Exception {
        Path out = tmp.resolve("out/tickets");
        TicketFileSink sink = sink(out);
        List<String> ids = List.of("../escaped", "../../../../../../tmp/escaped", "..\\escaped", "/etc/escaped",
                "C:\\escaped", "CON", "nul", "COM1", "a/b", "..", ".hidden");
        for (String id : ids) {
            Path file = sink.write(ticket("thulium", id, "x"));
            assertThat(file.getParent()).isEqualTo(out.resolve("thulium").toAbsolutePath());
            assertThat(TicketJson.read(Files.readString(file)).source().ticketId()).isEqualTo(id);
        }
        assertThat(allFiles(tmp)).as("nothing outside out/tickets/thulium, one file per id").hasSize(ids.size())
                .allMatch(f -> f.startsWith("out/tickets/thulium/") && f.endsWith(".json") && !f.contains("/."))
                .contains("out/tickets/thulium/%2E%2E%2Fescaped.json", "out/tickets/thulium/%43ON.json",
                        "out/tickets/thulium/%2Fetc%2Fescaped.json");
    }

    @Test
    void aRejectedIdWritesNothingAndSaysWhy() throws Exception {
        TicketFileSink sink = sink(tmp);
        assertThatThrownBy(() -> sink.write(ticket("thulium", "12\u00003", "x"))).isInstanceOf(RejectedNameException.class)
                .hasMessage("ticket-file-sink: not written: source.ticketId '12\\u00003' holds a control character (U+0000 at index 2)");
        assertThatThrownBy(() -> sink.write(ticket("thulium", "x".repeat(500), "x")))
                .hasMessageContaining("too long for a file name: 500 characters");
        assertThatThrownBy(() -> sink.write(ticket("../etc", "1", "x"))).hasMessageContaining("source.system '../etc' is not a vendor id");
        // an empty id cannot even be a ticket; as JSON it is refused by name
        var ex = new org.apache.camel.support.DefaultExchange(new org.apache.camel.impl.DefaultCamelContext());
        ex.getIn().setBody(TicketJson.write(ticket("thulium", "1", "x")).replace("\"ticketId\":\"1\"", "\"ticketId\":\"\""));
        assertThatThrownBy(() -> sink.process(ex)).hasMessageContaining("source.ticketId is required");
        assertThat(allFiles(tmp)).isEmpty();
    }

    @Test
    void aNewVersionReplacesTheFileAndLeavesNoTemporaryFile() throws Exception {
        TicketFileSink sink = sink(tmp);
        sink.write(ticket("keliweb", "7", "first"));
        Path file = sink.write(ticket("keliweb", "7", "second"));
        assertThat(TicketJson.read(Files.readString(file)).messages().get(0).body()).isEqualTo("second");
        assertThat(allFiles(tmp)).containsExactly("keliweb/7.json");
    }

    @Test
    void theNdjsonExportGetsOneLinePerDelivery() throws Exception {
        TicketFileSink sink = sink(tmp.resolve("tickets"));
        sink.setNdjson("export.ndjson");
        sink.write(ticket("keliweb", "7", "first"));
        sink.write(ticket("keliweb", "8", "other"));
        sink.write(ticket("keliweb", "7", "second"));
        List<String> lines = Files.readAllLines(tmp.resolve("tickets/export.ndjson"));
        assertThat(lines).extracting(l -> TicketJson.read(l).messages().get(0).body()).containsExactly("first", "other", "second");
        // an absolute path is taken as it is
        sink.setNdjson(tmp.resolve("elsewhere/all.ndjson").toString());
        sink.write(ticket("keliweb", "9", "x"));
        assertThat(Files.readAllLines(tmp.resolve("elsewhere/all.ndjson"))).hasSize(1);
    }

    @Test
    void concurrentAppendsFromTwoSinksNeverInterleave() throws Exception {
        Path export = tmp.resolve("shared.ndjson");
        List<TicketFileSink> sinks = new ArrayList<>();
        for (String dir : List.of("a", "b")) {
            TicketFileSink s = sink(tmp.resolve(dir));
            s.setNdjson(export.toString());
            s.setFsync(false);
            sinks.add(s);
        }
        String big = "x".repeat(200_000); // far more than one write() of the OS or one page
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            TicketFileSink s = sinks.get(t % 2);
            int thread = t;
            done.add(pool.submit(() -> {
                for (int i = 0; i < 25; i++) s.write(ticket("plusofon", thread + "-" + i, big));
                return null;
            }));
        }
        for (Future<?> f : done) f.get();
        pool.shutdown();
        List<String> lines = Files.readAllLines(export, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(200);
        Set<String> ids = new HashSet<>();
        for (String line : lines) ids.add(TicketJson.read(line).source().ticketId()); // each line parses whole
        assertThat(ids).hasSize(200);
    }

    @Test
    void aLineCutShortByACrashIsDroppedBeforeTheNextAppend() throws Exception {
        Path export = tmp.resolve("export.ndjson");
        String whole = TicketJson.write(ticket("thulium", "1", "kept"));
        Files.writeString(export, whole + "\n" + TicketJson.write(ticket("thulium", "2", "cut")).substring(0, 40));
        NdjsonAppender.append(export, TicketJson.write(ticket("thulium", "3", "next")), true);
        assertThat(Files.readAllLines(export)).extracting(l -> TicketJson.read(l).source().ticketId()).containsExactly("1", "3");
        // a file holding only a cut line
        Files.writeString(export, "{\"schemaVer");
        NdjsonAppender.append(export, whole, true);
        assertThat(Files.readAllLines(export)).containsExactly(whole);
    }

    @Test
    void theHeadersDoNotNameTheFile() throws Exception {
        TicketFileSink sink = sink(tmp);
        var ex = new org.apache.camel.support.DefaultExchange(new org.apache.camel.impl.DefaultCamelContext());
        ex.getIn().setBody(ticket("superoffice", "5", "x"));
        ex.getIn().setHeader("TicketBridgeSystem", "../../evil");
        ex.getIn().setHeader("TicketBridgeTicketId", "../evil");
        ex.getIn().setHeader("CamelFileName", "/tmp/evil.json");
        sink.process(ex);
        assertThat(allFiles(tmp)).containsExactly("superoffice/5.json");
        assertThat(ex.getIn().getHeader("CamelFileNameProduced", String.class)).endsWith("superoffice/5.json");
    }
}
