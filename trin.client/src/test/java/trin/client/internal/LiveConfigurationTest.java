package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static trin.client.internal.ClientHarness.topic;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import trin.api.command.Reply;
import trin.client.internal.settings.ClientConfiguration;
import trin.testkit.Configurations;

/**
 * A new configuration of {@code trin.client} (a .cfg file, a web console,
 * Kura's UI) applies to the running client: what can change in place does,
 * without the platform seeing anything but its effect; a change of what the
 * connection is made with makes a new connection, and nothing more. Either
 * way the service stays, and a command sent to another device meanwhile
 * still gets its reply.
 */
class LiveConfigurationTest extends Scenarios {

    private static final String OTHER = "AAA0000000000077";

    @Override
    BrokerKind broker() {
        return BrokerKind.SMART;
    }

    @Test
    void aNewReportIntervalAppliesInPlaceWithoutANewConnection() throws Exception {
        sampleDevice().start();
        try (ClientHarness other = slowDevice()) {
            CompletableFuture<Reply> reply = pendingCommand();
            SmartClientComponentView before = view();

            reconfigure("pdrInterval", 1);

            // two basic reports at the new interval: the change applied
            harness.platform.awaitMatching(m -> m.topic().equals(topic("0", ">")) && m.text().contains("door_sensor")
                    && !m.text().contains("\"client\""), 2, ClientHarness.WAIT);
            release.countDown();
            assertThat(reply.get(20, TimeUnit.SECONDS).code()).isZero();
            assertThat(view()).isEqualTo(before);
            assertThat(goodbyes()).isZero();
        }
    }

    @Test
    void aNewKeepAliveMakesANewConnectionAndNothingMore() throws Exception {
        sampleDevice().start();
        try (ClientHarness other = slowDevice()) {
            CompletableFuture<Reply> reply = pendingCommand();
            long connects = connectEvents();

            reconfigure("keepAlive", 30);

            awaitConnectEvents((int) connects + 1);
            release.countDown();
            assertThat(reply.get(20, TimeUnit.SECONDS).code()).isZero();
            assertThat(connectEvents()).isEqualTo(connects + 1);
            assertThat(goodbyes()).isZero();
            assertThat(harness.client.status().counters().reconnects()).isEqualTo(1);
        }
    }

    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch reached = new CountDownLatch(1);

    /** Another device whose lamp answers only when the test lets it. */
    private ClientHarness slowDevice() throws Exception {
        ClientHarness other = new ClientHarness(harness.broker, dir.resolve("other"));
        other.guest = true;
        other.uid(OTHER).with("trustedSenders", new String[] {ClientHarness.UID}).handler("lamp", c -> {
            reached.countDown();
            release.await(20, TimeUnit.SECONDS);
            return Reply.ok("on");
        });
        other.platform = harness.platform;
        other.registerWith(harness);
        other.startClient();
        harness.awaitPublished(ClientHarness.CID + "/" + OTHER + "/0/>", m -> m.text().contains(",102,"));
        return other;
    }

    private CompletableFuture<Reply> pendingCommand() throws InterruptedException {
        CompletableFuture<Reply> reply = harness.client.sendCommand(APP, OTHER, "lamp", "on", List.of())
                .toCompletableFuture();
        assertThat(reached.await(20, TimeUnit.SECONDS)).isTrue();
        return reply;
    }

    private void reconfigure(String property, Object value) throws Exception {
        harness.config.put(property, value);
        harness.client.modified(Configurations.of(ClientConfiguration.class, harness.config),
                Map.copyOf(harness.config));
    }

    private long goodbyes() {
        return harness.platform.messages().stream()
                .filter(m -> m.topic().equals(topic("0", ">")) && m.text().contains(",101,")).count();
    }

    /** What an application holding the service sees of it: the same object, the same session. */
    private SmartClientComponentView view() {
        return new SmartClientComponentView(System.identityHashCode(harness.client),
                harness.client.status().lastConnect().orElseThrow().toEpochMilli());
    }

    private record SmartClientComponentView(int identity, long lastConnect) {
    }
}
