package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static trin.client.internal.Faults.LONG;
import static trin.client.internal.Faults.send;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.api.client.ConnectionState;
import trin.api.command.Reply;
import trin.client.internal.commands.Router;
import trin.client.internal.session.DeviceSession;
import trin.testkit.Await;
import trin.testkit.LogCapture;
import trin.testkit.Mosquitto;
import trin.testkit.MqttProbe;

/**
 * Commands the gateway cannot keep up with: a handler that sleeps and one that always throws, and a flood
 * of commands whose replies cannot leave as fast as the commands come, against a real Mosquitto. Each prints its figures as {@code [figures]}
 * lines. Run by the {@code faults} profile (which {@code .ci/run} activates), not by a plain build.
 */
class CommandFaultTest {

    @BeforeAll
    static void requireMosquitto() throws Exception {
        Faults.requireMosquitto(); // skipped (or failed in CI) without mosquitto
    }

    @Test
    void givenASleepingAndAThrowingHandler_whenCommandsArrive_thenKeepAliveHoldsAndOthersAreAnswered(
            @TempDir Path dir) throws Exception {
        Duration sleep = Duration.ofSeconds(12); // 6 keep-alives of 2 s make the point that 60 s would
        CountDownLatch slowStarted = new CountDownLatch(1);
        try (ClientHarness gateway = ClientHarness.on(BrokerKind.MOSQUITTO, dir)) {
            gateway.with("keepAlive", 2)
                    .handler("slow", command -> {
                        slowStarted.countDown();
                        Thread.sleep(sleep.toMillis());
                        return Reply.ok("slept");
                    })
                    .handler("thrower", command -> {
                        throw new IllegalStateException("always broken");
                    })
                    .handler("echo", command -> Reply.ok(command.args()))
                    .start();
            long start = System.nanoTime();
            gateway.command("slow", "{\"c\":[0,\"s1\",[\"nap\"]]}");
            assertThat(slowStarted.await(20, TimeUnit.SECONDS)).isTrue();
            int rounds = 20;
            for (int i = 0; i < rounds; i++) {
                send(gateway.platform, "thrower", "{\"c\":[0,\"t" + i + "\",[\"go\"]]}");
                send(gateway.platform, "echo", "{\"c\":[0,\"e" + i + "\",[\"ping\"," + i + "]]}");
            }
            for (int i = 0; i < rounds; i++) {
                assertThat(gateway.awaitReply("echo", "e" + i).get("x").get(1).asInt()).isZero();
                JsonNode thrown = gateway.awaitReply("thrower", "t" + i).get("x");
                assertThat(thrown.get(1).asInt()).isEqualTo(-22);
                assertThat(thrown.get(2).asText()).contains("always broken");
            }
            long othersAnswered = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(gateway.awaitReply("slow", "s1").get("x").get(2).asText()).isEqualTo("slept");
            long slowAnswered = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            Figures.print("sleeping and throwing handlers", "handler sleeps %d s with keepAlive 2 s: %d echo and %d "
                    + "-22 replies within %d ms, the sleeper's after %d ms; reconnects %d (state %s)",
                    sleep.toSeconds(), rounds, rounds, othersAnswered, slowAnswered,
                    gateway.client.status().counters().reconnects(), gateway.client.status().state());
            assertThat(gateway.client.status().counters().reconnects()).isZero();
            assertThat(gateway.client.status().state()).isEqualTo(ConnectionState.CONNECTED);
        }
    }

