package trin.client.internal.outbox;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's file: reads what a previous run left, appends records, and
 * rewrites the live set atomically. Not thread-safe: {@link Outbox} guards it,
 * but for {@link #writeTemp} and {@link #sync}, which it calls outside its lock
 * (one compaction at a time).
 */
final class Journal implements Closeable {

    static final String FILE_NAME = "outbox.journal";

    /*
     * Each record reaches the operating system at once (one write per record), so
     * a crash of the JVM loses nothing. An fsync, which a power cut needs, costs
     * tens of milliseconds on an SD card and wears it out when done per message:
     * we sync at most this often (and on close and after every rewrite), outside
     * the outbox's lock, so a power cut loses at most the last second of
     * messages, which the kernel may well have written by then anyway.
     */
    private static final long SYNC_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    /** What a previous run left: the live entries by sequence number and the last number used. */
    record Loaded(TreeMap<Long, Outbox.Entry> entries, long lastSeq) {
        static Loaded empty() {
            return new Loaded(new TreeMap<>(), 0);
        }
    }

    private final Path dir;
    private final Path file;
    private final Path temp;
    private static final int REWRITE_BUFFER_BYTES = 16 * 1024;

    /** Read without the outbox's lock by {@link #sync} only. */
    private volatile FileChannel channel;
    private long lastSync;
    private ByteBuffer rewriteBuffer;

    Journal(Path dir) {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
        this.temp = dir.resolve(FILE_NAME + ".tmp");
    }

    Path file() {
        return file;
    }

    /**
     * Replays the file. Damaged records are skipped with a warning; a file that
     * is not a journal at all is moved aside. Fails only when the directory
     * itself cannot be read or written.
     */
    Loaded load() throws IOException {
        return JournalReplay.load(dir, file, temp);
    }

    /** Whether records can be appended; false until a rewrite succeeds, and after a failed write. */
    boolean writable() {
        return channel != null;
    }

    /** Appends one record; it reaches the operating system at once, the disk at the next {@link #sync}. */
    void append(byte[] record) throws IOException {
        try {
            writeFully(channel, ByteBuffer.wrap(record));
        } catch (IOException e) {
            // A half-written record must not be followed by others: the next write rewrites the file.
            closeQuietly();
            throw e;
        }
    }

    /**
     * Whether a sync is due (the last one is a second old); claims it, so the
     * caller must then call {@link #sync}. Called under the outbox's lock.
     */
    boolean claimSync() {
        long now = System.nanoTime();
        if (channel == null || now - lastSync < SYNC_INTERVAL_NANOS) {
            return false;
        }
        lastSync = now;
        return true;
    }

    /** Syncs the file to disk; safe outside the outbox's lock, while records are appended. */
    void sync() {
        FileChannel c = channel;
        if (c == null) {
            return;
        }
        try {
            c.force(false);
        } catch (IOException e) {
            LOG.debug("Syncing {} failed (closed meanwhile?): {}", file, e.toString());
        }
    }

    /**
     * Replaces the file by one holding only the live entries: written to a
     * temporary file, synced, then moved over the journal, so a power cut
     * leaves either the old file or the new one.
     */
    void rewrite(long lastSeq, Collection<Outbox.Entry> live) throws IOException {
        closeQuietly();
        replaceWith(writeTemp(lastSeq, live), List.of());
        syncDirectory();
    }

    /**
     * The first half of a compaction, which needs no lock: writes the live
     * entries to the temporary file and syncs it. The journal itself stays
     * writable meanwhile. Returns the temporary file, open for {@link #replaceWith}.
     */
    FileChannel writeTemp(long lastSeq, Collection<Outbox.Entry> live) throws IOException {
        FileChannel out = FileChannel.open(temp, CREATE, TRUNCATE_EXISTING, WRITE);
        try {
            ByteBuffer buffer = rewriteBuffer();
            put(out, buffer, JournalFormat.MAGIC);
            put(out, buffer, JournalFormat.lastSeq(lastSeq));
            for (Outbox.Entry entry : live) {
                put(out, buffer, JournalFormat.add(entry));
            }
            buffer.flip();
            writeFully(out, buffer);
            out.force(true);
            return out;
        } catch (IOException | RuntimeException e) {
            out.close();
            discardTemp();
            throw e;
        }
    }

    /**
     * The second half, under the outbox's lock: appends the records written to
     * the journal since {@link #writeTemp} began, moves the temporary file over
     * the journal and appends to it from now on. Call {@link #syncDirectory} after.
     */
    void replaceWith(FileChannel written, List<byte[]> since) throws IOException {
        try (FileChannel out = written) {
            for (byte[] record : since) {
                writeFully(out, ByteBuffer.wrap(record));
            }
        } catch (IOException e) {
            discardTemp();
            throw e;
        }
        try {
            Files.move(temp, file, ATOMIC_MOVE, REPLACE_EXISTING);
        } finally {
            discardTemp();
        }
        closeQuietly();
        channel = FileChannel.open(file, WRITE, APPEND);
        lastSync = System.nanoTime();
    }

    /** Deletes the temporary file of an abandoned compaction, if any. */
    void discardTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            LOG.debug("Cannot delete {}: {}", temp, e.toString());
        }
    }

    /** Makes a rename durable; outside the outbox's lock when it can be. */
    void syncDirectory() {
        try (FileChannel directory = FileChannel.open(dir, READ)) {
            directory.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot sync directory {} (not supported here?): {}", dir, e.toString());
        }
    }

    /** The buffer compactions write through, kept between them: one allocation, not one per compaction. */
    private ByteBuffer rewriteBuffer() {
        if (rewriteBuffer == null) {
            rewriteBuffer = ByteBuffer.allocate(REWRITE_BUFFER_BYTES);
        }
        return rewriteBuffer.clear();
    }

    private static void put(FileChannel out, ByteBuffer buffer, byte[] record) throws IOException {
        if (record.length > buffer.remaining()) {
            buffer.flip();
            writeFully(out, buffer);
            buffer.clear();
        }
        if (record.length > buffer.capacity()) {
            writeFully(out, ByteBuffer.wrap(record));
        } else {
            buffer.put(record);
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    /** Syncs and closes; the journal is no longer writable afterwards. */
    @Override
    public void close() throws IOException {
        if (channel != null) {
            try {
                channel.force(false);
            } finally {
                channel.close();
                channel = null;
            }
        }
    }

    private void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Closing {} failed: {}", file, e.toString());
            }
            channel = null;
        }
    }
}
