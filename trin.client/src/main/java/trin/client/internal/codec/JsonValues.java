package trin.client.internal.codec;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads JSON values as plain Java values straight from the token stream, with
 * no tree in between, and writes them the same way. Depth, number and string
 * lengths are bounded by the parser's {@code StreamReadConstraints}, so the
 * recursion is bounded too; writing, by the generator's
 * {@code StreamWriteConstraints} (depth 1000).
 *
 * <p>Writing needs no data binding for what the protocol's messages carry
 * (maps with string keys, collections, strings, numbers, booleans, null), so
 * Jackson's databind, some 340 classes, is loaded only for the first value of
 * another kind (an application's own record or bean, a byte array, a map with
 * other keys), and that value is then written by it exactly as before.
 */
final class JsonValues {

    private JsonValues() {
    }

    /**
     * Writes a value: plain values here, anything else through databind, as
     * {@code ObjectMapper.writeValue} would write the whole value.
     *
     * @throws IOException when it cannot be written as JSON
     */
    static void write(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Integer i) {
            g.writeNumber(i.intValue());
        } else if (value instanceof Long l) {
            g.writeNumber(l.longValue());
        } else if (value instanceof Double d) {
            g.writeNumber(d.doubleValue());
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Map<?, ?> map && stringKeys(map)) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (value instanceof Collection<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                write(g, item);
            }
            g.writeEndArray();
        } else if (value instanceof Object[] array) {
            write(g, Arrays.asList(array));
        } else if (value instanceof Float f) {
            g.writeNumber(f.floatValue());
        } else if (value instanceof Short s) {
            g.writeNumber(s.shortValue());
        } else if (value instanceof Byte b) {
            g.writeNumber(b.intValue());
        } else if (value instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (value instanceof BigDecimal b) {
            g.writeNumber(b);
        } else {
            Databind.MAPPER.writeValue(g, value);
        }
    }

    private static boolean stringKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** Loaded at the first value that needs it. Modules are never found through ServiceLoader (OSGi). */
    private static final class Databind {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    /**
     * Reads the value that starts at the parser's current token.
     *
     * @return {@code String}, {@code Boolean}, {@code Integer}, {@code Long},
     *         {@code BigInteger}, a finite {@code Double},
     *         {@code ArrayList<Object>}, {@code LinkedHashMap<String, Object>},
     *         or {@code null}
     * @throws IOException when the input is not JSON we accept
     */
    static Object read(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token == null) {
            throw new JsonParseException(p, "no value");
        }
        switch (token) {
            case START_OBJECT:
                return readObject(p);
            case START_ARRAY:
                return readArray(p);
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue();
            case VALUE_NUMBER_FLOAT:
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) {
                    // 1e400 is valid JSON but no double; RFC 8259 lets a parser limit the range.
                    throw new JsonParseException(p, "number out of the range of a double");
                }
                return d;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonParseException(p, "unexpected token " + token);
        }
    }

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (map.containsKey(name)) {
                // Duplicate key: the first one wins, as for the message type.
                p.skipChildren();
            } else {
                map.put(name, read(p));
            }
        }
        return map;
    }

    private static List<Object> readArray(JsonParser p) throws IOException {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(read(p));
        }
        return list;
    }
}
