package trin.client.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    private static final String PREFIX = Json.CID + "/" + Json.UID + "/";
    private static final String OTHER_UID = "AAA0000000000042";

    private final Topics topics = new Topics(Json.CID, Json.UID);

    @Test
    void buildsEveryTopicOfTheProtocol() {
        assertThat(topics.subscription()).isEqualTo("12345678/AAA0000DEADBEEF/+/</#");
        assertThat(topics.outbound("my_app_id")).isEqualTo("12345678/AAA0000DEADBEEF/my_app_id/>");
        assertThat(topics.reply("my_app_id", ">a_tct")).isEqualTo("12345678/AAA0000DEADBEEF/my_app_id/>/>a_tct");
        assertThat(topics.toDevice(OTHER_UID, "lamp", "my_app_id"))
                .isEqualTo("12345678/AAA0000000000042/lamp/</AAA0000DEADBEEF/my_app_id");
        assertThat(topics.replyToDevice(OTHER_UID, "lamp", "my_app_id", "k1"))
                .isEqualTo("12345678/AAA0000000000042/lamp/</AAA0000DEADBEEF/my_app_id/k1");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"a/b", "/", "a+", "+", "#", "a#b", "nul\0", "lone\uD800", "\uDC00x"})
    void givenATokenThatCannotBeALevel_thenNoTopicIsBuiltWithIt(String bad) {
        assertThat(Topics.isValidLevel(bad)).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> topics.reply("my_app_id", bad));
        assertThatIllegalArgumentException().isThrownBy(() -> topics.replyToDevice(OTHER_UID, "lamp", "p", bad));
        assertThatIllegalArgumentException().isThrownBy(() -> topics.outbound(bad));
        assertThatIllegalArgumentException().isThrownBy(() -> topics.toDevice(OTHER_UID, bad, "p"));
        assertThatIllegalArgumentException().isThrownBy(() -> topics.toDevice(bad, "lamp", "p"));
        assertThatIllegalArgumentException().isThrownBy(() -> new Topics(bad, Json.UID));
        assertThatIllegalArgumentException().isThrownBy(() -> new Topics(Json.CID, bad));
    }

    @ParameterizedTest
    @ValueSource(strings = {">a_tct", "t", "0", "<", ">", "a b", "ü", "\uD83D\uDE00", "x.y-z_1"})
    void givenAnyOtherNonEmptyString_thenItIsALevel(String good) {
        assertThat(Topics.isValidLevel(good)).isTrue();
        assertThat(topics.reply("my_app_id", good)).endsWith("/>/" + good);
    }

    @Test
    void givenALevelLongerThanATopicMayBe_thenItIsNoLevel() {
        assertThat(Topics.isValidLevel("t".repeat(65_535))).isTrue();
        assertThat(Topics.isValidLevel("t".repeat(65_536))).isFalse();
        assertThat(Topics.isValidLevel("ü".repeat(32_768))).as("2 bytes each in UTF-8").isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> topics.reply("my_app_id", "t".repeat(65_500)));
    }

    @Test
    void parsesEveryDepthOfAnIncomingTopic() {
        assertThat(topics.parse(PREFIX + "app/<"))
                .contains(new InboundTopic("app", Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(topics.parse(PREFIX + "app/</"))
                .contains(new InboundTopic("app", Optional.of(""), Optional.empty(), Optional.empty()));
        assertThat(topics.parse(PREFIX + "app/</S"))
                .contains(new InboundTopic("app", Optional.of("S"), Optional.empty(), Optional.empty()));
        assertThat(topics.parse(PREFIX + "app/</S/SP"))
                .contains(new InboundTopic("app", Optional.of("S"), Optional.of("SP"), Optional.empty()));
        assertThat(topics.parse(PREFIX + "app/</S/SP/TK"))
                .contains(new InboundTopic("app", Optional.of("S"), Optional.of("SP"), Optional.of("TK")));
    }

    @Test
    void givenMoreThanSevenLevels_thenTheTicketCannotBeRead() {
        assertThat(topics.parse(PREFIX + "app/</S/SP/T/K"))
                .contains(new InboundTopic("app", Optional.of("S"), Optional.of("SP"), Optional.empty()));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "99999999/AAA0000DEADBEEF/app/</S",
        "12345678/AAA0000000000042/app/</S",
        "123456789/AAA0000DEADBEEF/app/</S",
        "12345678/AAA0000DEADBEEFF/app/</S",
        "1234567/8/AAA0000DEADBEEF/app/</S",
        "12345678",
        "12345678/AAA0000DEADBEEF",
        "12345678/AAA0000DEADBEEF/",
        "12345678/AAA0000DEADBEEF/app",
        "12345678/AAA0000DEADBEEF/app/",
        "12345678/AAA0000DEADBEEF/app/>",
        "12345678/AAA0000DEADBEEF/app/>/t",
        "12345678/AAA0000DEADBEEF//</S",
        "12345678/AAA0000DEADBEEF/app/<</S",
    })
    void givenATopicThatIsNotAnIncomingTopicOfThisDevice_thenNothingIsRead(String topic) {
        assertThat(topics.parse(topic)).isEmpty();
    }

    @Test
    void givenACommandFromAnotherDevice_whenParsed_thenItsSenderAndPidAreRead() {
        Topics other = new Topics(Json.CID, OTHER_UID);

        Optional<InboundTopic> read = topics.parse(other.toDevice(Json.UID, "my_app_id", "lamp"));

        assertThat(read).contains(new InboundTopic("my_app_id", Optional.of(OTHER_UID), Optional.of("lamp"),
                Optional.empty()));
    }

    @Test
    void givenTheReplyOfAnotherDevice_whenParsed_thenItsTicketMatchesTheToken() {
        Topics other = new Topics(Json.CID, OTHER_UID);

        Optional<InboundTopic> read = topics.parse(other.replyToDevice(Json.UID, "my_app_id", "lamp", "k1"));

        assertThat(read).contains(new InboundTopic("my_app_id", Optional.of(OTHER_UID), Optional.of("lamp"),
                Optional.of("k1")));
    }
}
