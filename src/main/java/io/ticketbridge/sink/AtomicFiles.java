package io.ticketbridge.sink;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whole-file writes a reader never sees half of: the bytes go to a hidden temporary file in the same folder
 * ({@code .<name>.<random>.tmp}, so {@code *.json} globs and the drop-folder consumer skip it), are forced to disk,
 * and the file is renamed over the target in one step ({@code ATOMIC_MOVE}). A reader sees the old file or the new
 * one; a crash leaves the old one and at most a stray temporary file, never a partial target.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with {@code bytes}. With {@code fsync} the data and then the folder entry are forced to
     * disk before this returns, so the new version survives a power cut too; without it a process crash still
     * leaves old or new, and the OS writes it back when it likes.
     */
    public static void write(Path target, byte[] bytes, boolean fsync) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(ch, ByteBuffer.wrap(bytes));
                if (fsync) ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
            if (fsync) forceDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) ch.write(buf);
    }

    /** Forces a folder's entries (a rename, a new file) to disk; a no-op where folders cannot be opened (Windows). */
    static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows opens no directory channels; NTFS journals the rename itself
        }
    }
}
