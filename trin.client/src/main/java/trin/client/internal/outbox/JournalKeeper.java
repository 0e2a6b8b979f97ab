package trin.client.internal.outbox;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import trin.client.internal.outbox.Outbox.Entry;

/**
 * Keeps the {@link Outbox}'s journal in step with its memory: appends its
 * changes, syncs once a second, compacts by the bytes of dead records, and
 * rewrites the file after a failed write. What needs an fsync runs outside
 * the outbox's lock ({@link #after}), so that other threads can queue
 * meanwhile: {@link #persist} says what is due, under the lock, and the same
 * thread does it once it has let the lock go.
 */
final class JournalKeeper {

    private static final int SYNC = 1;
    private static final int COMPACT = 2;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final Logger LOG = LoggerFactory.getLogger(JournalKeeper.class);

    private final Object lock;
    private final Journal journal;
    private final Compaction compaction;
    private final Supplier<Collection<Entry>> entries;
    private final LongSupplier lastSeq;
    private final BooleanSupplier closed;
    private boolean failing;
    private long nextRetry;

    /**
     * @param lock the outbox's lock, which guards the rest
     * @param entries the live entries in order, read under the lock
     * @param lastSeq the last sequence number handed out, read under the lock
     * @param closed whether the outbox is closed, read under the lock
     */
    JournalKeeper(Object lock, Journal journal, Compaction compaction, Supplier<Collection<Entry>> entries,
            LongSupplier lastSeq, BooleanSupplier closed) {
        this.lock = lock;
        this.journal = journal;
        this.compaction = compaction;
        this.entries = entries;
        this.lastSeq = lastSeq;
        this.closed = closed;
    }

    Path file() {
        return journal.file();
    }

    /** An entry was queued. Under the lock. */
    void added(Entry entry) {
        compaction.added(entry);
    }

    /** An entry left the queue, confirmed or dropped. Under the lock. */
    void removed(Entry entry) {
        compaction.removed(entry);
    }

    /**
     * Appends records; returns what is due afterwards, to be passed to {@link #after}
     * outside the lock. Under the lock.
     */
    int persist(byte[]... changes) {
        for (byte[] record : changes) {
            compaction.written(record);
        }
        if (!journal.writable()) {
            if (!compaction.running() && System.nanoTime() - nextRetry >= 0) {
                rewrite();
            }
            return 0;
        }
        try {
            for (byte[] record : changes) {
                journal.append(record);
            }
        } catch (IOException e) {
            failed(e);
            return 0;
        }
        return (journal.claimSync() ? SYNC : 0) | (compaction.due(entries.get().isEmpty()) ? COMPACT : 0);
    }

    /** The fsyncs a change made due ({@link #persist}). Outside the lock. */
    void after(int due) {
        if ((due & SYNC) != 0) {
            journal.sync();
        }
        if ((due & COMPACT) != 0) {
            compact();
        }
    }

    /** At start-up, and to recover from a failed write: the journal becomes exactly the memory. Under the lock. */
    void rewrite() {
        try {
            journal.rewrite(lastSeq.getAsLong(), entries.get());
            compaction.rewritten();
            if (failing) {
                failing = false;
                LOG.info("Outbox {}: the journal is written again", journal.file());
            }
        } catch (IOException e) {
            failed(e);
        }
    }

    /** Syncs and closes the journal. Under the lock. */
    void close() {
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("Outbox {}: closing the journal failed: {}", journal.file(), e.toString());
        }
    }

    /**
     * Compaction: the live set is written to a new file and synced without the
     * lock; under it, the records appended meanwhile follow, and the new file
     * replaces the journal.
     */
    private void compact() {
        List<Entry> live;
        long seq;
        synchronized (lock) {
            if (closed.getAsBoolean() || compaction.running() || !journal.writable()) {
                return;
            }
            compaction.start();
            live = new ArrayList<>(entries.get());
            seq = lastSeq.getAsLong();
        }
        FileChannel written = null;
        try {
            written = journal.writeTemp(seq, live);
        } catch (IOException e) {
            LOG.debug("Outbox {}: compaction failed, the journal goes on: {}", journal.file(), e.toString());
        }
        boolean done = false;
        synchronized (lock) {
            List<byte[]> since = compaction.finish(false);
            if (written != null && !closed.getAsBoolean() && journal.writable()) {
                try {
                    journal.replaceWith(written, since);
                    compaction.finish(true);
                    done = true;
                } catch (IOException e) {
                    compactionFailed(e);
                }
            } else if (written != null) {
                closeQuietly(written);
                journal.discardTemp();
            }
        }
        if (done) {
            journal.syncDirectory();
        }
    }

    /** A failed compaction leaves the journal as it was, unless the failure took it down with it. */
    private void compactionFailed(IOException e) {
        if (journal.writable()) {
            LOG.debug("Outbox {}: compaction failed, the journal goes on: {}", journal.file(), e.toString());
        } else {
            failed(e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing a compacted file failed: {}", e.toString());
        }
    }

    private void failed(IOException e) {
        nextRetry = System.nanoTime() + RETRY_NANOS;
        if (!failing) {
            failing = true;
            LOG.warn("Outbox {}: cannot write the journal ({}); keeping messages in memory only until it works",
                    journal.file(), e.toString());
        }
    }
}
