package io.ticketbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ticketbridge.canonical.BodyFormat;
import io.ticketbridge.canonical.Message;
import io.ticketbridge.canonical.MessageKind;
import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.testing.TestResources;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kamelet:ticket-folder-source} on real folders, into the file sink: canonical JSON and vendor payloads are
 * delivered and moved to {@code .done/}; bad files go to {@code .error/} with a reason naming what and where while
 * the rest of the folder goes on; a file still being written waits; the same content dropped twice (also after a
 * restart) is delivered once. What was delivered is counted in the sink's NDJSON export, one line per delivery.
 */
class DropFolderTest {
    static final Instant T0 = Instant.parse("2025-03-10T09:00:00Z");

    @TempDir
    Path dir;

    /** Drop folder {@code inbox} (format auto, Thulium payloads) and {@code canonical-inbox} (auto, no vendor) → files. */
    private String routes(String extra) {
        return route("inbox-to-files", "inbox", "        vendor: thulium\n" + extra)
                + route("canonical-inbox-to-files", "canonical-inbox", extra);
    }

    private String route(String id, String folder, String parameters) {
        return "- route:\n    id: " + id + "\n    from:\n      uri: kamelet:ticket-folder-source\n      parameters:\n"
                + "        directory: \"" + dir.resolve(folder) + "\"\n        period: 100\n        readLockMinAge: 300\n"
                + "        maxFileSize: 200000\n" + parameters
                + "      steps:\n        - to:\n            uri: kamelet:ticket-file-sink\n            parameters:\n"
                + "              directory: \"" + dir.resolve("tickets") + "\"\n"
                + "              ndjson: \"" + dir.resolve("delivered.ndjson") + "\"\n";
    }

    static String canonical(String id, String body) {
        return TicketJson.writePretty(Ticket.builder("plusofon", id).subject("Dropped " + id).createdAt(T0)
                .message(new Message("m1", MessageKind.CUSTOMER, null, body, BodyFormat.TEXT, T0, List.of())).build());
    }

    static String thulium(int ticketId) {
        return TestResources.text("fixtures/thulium/get_ticket_1234.json").replace("\"ticket_id\": 1234", "\"ticket_id\": " + ticketId);
    }

    private Path inbox(String folder) {
        return dir.resolve(folder);
    }

    private void drop(String folder, String name, String content) throws Exception {
        Files.createDirectories(inbox(folder));
        Files.writeString(inbox(folder).resolve(name), content, StandardCharsets.UTF_8);
    }

    private boolean processed(String folder, String name) {
        return Files.exists(inbox(folder).resolve(".done").resolve(name)) || Files.exists(inbox(folder).resolve(".error").resolve(name));
    }

    private String reason(String folder, String name) throws Exception {
        return Files.readString(inbox(folder).resolve(".error").resolve(name + ".reason.txt"));
    }

    /** Delivered tickets as {@code system/id}, one per NDJSON line, in order. */
    private List<String> delivered() throws Exception {
        Path export = dir.resolve("delivered.ndjson");
        if (!Files.exists(export)) return List.of();
        return Files.readAllLines(export).stream().map(TicketJson::read)
                .map(t -> t.source().system() + "/" + t.source().ticketId()).toList();
    }

