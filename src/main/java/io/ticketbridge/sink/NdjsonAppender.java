package io.ticketbridge.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends whole lines to an NDJSON file shared by any number of routes and processes: one writer at a time (a lock
 * per file in this JVM, an OS file lock across processes), each line written in full under it, so lines never
 * interleave. A line cut short by a crash (kill -9 mid-write, power cut) is never acknowledged and is cut off by
 * the next append, so the file always reads as complete lines. With {@code fsync} a line is on disk when
 * {@link #append} returns.
 */
public final class NdjsonAppender {
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
    private static final int TAIL_CHUNK = 64 * 1024;

    private NdjsonAppender() {
    }

    /** Appends {@code json} (one line, no line break inside) and a {@code \n}. */
    public static void append(Path file, String json, boolean fsync) throws IOException {
        if (json.indexOf('\n') >= 0 || json.indexOf('\r') >= 0) throw new IllegalArgumentException("an NDJSON line cannot hold a line break");
        byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
        Path key = file.toAbsolutePath().normalize();
        ReentrantLock lock = LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
        lock.lock();
        try {
            boolean created = !Files.exists(key);
            if (created) Files.createDirectories(key.getParent());
            try (FileChannel ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                long end = completeLinesEnd(ch);
                if (end < ch.size()) ch.truncate(end);
                ch.position(end);
                AtomicFiles.writeFully(ch, ByteBuffer.wrap(line));
                if (fsync) ch.force(false);
            }
            if (fsync && created) AtomicFiles.forceDirectory(key.getParent());
        } finally {
            lock.unlock();
        }
    }

    /** Where the last complete line ends: the size when the file ends with a line break (or is empty). */
    static long completeLinesEnd(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) return 0;
        ByteBuffer last = ByteBuffer.allocate(1);
        if (ch.read(last, size - 1) == 1 && last.get(0) == '\n') return size; // the usual case: one byte read
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(TAIL_CHUNK, size));
        long pos = size;
        while (pos > 0) {
            int n = (int) Math.min(buf.capacity(), pos);
            pos -= n;
            buf.clear().limit(n);
            while (buf.hasRemaining()) {
                if (ch.read(buf, pos + buf.position()) < 0) break;
            }
            for (int i = n - 1; i >= 0; i--) {
                if (buf.get(i) == '\n') return pos + i + 1;
            }
        }
        return 0;
    }
}
