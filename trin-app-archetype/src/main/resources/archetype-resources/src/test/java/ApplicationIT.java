package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import trin.apptest.CommandReply;
import trin.apptest.Platform;
import trin.apptest.TrinGateway;

/**
 * The bundle on a real gateway: trin.apptest starts a framework with trin's bundles and this bundle,
 * connected to trin's development broker, and the test plays the Smart platform.
 */
@ExtendWith(TrinGateway.class)
class ApplicationIT {

    private static final String APP = Application.APP_ID;

    @Test
    void givenEchoAbc_whenSentByThePlatform_thenAbcComesBack(Platform platform) {
        CommandReply reply = platform.call(APP, "echo", "abc");

        assertThat(reply.payload()).isEqualTo("{\"x\":[0,0,\"abc\"]}");
    }

    @Test
    void givenAnotherCommand_thenRpcNotImplemented(Platform platform) {
        assertThat(platform.call(APP, "reverse", "abc").code()).isEqualTo(-100);
    }

    @Test
    void givenAnEcho_thenAnEventAndTheHealthReportSaySo(Platform platform) {
        int mark = platform.mark();
        platform.call(APP, "echo", "xyz");

        assertThat(platform.awaitEventAfter(mark, APP, 1000).text()).endsWith(": xyz");
        assertThat(platform.health(APP)).containsEntry("healthy", true);
    }

    @Test
    void givenANewEventCode_whenConfigured_thenTheNextEchoUsesIt(Platform platform) {
        platform.configure(Application.PID, Map.of("eventCode", 1001));
        platform.awaitHealth(APP, "has event_code 1001", health -> Integer.valueOf(1001).equals(health.get("event_code")));

        int mark = platform.mark();
        platform.call(APP, "echo", "configured");

        assertThat(platform.awaitEventAfter(mark, APP, 1001).text()).endsWith(": configured");
    }

    @Test
    void givenARestartedSession_thenItStillAnswers(Platform platform) {
        platform.restartSession();

        assertThat(platform.call(APP, "echo", "again").result()).isEqualTo("again");
    }
}