    /**
     * The replies' way out made the bottleneck: one reply in flight at a time ({@code maxInflight} 1) over an
     * uplink that delays everything the gateway sends by a millisecond, while the commands come as fast as
     * Mosquitto delivers them. The gateway then owes replies faster than it can send them; it stops
     * acknowledging what arrives and Mosquitto holds the rest ({@code IncomingFlow}). On any machine: every
     * token answered once, nothing dropped, the outbox bounded, no reconnect. Only the time it takes, and
     * the deepest the outbox gets within its bound, depend on the machine.
     */
    @Test
    void givenAFloodOfCommands_whenTheRepliesCannotLeaveAsFastAsTheyCome_thenEveryTokenGetsExactlyOneReply(
            @TempDir Path dir) throws Exception {
        int total = Integer.getInteger("trin.flood", 30_000);
        // Mosquitto drops QoS 1 messages for a client that has 1000 waiting (max_queued_messages): commands
        // the gateway would never see. Without that cap, it holds all of them until the gateway takes them.
        try (LogCapture log = new LogCapture();
                Mosquitto mosquitto = Mosquitto.builder().option("max_queued_messages 0").start();
                ClientHarness gateway = new ClientHarness(Broker.mosquitto(mosquitto), dir)) {
            gateway.behindRelay().slowUpstream(Duration.ofMillis(1));
            gateway.with("workers", 1).with("maxInflight", 1)
                    .handler("echo", command -> {
                        if (command.args().contains("nap")) {
                            Thread.sleep(20);
                        }
                        return Reply.ok(command.name());
                    });
            gateway.startClient();
            gateway.awaitState(ConnectionState.CONNECTED);
            long heapBefore = Figures.heapAfterGcKiB();
            String replyPrefix = ClientHarness.topic("echo", ">") + "/";
            MqttProbe flooder = MqttProbe.builder(mosquitto.uri()).clientId("flooder").connect();
            MqttProbe platform = MqttProbe.builder(mosquitto.uri()).clientId("replies").subscribe(replyPrefix + "#")
                    .connect();
            OutboxWatch outbox = new OutboxWatch(gateway);
            List<String> expected = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                String token = "f" + i;
                String payload;
                switch (i % 10) {
                    case 3 -> payload = "{\"c\":[0,\"" + token + "\",42]}"; // -6, answered
                    case 5 -> payload = "{\"c\":[0,[\"go\"]]}"; // no token: no reply wanted
                    case 7 -> payload = "not json at all"; // -14 without a token: nothing to answer
                    default -> payload = "{\"c\":[0,\"" + token + "\",[\"go\"" + (i % 1000 == 9 ? ",\"nap\"" : "")
                            + "]]}";
                }
                if (i % 10 != 5 && i % 10 != 7) {
                    expected.add(token);
                }
                send(flooder, "echo", payload);
            }
            long sentMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long repliedWhenSent = platform.messages().size();
            try {
                Await.until("a reply to each of " + expected.size() + " tokens", LONG,
                        () -> platform.messages().size() >= expected.size());
            } catch (AssertionError e) {
                System.out.println("[figures] flood: still waiting, " + platform.messages().size() + " replies; "
                        + "outbox drops " + gateway.client.status().counters().dropped() + "; mosquitto says: "
                        + mosquitto.log().lines().filter(l -> l.contains("dropped")).limit(5).toList());
                throw e;
            }
            // Nothing more is on its way: a last command's reply comes after any stray one, the workers being idle.
            send(flooder, "echo", "{\"c\":[0,\"last\",[\"go\"]]}");
            platform.awaitMessage(m -> m.topic().equals(replyPrefix + "last"), ClientHarness.WAIT);
            long drainedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            int deepest = outbox.stop();
            flooder.close();

            Map<String, Integer> replies = new HashMap<>();
            Map<Integer, Integer> codes = new HashMap<>();
            for (MqttProbe.Received m : platform.messages()) {
                if (m.topic().startsWith(replyPrefix)) {
                    replies.merge(m.topic().substring(replyPrefix.length()), 1, Integer::sum);
                    int code = ClientHarness.JSON.readTree(m.payload()).get("x").get(1).asInt();
                    codes.merge(code, 1, Integer::sum);
                }
            }
            long doubled = replies.values().stream().filter(n -> n > 1).count();
            long missing = expected.stream().filter(t -> !replies.containsKey(t)).count();
            int repliesReceived = replies.size() - 1;
            int tokens = expected.size();
            // The test's own copies of the replies and tokens are not the client's heap.
            platform.clear();
            replies.clear();
            expected.clear();
            long heapAfter = Figures.heapAfterGcKiB();
            long holds = log.linesContaining("Holding back incoming messages").size();
            Figures.print("flood", "%d commands sent in %d ms (%d replies by then), all answered after %d ms; "
                    + "%d tokens, %d replies (codes %s), missing %d, answered twice %d, refused busy %d; outbox "
                    + "at most %d deep (sampled), drops %d; reconnects %d; heap after GC %d KiB before, %d KiB "
                    + "after", total, sentMs, repliedWhenSent, drainedMs, tokens, repliesReceived, codes, missing,
                    doubled, codes.getOrDefault(Router.BUSY_CODE, 0), deepest,
                    gateway.client.status().counters().dropped(), gateway.client.status().counters().reconnects(),
                    heapBefore, heapAfter);
            assertThat(missing).isZero();
            assertThat(doubled).isZero();
            assertThat(codes.keySet()).as("reply codes").isSubsetOf(0, -6, Router.BUSY_CODE);
            assertThat(gateway.client.status().counters().dropped()).as("outbox drops").isZero();
            // The limit, plus what Mosquitto 2.0 sends past its window for the acknowledgements on their way: at
            // most a burst for each reply owed, whatever the machine's speed; below the outbox's capacity (10,000).
            assertThat(deepest).as("outbox depth")
                    .isLessThanOrEqualTo(DeviceSession.FLOOD_OUTBOX_BOUND);
            assertThat(heapAfter - heapBefore).as("heap growth after GC, KiB").isLessThan(32 * 1024);
            assertThat(holds).as("times the gateway held back what arrived: the replies were the bottleneck")
                    .isPositive();
            platform.close();
            assertThat(gateway.client.status().state()).isEqualTo(ConnectionState.CONNECTED);
            assertThat(gateway.client.status().counters().reconnects()).isZero();
        }
    }

    /** Samples the outbox's depth while a scenario runs: the deepest seen is a lower bound of the deepest. */
    private static final class OutboxWatch {
        private final AtomicInteger deepest = new AtomicInteger();
        private final Thread thread;

        OutboxWatch(ClientHarness gateway) {
            thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    deepest.accumulateAndGet(gateway.client.status().outboxDepth(), Math::max);
                    try {
                        Thread.sleep(5); // a sampling period, not a wait for a condition
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "outbox-watch");
            thread.setDaemon(true);
            thread.start();
        }

        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
            return deepest.get();
        }
    }
}
