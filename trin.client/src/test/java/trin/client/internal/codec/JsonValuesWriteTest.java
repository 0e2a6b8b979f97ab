package trin.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The codec writes plain values with the streaming API and everything else
 * through databind: the bytes are the ones databind's {@code writeValue} wrote
 * for the whole value before, for every kind of value.
 */
class JsonValuesWriteTest {

    private final PayloadCodec codec = new PayloadCodec(PayloadCodec.DEFAULT_MAX_PAYLOAD_BYTES);
    private final ObjectMapper databind = new ObjectMapper();

    record Reading(String sensor, double value, List<Integer> history) {
    }

    static Stream<Object> values() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("null", null);
        nested.put("list", Arrays.asList(1, null, "two", 3.5, List.of()));
        nested.put("map", new TreeMap<>(Map.of("b", 2L, "a", true)));
        Map<Object, Object> otherKeys = new LinkedHashMap<>();
        otherKeys.put(1, "one");
        otherKeys.put(DayOfWeek.MONDAY, 2);
        return Stream.of("text with \"quotes\", \\ and \u00e9\u20ac\ud83d\ude00", "", 0, -7, Integer.MIN_VALUE,
                Long.MAX_VALUE, 0.1, -0.0, 1e300, Double.NaN, Double.POSITIVE_INFINITY, 1.5f, (short) 12, (byte) -3,
                new BigInteger("123456789012345678901234567890"), new BigDecimal("1.2345678901234567890E+40"), true,
                false, List.of(), Map.of(), nested, new LinkedHashSet<>(List.of("x", "y")),
                new Object[] {1, "a", null}, new ArrayList<>(List.of(List.of(List.of(1)))),
                // not plain: through databind, as before
                new Reading("t1", 21.5, List.of(20, 21)), Map.of("r", new Reading("t2", -1, List.of())), otherKeys,
                new byte[] {1, 2, 3}, new int[] {4, 5}, 'c', DayOfWeek.FRIDAY, new AtomicLong(42),
                List.of(new Reading("t3", 0, List.of(1))));
    }

    @ParameterizedTest
    @MethodSource("values")
    void givenAnyValue_thenTheDataIsWhatDatabindWrote(Object value) throws Exception {
        // As bytes: the UTF-8 generator escapes a character outside the BMP (\\uD83D\\uDE00), a text writer does not.
        String expected = "{\"d\":[5," + new String(databind.writeValueAsBytes(value), StandardCharsets.UTF_8) + "]}";

        assertThat(new String(codec.data(5, value), StandardCharsets.UTF_8)).isEqualTo(expected);
        assertThat(codec.toJson(value)).isEqualTo(databind.writeValueAsString(value));
    }

    @Test
    void givenAValueThatContainsItself_thenItCannotBeWritten() {
        List<Object> loop = new ArrayList<>();
        loop.add(loop);

        assertThatIllegalArgumentException().isThrownBy(() -> codec.data(1, loop))
                .withMessageContaining("cannot be written as JSON");
        assertThatIllegalArgumentException().isThrownBy(() -> codec.toJson(Map.of("loop", loop)))
                .withMessageContaining("cannot be written as JSON");
    }

    @Test
    void givenAnObjectDatabindCannotWrite_thenItIsAnIllegalArgument() {
        assertThatIllegalArgumentException().isThrownBy(() -> codec.reply(1, 0, new Object()))
                .withMessageContaining("cannot be written as JSON");
    }

    @Test
    void givenTypedJson_thenReadValueGivesPlainValuesOrTheReason() {
        assertThat(codec.readValue("{\"temp\":21.5,\"ok\":[true,null]}"))
                .isEqualTo(Map.of("temp", 21.5, "ok", Arrays.asList(true, null)));
        assertThat(codec.readValue(" 7 ")).isEqualTo(7);
        assertThatIllegalArgumentException().isThrownBy(() -> codec.readValue("{oops"))
                .withMessageContaining("was expecting double-quote");
        assertThatIllegalArgumentException().isThrownBy(() -> codec.readValue("1 2"))
                .withMessage("more than one value");
        assertThatIllegalArgumentException().isThrownBy(() -> codec.readValue(""));
    }
}
