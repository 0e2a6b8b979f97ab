package trin.client.internal.outbox;

import static java.nio.file.StandardCopyOption.ATOMIC_MOVE;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.client.internal.outbox.JournalFormat.Add;
import trin.client.internal.outbox.JournalFormat.Decoded;
import trin.client.internal.outbox.JournalFormat.LastSeq;
import trin.client.internal.outbox.JournalFormat.Remove;

/**
 * The outbox's file: reads what a previous run left, appends records, and
 * rewrites the live set atomically. Not thread-safe; {@link Outbox} guards it.
 */
final class Journal implements Closeable {

    static final String FILE_NAME = "outbox.journal";

    /*
     * Each record reaches the operating system at once (one write per record), so
     * a crash of the JVM loses nothing. An fsync, which a power cut needs, costs
     * tens of milliseconds on an SD card and wears it out when done per message:
     * we sync at most this often (and on close and after every rewrite), so a
     * power cut loses at most the last second of messages, which the kernel may
     * well have written by then anyway.
     */
    private static final long SYNC_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE - 64;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
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
    private FileChannel channel;
    private long lastSync;

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
        Files.deleteIfExists(temp);
        if (!Files.exists(file)) {
            return Loaded.empty();
        }
        byte[] buf;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                return moveAside("larger than 2 GB");
            }
            buf = Files.readAllBytes(file);
        } catch (IOException e) {
            return moveAside(e.toString());
        }
        if (!JournalFormat.hasMagic(buf)) {
            return moveAside("not an outbox journal");
        }
        TreeMap<Long, Outbox.Entry> entries = new TreeMap<>();
        Damage damage = new Damage();
        long lastSeq = 0;
        int records = 0;
        int pos = JournalFormat.MAGIC.length;
        while (pos < buf.length) {
            Decoded decoded = JournalFormat.decode(buf, pos);
            if (decoded == null) {
                int next = resync(buf, pos + 1);
                damage.region(buf, pos, next < 0 ? buf.length : next);
                if (next < 0) {
                    break;
                }
                pos = next;
                continue;
            }
            records++;
            pos = decoded.end();
            if (decoded.record() instanceof Add add) {
                entries.putIfAbsent(add.entry().seq(), add.entry());
                lastSeq = Math.max(lastSeq, add.entry().seq());
                damage.seen(add.entry().seq());
            } else if (decoded.record() instanceof Remove remove) {
                entries.remove(remove.seq());
                lastSeq = Math.max(lastSeq, remove.seq());
                damage.seen(remove.seq());
            } else if (decoded.record() instanceof LastSeq last) {
                lastSeq = Math.max(lastSeq, last.seq());
                damage.lastSeq(last.seq());
            }
        }
        if (records == 0) {
            return moveAside("no readable record");
        }
        if (damage.any()) {
            Path kept = dir.resolve(FILE_NAME + ".damaged-" + STAMP.format(Instant.now()));
            Files.copy(file, kept);
            LOG.warn("Outbox journal {} was damaged (a power loss or a failing disk?): {} restored, {} dropped; {}. "
                    + "The damaged file is kept as {} (delete it when no longer needed)", file,
                    count(entries.size()), count(damage.droppedMessages()), damage.describe(), kept);
        }
        return new Loaded(entries, lastSeq);
    }

    private static String count(long messages) {
        return messages == 1 ? "1 message" : messages + " messages";
    }

    private static int resync(byte[] buf, int from) {
        for (int pos = from; pos < buf.length; pos++) {
            if (JournalFormat.decode(buf, pos) != null) {
                return pos;
            }
        }
        return -1;
    }

    private Loaded moveAside(String why) throws IOException {
        Path aside = dir.resolve(FILE_NAME + ".corrupt-" + STAMP.format(Instant.now()));
        Files.move(file, aside);
        LOG.warn("Outbox journal {} is unreadable ({}); moved it to {} and started with an empty outbox",
                file, why, aside);
        return Loaded.empty();
    }

    /** Whether records can be appended; false until a rewrite succeeds, and after a failed write. */
    boolean writable() {
        return channel != null;
    }

    /** Appends one record, syncing if the last sync is old enough. */
    void append(byte[] record) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(record);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            if (System.nanoTime() - lastSync >= SYNC_INTERVAL_NANOS) {
                channel.force(false);
                lastSync = System.nanoTime();
            }
        } catch (IOException e) {
            // A half-written record must not be followed by others: the next write rewrites the file.
            closeQuietly();
            throw e;
        }
    }

    /**
     * Replaces the file by one holding only the live entries: written to a
     * temporary file, synced, then moved over the journal, so a power cut
     * leaves either the old file or the new one.
     */
    void rewrite(long lastSeq, Collection<Outbox.Entry> live) throws IOException {
        closeQuietly();
        try {
            try (FileChannel out = FileChannel.open(temp, CREATE, TRUNCATE_EXISTING, WRITE)) {
                OutputStream stream = new BufferedOutputStream(Channels.newOutputStream(out), 64 * 1024);
                stream.write(JournalFormat.MAGIC);
                stream.write(JournalFormat.lastSeq(lastSeq));
                for (Outbox.Entry entry : live) {
                    stream.write(JournalFormat.add(entry));
                }
                stream.flush();
                out.force(true);
            }
            Files.move(temp, file, ATOMIC_MOVE, REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory();
        channel = FileChannel.open(file, WRITE, APPEND);
        lastSync = System.nanoTime();
    }

    private void syncDirectory() {
        try (FileChannel directory = FileChannel.open(dir, READ)) {
            directory.force(true);
        } catch (IOException e) {
            LOG.debug("Cannot sync directory {} (not supported here?): {}", dir, e.toString());
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
