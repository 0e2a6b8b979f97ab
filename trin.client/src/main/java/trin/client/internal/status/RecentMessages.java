package trin.client.internal.status;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import trin.api.client.MessageRecord.Direction;
import trin.api.client.MessageRecord;

/**
 * The last messages in and out, for {@link trin.api.client.ClientOperations}:
 * a bounded ring, the oldest dropped first. Recording copies at most the
 * bytes of a payload that can be shown, so it costs the same for a large
 * message as for a small one, and decodes nothing: the text is made when the
 * messages are asked for (a console's page), not for every message. Written by
 * Paho's callback thread, command workers and the session thread, read by
 * any: guarded by the ring itself.
 */
public final class RecentMessages {

    /** A character is at most 4 bytes in UTF-8: this many bytes hold the shown part, whatever they are. */
    private static final int SHOWN_BYTES = MessageRecord.PAYLOAD_LIMIT * 4;

    private final int capacity;
    private final Clock clock;
    private final ArrayDeque<Recorded> ring;

    /** A message as recorded: its first bytes, not yet text. */
    private record Recorded(long millis, Direction direction, String topic, int size, byte[] head) {
        MessageRecord record() {
            return new MessageRecord(Instant.ofEpochMilli(millis), direction, topic, size, shown(head, size));
        }
    }

    RecentMessages(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
        this.ring = new ArrayDeque<>(capacity);
    }

    public void in(String topic, byte[] payload) {
        add(Direction.IN, topic, payload);
    }

    public void out(String topic, byte[] payload) {
        add(Direction.OUT, topic, payload);
    }

    /** @return the messages, newest first */
    public List<MessageRecord> newestFirst() {
        List<Recorded> recorded;
        synchronized (ring) {
            recorded = new ArrayList<>(ring.size());
            ring.descendingIterator().forEachRemaining(recorded::add);
        }
        List<MessageRecord> list = new ArrayList<>(recorded.size());
        for (Recorded r : recorded) {
            list.add(r.record());
        }
        return list;
    }

    private void add(Direction direction, String topic, byte[] payload) {
        Recorded r = new Recorded(clock.millis(), direction, topic, payload.length,
                Arrays.copyOf(payload, Math.min(payload.length, SHOWN_BYTES)));
        synchronized (ring) {
            if (ring.size() == capacity) {
                ring.removeFirst();
            }
            ring.addLast(r);
        }
    }

    /** The payload as text, cut after {@link MessageRecord#PAYLOAD_LIMIT} characters; bad bytes become U+FFFD. */
    static String shown(byte[] payload) {
        return shown(payload, payload.length);
    }

    /**
     * @param bytes the payload, or its first bytes as recorded (only the first {@link #SHOWN_BYTES} are read)
     * @param size the payload's whole length
     */
    private static String shown(byte[] bytes, int size) {
        int limit = MessageRecord.PAYLOAD_LIMIT;
        int read = Math.min(bytes.length, SHOWN_BYTES);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        CharBuffer chars = CharBuffer.allocate(limit + 1);
        decoder.decode(ByteBuffer.wrap(bytes, 0, read), chars, true);
        chars.flip();
        boolean cut = chars.length() > limit || read < size;
        String text = chars.subSequence(0, Math.min(chars.length(), limit)).toString();
        return cut ? text + "…" : text;
    }
}
