package trin.client.internal.outbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

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
 * goes on in memory, warns once, and rewrites the journal when it can.
 */
public final class Outbox implements AutoCloseable {

    /** Dead records tolerated in the journal before a rewrite, at least; else as many as the live ones. */
    private static final int MIN_DEAD = 256;
    /** An emptied queue is rewritten only past this, or every message would cost a rewrite when online. */
    private static final int MIN_DEAD_WHEN_EMPTY = 64;
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);
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

    private final Journal journal;
    private volatile int capacity;
    private final TreeMap<Long, Entry> entries = new TreeMap<>();
    private final TreeSet<Long> ordinary = new TreeSet<>();
    private long lastSeq;
    private long dropped;
    private int records;
    private boolean full;
    private boolean failing;
    private long nextRetry;
    private boolean closed;

    private Outbox(Journal journal, int capacity, long lastSeq) {
        this.journal = journal;
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
        if (capacity < 1) {
            throw new IllegalArgumentException("outbox capacity must be at least 1, not " + capacity);
        }
        Files.createDirectories(dir);
        Journal journal = new Journal(dir);
        Journal.Loaded loaded = journal.load();
        Outbox outbox = new Outbox(journal, capacity, loaded.lastSeq());
        synchronized (outbox) {
            outbox.full = true; // warned about below, once
            for (Entry entry : loaded.entries().values()) {
                outbox.insert(entry);
            }
            outbox.full = outbox.dropped > 0;
            if (outbox.dropped > 0) {
                LOG.warn("Outbox {}: {} restored messages exceed the capacity of {}; dropped the oldest {}",
                        journal.file(), loaded.entries().size(), capacity, outbox.dropped);
            } else if (!outbox.entries.isEmpty()) {
                LOG.info("Outbox {}: {} messages restored", journal.file(), outbox.entries.size());
            }
            outbox.rewrite();
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
    public synchronized Entry add(String topic, byte[] payload, int qos, boolean priority) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, not " + qos);
        }
        if (closed) {
            throw new IllegalStateException("outbox closed");
        }
        Entry entry = new Entry(lastSeq + 1, topic, payload.clone(), qos, priority);
        byte[] record = JournalFormat.add(entry); // rejects a topic too long for MQTT before anything changes
        lastSeq++;
        Entry victim = insert(entry);
        if (victim == null) {
            persist(record);
        } else {
            persist(JournalFormat.remove(victim.seq()), record);
        }
        return entry;
    }

    /**
     * The oldest entries, in order, leaving out those in flight.
     *
     * @param max at most this many
     * @param exclude sequence numbers to skip
     */
    public synchronized List<Entry> pending(int max, Set<Long> exclude) {
        List<Entry> result = new ArrayList<>(Math.max(0, Math.min(max, entries.size())));
        for (Map.Entry<Long, Entry> e : entries.entrySet()) {
            if (result.size() >= max) {
                break;
            }
            if (!exclude.contains(e.getKey())) {
                result.add(e.getValue());
            }
        }
        return result;
    }

    /** Forgets an entry once the broker has confirmed it; an unknown one is ignored. */
    public synchronized void remove(long seq) {
        if (entries.remove(seq) == null) {
            return;
        }
        ordinary.remove(seq);
        if (entries.size() < capacity) {
            full = false;
        }
        if (!closed) {
            persist(JournalFormat.remove(seq));
        }
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
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("Outbox {}: closing the journal failed: {}", journal.file(), e.toString());
        }
    }

    /** Puts an entry in memory, making room first; returns the entry dropped for it, if any. */
    private Entry insert(Entry entry) {
        Entry victim = null;
        if (entries.size() >= capacity) {
            long seq = ordinary.isEmpty() ? entries.firstKey() : ordinary.first();
            victim = entries.remove(seq);
            ordinary.remove(seq);
            dropped++;
            if (!full) {
                full = true;
                LOG.warn("Outbox full ({} messages): dropping the oldest ordinary messages", capacity);
            } else {
                LOG.debug("Outbox full: dropped {}", victim);
            }
        }
        entries.put(entry.seq(), entry);
        if (!entry.priority()) {
            ordinary.add(entry.seq());
        }
        return victim;
    }

    private void persist(byte[]... changes) {
        if (!journal.writable()) {
            if (System.nanoTime() - nextRetry >= 0) {
                rewrite();
            }
            return;
        }
        try {
            for (byte[] record : changes) {
                journal.append(record);
                records++;
            }
        } catch (IOException e) {
            failed(e);
            return;
        }
        int dead = records - entries.size();
        if (dead > Math.max(MIN_DEAD, entries.size()) || (entries.isEmpty() && dead >= MIN_DEAD_WHEN_EMPTY)) {
            rewrite();
        }
    }

    /** Compaction, and recovery after a failed write: the journal becomes exactly the memory. */
    private void rewrite() {
        try {
            journal.rewrite(lastSeq, entries.values());
            records = entries.size();
            if (failing) {
                failing = false;
                LOG.info("Outbox {}: the journal is written again", journal.file());
            }
        } catch (IOException e) {
            failed(e);
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
