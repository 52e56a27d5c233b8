package io.ticketbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import io.ticketbridge.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while the file sink writes: a JVM writing big tickets (and their NDJSON lines) is killed at random
 * instants, again and again on the same folder (at least 4 times, up to 10 until two kills landed between a
 * temporary file and its rename, which the stray temporary files show). Afterwards every {@code *.json} parses whole, every write the child
 * reported done is on disk, and the NDJSON export holds whole lines only — a line cut by the kill is at most the
 * unterminated tail, and the next append removes it.
 */
class FileSinkCrashTest {
    @TempDir
    Path dir;

    private long strayTemporaryFiles() throws java.io.IOException {
        if (!Files.isDirectory(dir.resolve("thulium"))) return 0;
        try (Stream<Path> s = Files.list(dir.resolve("thulium"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void killedMidWriteLeavesNoPartialTicketFileAndNoBrokenLine() throws Exception {
        Path export = dir.resolve("export.ndjson");
        Random random = new Random(42);
        Set<String> done = ConcurrentHashMap.newKeySet();
        int rounds = 0;
        for (; rounds < 10 && (rounds < 4 || strayTemporaryFiles() < 2); rounds++) {
            int round = rounds;
            Process child = ChildJvm.start(WritesTicketsUntilKilled.class, dir.toString(), export.toString(), "r" + round);
            List<String> said = new ArrayList<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        if (line.startsWith("DONE ")) done.add(line.substring(5));
                        else said.add(line);
                    }
                } catch (java.io.IOException e) {
                    // the child is gone
                }
            });
            reader.start();
            int before = done.size();
            int wait = 5 + random.nextInt(20);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (done.size() < before + wait && child.isAlive() && System.nanoTime() < deadline) Thread.sleep(2);
            Thread.sleep(random.nextInt(70)); // one write with its fsyncs takes some 60 ms here
            assertThat(child.isAlive()).as("the writer runs until killed; it said %s", said).isTrue();
            child.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, nothing flushed
            reader.join(5000);
        }

        List<Path> visible;
        List<Path> temporary;
        try (Stream<Path> s = Files.list(dir.resolve("thulium"))) {
            List<Path> all = s.toList();
            visible = all.stream().filter(p -> !p.getFileName().toString().startsWith(".")).toList();
            temporary = all.stream().filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
        assertThat(visible).isNotEmpty().allMatch(p -> p.toString().endsWith(".json"));
        for (Path p : visible) {
            Ticket t = TicketJson.read(Files.readString(p)); // throws on a partial file
            assertThat(p.getFileName().toString()).isEqualTo(t.source().ticketId() + ".json");
        }
        assertThat(temporary).as("what a kill can leave: hidden temporary files only").allMatch(p -> p.toString().endsWith(".tmp"));

        String text = Files.readString(export);
        int end = text.lastIndexOf('\n') + 1;
        Set<String> exported = text.substring(0, end).lines()
                .map(l -> TicketJson.read(l).messages().get(0).body().split(" ")[0]) // each whole line parses
                .collect(Collectors.toSet());
        assertThat(exported).as("every write reported done is in the export").containsAll(done);

        NdjsonAppender.append(export, TicketJson.write(TicketFileSinkTest.ticket("thulium", "after", "after")), true);
        List<String> lines = Files.readAllLines(export);
        lines.forEach(TicketJson::read);
        assertThat(lines).hasSize(exported.size() + 1);
        System.out.printf("FileSinkCrashTest: %d writes done, %d kills, %d stray temporary files, %d characters of a cut line%n",
                done.size(), rounds, temporary.size(), text.length() - end);
    }
}
