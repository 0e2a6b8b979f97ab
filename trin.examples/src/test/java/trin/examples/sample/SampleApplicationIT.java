package trin.examples.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import trin.apptest.AppEvent;
import trin.apptest.CommandReply;
import trin.apptest.Platform;
import trin.apptest.TrinGateway;

/**
 * The sample on a gateway, tested as an application author tests theirs: trin.apptest runs the built
 * bundle in a framework with trin's gateway bundles, connected to the development broker, and the test
 * plays the platform.
 */
@ExtendWith(TrinGateway.class)
class SampleApplicationIT {

    private static final String APP = SampleApplication.APP_ID;

    @Test
    void givenTheSeedsCommand_whenSentByThePlatform_thenTheSumSixComesBack(Platform platform) {
        CommandReply reply = platform.call(APP, "sum_these", 1, 2, 3);

        assertThat(reply.payload()).isEqualTo("{\"x\":[0,0,6]}");
        assertThat(reply.topic()).startsWith(platform.topic(APP, ">") + "/t");
    }

    @Test
    void givenAnUnknownCommand_thenRpcNotImplemented(Platform platform) {
        assertThat(platform.call(APP, "multiply_these", 2, 3).code()).isEqualTo(-100);
    }

    @Test
    void givenACommand_whenTheHealthIsAsked_thenTheSamplesPartSaysSo(Platform platform) {
        platform.call(APP, "sum_these", 1);

        Map<String, Object> health = platform.health(APP);

        assertThat(health).containsEntry("healthy", true).containsEntry("last_command", "sum_these");
    }

    @Test
    void givenAnEventIntervalOfOneSecond_whenConfigured_thenLoopCounterEventsArrive(Platform platform) {
        platform.configure("trin.examples.sample", Map.of("eventInterval", 1));

        AppEvent event = platform.awaitEvent(APP, SampleApplication.LOOP_EVENT);

        assertThat(event.text()).startsWith("Loop Counter: ");
    }

    @Test
    void givenNoReplyWithThatToken_whenAwaited_thenAReadableFailureWithTheLastMessages(Platform platform) {
        platform.call(APP, "sum_these", 1);
        Duration before = platform.timeout();
        platform.timeout(Duration.ofMillis(300));
        try {
            assertThatThrownBy(() -> platform.awaitReply(APP, "never-sent"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("no reply on my_app_id/>/never-sent within 300 ms; last messages seen")
                    .hasMessageContaining("my_app_id/>/t");
        } finally {
            platform.timeout(before);
        }
    }

    @Test
    void givenARestartedSession_thenTheSampleStillAnswers(Platform platform) {
        platform.restartSession();

        assertThat(platform.call(APP, "sum_these", 40, 2).result()).isEqualTo(42);
    }
}
