package trin.examples.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import trin.api.client.ClientStatus;
import trin.api.client.Event;
import trin.api.client.SmartClient;
import trin.api.command.Command;
import trin.api.command.Reply;
import trin.api.command.ResultCode;
import trin.api.health.Detail;
import trin.testkit.Await;
import trin.testkit.Configurations;

class SampleApplicationTest {

    private final RecordingClient client = new RecordingClient();
    private final SampleApplication app = new SampleApplication(config(0), client);

    @AfterEach
    void stop() {
        app.deactivate();
    }

    @Test
    void givenTheSeedsCommand_whenHandled_thenTheSumSix() {
        Reply reply = app.handle(command("sum_these", 1, 2, 3));

        assertThat(reply).isEqualTo(new Reply(0, 6L));
    }

    @Test
    void givenNoArguments_whenSumThese_thenZeroNotNothing() {
        assertThat(app.handle(command("sum_these"))).isEqualTo(new Reply(0, 0L));
    }

    @Test
    void givenDecimals_whenSumThese_thenAnExactDecimalSum() {
        assertThat(app.handle(command("sum_these", 0.1, 0.2, 1)).result()).isEqualTo(new BigDecimal("1.3"));
    }

    @Test
    void givenNumbersBeyondLong_whenSumThese_thenABigInteger() {
        Reply reply = app.handle(command("sum_these", Long.MAX_VALUE, 1));

        assertThat(reply.result()).isEqualTo(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE));
    }

    @Test
    void givenAnArgumentThatIsNoNumber_whenSumThese_thenTheApplicationsOwnErrorCode() {
        Reply reply = app.handle(command("sum_these", 1, "two", 3));

        assertThat(reply.code()).isEqualTo(SampleApplication.BAD_ARGUMENTS);
        assertThat(ResultCode.isReserved(reply.code())).as("outside the protocol's codes").isFalse();
        assertThat(reply.result()).isEqualTo("NAC arguments must be numbers");
    }

    @Test
    void givenNullBooleanListOrNaN_whenSumThese_thenBadArguments() {
        for (Object bad : Arrays.asList(null, true, List.of(1), Double.NaN)) {
            assertThat(app.handle(command("sum_these", 1, bad)).code()).as("%s", bad)
                    .isEqualTo(SampleApplication.BAD_ARGUMENTS);
        }
    }

    @Test
    void givenAnUnknownCommand_whenHandled_thenRpcNotImplemented() {
        assertThat(app.handle(command("multiply_these", 2, 3))).isEqualTo(Reply.unknownCommand());
    }

    @Test
    void whenTheLoopRuns_thenALoopCounterEventForMyAppId() {
        app.loop();
        app.loop();

        assertThat(client.events).containsExactly("my_app_id 123 Loop Counter: 1", "my_app_id 123 Loop Counter: 2");
    }

    @Test
    void givenACommandAndTwoLoops_whenReported_thenTheHealthSaysSo() {
        app.handle(command("sum_these", 1));
        app.loop();
        app.loop();

        assertThat(app.name()).isEqualTo("my_app_id");
        assertThat(app.report(Detail.BASIC))
                .containsEntry("healthy", true)
                .containsEntry("loops", 2L)
                .containsEntry("last_command", "sum_these");
    }

    @Test
    void givenAPublishThatFails_whenTheLoopRuns_thenTheLoopGoesOn() {
        client.failing = true;

        app.loop();
        client.failing = false;
        app.loop();

        assertThat(client.events).containsExactly("my_app_id 123 Loop Counter: 2");
    }

    @Test
    void givenNoClient_whenTheLoopRuns_thenItCountsAndGoesOn() {
        SampleApplication alone = new SampleApplication(config(0));
        try {
            alone.loop();
            assertThat(alone.report(Detail.BASIC)).containsEntry("loops", 1L);
        } finally {
            alone.deactivate();
        }
    }

    @Test
    void givenAShortInterval_whenActivated_thenEventsArrive() {
        SampleApplication ticking = new SampleApplication(config(1), client);
        try {
            Await.until("the first Loop Counter event", Duration.ofSeconds(5), () -> !client.events.isEmpty());
        } finally {
            ticking.deactivate();
        }
        assertThat(client.events).first().isEqualTo("my_app_id 123 Loop Counter: 1");
        assertThat(ticking.report(Detail.FULL)).containsEntry("healthy", false);
    }

    private static Command command(String name, Object... args) {
        return new Command("my_app_id", name, Arrays.asList(args), Optional.of(">a_tct"), "", Optional.empty(), 0);
    }

    private static SampleConfiguration config(int eventInterval) {
        return Configurations.of(SampleConfiguration.class, Map.of("eventInterval", eventInterval));
    }

    private static final class RecordingClient implements SmartClient {
        final List<String> events = new CopyOnWriteArrayList<>();
        volatile boolean failing;

        @Override
        public void publishEvent(String pid, int code, String description) {
            if (failing) {
                throw new IllegalStateException("broken");
            }
            events.add(pid + " " + code + " " + description);
        }

        @Override
        public void publishData(String pid, Object data) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void publishData(String pid, Object data, int qos) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void publishEvents(String pid, List<Event> events, int qos) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletionStage<Reply> sendCommand(String fromPid, String targetUid, String targetPid, String name,
                List<?> args) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ClientStatus status() {
            throw new UnsupportedOperationException();
        }
    }
}
