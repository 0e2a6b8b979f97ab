package trin.client.internal.outbox;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static trin.client.internal.outbox.OutboxFixtures.add;
import static trin.client.internal.outbox.OutboxFixtures.addPriority;
import static trin.client.internal.outbox.OutboxFixtures.payloads;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import trin.client.internal.outbox.Outbox.Entry;

/** The queue: order, removal, capacity and priority, threads. */
class OutboxTest {

    @TempDir
    Path dir;

    @Test
    void givenAddedMessages_whenPending_thenOldestFirstWithIncreasingSeqs() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 10)) {
            Entry a = add(outbox, "a");
            Entry b = add(outbox, "b");
            Entry c = outbox.add("t/c", new byte[] {1, 2}, 2, true);

            assertThat(outbox.pending(10, Set.of())).containsExactly(a, b, c);
            assertThat(a.seq()).isLessThan(b.seq());
            assertThat(b.seq()).isLessThan(c.seq());
            assertThat(c).isEqualTo(new Entry(c.seq(), "t/c", new byte[] {1, 2}, 2, true));
            assertThat(outbox.size()).isEqualTo(3);
            assertThat(outbox.isEmpty()).isFalse();
        }
    }

    @Test
    void givenPayloadChangedByCaller_whenPending_thenOutboxKeptItsCopy() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 10)) {
            byte[] payload = "abc".getBytes(UTF_8);
            outbox.add("t", payload, 0, false);
            payload[0] = 'X';

            assertThat(payloads(outbox)).containsExactly("abc");
        }
    }

    @Test
    void givenEntriesInFlight_whenPending_thenSkipsThemAndHonoursMax() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 10)) {
            Entry a = add(outbox, "a");
            add(outbox, "b");
            Entry c = add(outbox, "c");
            add(outbox, "d");
            add(outbox, "e");

            assertThat(payloads(outbox.pending(2, Set.of(a.seq(), c.seq())))).containsExactly("b", "d");
            assertThat(payloads(outbox.pending(10, Set.of(a.seq())))).containsExactly("b", "c", "d", "e");
            assertThat(outbox.pending(0, Set.of())).isEmpty();
        }
    }

    @Test
    void givenConfirmedEntry_whenRemoved_thenGoneAndUnknownSeqIgnored() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 10)) {
            add(outbox, "a");
            Entry b = add(outbox, "b");
            add(outbox, "c");

            outbox.remove(b.seq());
            outbox.remove(b.seq());
            outbox.remove(12345);

            assertThat(payloads(outbox)).containsExactly("a", "c");
            assertThat(outbox.size()).isEqualTo(2);
        }
    }

    @Test
    void givenFullOutbox_whenAdding_thenOldestDroppedAndCounted() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 3)) {
            for (String p : List.of("a", "b", "c", "d", "e")) {
                add(outbox, p);
            }

            assertThat(payloads(outbox)).containsExactly("c", "d", "e");
            assertThat(outbox.dropped()).isEqualTo(2);
        }
    }

    @Test
    void givenFullOutboxWithPriorityEntries_whenAdding_thenOrdinaryDroppedFirst() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 3)) {
            addPriority(outbox, "reply");
            add(outbox, "data1");
            addPriority(outbox, "event");
            add(outbox, "data2");
            add(outbox, "data3");

            assertThat(payloads(outbox)).containsExactly("reply", "event", "data3");
            assertThat(outbox.dropped()).isEqualTo(2);
        }
    }

    @Test
    void givenOutboxFullOfPriorityEntries_whenAdding_thenOldestDropped() throws IOException {
        try (Outbox outbox = Outbox.open(dir, 2)) {
            addPriority(outbox, "p1");
            addPriority(outbox, "p2");
            addPriority(outbox, "p3");

            assertThat(payloads(outbox)).containsExactly("p2", "p3");
            assertThat(outbox.dropped()).isEqualTo(1);
        }
    }

    @Test
    void givenSeveralThreads_whenAddingAtOnce_thenNothingIsLost() throws Exception {
        int threads = 8;
        int perThread = 500;
        try (Outbox big = Outbox.open(dir.resolve("big"), threads * perThread);
                Outbox small = Outbox.open(dir.resolve("small"), 100)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        add(big, thread + ":" + i);
                        add(small, thread + ":" + i);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            List<Entry> all = big.pending(Integer.MAX_VALUE, Set.of());
            assertThat(all).hasSize(threads * perThread);
            assertThat(new HashSet<>(payloads(all))).hasSize(threads * perThread);
            assertThat(small.size() + small.dropped()).isEqualTo(threads * perThread);
            assertThat(small.size()).isEqualTo(100);
        }
        try (Outbox reopened = Outbox.open(dir.resolve("big"), threads * perThread)) {
            assertThat(reopened.size()).isEqualTo(threads * perThread);
        }
    }

    @Test
    void givenBadArguments_whenAdding_thenRejected() throws IOException {
        assertThatThrownBy(() -> Outbox.open(dir, 0)).isInstanceOf(IllegalArgumentException.class);
        Outbox outbox = Outbox.open(dir, 10);
        assertThatThrownBy(() -> outbox.add("t", new byte[0], 3, false)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> outbox.add("t".repeat(65536), new byte[0], 0, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(outbox.isEmpty()).isTrue();
        outbox.close();
        assertThatThrownBy(() -> add(outbox, "late")).isInstanceOf(IllegalStateException.class);
    }
}
