package trin.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import trin.api.command.ResultCode;

/** Input meant to break the parser: each gets a code, nothing escapes, memory stays bounded. */
class PayloadCodecHostileInputTest {

    private static final int NOT_JSON = ResultCode.F_PL_NOT_JSON.code();

    private final PayloadCodec codec = new PayloadCodec(PayloadCodec.DEFAULT_MAX_PAYLOAD_BYTES);

    @Test
    void givenAPayloadOverTheLimit_thenItIsNotRead() {
        PayloadCodec small = new PayloadCodec(64);
        String json = "{\"d\":[0,1]}";

        assertThat(small.parse(Json.utf8(json + " ".repeat(64 - json.length()))).code()).isZero();
        assertThat(small.parse(Json.utf8(json + " ".repeat(65 - json.length()))).code()).isEqualTo(NOT_JSON);
    }

    @Test
    void givenNoPayload_thenItIsNotJson() {
        assertThat(codec.parse(null).code()).isEqualTo(NOT_JSON);
        assertThat(codec.parse(new byte[0]).code()).isEqualTo(NOT_JSON);
    }

    @Test
    void givenBytesThatAreNotUtf8_thenTheyAreNotJson() {
        byte[] prefix = Json.utf8("{\"d\":[0,\"");
        byte[] suffix = Json.utf8("\"]}");
        byte[][] invalid = {
            {(byte) 0xFF},                          // never valid
            {(byte) 0xC3},                          // a sequence cut short
            {(byte) 0xC0, (byte) 0xAF},             // an overlong '/'
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a surrogate, encoded
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
        };
        for (byte[] bad : invalid) {
            byte[] payload = new byte[prefix.length + bad.length + suffix.length];
            System.arraycopy(prefix, 0, payload, 0, prefix.length);
            System.arraycopy(bad, 0, payload, prefix.length, bad.length);
            System.arraycopy(suffix, 0, payload, prefix.length + bad.length, suffix.length);

            assertThat(codec.parse(payload).code()).as(Arrays.toString(bad)).isEqualTo(NOT_JSON);
        }
        assertThat(codec.parse(Json.utf8("{\"d\":[0,\"ü \uD83D\uDE00\"]}")).code()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"d\":[0,1]} x", "{\"d\":[0,1]}{}", "{\"d\":[0,1]}]", "{\"d\":[0,1]},", "{\"d\":[0,1]}\"",
        "{\"d\":[0,1]", "{\"d\":[0,1}", "{\"d\":[0,1],}", "{\"d\":[0,1],\"e\"}",
    })
    void givenTrailingGarbageOrABrokenEnd_thenItIsNotJson(String payload) {
        assertThat(codec.parse(Json.utf8(payload)).code()).isEqualTo(NOT_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"d\":[0,NaN]}", "{\"d\":[0,Infinity]}", "{\"d\":[0,-Infinity]}", "{\"d\":[NaN,1]}",
        "{\"d\":[0,1e400]}", "{\"d\":[0,-1e400]}",
        "{'d':[0,1]}", "{d:[0,1]}", "{\"d\":[0,01]}", "{\"d\":[0,1]/*c*/}", "{\"d\":[0,\"a\tb\"]}",
        "\uFEFF{\"d\":[0,1]}", "{\"d\":[0,tru]}", "{\"d\":[0,\"\\x\"]}",
    })
    void givenJsonExtensionsOrNumbersWithNoDouble_thenTheyAreNotJson(String payload) {
        assertThat(codec.parse(Json.utf8(payload)).code()).isEqualTo(NOT_JSON);
    }

    @Test
    void givenDeepNesting_thenItIsNotJsonAndTheStackSurvives() {
        int deep = 100_000;
        String payload = "{\"d\":[0," + "[".repeat(deep) + "]".repeat(deep) + "]}";

        assertThat(codec.parse(Json.utf8(payload)).code()).isEqualTo(NOT_JSON);
    }

