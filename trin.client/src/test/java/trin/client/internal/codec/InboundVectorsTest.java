package trin.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import trin.api.client.Event;

/** Every case of {@code vectors/inbound.json}: each field its {@code expect} lists. */
class InboundVectorsTest {

    private static final Map<String, Class<? extends Inbound>> TYPES = Map.of(
            "c", Inbound.Command.class, "d", Inbound.Data.class, "e", Inbound.Events.class,
            "x", Inbound.Reply.class, "i", Inbound.Info.class);

    private final Topics topics = new Topics(Json.CID, Json.UID);
    private final PayloadCodec codec = new PayloadCodec(PayloadCodec.DEFAULT_MAX_PAYLOAD_BYTES);

    static Stream<Arguments> cases() {
        return Json.cases("inbound.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givenTheVector_whenParsed_thenEveryExpectedFieldMatches(String name, JsonNode vector) {
        InboundTopic topic = topics.parse(vector.get("topic").asText()).orElseThrow();
        Inbound message = codec.parse(Json.utf8(vector.get("payload").asText()));

        for (Iterator<Map.Entry<String, JsonNode>> it = vector.get("expect").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode want = field.getValue();
            Object plain = Json.plain(want);
            switch (field.getKey()) {
                case "code" -> assertThat(message.code()).as("code").isEqualTo(want.asInt());
                case "type" -> assertThat(message).isInstanceOf(TYPES.get(want.asText()));
                case "ts" -> assertThat(ts(message)).as("ts").isEqualTo(want.asLong());
                case "tct" -> assertThat(message.token()).as("tct").isEqualTo(optional(want));
                case "command" -> assertThat(command(message).name()).isEqualTo(want.asText());
                case "args" -> assertThat(command(message).args()).isEqualTo(plain);
                case "data" -> assertThat(as(message, Inbound.Data.class).data()).isEqualTo(plain);
                case "events" -> assertThat(as(message, Inbound.Events.class).events()).isEqualTo(events(want));
                case "reply_code" -> assertThat(as(message, Inbound.Reply.class).replyCode()).isEqualTo(want.asInt());
                case "result" -> assertThat(as(message, Inbound.Reply.class).result()).isEqualTo(plain);
                case "pid" -> assertThat(topic.pid()).isEqualTo(want.asText());
                case "sender" -> assertThat(topic.sender()).isEqualTo(optional(want));
                case "sender_pid" -> assertThat(topic.senderPid()).isEqualTo(optional(want));
                case "tckt" -> assertThat(topic.ticket()).isEqualTo(optional(want));
                default -> fail("the vector expects a field this test does not know: " + field.getKey());
            }
        }
    }

    private static Optional<String> optional(JsonNode node) {
        return node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    private static List<Event> events(JsonNode node) {
        List<Event> events = new ArrayList<>();
        for (JsonNode e : node) {
            events.add(new Event(e.get(0).asLong(), e.get(1).asInt(), e.size() < 3 || e.get(2).isNull() ? null : e.get(2).asText()));
        }
        return events;
    }

    private static Inbound.Command command(Inbound message) {
        return as(message, Inbound.Command.class);
    }

    private static <T extends Inbound> T as(Inbound message, Class<T> type) {
        assertThat(message).isInstanceOf(type);
        return type.cast(message);
    }

    static long ts(Inbound message) {
        if (message instanceof Inbound.Command c) {
            return c.ts();
        } else if (message instanceof Inbound.Data d) {
            return d.ts();
        } else if (message instanceof Inbound.Events e) {
            return e.ts();
        } else if (message instanceof Inbound.Reply r) {
            return r.ts();
        } else if (message instanceof Inbound.Info i) {
            return i.ts();
        }
        throw new AssertionError("no time stamp in " + message);
    }
}
