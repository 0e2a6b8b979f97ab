package trin.client.internal.outbox;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import trin.client.internal.outbox.Outbox.Entry;

/**
 * The journal's bytes. A file is {@link #MAGIC} followed by records, each
 * framed as {@code int length, int crc32(body), body}, big-endian. A body is
 * a type byte and then:
 * <ul>
 * <li>{@link #ADD}: {@code long seq, byte qos, byte flags (bit 0: priority),
 * unsigned short topic length, topic (UTF-8), int payload length, payload};</li>
 * <li>{@link #REMOVE}: {@code long seq};</li>
 * <li>{@link #LAST_SEQ}: {@code long seq}, the last sequence number handed out,
 * written first by every rewrite so that numbers keep increasing even when
 * the queue was empty.</li>
 * </ul>
 * Every field is checked before the CRC, so that scanning for the next good
 * record after a damaged one rarely pays for a CRC.
 */
final class JournalFormat {

    static final byte[] MAGIC = {'T', 'R', 'I', 'N', 'O', 'B', 'X', '1'};
    static final int FRAME = 8;
    static final byte ADD = 1;
    static final byte REMOVE = 2;
    static final byte LAST_SEQ = 3;

    private static final int SEQ_BODY = 1 + 8;
    private static final int ADD_FIXED = 1 + 8 + 1 + 1 + 2 + 4;
    private static final int TOPIC_OFFSET = 13;

    sealed interface Record permits Add, Remove, LastSeq {
    }

    record Add(Entry entry) implements Record {
    }

    record Remove(long seq) implements Record {
    }

    record LastSeq(long seq) implements Record {
    }

    /** A record read at some offset, and where the next one starts. */
    record Decoded(Record record, int end) {
    }

    private JournalFormat() {
    }

    static byte[] add(Entry entry) {
        byte[] topic = entry.topic().getBytes(StandardCharsets.UTF_8);
        if (topic.length > 0xFFFF) {
            throw new IllegalArgumentException("topic longer than 65535 bytes");
        }
        ByteBuffer body = ByteBuffer.allocate(ADD_FIXED + topic.length + entry.payload().length);
        body.put(ADD).putLong(entry.seq()).put((byte) entry.qos()).put((byte) (entry.priority() ? 1 : 0))
                .putShort((short) topic.length).put(topic)
                .putInt(entry.payload().length).put(entry.payload());
        return frame(body.array());
    }

    /** The length of {@link #add}'s record for this entry, without building it. */
    static int addSize(Entry entry) {
        return FRAME + ADD_FIXED + utf8Length(entry.topic()) + entry.payload().length;
    }

    /** The length of a {@link #remove} record. */
    static int removeSize() {
        return FRAME + SEQ_BODY;
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    static byte[] remove(long seq) {
        return frame(ByteBuffer.allocate(SEQ_BODY).put(REMOVE).putLong(seq).array());
    }

    static byte[] lastSeq(long seq) {
        return frame(ByteBuffer.allocate(SEQ_BODY).put(LAST_SEQ).putLong(seq).array());
    }

    static boolean hasMagic(byte[] buf) {
        if (buf.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (buf[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** The record that starts at {@code pos}, or null if no intact one does. */
    static Decoded decode(byte[] buf, int pos) {
        ByteBuffer in = ByteBuffer.wrap(buf);
        if (buf.length - pos < FRAME + SEQ_BODY) {
            return null;
        }
        int length = in.getInt(pos);
        int body = pos + FRAME;
        if (length < SEQ_BODY || length > buf.length - body) {
            return null;
        }
        byte type = buf[body];
        long seq = in.getLong(body + 1);
        if (seq < 0 || !fieldsFit(in, type, body, length)) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(buf, body, length);
        if ((int) crc.getValue() != in.getInt(pos + 4)) {
            return null;
        }
        return new Decoded(record(in, type, seq, body), body + length);
    }

    private static boolean fieldsFit(ByteBuffer in, byte type, int body, int length) {
        return switch (type) {
            case REMOVE, LAST_SEQ -> length == SEQ_BODY;
            case ADD -> addFits(in, body, length);
            default -> false;
        };
    }

    private static boolean addFits(ByteBuffer in, int body, int length) {
        if (length < ADD_FIXED) {
            return false;
        }
        byte qos = in.get(body + 9);
        if (qos < 0 || qos > 2 || (in.get(body + 10) & ~1) != 0) {
            return false;
        }
        int topicLength = Short.toUnsignedInt(in.getShort(body + 11));
        return ADD_FIXED + topicLength <= length
                && in.getInt(body + TOPIC_OFFSET + topicLength) == length - ADD_FIXED - topicLength;
    }

    private static Record record(ByteBuffer in, byte type, long seq, int body) {
        if (type == REMOVE) {
            return new Remove(seq);
        }
        if (type == LAST_SEQ) {
            return new LastSeq(seq);
        }
        int qos = in.get(body + 9);
        boolean priority = in.get(body + 10) == 1;
        int topicLength = Short.toUnsignedInt(in.getShort(body + 11));
        String topic = new String(in.array(), body + TOPIC_OFFSET, topicLength, StandardCharsets.UTF_8);
        int payloadAt = body + TOPIC_OFFSET + topicLength + 4;
        byte[] payload = new byte[in.getInt(payloadAt - 4)];
        System.arraycopy(in.array(), payloadAt, payload, 0, payload.length);
        return new Add(new Entry(seq, topic, payload, qos, priority));
    }

    private static byte[] frame(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return ByteBuffer.allocate(FRAME + body.length).putInt(body.length).putInt((int) crc.getValue())
                .put(body).array();
    }
}
