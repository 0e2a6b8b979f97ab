package trin.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static trin.client.internal.Faults.EVENTS_PID;
import static trin.client.internal.Faults.LONG;
import static trin.client.internal.Faults.eventsOf;
import static trin.client.internal.Faults.publishSteadily;
import static trin.client.internal.Faults.steadyClientThreads;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.api.client.ConnectionState;
import trin.api.client.Event;
import trin.api.command.Reply;
import trin.client.internal.Faults.Delivery;
import trin.testkit.Await;
import trin.testkit.Relay;

/**
 * A link that fails for long or often, through a relay: an outage long enough to overflow the outbox, and
 * fifty stalls while events flow. Each prints its figures as {@code [figures]} lines. Run by the
 * {@code faults} profile (which {@code .ci/run} activates), not by a plain build.
 */
class LinkFaultTest {

    @BeforeAll
    static void requireMosquitto() throws Exception {
        Faults.requireMosquitto(); // skipped (or failed in CI) without mosquitto
    }

    @Test
    void givenALongOutage_whenTheOutboxOverflows_thenTheOldestEventsAreDroppedAndRepliesKept(@TempDir Path dir)
            throws Exception {
        int capacity = 200;
        int total = 1_000;
        CountDownLatch release = new CountDownLatch(1);
        try (ClientHarness gateway = ClientHarness.on(BrokerKind.MOSQUITTO, dir)) {
            Relay link = gateway.behindRelay();
            gateway.with("outboxCapacity", capacity).with("maxInflight", 5).with("keepAlive", 2)
                    .handler("held", command -> {
                        release.await();
                        return Reply.ok("answered during the outage");
                    })
                    .start();
            gateway.command("held", "{\"c\":[0,\"h1\",[\"wait\"]]}");
            Await.until("the command to start", ClientHarness.WAIT,
                    () -> gateway.client.status().counters().received() > 0);
            link.cut();
            Await.until("the outage noticed", ClientHarness.WAIT,
                    () -> gateway.client.status().state() != ConnectionState.CONNECTED);
            release.countDown();
            for (int i = 0; i < total; i++) {
                gateway.client.publishEvents(EVENTS_PID, List.of(new Event(0, i, "n")), 1);
            }
            Await.until("the overflow counted", ClientHarness.WAIT,
                    () -> gateway.client.status().counters().dropped() >= total - capacity + 1);
            long dropped = gateway.client.status().counters().dropped();
            long restored = System.nanoTime();
            link.restore();
            gateway.awaitReply("held", "h1");
            Await.until("the last event", LONG, () -> eventsOf(gateway.platform.messages()).contains(total - 1));
            long drainMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restored);
            List<Integer> events = eventsOf(gateway.platform.messages());
            long survivors = events.stream().distinct().count();
            Figures.print("outbox overflow", "capacity %d, %d events queued during the outage, %d dropped and "
                    + "counted, %d delivered (lowest %d), the held reply delivered; backlog drained in %d ms "
                    + "with maxInflight 5", capacity, total, dropped, survivors,
                    events.stream().mapToInt(Integer::intValue).min().orElse(-1), drainMs);
            // The reply and the connect event were kept: the events gave up their places.
            assertThat(dropped).isEqualTo(total - capacity + 1);
            assertThat(events).doesNotContain(0, total - capacity - 1).contains(total - capacity + 1, total - 1);
            assertThat(survivors + dropped).isEqualTo(total);
        }
    }

    @Test
    void givenFiftyStalls_whenEventsFlow_thenNothingIsLostAndThreadsAndHeapStayFlat(@TempDir Path dir)
            throws Exception {
        int cycles = 50;
        long heapToleranceKiB = 4 * 1024; // the probe keeps every message it received: ~1 MiB over the run
        try (ClientHarness gateway = ClientHarness.on(BrokerKind.MOSQUITTO, dir)) {
            Relay link = gateway.behindRelay();
            gateway.with("keepAlive", 1).with("connectTimeout", 1).with("reconnectMaxDelay", 1).start();
            AtomicInteger published = new AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean flowing = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread publisher = new Thread(() -> {
                while (flowing.get()) {
                    publishSteadily(gateway, published.get(), 1, 20, published);
                }
            }, "publisher");
            publisher.start();
            int threadsFirst = 0;
            long heapFirst = 0;
            long start = System.nanoTime();
            List<Long> recoveries = new ArrayList<>();
            for (int cycle = 0; cycle < cycles; cycle++) {
                long reconnects = gateway.client.status().counters().reconnects();
                long stalled = System.nanoTime();
                link.stall();
                Await.until("stall " + cycle + " noticed", ClientHarness.WAIT,
                        () -> gateway.client.status().state() != ConnectionState.CONNECTED);
                link.pass();
                Await.until("reconnect after stall " + cycle, ClientHarness.WAIT,
                        () -> gateway.client.status().counters().reconnects() > reconnects
                                && gateway.client.status().state() == ConnectionState.CONNECTED);
                recoveries.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stalled));
                if (cycle == 0) {
                    threadsFirst = steadyClientThreads(-1);
                    heapFirst = Figures.heapAfterGcKiB();
                }
            }
            int threadsLast = steadyClientThreads(threadsFirst);
            long heapLast = Figures.heapAfterGcKiB();
            flowing.set(false);
            publisher.join(LONG.toMillis());
            int total = published.get();
            Await.until("all " + total + " events", LONG,
                    () -> eventsOf(gateway.platform.messages()).stream().distinct().count() == total);
            Delivery delivery = Delivery.of(eventsOf(gateway.platform.messages()), total);
            Figures.print("50 stalls", "%d ms in all; sent %d, received %d distinct, lost %d, duplicates %d, in "
                    + "order %s; stall to reconnected ms min %d / max %d; client threads %d after the first, %d after "
                    + "the last; heap after GC %d KiB after the first, %d KiB after the last (tolerance %d KiB)",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), total, delivery.distinct(),
                    delivery.lost(), delivery.duplicates(), delivery.inOrder(),
                    recoveries.stream().mapToLong(Long::longValue).min().orElse(0),
                    recoveries.stream().mapToLong(Long::longValue).max().orElse(0), threadsFirst, threadsLast,
                    heapFirst, heapLast, heapToleranceKiB);
            assertThat(delivery.lost()).isZero();
            assertThat(threadsLast).isEqualTo(threadsFirst);
            assertThat(heapLast).isLessThanOrEqualTo(heapFirst + heapToleranceKiB);
        }
    }
}
