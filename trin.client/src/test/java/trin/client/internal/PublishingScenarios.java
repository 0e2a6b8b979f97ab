package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static trin.client.internal.ClientHarness.JSON;
import static trin.client.internal.ClientHarness.topic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import trin.api.client.ConnectionState;
import trin.api.client.Event;
import trin.api.command.Reply;
import trin.testkit.Await;
import trin.testkit.MqttProbe;
import trin.testkit.Relay;

/** The publishing API: data, events, commands to other devices, and nothing lost while disconnected. */
abstract class PublishingScenarios extends Scenarios {

    @Test
    void applicationsPublishDataAndEventsOnTheirOwnTopic() throws Exception {
        sampleDevice().start();

        harness.client.publishData(APP, Map.of("temp", 21.5));
        harness.client.publishEvent(APP, 123, "Loop Counter: 15");
        harness.client.publishEvents(APP, List.of(new Event(-5, 124, "door open"), new Event(0, 125, null)), 2);

        assertThat(JSON.readTree(harness.awaitPublished(topic(APP, ">"), m -> m.text().contains("\"d\"")).payload()))
                .hasToString("{\"d\":[0,{\"temp\":21.5}]}");
        assertThat(JSON.readTree(harness.awaitPublished(topic(APP, ">"), m -> m.text().contains("123")).payload()))
                .hasToString("{\"e\":[0,[[0,123,\"Loop Counter: 15\"]]]}");
        MqttProbe.Received two = harness.awaitPublished(topic(APP, ">"), m -> m.text().contains("124"));
        assertThat(JSON.readTree(two.payload())).hasToString("{\"e\":[0,[[-5,124,\"door open\"],[0,125]]]}");
    }

