package trin.client.internal.codec;

import static trin.api.command.ResultCode.F_ALL_EVENTS_BROKEN;
import static trin.api.command.ResultCode.F_CTL_EMPTY;
import static trin.api.command.ResultCode.F_CT_NOT_LIST;
import static trin.api.command.ResultCode.F_C_NOT_STRING;
import static trin.api.command.ResultCode.F_ERROR;
import static trin.api.command.ResultCode.F_ET_EMPTY;
import static trin.api.command.ResultCode.F_ET_NOT_LIST;
import static trin.api.command.ResultCode.F_MSG_TYPE;
import static trin.api.command.ResultCode.F_PL_EMPTY;
import static trin.api.command.ResultCode.F_PL_NOT_LIST;
import static trin.api.command.ResultCode.F_PL_TOO_LONG;
import static trin.api.command.ResultCode.F_PL_TOO_SHORT;
import static trin.api.command.ResultCode.F_RC_NOT_INT;
import static trin.api.command.ResultCode.P_BAD_TS;
import static trin.api.command.ResultCode.P_SOME_EVENTS_BROKEN;
import static trin.api.command.ResultCode.SUCCESS;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import trin.api.client.Event;
import trin.api.command.ResultCode;

/**
 * The checks of a parsed payload, in the Python client's order: a key (-1), a
 * known type (-5), an array (-2), its length (-3, -4), the time stamp
 * (warning 1), then the type's own checks. Works on plain Java values only.
 */
final class PayloadChecks {

    private static final String TYPES = "cdexi";

    private final Function<Object, String> jsonText;

    /**
     * @param jsonText writes a plain value as JSON text, for event descriptions
     *        that are not strings
     */
    PayloadChecks(Function<Object, String> jsonText) {
        this.jsonText = jsonText;
    }

    /**
     * @param key the payload object's first key, {@code null} when it has none
     * @param value that key's value
     * @return the result
     */
    Inbound check(String key, Object value) {
        if (key == null) {
            return failure(F_PL_EMPTY);
        }
        if (key.length() != 1 || TYPES.indexOf(key.charAt(0)) < 0) {
            return failure(F_MSG_TYPE);
        }
        char type = key.charAt(0);
        if (!(value instanceof List<?> list)) {
            return failure(F_PL_NOT_LIST);
        }
        if (list.size() < 2) {
            return failure(F_PL_TOO_SHORT);
        }
        if (list.size() > 3) {
            // A too long command still gets an answer when its token can be read.
            Optional<String> token = type == 'c' && list.get(1) instanceof String s
                    ? Optional.of(s) : Optional.empty();
            return new Inbound.Failure(F_PL_TOO_LONG.code(), token);
        }
        Object tsValue = list.get(0);
        boolean goodTs = fitsLong(tsValue);
        long ts = goodTs ? ((Number) tsValue).longValue() : 0;
        int tsCode = goodTs ? SUCCESS.code() : P_BAD_TS.code();
        switch (type) {
            case 'c':
                return command(list, ts, tsCode);
            case 'd':
                return new Inbound.Data(tsCode, ts, list.get(1));
            case 'e':
                return events(list.get(1), ts, tsCode);
            case 'x':
                return reply(list, ts, tsCode);
            default:
                return new Inbound.Info(tsCode, ts);
        }
    }

    private static Inbound command(List<?> list, long ts, int tsCode) {
        Object second = list.get(1);
        Optional<String> token;
        Object command;
        if (second instanceof String s) {
            token = Optional.of(s);
            if (list.size() < 3) {
                return new Inbound.Failure(F_CT_NOT_LIST.code(), token);
            }
            command = list.get(2);
        } else if (second instanceof List) {
            token = Optional.empty();
            command = second;
        } else {
            return failure(F_ERROR);
        }
        if (!(command instanceof List<?> parts)) {
            return new Inbound.Failure(F_CT_NOT_LIST.code(), token);
        }
        if (parts.isEmpty()) {
            return new Inbound.Failure(F_CTL_EMPTY.code(), token);
        }
        if (!(parts.get(0) instanceof String name)) {
            return new Inbound.Failure(F_C_NOT_STRING.code(), token);
        }
        List<Object> args = Collections.unmodifiableList(parts.subList(1, parts.size()));
        return new Inbound.Command(tsCode, ts, token, name, args);
    }

    private Inbound events(Object value, long ts, int tsCode) {
        if (!(value instanceof List<?> list)) {
            return failure(F_ET_NOT_LIST);
        }
        if (list.isEmpty()) {
            return failure(F_ET_EMPTY);
        }
        List<Event> valid = new ArrayList<>(list.size());
        for (Object item : list) {
            Event event = event(item);
            if (event != null) {
                valid.add(event);
            }
        }
        if (valid.isEmpty()) {
            return failure(F_ALL_EVENTS_BROKEN);
        }
        int code = valid.size() < list.size() ? P_SOME_EVENTS_BROKEN.code() : tsCode;
        return new Inbound.Events(code, ts, valid);
    }

    /** The event, or null when it is invalid (-11, -12, -13, or an sse that is not an integer). */
    private Event event(Object value) {
        if (!(value instanceof List<?> event) || event.size() < 2 || event.size() > 3) {
            return null;
        }
        Object sse = event.get(0);
        Object code = event.get(1);
        if (!fitsLong(sse) || !fitsInt(code)) {
            return null;
        }
        Object description = event.size() == 3 ? event.get(2) : null;
        return new Event(((Number) sse).longValue(), ((Number) code).intValue(),
                description == null || description instanceof String
                        ? (String) description : jsonText.apply(description));
    }

    private static Inbound reply(List<?> list, long ts, int tsCode) {
        Object code = list.get(1);
        if (!fitsInt(code)) {
            return failure(F_RC_NOT_INT);
        }
        Object result = list.size() == 3 ? list.get(2) : null;
        return new Inbound.Reply(tsCode, ts, ((Number) code).intValue(), result);
    }

    private static Inbound failure(ResultCode code) {
        return new Inbound.Failure(code.code(), Optional.empty());
    }

    /** A JSON integer that fits a long (a fraction such as 1.0 is not an integer, nor is a boolean). */
    private static boolean fitsLong(Object v) {
        return v instanceof Integer || v instanceof Long
                || v instanceof BigInteger b && b.bitLength() < Long.SIZE;
    }

    private static boolean fitsInt(Object v) {
        return v instanceof Integer
                || v instanceof Long l && l == l.intValue()
                || v instanceof BigInteger b && b.bitLength() < Integer.SIZE;
    }
}
