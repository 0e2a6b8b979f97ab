package trin.api.client;

import java.time.Instant;
import java.util.Objects;

/**
 * One message that went in or out, as {@link ClientOperations#recentMessages()}
 * lists it.
 *
 * @param time when it arrived, or when it was handed to the broker
 * @param direction in or out
 * @param topic the MQTT topic
 * @param size the payload's size in bytes
 * @param payload the payload as text (UTF-8), shortened to at most
 *        {@link #PAYLOAD_LIMIT} characters with a trailing {@code …} when cut
 */
public record MessageRecord(Instant time, Direction direction, String topic, int size, String payload) {

    /** How many characters of a payload are kept. */
    public static final int PAYLOAD_LIMIT = 200;

    /** Which way a message went. */
    public enum Direction {
        /** From the broker to this gateway. */
        IN,
        /** From this gateway to the broker. */
        OUT
    }

    /** Checks that no field is {@code null}. */
    public MessageRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payload, "payload");
    }
}
