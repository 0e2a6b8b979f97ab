package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static trin.client.internal.ClientHarness.CID;
import static trin.client.internal.ClientHarness.SERVER;
import static trin.client.internal.ClientHarness.UID;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import trin.api.command.Reply;

/** Every rule of "Handling an incoming message": error replies, trust, and a session that stays up. */
abstract class IncomingScenarios extends Scenarios {

    @Test
    void malformedCommandsGetTheirCodeAndError() throws Exception {
        sampleDevice().start();

        harness.command(APP, "{\"c\": [1, \"e6\", \"sum_these\"]}");
        harness.command(APP, "{\"c\": [1, \"e7\", []]}");
        harness.command(APP, "{\"c\": [1, \"e8\", [5, 1]]}");
        harness.command(APP, "{\"c\": [1, \"e4\", [\"a\"], 4]}");

        assertThat(x(harness.awaitReply(APP, "e6"))).isEqualTo("[0,-6,\"Error\"]");
        assertThat(x(harness.awaitReply(APP, "e7"))).isEqualTo("[0,-7,\"Error\"]");
        assertThat(x(harness.awaitReply(APP, "e8"))).isEqualTo("[0,-8,\"Error\"]");
        assertThat(x(harness.awaitReply(APP, "e4"))).isEqualTo("[0,-4,\"Error\"]");
        assertThat(harness.client.status().counters().errors()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void poisonMessagesLeaveTheSessionUp() throws Exception {
        sampleDevice().start();

        for (String poison : new String[] {"hello", "{}", "[1, 2]", "{\"d\": [0, 1]}", "{\"c\": [0, 7, [\"a\"]]}",
                "{\"c\": [0, \"t\"]}", "{\"c\": [0, \"#\", [\"sum_these\"]]}", "{\"z\": [1, 2]}",
                "{\"c\": " + "[".repeat(3000) + "]".repeat(3000) + "}", "{\"c\": [" + "9".repeat(5000) + "]}"}) {
            harness.command(APP, poison);
        }
        harness.platform.publish(ClientHarness.topic(APP, "<", SERVER), new byte[] {(byte) 0xc3, 0x28, '{'}, 1, false);
        harness.command("0", "{\"c\": [0, \"g0\", [\"get\"]]}");

        harness.command(APP, c("alive", "sum_these", 1, 2, 3));
        assertThat(x(harness.awaitReply(APP, "alive"))).isEqualTo("[0,0,6]");
        assertThat(x(harness.awaitReply("0", "g0"))).startsWith("[0,-21,");
        assertThat(harness.client.status().connected()).isTrue();
    }

    @Test
    void aBadTimestampIsAWarningAndTheCommandStillRuns() throws Exception {
        sampleDevice().start();

        harness.command(APP, "{\"c\": [\"yesterday\", \"ts\", [\"sum_these\", 2, 3]]}");

        assertThat(x(harness.awaitReply(APP, "ts"))).isEqualTo("[0,0,5]");
    }

    @Test
    void anUnknownPidAnUnknownCommandAndAFailingHandlerEachGetTheirCode() throws Exception {
        sampleDevice().start();

        harness.command("no_such_app", c("u1", "sum_these", 1));
        harness.command(APP, c("u2", "dance"));
        harness.command(APP, c("u3", "fail"));

        assertThat(x(harness.awaitReply("no_such_app", "u1"))).isEqualTo("[0,-19,\"Unknown PID\"]");
        assertThat(x(harness.awaitReply(APP, "u2"))).isEqualTo("[0,-100,\"RPC Not implemented\"]");
        assertThat(x(harness.awaitReply(APP, "u3"))).isEqualTo("[0,-22,\"NAC boom\"]");
        harness.command(APP, c("u4", "sum_these", 4));
        assertThat(x(harness.awaitReply(APP, "u4"))).isEqualTo("[0,0,4]");
    }

    @Test
    void aResultOfZeroIsKept() throws Exception {
        sampleDevice().start();

        harness.command(APP, c("zero", "sum_these"));

        assertThat(x(harness.awaitReply(APP, "zero"))).isEqualTo("[0,0,0]");
    }

    @Test
    void aTopicWithoutASenderLevelIsAnsweredAsMalformed() throws Exception {
        sampleDevice().start();

        harness.platform.publish(CID + "/" + UID + "/" + APP + "/<", c("m1", "sum_these", 1), 1, false);

        assertThat(x(harness.awaitReply(APP, "m1"))).isEqualTo("[0,-20,\"Malformed topic\"]");
    }

    @Test
    void anUntrustedSenderGetsNoAnswerAtAll() throws Exception {
        sampleDevice().start();

        harness.platform.publish(sender("AAA0000000000666"), c("stranger", "sum_these", 1), 1, false);
        harness.platform.publish(sender("AAA0000000000666"), "not even json", 1, false);

        assertNoReply(APP, "stranger");
        assertThat(handled.get()).isEqualTo(1); // the probe command only
    }

    @Test
    void pidZeroTakesCommandsFromTheServerOnly() throws Exception {
        sampleDevice().with("trustedSenders", new String[] {"AAA0000000000042"}).start();

        harness.platform.publish(CID + "/" + UID + "/0/</AAA0000000000042", c("peer0", "get", "uid"), 1, false);

        assertNoReply("0", "peer0");
    }

    @Test
    void anEmptySenderIsTrustedOnlyWhenConfiguredSo() throws Exception {
        sampleDevice().start();
        harness.platform.publish(sender(""), c("empty1", "sum_these", 1), 1, false);
        assertNoReply(APP, "empty1");

        harness.stopClient();
        harness.with("trustEmptySender", true).startClient();
        awaitConnectEvents(2);
        harness.platform.publish(sender(""), "{\"c\": [123456789,\">a_tct\", [\"sum_these\",1,2,3]]}", 1, false);

        assertThat(x(harness.awaitReply(APP, ">a_tct"))).isEqualTo("[0,0,6]");
    }

    @Test
    void aTokenThatCannotBeATopicLevelGetsNoReply() throws Exception {
        sampleDevice().start();

        harness.command(APP, c("a/b", "sum_these", 1));
        harness.command(APP, c("+", "sum_these", 1));

        assertNoReply(APP, "a");
        assertThat(harness.platform.messages()).noneMatch(m -> m.topic().startsWith(ClientHarness.topic(APP, ">", "a/")));
        assertThat(harness.platform.messages()).noneMatch(m -> m.topic().endsWith("/+"));
    }

    @Test
    void aSlowHandlerDelaysOnlyItsOwnReply() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        harness = ClientHarness.on(broker(), dir);
        harness.handler("slow_app", c -> {
            release.await();
            return Reply.ok("slow");
        });
        harness.handler(APP, sumThese()).start();

        harness.command("slow_app", c("s1", "wait"));
        harness.command(APP, c("f1", "sum_these", 1));

        assertThat(x(harness.awaitReply(APP, "f1"))).isEqualTo("[0,0,1]");
        assertThat(harness.platform.messages()).noneMatch(m -> m.topic().endsWith("/s1"));
        release.countDown();
        assertThat(x(harness.awaitReply("slow_app", "s1"))).isEqualTo("[0,0,\"slow\"]");
    }

    @Test
    void anApplicationHandlerPickedUpAndDroppedAtRunTime() throws Exception {
        harness = ClientHarness.on(broker(), dir).start();
        harness.command(APP, c("before", "sum_these", 1));
        assertThat(x(harness.awaitReply(APP, "before"))).isEqualTo("[0,-19,\"Unknown PID\"]");

        harness.handler(APP, sumThese()).refreshServices();
        harness.command(APP, c("during", "sum_these", 1));
        assertThat(x(harness.awaitReply(APP, "during"))).isEqualTo("[0,0,1]");

        harness.handlers.clear();
        harness.refreshServices();
        harness.command(APP, c("after", "sum_these", 1));
        assertThat(new String(harness.awaitPublished(ClientHarness.topic(APP, ">", "after"), m -> true).payload(),
                StandardCharsets.UTF_8)).isEqualTo("{\"x\":[0,-19,\"Unknown PID\"]}");
    }
}