    @Test
    void badArgumentsAreRefusedAtOnce() throws Exception {
        sampleDevice().start();

        assertThatThrownBy(() -> harness.client.publishData("a/b", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> harness.client.publishData(APP, 1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> harness.client.publishEvents(APP, List.of(), 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> harness.client.publishData(APP, new Object()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messagesPublishedDuringAnOutageAllArriveInOrderAfterIt() throws Exception {
        Relay network = disconnectedDevice();
        publishNumbers(0, 50);
        assertThat(harness.client.status().outboxDepth()).isEqualTo(50);
        network.restore();

        assertThat(awaitNumbers(50)).containsExactlyElementsOf(IntStream.range(0, 50).boxed().toList());
        awaitOutboxEmpty();
        List<MqttProbe.Received> all = harness.platform.messages();
        int reconnected = all.stream().filter(m -> m.text().contains(",102,")).skip(1).findFirst().orElseThrow()
                .index();
        int firstBacklog = all.stream().filter(m -> m.text().contains("\"n\"")).findFirst().orElseThrow().index();
        assertThat(reconnected).as("the connect event comes before the backlog").isLessThan(firstBacklog);
    }

    @Test
    void theOutboxSurvivesARestartOfTheGateway() throws Exception {
        Relay network = disconnectedDevice();
        publishNumbers(0, 5);

        harness.stopClient();
        network.restore();
        harness.startClient();

        assertThat(awaitNumbers(5)).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aFullOutboxDropsTheOldestAndCountsThem() throws Exception {
        sampleDevice().with("outboxCapacity", 10);
        Relay network = disconnectedDevice();

        publishNumbers(0, 15);

        assertThat(harness.client.status().counters().dropped()).isEqualTo(5);
        network.restore();
        assertThat(awaitNumbers(10)).containsExactly(5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
    }

    @Test
    void aDeviceSendsACommandToAnotherAndGetsItsReply() throws Exception {
        String otherUid = "AAA0000000000042";
        sampleDevice().with("trustedSenders", new String[] {otherUid}).start();
        try (ClientHarness other = new ClientHarness(harness.broker, dir.resolve("other"))) {
            other.guest = true;
            other.uid(otherUid).with("trustedSenders", new String[] {ClientHarness.UID}).handler("lamp", c -> {
                return Reply.ok(c.name() + " from " + c.sender() + "/" + c.senderPid().orElse("?"));
            });
            other.platform = harness.platform;
            other.registerWith(harness);
            other.startClient();
            harness.awaitPublished(ClientHarness.CID + "/" + otherUid + "/0/>", m -> m.text().contains(",102,"));

            CompletableFuture<Reply> reply = harness.client.sendCommand(APP, otherUid, "lamp", "ping", List.of())
                    .toCompletableFuture();

            assertThat(reply.get(20, TimeUnit.SECONDS))
                    .isEqualTo(Reply.ok("ping from " + ClientHarness.UID + "/" + APP));
        }
    }

    @Test
    void aCommandToADeviceThatNeverAnswersTimesOut() throws Exception {
        sampleDevice().with("replyTimeout", 1).start();

        CompletableFuture<Reply> reply = harness.client.sendCommand(APP, "AAA0000000000099", "lamp", "ping", List.of())
                .toCompletableFuture();

        assertThatThrownBy(() -> reply.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class);
        assertThat(harness.platform.messages()).anyMatch(
                m -> m.topic().equals(ClientHarness.CID + "/AAA0000000000099/lamp/</" + ClientHarness.UID + "/" + APP));
    }

    @Test
    void aReplyWhileConnectedGoesStraightOutAndWritesNothingToTheJournal() throws Exception {
        sampleDevice().start();
        awaitData("\"ip\"");
        awaitOutboxEmpty();
        Path journal = dir.resolve("data/outbox/outbox.journal");
        long before = Files.size(journal);
        long sent = harness.client.status().counters().sent();

        harness.command(APP, c("direct", "sum_these", 1, 2, 3));

        assertThat(x(harness.awaitReply(APP, "direct"))).isEqualTo("[0,0,6]");
        Await.until("the reply confirmed by the broker", ClientHarness.WAIT,
                () -> harness.client.status().counters().sent() > sent);
        assertThat(Files.size(journal)).isEqualTo(before);
        assertThat(harness.client.status().outboxDepth()).isZero();
    }

    @Test
    void aReplyInFlightWhenTheLinkStallsIsSentAgainAfterTheReconnectBeforeWhatFollowedIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sampleDevice().handler("slow_app", c -> {
            started.countDown();
            release.await();
            return Reply.ok("late");
        });
        Relay network = harness.behindRelay();
        harness.with("keepAlive", 1).with("connectTimeout", 1).with("reconnectMaxDelay", 1).start();
        awaitData("\"ip\"");
        awaitOutboxEmpty();
        harness.command("slow_app", c("stalled", "wait"));
        await(started);

        network.stall();
        release.countDown(); // the reply leaves into the stalled link, unconfirmed
        Await.until("the reply handed over", ClientHarness.WAIT, () -> {
            var counters = harness.client.status().counters();
            return counters.replies() >= 1 && counters.processed() == counters.received();
        });
        harness.client.publishData(APP, Map.of("n", 0));
        network.pass(); // the stalled link stays stalled: the keep-alive notices, and the next connection flows
        awaitConnectEvents(2);

        MqttProbe.Received reply = harness.awaitPublished(topic("slow_app", ">", "stalled"), m -> true);
        assertThat(x(JSON.readTree(reply.payload()))).isEqualTo("[0,0,\"late\"]");
        assertThat(awaitNumbers(1)).containsExactly(0);
        int data = harness.platform.messages().stream().filter(m -> m.text().contains("\"n\"")).findFirst()
                .orElseThrow().index();
        assertThat(reply.index()).as("the reply, older, arrives before the data").isLessThan(data);
        awaitOutboxEmpty();
    }

    /**
     * The sample device (made first if the test has not), behind a relay: connected, its dump
     * delivered and its outbox empty, then the cable pulled.
     */
    private Relay disconnectedDevice() throws Exception {
        if (harness == null) {
            sampleDevice();
        }
        Relay network = harness.behindRelay();
        harness.start();
        awaitData("\"ip\"");
        awaitOutboxEmpty();
        network.cut();
        harness.awaitState(ConnectionState.CONNECTING);
        return network;
    }

    private void publishNumbers(int from, int to) {
        for (int i = from; i < to; i++) {
            harness.client.publishData(APP, Map.of("n", i));
        }
    }

    private void awaitOutboxEmpty() {
        Await.until("an empty outbox", ClientHarness.WAIT, () -> harness.client.status().outboxDepth() == 0);
    }

    private List<Integer> awaitNumbers(int count) throws Exception {
        harness.platform.awaitMessage(m -> dataOf(harness.platform.messages()).size() >= count, ClientHarness.WAIT);
        return dataOf(harness.platform.messages());
    }

    private static List<Integer> dataOf(List<MqttProbe.Received> messages) {
        return messages.stream().filter(m -> m.topic().equals(topic(APP, ">")) && m.text().contains("\"n\""))
                .map(m -> {
                    try {
                        return JSON.readTree(m.payload()).get("d").get(1).get("n").asInt();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }
}