    private static List<String> names(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void canonicalJsonAndVendorPayloadsAreDeliveredAndMovedToDone() throws Exception {
        try (Flow flow = Flow.start(dir, routes(""))) {
            drop("inbox", "canonical.json", canonical("501", "hello"));
            drop("inbox", "thulium.json", thulium(1234));
            // several payloads one after another, as convert reads them
            drop("inbox", "two.ndjson", thulium(2001).replaceAll("\\s*\\n\\s*", " ") + "\n" + thulium(2002).replaceAll("\\s*\\n\\s*", " "));
            drop("inbox", "escape.json", canonical("../../escape", "x"));
            drop("canonical-inbox", "plain.json", canonical("502", "hi"));
            await().atMost(Duration.ofSeconds(20)).until(() -> flow.check() && Stream.of("canonical.json", "thulium.json",
                    "two.ndjson", "escape.json").allMatch(n -> processed("inbox", n)) && processed("canonical-inbox", "plain.json"));
        }
        assertThat(names(inbox("inbox").resolve(".done"))).containsExactly("canonical.json", "escape.json", "thulium.json", "two.ndjson");
        assertThat(names(inbox("inbox"))).isEmpty();
        assertThat(names(inbox("inbox").resolve(".error"))).isEmpty();
        assertThat(delivered()).containsExactlyInAnyOrder("plusofon/501", "thulium/1234", "thulium/2001", "thulium/2002",
                "plusofon/../../escape", "plusofon/502");
        Ticket fromThulium = TicketJson.read(Files.readString(dir.resolve("tickets/thulium/1234.json")));
        assertThat(fromThulium.subject()).isEqualTo("Example ticket subject");
        assertThat(fromThulium.createdAt()).as("naive Thulium time read in Europe/Warsaw").isEqualTo(Instant.parse("2014-07-08T06:05:00Z"));
        assertThat(names(dir.resolve("tickets/plusofon"))).containsExactly("%2E%2E%2F%2E%2E%2Fescape.json", "501.json", "502.json");
    }

    @Test
    void badFilesGoToErrorWithAReasonAndTheRestOfTheFolderIsProcessed() throws Exception {
        String impossibleThulium = thulium(1300).replace("\"2014-07-02 13:56\"", "\"2024-02-30 13:56\"");
        String impossibleCanonical = canonical("1301", "x").replace("\"createdAt\" : \"2025-03-10T09:00:00Z\"",
                "\"createdAt\" : \"2024-02-30T09:00:00Z\"");
        assertThat(impossibleCanonical).contains("2024-02-30");
        try (Flow flow = Flow.start(dir, routes(""))) {
            drop("inbox", "malformed.json", "{\"schemaVersion\": 1,\n  \"source\": {\"system\": \"plusofon\",");
            drop("inbox", "impossible-date.json", impossibleThulium);
            drop("inbox", "impossible-canonical.json", impossibleCanonical);
            drop("inbox", "empty.json", "");
            drop("inbox", "huge.json", canonical("1302", "z".repeat(250_000)));
            drop("inbox", "no-subject.json", canonical("1303", "x").replace("\"subject\" : \"Dropped 1303\",", ""));
            drop("inbox", "control-id.json", canonical("13\u000104", "x"));
            drop("canonical-inbox", "unknown-vendor.json", thulium(1305));
            drop("inbox", "good.json", canonical("1306", "fine"));
            drop("canonical-inbox", "good.json", canonical("1307", "fine"));
            await().atMost(Duration.ofSeconds(30)).until(() -> flow.check() && Stream.of("malformed.json", "impossible-date.json",
                    "impossible-canonical.json", "empty.json", "huge.json", "no-subject.json", "control-id.json", "good.json")
                    .allMatch(n -> processed("inbox", n))
                    && processed("canonical-inbox", "unknown-vendor.json") && processed("canonical-inbox", "good.json"));
        }
        assertThat(delivered()).containsExactlyInAnyOrder("plusofon/1306", "plusofon/1307");
        assertThat(names(inbox("inbox").resolve(".done"))).containsExactly("good.json");
        assertThat(names(inbox("inbox").resolve(".error"))).containsExactly("control-id.json", "control-id.json.reason.txt",
                "empty.json", "empty.json.reason.txt", "huge.json", "huge.json.reason.txt", "impossible-canonical.json",
                "impossible-canonical.json.reason.txt", "impossible-date.json", "impossible-date.json.reason.txt",
                "malformed.json", "malformed.json.reason.txt", "no-subject.json", "no-subject.json.reason.txt");

        assertThat(reason("inbox", "malformed.json")).startsWith("malformed.json: not valid JSON at line 2, column ")
                .contains("step: read\n", "file: " + inbox("inbox").resolve("malformed.json"), "route: inbox-to-files\n");
        assertThat(reason("inbox", "impossible-date.json")).startsWith("impossible-date.json: thulium payload at "
                + "$.messages[1].created_at: expected ").contains("but found '2024-02-30 13:56'\n", "step: map\n");
        assertThat(reason("inbox", "impossible-canonical.json")).startsWith("impossible-canonical.json: canonical payload at "
                + "$.createdAt: expected an ISO-8601 UTC instant like 2025-03-10T09:00:00Z but found '2024-02-30T09:00:00Z'\n");
        assertThat(reason("inbox", "empty.json")).startsWith("empty.json: the file is empty: expected canonical ticket JSON"
                + " or a vendor payload\n");
        assertThat(reason("inbox", "huge.json")).matches("(?s)huge\\.json: the file is \\d+ bytes, over the limit of 200000 "
                + "\\(maxFileSize\\)\n.*");
        assertThat(reason("inbox", "no-subject.json")).startsWith("no-subject.json: canonical payload at $: required property"
                + " 'subject' not found\n");
        assertThat(reason("inbox", "control-id.json")).startsWith("control-id.json: delivering plusofon ticket '13\\u000104'"
                + " failed: ticket-file-sink: not written: source.ticketId '13\\u000104' holds a control character (U+0001 at index 2)\n")
                .contains("step: deliver\n", "ticket: plusofon '13\\u000104' (0 of 1 handed on before it)\n");
        assertThat(names(inbox("canonical-inbox").resolve(".error"))).containsExactly("unknown-vendor.json", "unknown-vendor.json.reason.txt");
        assertThat(reason("canonical-inbox", "unknown-vendor.json")).startsWith("unknown-vendor.json: input payload at $: "
                + "unknown vendor: not a canonical ticket (no schemaVersion) and the source names no vendor; set its vendor"
                + " (or format) to one of keliweb, plusofon, superoffice, thulium\n");
    }

    @Test
    void aFileStillBeingWrittenWaitsUntilItIsComplete() throws Exception {
        byte[] content = canonical("1400", "slow ".repeat(2000)).getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(inbox("inbox"));
        // a hidden file is never read: writing under a hidden name and renaming it in is safe too
        Files.writeString(inbox("inbox").resolve(".hidden.json"), canonical("1401", "hidden"));
        try (Flow flow = Flow.start(dir, routes(""))) {
            Path file = inbox("inbox").resolve("slow.json");
            try (OutputStream out = Files.newOutputStream(file)) {
                int chunk = content.length / 20 + 1;
                for (int at = 0; at < content.length; at += chunk) {
                    out.write(content, at, Math.min(chunk, content.length - at));
                    out.flush();
                    Thread.sleep(100); // a copy that takes 2 s, each pause shorter than readLockMinAge
                    assertThat(processed("inbox", "slow.json")).as("picked up while being written").isFalse();
                }
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> flow.check() && processed("inbox", "slow.json"));
        }
        assertThat(names(inbox("inbox").resolve(".done"))).containsExactly("slow.json");
        assertThat(delivered()).containsExactly("plusofon/1400");
        assertThat(names(inbox("inbox"))).containsExactly(".hidden.json");
    }

    @Test
    void theSameContentDroppedTwiceIsDeliveredOnceAlsoAfterARestart() throws Exception {
        try (Flow flow = Flow.start(dir, routes(""))) {
            drop("inbox", "t.json", canonical("1500", "first"));
            await().atMost(Duration.ofSeconds(20)).until(() -> flow.check() && processed("inbox", "t.json"));
            drop("inbox", "t.json", canonical("1500", "first"));          // the same file again (replaces .done/t.json)
            drop("inbox", "copy.json", canonical("1500", "first"));       // and under another name
            await().atMost(Duration.ofSeconds(20)).until(() -> flow.check() && !Files.exists(inbox("inbox").resolve("t.json"))
                    && processed("inbox", "copy.json"));
            assertThat(delivered()).containsExactly("plusofon/1500");
            drop("inbox", "changed.json", canonical("1500", "second"));  // a changed ticket is delivered
            await().atMost(Duration.ofSeconds(20)).until(() -> flow.check() && processed("inbox", "changed.json"));
            assertThat(delivered()).containsExactly("plusofon/1500", "plusofon/1500");
        }
        try (Flow flow = Flow.start(dir, routes(""))) {
            drop("inbox", "after-restart.json", canonical("1500", "second"));
            drop("inbox", "other.json", canonical("1501", "x"));
            await().atMost(Duration.ofSeconds(20)).until(() -> flow.check() && processed("inbox", "after-restart.json")
                    && processed("inbox", "other.json"));
        }
        assertThat(delivered()).containsExactly("plusofon/1500", "plusofon/1500", "plusofon/1501");
        assertThat(names(inbox("inbox").resolve(".done"))).containsExactly("after-restart.json", "changed.json", "copy.json",
                "other.json", "t.json");
        assertThat(names(inbox("inbox").resolve(".error"))).isEmpty();
    }

    private static boolean failed(Flow flow) {
        try {
            flow.check();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    @Test
    void anUnknownFormatOrVendorStopsTheRouteNamingTheKnownOnes() throws Exception {
        for (Map.Entry<String, String> bad : Map.of(
                "        format: zendesk\n", "format 'zendesk' is not known; expected auto, canonical or a vendor: keliweb, plusofon, superoffice, thulium",
                "        vendor: zendesk\n", "vendor 'zendesk' is not known; expected keliweb, plusofon, superoffice, thulium",
                "        timeZone: Mars/Olympus\n", "timeZone 'Mars/Olympus' is not a time zone").entrySet()) {
            Path own = Files.createDirectories(dir.resolve("run" + Math.abs(bad.getKey().hashCode())));
            String yaml = route("bad-setting", "inbox", bad.getKey()).replace(dir.toString(), own.toString());
            Flow flow = Flow.start(own, yaml);
            await().atMost(Duration.ofSeconds(20)).until(() -> failed(flow));
            assertThatThrownBy(flow::close).hasStackTraceContaining("ticket-folder-source: " + bad.getValue());
        }
    }
}
