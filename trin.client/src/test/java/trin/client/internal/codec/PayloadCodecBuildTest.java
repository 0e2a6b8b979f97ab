package trin.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import trin.api.client.Event;

/** Building payloads, and reading back what was built. */
class PayloadCodecBuildTest {

    private final PayloadCodec codec = new PayloadCodec(PayloadCodec.DEFAULT_MAX_PAYLOAD_BYTES);

    @Test
    void givenAnEventWithoutDescription_thenItHasTwoElements() {
        byte[] built = codec.events(7, List.of(new Event(-3, 5, null), new Event(0, 6, "six")));

        assertThat(Json.tree(built)).isEqualTo(Json.tree("{\"e\":[7,[[-3,5],[0,6,\"six\"]]]}"));
    }

    @Test
    void givenFalsyResults_thenTheyAreKeptAndOnlyNullIsLeftOut() {
        assertThat(Json.tree(codec.reply(0, 0, 0))).isEqualTo(Json.tree("{\"x\":[0,0,0]}"));
        assertThat(Json.tree(codec.reply(0, 0, ""))).isEqualTo(Json.tree("{\"x\":[0,0,\"\"]}"));
        assertThat(Json.tree(codec.reply(0, 0, List.of()))).isEqualTo(Json.tree("{\"x\":[0,0,[]]}"));
        assertThat(Json.tree(codec.reply(0, 0, false))).isEqualTo(Json.tree("{\"x\":[0,0,false]}"));
        assertThat(Json.tree(codec.reply(9, -22, null))).isEqualTo(Json.tree("{\"x\":[9,-22]}"));
    }

    @Test
    void givenNoToken_thenTheCommandHasNone() {
        assertThat(Json.tree(codec.command(5, null, "sum_these", List.of(1, 2))))
                .isEqualTo(Json.tree("{\"c\":[5,[\"sum_these\",1,2]]}"));
        assertThat(Json.tree(codec.command(5, "t", "ping", List.of())))
                .isEqualTo(Json.tree("{\"c\":[5,\"t\",[\"ping\"]]}"));
    }

    @Test
    void givenATimeStamp_thenWillAndConnectEventsCarryItTwice() {
        assertThat(Json.tree(codec.will(1_700_000_000L)))
                .isEqualTo(Json.tree("{\"e\":[1700000000,[[1700000000,101,\"LWT Published\"]]]}"));
        assertThat(Json.tree(codec.connected(1_700_000_000L)))
                .isEqualTo(Json.tree("{\"e\":[1700000000,[[1700000000,102,\"Connect Success\"]]]}"));
    }

    @Test
    void givenDataOfEveryPlainKind_thenItIsWrittenAsJson() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("s", "ü\"\n");
        data.put("n", null);
        data.put("l", Arrays.asList(1, 2L, new BigInteger("18446744073709551616"), 1.5, true, null));

        assertThat(Json.tree(codec.data(0, data)))
                .isEqualTo(Json.tree("{\"d\":[0,{\"s\":\"ü\\\"\\n\",\"n\":null,"
                        + "\"l\":[1,2,18446744073709551616,1.5,true,null]}]}"));
        assertThat(Json.tree(codec.data(0, null))).isEqualTo(Json.tree("{\"d\":[0,null]}"));
    }

    @Test
    void givenAStringWithALoneSurrogate_thenTheOutputIsStillUtf8Json() {
        byte[] built = codec.data(0, "a\uD800b");

        assertThat(codec.parse(built)).isEqualTo(new Inbound.Data(0, 0, "a\uD800b"));
    }

    @Test
    void givenSomethingJacksonCannotWrite_thenIllegalArgument() {
        Object opaque = new Object();
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);

        assertThatIllegalArgumentException().isThrownBy(() -> codec.data(0, opaque));
        assertThatIllegalArgumentException().isThrownBy(() -> codec.reply(0, 0, cycle));
        assertThatIllegalArgumentException().isThrownBy(() -> codec.command(0, "t", "a", List.of(opaque)));
        assertThatIllegalArgumentException().isThrownBy(() -> codec.toJson(opaque));
    }

    @Test
    void toJsonWritesPlainValuesCompactly() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", List.of(1, "x"));
        value.put("b", null);

        assertThat(codec.toJson(value)).isEqualTo("{\"a\":[1,\"x\"],\"b\":null}");
        assertThat(codec.toJson(null)).isEqualTo("null");
    }

    @Test
    void givenABuiltCommand_whenParsedBack_thenItIsTheSame() {
        List<Object> args = Arrays.asList("x", 1, 5_000_000_000L, 2.5, false, null, List.of(1), Map.of("k", "v"));

        assertThat(codec.parse(codec.command(42, ">a_tct", "sum_these", args)))
                .isEqualTo(new Inbound.Command(0, 42, Optional.of(">a_tct"), "sum_these", args));
        assertThat(codec.parse(codec.command(0, null, "ping", List.of())))
                .isEqualTo(new Inbound.Command(0, 0, Optional.empty(), "ping", List.of()));
    }

    @Test
    void givenBuiltRepliesEventsAndData_whenParsedBack_thenTheyAreTheSame() {
        List<Event> events = List.of(new Event(-1, 7, "seven"), new Event(0, 8, null));

        assertThat(codec.parse(codec.reply(3, -100, "RPC Not implemented")))
                .isEqualTo(new Inbound.Reply(0, 3, -100, "RPC Not implemented"));
        assertThat(codec.parse(codec.reply(3, 0, null))).isEqualTo(new Inbound.Reply(0, 3, 0, null));
        assertThat(codec.parse(codec.events(3, events))).isEqualTo(new Inbound.Events(0, 3, events));
        assertThat(codec.parse(codec.will(3)))
                .isEqualTo(new Inbound.Events(0, 3, List.of(new Event(3, 101, "LWT Published"))));
        assertThat(codec.parse(codec.data(3, Map.of("temp", 21.5))))
                .isEqualTo(new Inbound.Data(0, 3, Map.of("temp", 21.5)));
    }

    @Test
    void givenSeveralThreads_thenOneCodecServesThemAll() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        List<Object> args = List.of(id, i);
                        Inbound back = codec.parse(codec.command(i, "t" + id, "n", args));
                        if (!back.equals(new Inbound.Command(0, i, Optional.of("t" + id), "n", args))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
