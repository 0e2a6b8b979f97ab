package trin.client.internal.outbox;

import java.util.TreeSet;

/**
 * What the damaged parts of a journal cost. Sequence numbers are handed out one by one and every
 * message leaves a record with its number (an add, and a remove once confirmed or dropped), so a number
 * between the lowest and the highest found with no record at all is a message whose add was destroyed
 * before it was sent. A damaged tail that starts like an add is one more, numbered after the highest.
 */
final class Damage {

    private final TreeSet<Long> seen = new TreeSet<>();
    private long firstLastSeq = -1;
    private int regions;
    private long bytes;
    private int firstOffset = -1;
    private boolean tornAdd;

    void region(byte[] buf, int from, int to) {
        regions++;
        bytes += to - from;
        if (firstOffset < 0) {
            firstOffset = from;
        }
        if (to == buf.length && buf.length - from > JournalFormat.FRAME
                && buf[from + JournalFormat.FRAME] == JournalFormat.ADD) {
            tornAdd = true;
        }
    }

    void seen(long seq) {
        seen.add(seq);
    }

    void lastSeq(long seq) {
        if (firstLastSeq < 0) {
            firstLastSeq = seq;
        }
    }

    boolean any() {
        return regions > 0;
    }

    long droppedMessages() {
        long dropped = tornAdd ? 1 : 0;
        if (seen.isEmpty()) {
            return dropped;
        }
        long low = firstLastSeq >= 0 ? Math.min(firstLastSeq + 1, seen.first()) : seen.first();
        return dropped + (seen.last() - low + 1) - seen.subSet(low, true, seen.last(), true).size();
    }

    String describe() {
        return regions + (regions == 1 ? " damaged part" : " damaged parts") + " of " + bytes
                + " bytes in all, the first at byte " + firstOffset;
    }
}
