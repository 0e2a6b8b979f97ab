package trin.crypto.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Salts that never repeat: the broker rejects a password it has seen, so two
 * passwords asked for within one second use the last salt + 1.
 */
final class SaltSequence {

    private final LongSupplier unixSeconds;
    private final AtomicLong last = new AtomicLong(-1);

    SaltSequence(LongSupplier unixSeconds) {
        this.unixSeconds = unixSeconds;
    }

    static SaltSequence systemClock() {
        return new SaltSequence(() -> System.currentTimeMillis() / 1000);
    }

    long next() {
        long now = unixSeconds.getAsLong();
        return last.updateAndGet(previous -> Math.max(now, previous + 1));
    }
}
