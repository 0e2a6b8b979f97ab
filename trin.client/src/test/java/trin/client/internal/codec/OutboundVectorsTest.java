package trin.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import trin.api.client.Event;

/**
 * Every case of {@code vectors/outbound.json}. A case's {@code do} is prose, so
 * each case name maps to the calls that do it; a case without one fails.
 */
class OutboundVectorsTest {

    private record Published(String topic, byte[] payload) {
    }

    private static final Topics TOPICS = new Topics(Json.CID, Json.UID);
    private static final PayloadCodec CODEC = new PayloadCodec(PayloadCodec.DEFAULT_MAX_PAYLOAD_BYTES);

    private static final Map<String, Supplier<Published>> DOES = Map.of(
            "data from an app", () -> new Published(TOPICS.outbound("my_app_id"),
                    CODEC.data(0, Map.of("temp", 21.5))),
            "event from an app", () -> new Published(TOPICS.outbound("my_app_id"),
                    CODEC.events(0, List.of(new Event(0, 123, "Loop Counter: 15")))),
            "reply with a result", () -> new Published(TOPICS.reply("my_app_id", ">a_tct"),
                    CODEC.reply(0, 0, 6)),
            "reply with result 0 keeps it", () -> new Published(TOPICS.reply("my_app_id", "t"),
                    CODEC.reply(0, 0, 0)),
            "reply without a result", () -> new Published(TOPICS.reply("0", "t"),
                    CODEC.reply(0, -100, null)),
            "message to another device", () -> new Published(
                    TOPICS.toDevice("AAA0000000000042", "lamp", "my_app_id"),
                    CODEC.command(0, "k1", "ping", List.of())),
            "last will", () -> new Published(TOPICS.outbound("0"), CODEC.will(0)),
            "connect event", () -> new Published(TOPICS.outbound("0"), CODEC.connected(0)),
            "subscription", () -> new Published(TOPICS.subscription(), null));

    static Stream<Arguments> cases() {
        return Json.cases("outbound.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenTheVector_whenBuilt_thenTopicAndPayloadMatch(String name, JsonNode vector) {
        assertThat(DOES).as("calls for the case '%s'", name).containsKey(name);

        Published published = DOES.get(name).get();

        assertThat(published.topic()).isEqualTo(vector.get("topic").asText());
        JsonNode payload = vector.get("payload");
        if (payload.isNull()) {
            assertThat(published.payload()).isNull();
        } else {
            assertThat(Json.tree(published.payload())).isEqualTo(payload);
        }
    }

    @Test
    void everyMappedCaseIsStillAVector() {
        Set<String> names = Json.cases("outbound.json").map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        assertThat(names).containsAll(DOES.keySet());
    }
}
