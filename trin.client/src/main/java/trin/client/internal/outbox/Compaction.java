package trin.client.internal.outbox;

import java.util.ArrayList;
import java.util.List;

import trin.client.internal.outbox.Outbox.Entry;

/**
 * When the journal is worth compacting, by the bytes its dead records take
 * (adds of removed entries and their removes), and the records written while
 * a compaction runs. Guarded by the {@link Outbox}'s lock.
 */
final class Compaction {

    /** Dead bytes tolerated before a compaction, at least; else as many as the live entries take. */
    static final long MIN_DEAD_BYTES = 1024 * 1024;
    /** An emptied queue is compacted past this: cheap to write, but each compaction costs two fsyncs. */
    static final long DEAD_BYTES_WHEN_EMPTY = 256 * 1024;

    private final long minDead;
    private final long deadWhenEmpty;
    private long live;
    private long dead;
    private long deadAtStart;
    private List<byte[]> since;

    Compaction(long minDead, long deadWhenEmpty) {
        this.minDead = minDead;
        this.deadWhenEmpty = deadWhenEmpty;
    }

    void added(Entry entry) {
        live += JournalFormat.addSize(entry);
    }

    /** An entry left the queue: its add record, and the remove record that follows it, are dead. */
    void removed(Entry entry) {
        int size = JournalFormat.addSize(entry);
        live -= size;
        dead += size + JournalFormat.removeSize();
    }

    boolean due(boolean empty) {
        return since == null && (dead >= Math.max(minDead, live) || (empty && dead >= deadWhenEmpty));
    }

    boolean running() {
        return since != null;
    }

    /** A compaction begins with the live set as it is now. */
    void start() {
        since = new ArrayList<>();
        deadAtStart = dead;
    }

    /** A record appended to the journal meanwhile, to be appended to the compacted file too. */
    void written(byte[] record) {
        if (since != null) {
            since.add(record);
        }
    }

    /** The compaction is over; returns the records written meanwhile. */
    List<byte[]> finish(boolean done) {
        List<byte[]> records = since;
        since = null;
        if (done) {
            dead -= deadAtStart;
        }
        return records;
    }

    /** The journal was rewritten from memory: nothing in it is dead. */
    void rewritten() {
        dead = 0;
    }
}