    @Test
    void givenNestingUpToTheLimit_thenItIsRead() {
        // The object and the d array are two levels of the 64.
        String ok = "{\"d\":[0," + "[".repeat(62) + "]".repeat(62) + "]}";
        String over = "{\"d\":[0," + "[".repeat(63) + "]".repeat(63) + "]}";

        assertThat(codec.parse(Json.utf8(ok)).code()).isZero();
        assertThat(codec.parse(Json.utf8(over)).code()).isEqualTo(NOT_JSON);
    }

    @Test
    void givenANumberOfThousandsOfDigits_thenItIsNotJsonWhereverItIs() {
        String huge = "9".repeat(5000);

        assertThat(codec.parse(Json.utf8("{\"d\":[" + huge + ",1]}")).code()).isEqualTo(NOT_JSON);
        assertThat(codec.parse(Json.utf8("{\"d\":[0," + huge + "]}")).code()).isEqualTo(NOT_JSON);
        assertThat(codec.parse(Json.utf8("{\"d\":[0,1." + huge + "]}")).code()).isEqualTo(NOT_JSON);
        assertThat(codec.parse(Json.utf8("{\"d\":[0,1],\"z\":" + huge + "}")).code()).isEqualTo(NOT_JSON);
        assertThat(codec.parse(Json.utf8("{\"d\":[0,{\"a\":1,\"a\":" + huge + "}]}")).code()).isEqualTo(NOT_JSON);
    }

    @Test
    void givenAnIntegerOfAHundredDigits_thenItIsABigInteger() {
        String digits = "9".repeat(100);

        Inbound read = codec.parse(Json.utf8("{\"d\":[0," + digits + "]}"));

        assertThat(read).isEqualTo(new Inbound.Data(0, 0, new BigInteger(digits)));
    }

    @Test
    void givenAHugeString_thenItIsReadUpToThePayloadLimitOnly() {
        String within = "x".repeat(PayloadCodec.DEFAULT_MAX_PAYLOAD_BYTES - 20);
        String beyond = "x".repeat(PayloadCodec.DEFAULT_MAX_PAYLOAD_BYTES);

        assertThat(codec.parse(Json.utf8("{\"d\":[0,\"" + within + "\"]}"))).isEqualTo(new Inbound.Data(0, 0, within));
        assertThat(codec.parse(Json.utf8("{\"d\":[0,\"" + beyond + "\"]}")).code()).isEqualTo(NOT_JSON);
        assertThat(codec.parse(Json.utf8("{\"" + beyond + "\":[0,1]}")).code()).isEqualTo(NOT_JSON);
    }

    @Test
    void givenManySmallValuesUpToTheLimit_thenTheyAreRead() {
        StringBuilder payload = new StringBuilder("{\"d\":[0,[");
        while (payload.length() < PayloadCodec.DEFAULT_MAX_PAYLOAD_BYTES - 10) {
            payload.append("[],");
        }
        payload.append("[]]]}");

        assertThat(codec.parse(Json.utf8(payload.toString())).code()).isZero();
    }

    @Test
    void givenRandomDamageToValidPayloads_thenNothingEscapesAndEveryCodeIsKnown() {
        String[] seeds = {
            "{\"c\": [123456789,\">a_tct\", [\"sum_these\",1,2,3]]}",
            "{\"e\": [0, [[-5, 123, \"door open\"], [0, 124]]]}",
            "{\"x\": [0, 0, {\"a\": [1.5, null, true]}]}",
            "{\"d\": [0, {\"temp\": 21.5, \"list\": [\"ü\", -1e5]}]}",
        };
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] payload = Json.utf8(seeds[i % seeds.length]);
            for (int damage = 1 + random.nextInt(4); damage > 0; damage--) {
                payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
            }

            Inbound read = codec.parse(payload);

            assertThat(ResultCode.of(read.code())).as(new String(payload)).isPresent();
        }
    }
}
