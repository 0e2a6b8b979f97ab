package trin.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import trin.api.client.Event;

/** Parsing beyond the golden vectors: the choices the protocol leaves open. */
class PayloadCodecParseTest {

    private final PayloadCodec codec = new PayloadCodec(PayloadCodec.DEFAULT_MAX_PAYLOAD_BYTES);

    private Inbound parse(String json) {
        return codec.parse(Json.utf8(json));
    }

    @Test
    void givenADuplicateKey_thenTheFirstWinsAtEveryLevel() {
        assertThat(parse("{\"d\":[0,1],\"d\":[0,2]}")).isEqualTo(new Inbound.Data(0, 0, 1));
        assertThat(parse("{\"d\":[0,{\"a\":1,\"b\":2,\"a\":3}]}"))
                .isEqualTo(new Inbound.Data(0, 0, Map.of("a", 1, "b", 2)));
    }

    @Test
    void givenFurtherKeys_thenTheyAreIgnoredWhateverTheyHold() {
        assertThat(parse("{\"i\":[7,1],\"z\":5,\"c\":{}}")).isEqualTo(new Inbound.Info(0, 7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\"", "\"cd\"", "\"C\"", "\"dd\"", "\" d\""})
    void givenAKeyThatIsNotExactlyAType_thenTheTypeIsUnknown(String key) {
        assertThat(parse("{" + key + ":[0,1]}").code()).isEqualTo(-5);
    }

    @Test
    void givenAnUnknownTypeWhoseValueIsNoArray_thenTheTypeIsCheckedFirst() {
        assertThat(parse("{\"z\":5}").code()).isEqualTo(-5);
        assertThat(parse("{\"x\":5}").code()).isEqualTo(-2);
        assertThat(parse("{\"x\":[]}").code()).isEqualTo(-3);
        assertThat(parse("{\"i\":[0,1,2,3]}").code()).isEqualTo(-4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "1.5", "1.0", "1e3", "true", "null", "[]", "{}", "99999999999999999999"})
    void givenATimeStampThatIsNotALong_thenWarningOneAndTsZero(String ts) {
        assertThat(parse("{\"i\":[" + ts + ",1]}")).isEqualTo(new Inbound.Info(1, 0));
        assertThat(parse("{\"c\":[" + ts + ",[\"a\"]]}"))
                .isEqualTo(new Inbound.Command(1, 0, Optional.empty(), "a", List.of()));
    }

    @Test
    void givenTimeStampsAtTheEdgesOfALong_thenTheyAreKept() {
        assertThat(parse("{\"i\":[9223372036854775807,1]}")).isEqualTo(new Inbound.Info(0, Long.MAX_VALUE));
        assertThat(parse("{\"i\":[-9223372036854775808,1]}")).isEqualTo(new Inbound.Info(0, Long.MIN_VALUE));
        assertThat(parse("{\"i\":[9223372036854775808,1]}")).isEqualTo(new Inbound.Info(1, 0));
    }

    @Test
    void givenABadTimeStamp_thenParsingGoesOnAndTwoBeatsOne() {
        assertThat(parse("{\"e\":[\"now\",[[0,1]]]}").code()).isEqualTo(1);
        assertThat(parse("{\"e\":[\"now\",[[0,1],[0]]]}").code()).isEqualTo(2);
        assertThat(parse("{\"x\":[\"now\",\"ok\"]}").code()).isEqualTo(-16);
    }

    @Test
    void givenCommandArguments_thenTheyArePlainJavaValues() {
        Inbound read = parse("{\"c\":[0,\"t\",[\"go\",1,5000000000,18446744073709551616,1.5,true,null,\"s\","
                + "[1,{\"k\":[]}],{\"b\":2,\"a\":1}]]}");

        assertThat(read).isInstanceOf(Inbound.Command.class);
        List<Object> args = ((Inbound.Command) read).args();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("b", 2);
        map.put("a", 1);
        assertThat(args).containsExactly(1, 5_000_000_000L, BigInteger.ONE.shiftLeft(64), 1.5, true, null, "s",
                List.of(1, Map.of("k", List.of())), map);
        assertThat(args.get(8)).isInstanceOf(LinkedHashMap.class);
        assertThat(List.copyOf(((Map<?, ?>) args.get(8)).keySet())).isEqualTo(List.of("b", "a"));
        assertThat(args.get(7)).isInstanceOf(ArrayList.class);
        assertThatThrownBy(() -> args.add(1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void givenTokensOfEveryKind_thenOnlyStringsAreTokens() {
        assertThat(parse("{\"c\":[0,\"\",[\"a\"]]}").token()).contains("");
        assertThat(parse("{\"c\":[0,\"a/b\",[\"a\"]]}").token()).contains("a/b");
        assertThat(parse("{\"c\":[0,null,[\"a\"]]}")).isEqualTo(new Inbound.Failure(-18, Optional.empty()));
        assertThat(parse("{\"c\":[0,{},[\"a\"]]}")).isEqualTo(new Inbound.Failure(-18, Optional.empty()));
        assertThat(parse("{\"c\":[0,true,[\"a\"]]}")).isEqualTo(new Inbound.Failure(-18, Optional.empty()));
    }

    @Test
    void givenATooLongCommandWithAToken_thenTheTokenCanBeAnswered() {
        assertThat(parse("{\"c\":[0,\"t\",[\"a\"],4]}")).isEqualTo(new Inbound.Failure(-4, Optional.of("t")));
        assertThat(parse("{\"d\":[0,\"t\",[\"a\"],4]}")).isEqualTo(new Inbound.Failure(-4, Optional.empty()));
    }

    @Test
    void givenACommandWithoutTokenAndAThirdElement_thenTheThirdIsIgnored() {
        assertThat(parse("{\"c\":[0,[\"a\",1],\"extra\"]}"))
                .isEqualTo(new Inbound.Command(0, 0, Optional.empty(), "a", List.of(1)));
    }

    @Test
    void givenACommandWithoutToken_thenFailuresCarryNoToken() {
        assertThat(parse("{\"c\":[0,[]]}")).isEqualTo(new Inbound.Failure(-7, Optional.empty()));
        assertThat(parse("{\"c\":[0,[1]]}")).isEqualTo(new Inbound.Failure(-8, Optional.empty()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[0, 101.0, \"a\"]         | event code is a fraction",
        "[0, 2147483648]           | event code beyond int",
        "[0, -2147483649]          | event code below int",
        "[0, true]                 | event code is a boolean",
        "[0, \"101\"]              | event code is a string",
        "[0.5, 101]                | sse is a fraction",
        "[\"now\", 101]            | sse is a string",
        "[null, 101]               | sse is null",
        "[0, 101, \"a\", \"b\"]    | four elements",
        "[]                        | empty",
        "{}                        | not an array",
    })
    void givenAnInvalidEvent_thenItIsLeftOut(String event, String why) {
        assertThat(parse("{\"e\":[0,[" + event + "]]}").code()).as(why).isEqualTo(-17);
        assertThat(parse("{\"e\":[0,[[0,5]," + event + "]]}"))
                .as(why).isEqualTo(new Inbound.Events(2, 0, List.of(new Event(0, 5, null))));
    }

    @Test
    void givenValidEvents_thenAllAreKeptInOrderEvenWithTheSameCode() {
        assertThat(parse("{\"e\":[0,[[0,5,\"a\"],[-9,5,\"b\"],[3,2147483647],[0,-2147483648,null]]]}"))
                .isEqualTo(new Inbound.Events(0, 0, List.of(new Event(0, 5, "a"), new Event(-9, 5, "b"),
                        new Event(3, Integer.MAX_VALUE, null), new Event(0, Integer.MIN_VALUE, null))));
    }

    @Test
    void givenADescriptionThatIsNotAString_thenItIsKeptAsItsJsonText() {
        assertThat(parse("{\"e\":[0,[[0,1,5],[0,2,{\"a\":[1,\"x\"]}],[0,3,true],[0,4,1.5]]]}"))
                .isEqualTo(new Inbound.Events(0, 0, List.of(new Event(0, 1, "5"),
                        new Event(0, 2, "{\"a\":[1,\"x\"]}"), new Event(0, 3, "true"), new Event(0, 4, "1.5"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0", "1.5", "2147483648", "true", "null", "[]", "\"0\""})
    void givenAReplyCodeThatIsNotAnInt_thenMinusSixteen(String code) {
        assertThat(parse("{\"x\":[0," + code + ",1]}")).isEqualTo(new Inbound.Failure(-16, Optional.empty()));
    }

    @Test
    void givenReplies_thenCodeAndResultAreRead() {
        assertThat(parse("{\"x\":[0,-100]}")).isEqualTo(new Inbound.Reply(0, 0, -100, null));
        assertThat(parse("{\"x\":[0,0,null]}")).isEqualTo(new Inbound.Reply(0, 0, 0, null));
        assertThat(parse("{\"x\":[0,0,\"\"]}")).isEqualTo(new Inbound.Reply(0, 0, 0, ""));
        assertThat(parse("{\"x\":[0,-300,[]]}")).isEqualTo(new Inbound.Reply(0, 0, -300, List.of()));
        assertThat(parse("{\"x\":[1.5,7,0]}")).isEqualTo(new Inbound.Reply(1, 0, 7, 0));
    }

    @Test
    void givenDataOfEveryKind_thenItIsHandedOutAsIs() {
        assertThat(parse("{\"d\":[0,null]}")).isEqualTo(new Inbound.Data(0, 0, null));
        assertThat(parse("{\"d\":[0,[1,null]]}")).isEqualTo(new Inbound.Data(0, 0, Arrays.asList(1, null)));
        assertThat(parse("{\"d\":[5,\"s\",\"ignored\"]}")).isEqualTo(new Inbound.Data(0, 5, "s"));
        assertThat(parse("{\"d\":[0,-0.0]}")).isEqualTo(new Inbound.Data(0, 0, -0.0));
    }

    @Test
    void givenNonCommandKinds_thenTheyHaveNoToken() {
        assertThat(parse("{\"d\":[0,\"t\"]}").token()).isEmpty();
        assertThat(parse("{\"x\":[0,0,\"t\"]}").token()).isEmpty();
        assertThat(parse("{\"i\":[0,\"t\"]}").token()).isEmpty();
        assertThat(parse("{\"e\":[0,[[0,1,\"t\"]]]}").token()).isEmpty();
    }
}
