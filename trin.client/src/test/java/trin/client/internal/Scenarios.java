package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static trin.client.internal.ClientHarness.CID;
import static trin.client.internal.ClientHarness.JSON;
import static trin.client.internal.ClientHarness.SERVER;
import static trin.client.internal.ClientHarness.UID;
import static trin.client.internal.ClientHarness.topic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import trin.api.command.CommandHandler;
import trin.api.command.Reply;
import trin.api.health.Detail;
import trin.api.health.HealthReporter;
import trin.testkit.Await;
import trin.testkit.MqttProbe;

/** What every scenario shares: a harness on the broker of the subclass, and ways to talk to the device. */
abstract class Scenarios {

    static final String APP = "my_app_id";

    @TempDir
    Path dir;

    ClientHarness harness;
    final AtomicInteger handled = new AtomicInteger();

    abstract BrokerKind broker();

    @AfterEach
    void closeHarness() {
        if (harness != null) {
            harness.close();
        }
    }

    /** A client whose application {@value #APP} answers the seed's {@code sum_these}, on this class's broker. */
    ClientHarness sampleDevice() throws Exception {
        harness = ClientHarness.on(broker(), dir);
        harness.handler(APP, sumThese());
        harness.reporters.add(Map.entry(Map.of(), reporter("door_sensor", Map.of("open", false))));
        return harness;
    }

    CommandHandler sumThese() {
        return c -> {
            handled.incrementAndGet();
            return switch (c.name()) {
                case "sum_these" -> Reply.ok(c.args().stream().mapToInt(a -> ((Number) a).intValue()).sum());
                case "fail" -> throw new IllegalStateException("boom");
                default -> Reply.unknownCommand();
            };
        };
    }

    static HealthReporter reporter(String name, Map<String, Object> data) {
        return new HealthReporter() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, Object> report(Detail detail) {
                return data;
            }
        };
    }

    /** A command payload {@code {"c":[0,token,[name,args...]]}}. */
    static String c(String token, String name, Object... args) throws Exception {
        List<Object> command = new ArrayList<>();
        command.add(name);
        command.addAll(Arrays.asList(args));
        return JSON.writeValueAsString(Map.of("c", List.of(0, token, command)));
    }

    /** Sends a built-in command as the platform and returns the reply. */
    JsonNode builtin(String token, String name, Object... args) throws Exception {
        harness.command("0", c(token, name, args));
        return harness.awaitReply("0", token);
    }

    static String x(JsonNode reply) {
        return reply.get("x").toString();
    }

    /**
     * Proves a message sent before got no reply, by markers that must come
     * after any reply to it: a command sent after it is answered; the router
     * is done with every message received (so a reply, if any, is in the
     * outbox); the outbox is empty; and a message published through the
     * outbox after that reaches the platform.
     */
    void assertNoReply(String pid, String token) throws Exception {
        String probe = "after-" + token.replaceAll("[^A-Za-z0-9]", "");
        harness.command(APP, c(probe, "sum_these"));
        harness.awaitReply(APP, probe);
        Await.until("the router to be done with every message received", ClientHarness.WAIT, () -> {
            var counters = harness.client.status().counters();
            return counters.processed() == counters.received() && harness.client.status().outboxDepth() == 0;
        });
        String marker = "marker-" + probe;
        harness.client.publishData(APP, marker, 1);
        harness.awaitPublished(topic(APP, ">"), m -> m.text().contains(marker));
        assertThat(harness.platform.messages()).noneMatch(m -> m.topic().equals(topic(pid, ">", token)));
    }

    /** Waits for the {@code n}-th connect event (counted from the start of the test). */
    void awaitConnectEvents(int n) throws Exception {
        harness.platform.awaitMessage(m -> m.topic().equals(topic("0", ">")) && m.text().contains(",102,")
                && connectEvents() >= n, ClientHarness.WAIT);
    }

    long connectEvents() {
        return harness.platform.messages().stream()
                .filter(m -> m.topic().equals(topic("0", ">")) && m.text().contains(",102,")).count();
    }

    MqttProbe.Received awaitData(String key) throws Exception {
        return harness.awaitPublished(topic("0", ">"), m -> m.text().startsWith("{\"d\"") && m.text().contains(key));
    }

    static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(ClientHarness.WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    }

    String ini() throws Exception {
        Path file = dir.resolve("trinmqtt.ini");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    static String sender(String uid) {
        return CID + "/" + UID + "/" + APP + "/</" + uid;
    }

    static final String SERVER_SENDER = SERVER;
}
