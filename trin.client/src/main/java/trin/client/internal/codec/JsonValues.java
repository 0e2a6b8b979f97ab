package trin.client.internal.codec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads JSON values as plain Java values straight from the token stream, with
 * no tree in between. Depth, number and string lengths are bounded by the
 * parser's {@code StreamReadConstraints}, so the recursion is bounded too.
 */
final class JsonValues {

    private JsonValues() {
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
