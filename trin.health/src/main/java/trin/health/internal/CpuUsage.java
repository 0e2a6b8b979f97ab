package trin.health.internal;

import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import oshi.hardware.CentralProcessor.TickType;

/**
 * CPU usage in percent between two readings of the system's tick counters.
 * The previous reading is kept, so that each value covers the time since the
 * previous one, never a meaningless instant; a value asked for sooner than
 * the sample time after the previous one repeats it.
 */
final class CpuUsage {

    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final Supplier<long[]> ticks;
    private final long sampleNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    private long[] previous;
    private long previousAt;
    private OptionalDouble last = OptionalDouble.empty();

    CpuUsage(Supplier<long[]> ticks, Duration sample) {
        this(ticks, sample, System::nanoTime, Thread::sleep);
    }

    CpuUsage(Supplier<long[]> ticks, Duration sample, LongSupplier nanoTime, Sleeper sleeper) {
        this.ticks = ticks;
        this.sampleNanos = sample.toNanos();
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.previous = ticks.get();
        this.previousAt = nanoTime.getAsLong();
    }

    /**
     * @return the usage since the previous call (since start for the first),
     *         waiting the rest of the sample time if need be; empty when the
     *         counters did not move
     */
    synchronized OptionalDouble percent() throws InterruptedException {
        long elapsed = nanoTime.getAsLong() - previousAt;
        if (elapsed < sampleNanos) {
            if (last.isPresent()) {
                return last;
            }
            sleeper.sleep(TimeUnit.NANOSECONDS.toMillis(sampleNanos - elapsed + 999_999));
        }
        long[] now = ticks.get();
        long at = nanoTime.getAsLong();
        OptionalDouble percent = between(previous, now);
        if (percent.isPresent()) {
            previous = now;
            previousAt = at;
            last = percent;
        }
        return last;
    }

    /**
     * Busy is everything but idle and I/O wait, as {@code top} and
     * {@code psutil} count it.
     *
     * @return the percent, one decimal; empty when no tick passed
     */
    static OptionalDouble between(long[] before, long[] after) {
        if (before.length != after.length || after.length <= TickType.IOWAIT.getIndex()) {
            return OptionalDouble.empty();
        }
        long total = 0;
        long[] delta = new long[after.length];
        for (int i = 0; i < after.length; i++) {
            // a counter that went backwards (a CPU taken offline) adds nothing
            delta[i] = Math.max(0, after[i] - before[i]);
            total += delta[i];
        }
        if (total == 0) {
            return OptionalDouble.empty();
        }
        long idle = delta[TickType.IDLE.getIndex()] + delta[TickType.IOWAIT.getIndex()];
        return OptionalDouble.of(Rounding.oneDecimal(100.0 * (total - idle) / total));
    }
}
