package trin.api.command;

import java.util.Optional;

/**
 * The result codes of the Smart-MQTT protocol: what parsing an incoming
 * message gives, and the codes of the client's own replies.
 *
 * <p>Negative codes are failures; positive ones mean parsed with a warning.
 * The range -200..200 is reserved; applications use codes outside it.
 */
public enum ResultCode {
    /** Some events of an {@code e} were invalid; the valid ones were kept. */
    P_SOME_EVENTS_BROKEN(2),
    /** The time stamp is not an integer; parsing went on. */
    P_BAD_TS(1),
    /** Parsed, or done. */
    SUCCESS(0),
    /** The payload object has no key. */
    F_PL_EMPTY(-1),
    /** The payload's value is not an array. */
    F_PL_NOT_LIST(-2),
    /** The payload's array has fewer than 2 elements. */
    F_PL_TOO_SHORT(-3),
    /** The payload's array has more than 3 elements. */
    F_PL_TOO_LONG(-4),
    /** The message type is not one of c, d, e, x, i. */
    F_MSG_TYPE(-5),
    /** The command is not an array. */
    F_CT_NOT_LIST(-6),
    /** The command array is empty. */
    F_CTL_EMPTY(-7),
    /** The command name is not a string. */
    F_C_NOT_STRING(-8),
    /** The events value is not an array. */
    F_ET_NOT_LIST(-9),
    /** The events array is empty. */
    F_ET_EMPTY(-10),
    /** An event is not an array. */
    F_E_NOT_LIST(-11),
    /** An event has fewer than 2 or more than 3 elements. */
    F_E_EMPTY(-12),
    /** An event code is not an integer. */
    F_EC_NOT_INT(-13),
    /** The payload is not a JSON object. */
    F_PL_NOT_JSON(-14),
    /** The token is not a string. */
    F_TCT_NOT_STRING(-15),
    /** A reply code is not an integer. */
    F_RC_NOT_INT(-16),
    /** No event of an {@code e} was valid. */
    F_ALL_EVENTS_BROKEN(-17),
    /** A general error. */
    F_ERROR(-18),
    /** No application is registered for the PID. */
    F_UNKNOWN_PID(-19),
    /** The topic has no sender level. */
    F_BROKEN_TOPIC(-20),
    /** {@code get} asked for something that is not exposed. */
    F_VAR_NOT_EXP(-21),
    /** The handler failed. */
    F_EXCEPTION(-22),
    /** {@code data_write} to something that is not exposed. */
    F_DW_NOT_EXPOSED(-23),
    /** A boolean setting got something else. */
    F_NOT_A_BOOLEAN(-24),
    /** No such command. */
    F_NO_RPC(-100);

    /** The lowest code reserved for the protocol; applications use lower or higher ones. */
    public static final int RESERVED_MIN = -200;
    /** The highest code reserved for the protocol. */
    public static final int RESERVED_MAX = 200;

    private final int code;

    ResultCode(int code) {
        this.code = code;
    }

    /**
     * The code as sent on the wire.
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    /**
     * Whether this code is a failure.
     *
     * @return {@code true} for negative codes
     */
    public boolean isFailure() {
        return code < 0;
    }

    /**
     * The protocol code with a value.
     *
     * @param code a code as sent on the wire
     * @return the code, or empty when the protocol defines none with that value
     */
    public static Optional<ResultCode> of(int code) {
        for (ResultCode c : values()) {
            if (c.code == code) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a code lies in the range reserved for the protocol.
     *
     * @param code a result code
     * @return {@code true} when it is between -200 and 200
     */
    public static boolean isReserved(int code) {
        return code >= RESERVED_MIN && code <= RESERVED_MAX;
    }
}
