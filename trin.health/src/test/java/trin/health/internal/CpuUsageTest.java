package trin.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import oshi.hardware.CentralProcessor.TickType;

class CpuUsageTest {

    private static final long MS = 1_000_000L;

    /** Ticks in OSHI's order: user, nice, system, idle, iowait, irq, softirq, steal. */
    private static long[] ticks(long user, long nice, long system, long idle, long iowait, long irq, long softirq,
            long steal) {
        assertThat(TickType.values()).hasSize(8);
        return new long[] {user, nice, system, idle, iowait, irq, softirq, steal};
    }

    @Test
    void givenTicksBetweenTwoReadings_thenBusyIsAllButIdleAndIoWait() {
        long[] before = ticks(1000, 10, 500, 8000, 100, 5, 5, 0);
        long[] after = ticks(1030, 10, 510, 8050, 110, 5, 5, 0);

        assertThat(CpuUsage.between(before, after)).hasValue(40.0);
    }

    @Test
    void givenIrqAndStealTicks_thenTheyCountAsBusy() {
        long[] before = ticks(0, 0, 0, 0, 0, 0, 0, 0);
        long[] after = ticks(0, 0, 0, 2, 0, 1, 0, 0);

        assertThat(CpuUsage.between(before, after)).hasValue(33.3);
    }

    @Test
    void givenNoTickPassed_thenNoValue() {
        long[] same = ticks(5, 5, 5, 5, 5, 5, 5, 5);

        assertThat(CpuUsage.between(same, same.clone())).isEmpty();
    }

    @Test
    void givenCounterGoingBackwards_thenItAddsNothing() {
        long[] before = ticks(100, 0, 0, 500, 0, 0, 0, 0);
        long[] after = ticks(150, 0, 0, 450, 0, 0, 0, 0);

        assertThat(CpuUsage.between(before, after)).hasValue(100.0);
    }

    @Test
    void givenMalformedTicks_thenNoValue() {
        assertThat(CpuUsage.between(new long[3], new long[3])).isEmpty();
        assertThat(CpuUsage.between(new long[8], new long[7])).isEmpty();
    }

    @Test
    void givenFirstReportSoonAfterStart_thenItWaitsTheRestOfTheSampleAndCoversItAll() throws InterruptedException {
        FakeMachine machine = new FakeMachine(ticks(0, 0, 0, 0, 0, 0, 0, 0), ticks(25, 0, 0, 75, 0, 0, 0, 0));
        CpuUsage cpu = machine.cpuUsage(Duration.ofSeconds(1));
        machine.now += 200 * MS;

        OptionalDouble percent = cpu.percent();

        assertThat(machine.slept).containsExactly(800L);
        assertThat(percent).hasValue(25.0);
    }

    @Test
    void givenReportsFurtherApartThanTheSample_thenEachCoversTheTimeSinceThePrevious() throws InterruptedException {
        FakeMachine machine = new FakeMachine(ticks(0, 0, 0, 0, 0, 0, 0, 0), ticks(10, 0, 0, 90, 0, 0, 0, 0),
                ticks(60, 0, 0, 140, 0, 0, 0, 0));
        CpuUsage cpu = machine.cpuUsage(Duration.ofSeconds(1));

        machine.now += 60_000 * MS;
        OptionalDouble first = cpu.percent();
        machine.now += 60_000 * MS;
        OptionalDouble second = cpu.percent();

        assertThat(machine.slept).isEmpty();
        assertThat(first).hasValue(10.0);
        assertThat(second).hasValue(50.0);
    }

    @Test
    void givenReportSoonerThanTheSampleAfterThePrevious_thenItRepeatsItWithoutReadingTheCounters()
            throws InterruptedException {
        FakeMachine machine = new FakeMachine(ticks(0, 0, 0, 0, 0, 0, 0, 0), ticks(10, 0, 0, 90, 0, 0, 0, 0));
        CpuUsage cpu = machine.cpuUsage(Duration.ofSeconds(1));
        machine.now += 5_000 * MS;
        cpu.percent();

        machine.now += 10 * MS;
        OptionalDouble again = cpu.percent();

        assertThat(again).hasValue(10.0);
        assertThat(machine.ticks).isEmpty();
        assertThat(machine.slept).isEmpty();
    }

    @Test
    void givenCountersThatDidNotMove_thenThePreviousValueStandsAndTheBaselineIsKept() throws InterruptedException {
        FakeMachine machine = new FakeMachine(ticks(0, 0, 0, 0, 0, 0, 0, 0), ticks(10, 0, 0, 90, 0, 0, 0, 0),
                ticks(10, 0, 0, 90, 0, 0, 0, 0), ticks(20, 0, 0, 280, 0, 0, 0, 0));
        CpuUsage cpu = machine.cpuUsage(Duration.ZERO);

        OptionalDouble first = cpu.percent();
        OptionalDouble stalled = cpu.percent();
        OptionalDouble next = cpu.percent();

        assertThat(first).hasValue(10.0);
        assertThat(stalled).hasValue(10.0);
        assertThat(next).hasValue(5.0);
    }

    private static final class FakeMachine {
        final Deque<long[]> ticks = new ArrayDeque<>();
        final List<Long> slept = new ArrayList<>();
        long now = 1_000_000 * MS;

        FakeMachine(long[]... readings) {
            ticks.addAll(List.of(readings));
        }

        CpuUsage cpuUsage(Duration sample) {
            return new CpuUsage(ticks::remove, sample, () -> now, millis -> {
                slept.add(millis);
                now += millis * MS;
            });
        }
    }
}
