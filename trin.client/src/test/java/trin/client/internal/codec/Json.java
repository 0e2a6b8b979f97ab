package trin.client.internal.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.params.provider.Arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Test helpers: the golden vectors and JSON comparisons, read with a plain Jackson mapper. */
final class Json {

    static final String CID = "12345678";
    static final String UID = "AAA0000DEADBEEF";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The cases of a vector file as (name, case) arguments. */
    static Stream<Arguments> cases(String file) {
        JsonNode cases = read(file).get("cases");
        return StreamSupport.stream(cases.spliterator(), false)
                .map(c -> Arguments.of(c.get("name").asText(), c));
    }

    static JsonNode read(String file) {
        try (InputStream in = Json.class.getResourceAsStream("/vectors/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no test resource vectors/" + file);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String json) {
        return tree(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON value as the plain Java value the codec hands out. */
    static Object plain(JsonNode node) {
        return MAPPER.convertValue(node, Object.class);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
