package trin.client.internal.status;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import trin.api.client.MessageRecord.Direction;
import trin.api.client.MessageRecord;

class RecentMessagesTest {

    private final RecentMessages recent = new RecentMessages(3,
            Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void givenMessagesInAndOut_thenTheyAreListedNewestFirst_withDirectionTopicAndSize() {
        recent.in("c/u/p/</", "{\"c\":1}".getBytes(UTF_8));
        recent.out("c/u/p/>/>t", "{\"x\":[0,0,6]}".getBytes(UTF_8));

        List<MessageRecord> list = recent.newestFirst();

        assertThat(list).extracting(MessageRecord::direction).containsExactly(Direction.OUT, Direction.IN);
        assertThat(list.get(0).topic()).isEqualTo("c/u/p/>/>t");
        assertThat(list.get(0).size()).isEqualTo(13);
        assertThat(list.get(0).payload()).isEqualTo("{\"x\":[0,0,6]}");
        assertThat(list.get(1).time()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
    }

    @Test
    void givenMoreThanTheCapacity_thenTheOldestAreDropped() {
        for (int i = 1; i <= 5; i++) {
            recent.out("t/" + i, new byte[0]);
        }

        assertThat(recent.newestFirst()).extracting(MessageRecord::topic).containsExactly("t/5", "t/4", "t/3");
    }

    @Test
    void givenALongPayload_thenItIsShortenedWithAMark_andTheSizeIsTheWholeOne() {
        byte[] payload = "é".repeat(5000).getBytes(UTF_8);

        recent.in("t", payload);

        MessageRecord record = recent.newestFirst().get(0);
        assertThat(record.size()).isEqualTo(10_000);
        assertThat(record.payload()).hasSize(MessageRecord.PAYLOAD_LIMIT + 1).startsWith("éé").endsWith("é…");
    }

    @Test
    void givenAPayloadOfExactlyTheLimit_thenItIsShownWhole() {
        String text = "a".repeat(MessageRecord.PAYLOAD_LIMIT);

        assertThat(RecentMessages.shown(text.getBytes(UTF_8))).isEqualTo(text);
    }

    @Test
    void givenBytesThatAreNotUtf8_thenTheyAreReplaced_notFailing() {
        assertThat(RecentMessages.shown(new byte[] {'o', 'k', (byte) 0xff})).isEqualTo("ok\uFFFD");
    }
}
