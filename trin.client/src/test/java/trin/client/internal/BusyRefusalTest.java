package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.api.command.Reply;
import trin.testkit.Await;

/**
 * A command that finds every worker busy and the queue full is answered, not dropped. At QoS 1 the broker
 * holds what the gateway cannot take (IncomingFlow), so the queue fills only with commands the broker does
 * not hold: QoS 0 ones, as here.
 */
class BusyRefusalTest {

    /** Gateway's queue of commands waiting for a worker. */
    private static final int QUEUE = 1000;

    @Test
    void givenEveryWorkerBusyAndTheQueueFull_whenACommandArrives_thenItIsAnsweredBusyAndTheOthersStillRun(
            @TempDir Path dir) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        try (ClientHarness gateway = ClientHarness.onSmartBroker(dir)) {
            gateway.with("workers", 1)
                    .handler("app", command -> {
                        if (command.name().equals("block")) {
                            blocked.countDown();
                            assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
                        }
                        return Reply.ok(command.name());
                    })
                    .start();
            gateway.command("app", "{\"c\":[0,\"b\",[\"block\"]]}");
            assertThat(blocked.await(20, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < QUEUE; i++) {
                // no token: no reply to wait for; QoS 0: nothing the broker would hold back
                gateway.platform.publish(ClientHarness.topic("app", "<", ClientHarness.SERVER),
                        "{\"c\":[0,[\"queued\"]]}", 0, false);
            }
            Await.until("the queue to fill", ClientHarness.WAIT,
                    () -> gateway.client.status().counters().received() >= QUEUE + 1);

            gateway.command("app", "{\"c\":[0,\"over\",[\"one too many\"]]}");
            JsonNode refused = gateway.awaitReply("app", "over").get("x");
            release.countDown();

            assertThat(refused.get(1).asInt()).isEqualTo(-18);
            assertThat(refused.get(2).asText()).startsWith("NAC busy");
            assertThat(gateway.awaitReply("app", "b").get("x").get(2).asText()).isEqualTo("block");
            gateway.command("app", "{\"c\":[0,\"after\",[\"later\"]]}");
            assertThat(gateway.awaitReply("app", "after").get("x").get(1).asInt()).isZero();
        }
    }
}
