package io.ticketbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketbridge.canonical.Ticket;
import io.ticketbridge.canonical.TicketJson;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers racing the file sink: one reacts to every file-system event in the folder, one lists and reads the folder
 * in a loop; each parses every {@code *.json} it sees. With the sink's atomic writes every read parses; the same
 * readers against plain overwrites catch half-written files, which shows they can.
 */
class AtomicWriteTest {
    @TempDir
    Path tmp;

    /** Two readers parsing everything that appears in {@code dir} until stopped. */
    static final class Readers implements AutoCloseable {
        final AtomicInteger parsed = new AtomicInteger();
        final Queue<String> partial = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final WatchService watch;
        private final List<Thread> threads;

        Readers(Path dir) throws Exception {
            watch = FileSystems.getDefault().newWatchService();
            dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            Thread watcher = new Thread(() -> {
                while (!stop.get()) {
                    WatchKey key;
                    try {
                        key = watch.poll(50, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                        return;
                    }
                    if (key == null) continue;
                    for (WatchEvent<?> e : key.pollEvents()) {
                        if (e.context() instanceof Path p) read(dir.resolve(p));
                    }
                    key.reset();
                }
            });
            Thread lister = new Thread(() -> {
                while (!stop.get()) {
                    try (Stream<Path> s = Files.list(dir)) {
                        s.forEach(this::read);
                    } catch (Exception e) {
                        // the folder changes under the listing; list again
                    }
                }
            });
            threads = List.of(watcher, lister);
            threads.forEach(Thread::start);
        }

        private void read(Path file) {
            String name = file.getFileName().toString();
            if (!name.endsWith(".json") || name.startsWith(".")) return;
            String text;
            try {
                text = Files.readString(file);
            } catch (NoSuchFileException e) {
                return;
            } catch (Exception e) {
                partial.add(name + ": " + e);
                return;
            }
            try {
                TicketJson.read(text);
                parsed.incrementAndGet();
            } catch (RuntimeException e) {
                partial.add(name + ": " + text.length() + " characters that do not parse");
            }
        }

        @Override
        public void close() throws Exception {
            stop.set(true);
            for (Thread t : threads) t.join(5000);
            watch.close();
        }
    }

    /** About 400 KB of canonical JSON, different each round so every write changes the file. */
    private static Ticket big(String id, int round) {
        return TicketFileSinkTest.ticket("thulium", id, ("round " + round + " ").repeat(40_000));
    }

    @Test
    void aReaderNeverSeesAPartialFile() throws Exception {
        TicketFileSink sink = new TicketFileSink();
        sink.setDirectory(tmp.toString());
        sink.setFsync(false); // the rename is what readers depend on; forcing to disk only slows the race
        Path dir = Files.createDirectories(tmp.resolve("thulium"));
        try (Readers readers = new Readers(dir)) {
            for (int round = 0; round < 40; round++) {
                for (int i = 0; i < 10; i++) sink.write(big("t" + i, round));
            }
            Thread.sleep(200);
            readers.close();
            assertThat(readers.partial).as("reads that saw half a file").isEmpty();
            assertThat(readers.parsed.get()).as("the readers did read while the sink wrote").isGreaterThan(100);
        }
    }

    @Test
    void theSameReadersCatchPlainOverwrites() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("thulium"));
        try (Readers readers = new Readers(dir)) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            for (int round = 0; readers.partial.isEmpty() && System.nanoTime() < until; round++) {
                for (int i = 0; i < 10; i++) {
                    Files.writeString(dir.resolve("t" + i + ".json"), TicketJson.writePretty(big("t" + i, round)));
                }
            }
            assertThat(readers.partial).as("a plain overwrite is seen half-written").isNotEmpty();
        }
    }
}
