package trin.client.internal.connection;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter between reconnect attempts: the n-th
 * delay is drawn from [base/2, min(max, 1 s * 2^n)], so a fleet that lost its
 * broker at once does not come back at once. A refused login waits the
 * maximum: retrying bad credentials quickly helps nobody.
 */
public final class Backoff {

    private static final long BASE_MILLIS = 1000;

    private long maxMillis;
    private final DoubleSupplier random;
    private int attempts;

    public Backoff(Duration max, DoubleSupplier random) {
        this.maxMillis = Math.max(BASE_MILLIS, max.toMillis());
        this.random = random;
    }

    /** The delay before the next attempt after a failed one. */
    synchronized Duration next() {
        long ceiling = BASE_MILLIS << Math.min(attempts, 30);
        ceiling = Math.min(ceiling, maxMillis);
        attempts++;
        long floor = Math.min(BASE_MILLIS / 2, ceiling);
        return Duration.ofMillis(floor + (long) (random.getAsDouble() * (ceiling - floor)));
    }

    /** The delay after a refused login: the maximum, still jittered by a tenth. */
    synchronized Duration refused() {
        attempts++;
        return Duration.ofMillis(maxMillis - (long) (random.getAsDouble() * maxMillis / 10));
    }

    /** A new maximum, for the next delays ({@code reconnectMaxDelay} changed). */
    public synchronized void max(Duration max) {
        this.maxMillis = Math.max(BASE_MILLIS, max.toMillis());
    }

    synchronized void reset() {
        attempts = 0;
    }
}
