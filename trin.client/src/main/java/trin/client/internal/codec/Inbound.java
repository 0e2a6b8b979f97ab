package trin.client.internal.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import trin.api.client.Event;

/**
 * What parsing an incoming payload gave: a failure, or one of the five message
 * types. Values are plain Java: {@code String}, {@code Boolean},
 * {@code Integer}/{@code Long}/{@code BigInteger}, {@code Double},
 * {@code List<Object>}, {@code Map<String, Object>} (insertion-ordered), or
 * {@code null}.
 */
public sealed interface Inbound {

    /**
     * The parse result, a {@link trin.api.command.ResultCode} value.
     *
     * @return 0, 1 ({@code P_BAD_TS}), 2 ({@code P_SOME_EVENTS_BROKEN}), or a
     *         negative failure (only for {@link Failure})
     */
    int code();

    /**
     * The command's token, when one could be read: for a {@link Command}, and
     * for a {@link Failure} of a {@code c} whose token was a string.
     *
     * @return the token exactly as sent (it may be unusable as a topic level:
     *         check it with {@link Topics#isValidLevel(String)})
     */
    default Optional<String> token() {
        return Optional.empty();
    }

    /**
     * Parsing failed.
     *
     * @param code the negative result code
     * @param token the token of a {@code c}, when it could be read
     */
    record Failure(int code, Optional<String> token) implements Inbound {
        /** Checks the fields. */
        public Failure {
            if (code >= 0) {
                throw new IllegalArgumentException("not a failure code: " + code);
            }
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * A command ({@code c}).
     *
     * @param code 0, or 1 when the time stamp was not an integer
     * @param ts the time stamp, 0 when it was not an integer
     * @param token the token, empty when no reply is wanted
     * @param name the command's name
     * @param args the arguments after the name; unmodifiable, may hold null
     */
    record Command(int code, long ts, Optional<String> token, String name, List<Object> args)
            implements Inbound {
        /** Checks the fields and copies the arguments. */
        public Command {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(name, "name");
            args = Collections.unmodifiableList(new ArrayList<>(args));
        }
    }

    /**
     * Data ({@code d}).
     *
     * @param code 0, or 1 when the time stamp was not an integer
     * @param ts the time stamp, 0 when it was not an integer
     * @param data any JSON value, {@code null} for JSON null
     */
    record Data(int code, long ts, Object data) implements Inbound {
    }

    /**
     * Events ({@code e}), the valid ones only.
     *
     * @param code 0; 1 when the time stamp was not an integer; 2 when some
     *        events were invalid and left out
     * @param ts the time stamp, 0 when it was not an integer
     * @param events the valid events, in the order sent, at least one
     */
    record Events(int code, long ts, List<Event> events) implements Inbound {
        /** Copies the events. */
        public Events {
            events = List.copyOf(events);
        }
    }

    /**
     * A reply ({@code x}) to a command this device sent.
     *
     * @param code 0, or 1 when the time stamp was not an integer
     * @param ts the time stamp, 0 when it was not an integer
     * @param replyCode the reply's result code
     * @param result the result, {@code null} when there was none (or JSON null)
     */
    record Reply(int code, long ts, int replyCode, Object result) implements Inbound {
    }

    /**
     * Information ({@code i}): accepted, not acted on.
     *
     * @param code 0, or 1 when the time stamp was not an integer
     * @param ts the time stamp, 0 when it was not an integer
     */
    record Info(int code, long ts) implements Inbound {
    }
}
