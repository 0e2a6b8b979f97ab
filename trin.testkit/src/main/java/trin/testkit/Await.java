package trin.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waiting for a condition, never for a time: polls until the condition holds
 * and fails with an {@link AssertionError} naming what was awaited when the
 * deadline passes first.
 */
public final class Await {

    private static final long POLL_MILLIS = 10;

    private Await() {
    }

    /**
     * Waits until {@code condition} holds.
     *
     * @return how long it took
     * @throws AssertionError when {@code timeout} passes first
     */
    public static Duration until(String what, Duration timeout, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("Still waiting after " + timeout.toMillis() + " ms for " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
