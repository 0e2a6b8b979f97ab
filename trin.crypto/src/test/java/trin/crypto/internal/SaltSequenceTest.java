package trin.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SaltSequenceTest {

    private final AtomicLong clock = new AtomicLong(1_700_000_000L);
    private final SaltSequence salts = new SaltSequence(clock::get);

    @Test
    void givenTheSameSecond_whenAskedTwice_thenTheSecondSaltIsTheLastPlusOne() {
        assertThat(salts.next()).isEqualTo(1_700_000_000L);
        assertThat(salts.next()).isEqualTo(1_700_000_001L);
    }

    @Test
    void givenTheClockMovedPastTheLastSalt_whenAsked_thenTheCurrentSecondIsUsed() {
        salts.next();
        salts.next();
        clock.set(1_700_000_100L);

        assertThat(salts.next()).isEqualTo(1_700_000_100L);
    }

    @Test
    void givenTheClockWentBack_whenAsked_thenTheSaltStillIncreases() {
        clock.set(1_700_000_100L);
        salts.next();
        clock.set(1_600_000_000L);

        assertThat(salts.next()).isEqualTo(1_700_000_101L);
    }

    @Test
    void givenManyThreads_whenTheyAskAtOnce_thenNoSaltIsGivenTwice() throws Exception {
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = IntStream.range(0, 8)
                    .<Future<?>>mapToObj(t -> pool.submit(() -> IntStream.range(0, 1000).forEach(i -> seen.add(salts.next()))))
                    .toList();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(seen).hasSize(8000);
    }

    @Test
    void aNewSequenceKeptInTheSameFileNeverReusesASalt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path file = dir.resolve("last-salt");
        SaltSequence before = new SaltSequence(() -> 1000);
        before.keepIn(file);
        long first = before.next();
        long second = before.next();

        SaltSequence afterAnUpdate = new SaltSequence(() -> 1000);
        afterAnUpdate.keepIn(file);

        assertThat(List.of(first, second)).containsExactly(1000L, 1001L);
        assertThat(afterAnUpdate.next()).isEqualTo(1002L);
    }
}
