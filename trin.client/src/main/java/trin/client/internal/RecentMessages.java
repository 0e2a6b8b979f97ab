package trin.client.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import trin.api.client.MessageRecord;
import trin.api.client.MessageRecord.Direction;

/**
 * The last messages in and out, for {@link trin.api.client.ClientOperations}:
 * a bounded ring, the oldest dropped first. Recording copies at most the
 * shown part of a payload, so it costs the same for a large message as for a
 * small one. Written by Paho's callback thread and the session thread, read
 * by any: guarded by the ring itself.
 */
final class RecentMessages {

    private final int capacity;
    private final Clock clock;
    private final ArrayDeque<MessageRecord> ring;

    RecentMessages(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
        this.ring = new ArrayDeque<>(capacity);
    }

    void in(String topic, byte[] payload) {
        add(Direction.IN, topic, payload);
    }

    void out(String topic, byte[] payload) {
        add(Direction.OUT, topic, payload);
    }

    /** @return the messages, newest first */
    List<MessageRecord> newestFirst() {
        synchronized (ring) {
            List<MessageRecord> list = new ArrayList<>(ring.size());
            ring.descendingIterator().forEachRemaining(list::add);
            return list;
        }
    }

    private void add(Direction direction, String topic, byte[] payload) {
        MessageRecord record = new MessageRecord(clock.instant(), direction, topic, payload.length, shown(payload));
        synchronized (ring) {
            if (ring.size() == capacity) {
                ring.removeFirst();
            }
            ring.addLast(record);
        }
    }

    /** The payload as text, cut after {@link MessageRecord#PAYLOAD_LIMIT} characters; bad bytes become U+FFFD. */
    static String shown(byte[] payload) {
        int limit = MessageRecord.PAYLOAD_LIMIT;
        // A character is at most 4 bytes in UTF-8: this many bytes hold the shown part, whatever they are.
        int bytes = Math.min(payload.length, limit * 4);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer chars = CharBuffer.allocate(limit + 1);
        decoder.decode(ByteBuffer.wrap(payload, 0, bytes), chars, true);
        chars.flip();
        boolean cut = chars.length() > limit || bytes < payload.length;
        String text = chars.subSequence(0, Math.min(chars.length(), limit)).toString();
        return cut ? text + "…" : text;
    }
}
