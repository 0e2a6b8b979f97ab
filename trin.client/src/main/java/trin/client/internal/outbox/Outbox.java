package trin.client.internal.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded store-and-forward queue of outgoing messages, kept in memory and
 * in a journal on disk so that it survives a restart of the gateway. An
 * entry leaves only when {@link #remove} says the broker confirmed it. When
 * full, the oldest ordinary entry is dropped: replies and lifecycle events
 * (priority entries) go only when nothing else is left to drop.
 * <p>
 * Thread-safe. A disk that fails at run time does not stop the queue: it
 * goes on in memory, warns once, and rewrites the journal when it can. The
 * journal is compacted by the bytes of its dead records, and its fsyncs
 * (the once-a-second sync, a compaction's) run outside the lock, on the
 * thread whose change made them due ({@link JournalKeeper}).
 */
public final class Outbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    /**
     * One queued message. The payload is the outbox's own copy: read it, do not
     * change it.
     */
    public record Entry(long seq, String topic, byte[] payload, int qos, boolean priority) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && seq == e.seq && qos == e.qos && priority == e.priority
                    && topic.equals(e.topic) && Arrays.equals(payload, e.payload);
        }

        @Override
        public int hashCode() {
            return Objects.hash(seq, topic, qos, priority) * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Entry[seq=" + seq + ", topic=" + topic + ", " + payload.length + " bytes, qos=" + qos
                    + (priority ? ", priority]" : "]");
        }
    }

    private final JournalKeeper journal;
    private volatile int capacity;
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private final TreeSet<Long> ordinary = new TreeSet<>();
    private long lastSeq;
    private long dropped;
    private boolean full;
    private boolean closed;

    private Outbox(Journal journal, Compaction compaction, int capacity, long lastSeq) {
        this.journal = new JournalKeeper(this, journal, compaction, entries::values, () -> this.lastSeq,
                () -> closed);
        this.capacity = capacity;
        this.lastSeq = lastSeq;
    }

    /**
     * A new capacity ({@code outboxCapacity} changed): applies from the next
     * message on; a smaller one drops the oldest data and events as new ones come.
     */
    public void capacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("outbox capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Opens the outbox kept in {@code dir}, with what a previous run left in it.
     * Damage from a power loss costs the damaged records, never the start-up.
     *
     * @throws IOException if the directory cannot be created or read
     */
    public static Outbox open(Path dir, int capacity) throws IOException {
        return open(dir, capacity, new Compaction(Compaction.MIN_DEAD_BYTES, Compaction.DEAD_BYTES_WHEN_EMPTY));
    }

    /** With compaction thresholds of its own: for tests. */
    static Outbox open(Path dir, int capacity, Compaction compaction) throws IOException {
        if (capacity < 1) {
            throw new IllegalArgumentException("outbox capacity must be at least 1, not " + capacity);
        }
        Files.createDirectories(dir);
        Journal file = new Journal(dir);
        Journal.Loaded loaded = file.load();
        Outbox outbox = new Outbox(file, compaction, capacity, loaded.lastSeq());
        synchronized (outbox) {
            outbox.full = true; // warned about below, once
            for (Entry entry : loaded.entries().values()) {
                outbox.insert(entry);
            }
            outbox.full = outbox.dropped > 0;
            if (outbox.dropped > 0) {
                LOG.warn("Outbox {}: {} restored messages exceed the capacity of {}; dropped the oldest {}",
                        file.file(), loaded.entries().size(), capacity, outbox.dropped);
            } else if (!outbox.entries.isEmpty()) {
                LOG.info("Outbox {}: {} messages restored", file.file(), outbox.entries.size());
            }
            outbox.journal.rewrite();
        }
        return outbox;
    }

    /**
     * Queues a message, dropping the oldest ordinary one if full.
     *
     * @param priority true for replies and lifecycle events, kept over ordinary messages
     * @return the queued entry, with its sequence number
     * @throws IllegalStateException once closed
     */
    public Entry add(String topic, byte[] payload, int qos, boolean priority) {
        Objects.requireNonNull(payload, "payload");
        Entry entry;
        int after;
        synchronized (this) {
            entry = new Entry(lastSeq + 1, checked(topic, qos), payload.clone(), qos, priority);
            byte[] record = JournalFormat.add(entry); // rejects a topic too long for MQTT before anything changes
            lastSeq++;
            after = queue(entry, record);
        }
        journal.after(after);
        return entry;
    }

    /**
     * A message to be sent at once and kept by the caller until the broker
     * confirms it: it takes the next sequence number, so that it keeps its
     * place if it has to wait after all ({@link #restore}), but is neither
     * queued nor journaled. The payload is not copied: the caller hands it over.
     *
     * @throws IllegalStateException once closed
     */
    public synchronized Entry unjournaled(String topic, byte[] payload, int qos, boolean priority) {
        Objects.requireNonNull(payload, "payload");
        Entry entry = new Entry(lastSeq + 1, checked(topic, qos), payload, qos, priority);
        lastSeq++;
        return entry;
    }

    /**
     * Queues entries sent at once whose sending failed (the connection went
     * before the broker confirmed them), in their places by sequence number;
     * those already queued are skipped.
     *
     * @throws IllegalStateException once closed
     */
    public void restore(Collection<Entry> lost) {
        int after = 0;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("outbox closed");
            }
            for (Entry entry : lost) {
                if (entries.containsKey(entry.seq())) {
                    continue;
                }
                after |= queue(entry, JournalFormat.add(entry));
            }
        }
        journal.after(after);
    }

    private String checked(String topic, int qos) {
        Objects.requireNonNull(topic, "topic");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, not " + qos);
        }
        if (closed) {
            throw new IllegalStateException("outbox closed");
        }
        return topic;
    }

    /**
     * The oldest entries, in order, leaving out those in flight.
     *
     * @param max at most this many
     * @param exclude sequence numbers to skip
     */
    public List<Entry> pending(int max, Set<Long> exclude) {
        List<Entry> result = new ArrayList<>(Math.max(0, Math.min(max, 64)));
        pending(max, exclude, result);
        return result;
    }

    /**
     * The oldest entries, in order, leaving out those in flight, added to a
     * list the caller keeps for the next time.
     */
    public synchronized void pending(int max, Set<Long> exclude, List<Entry> into) {
        int found = 0;
        for (Entry entry : entries.values()) {
            if (found >= max) {
                break;
            }
            if (!exclude.contains(entry.seq())) {
                into.add(entry);
                found++;
            }
        }
    }

    /** Forgets an entry once the broker has confirmed it; an unknown one is ignored. */
    public void remove(long seq) {
        int after;
        synchronized (this) {
            Entry entry = entries.remove(seq);
            if (entry == null) {
                return;
            }
            ordinary.remove(seq);
            journal.removed(entry);
            if (entries.size() < capacity) {
                full = false;
            }
            if (closed) {
                return;
            }
            after = journal.persist(JournalFormat.remove(seq));
        }
        journal.after(after);
    }

    /** How many entries wait. */
    public synchronized int size() {
        return entries.size();
    }

    /** Whether nothing waits. */
    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** How many entries were dropped for want of room since this outbox was opened. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Syncs the journal to disk and closes it; entries not yet removed are there at the next open. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        journal.close();
    }

    /** Puts an entry in memory and its record in the journal; returns what is due after ({@link JournalKeeper}). */
    private int queue(Entry entry, byte[] record) {
        Entry victim = insert(entry);
        return victim == null ? journal.persist(record) : journal.persist(JournalFormat.remove(victim.seq()), record);
    }

    /** Puts an entry in memory, making room first; returns the entry dropped for it, if any. */
    private Entry insert(Entry entry) {
        Entry victim = null;
        if (entries.size() >= capacity) {
            long seq = ordinary.isEmpty() ? entries.firstKey() : ordinary.first();
            victim = entries.remove(seq);
            ordinary.remove(seq);
            journal.removed(victim);
            dropped++;
            if (!full) {
                full = true;
                LOG.warn("Outbox full ({} messages): dropping the oldest ordinary messages", capacity);
            } else {
                LOG.debug("Outbox full: dropped {}", victim);
            }
        }
        entries.put(entry.seq(), entry);
        journal.added(entry);
        if (!entry.priority()) {
            ordinary.add(entry.seq());
        }
        return victim;
    }
}
