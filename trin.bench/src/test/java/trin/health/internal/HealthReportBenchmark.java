package trin.health.internal;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import trin.api.health.Detail;
import trin.testkit.Configurations;

/**
 * The cost of one basic and one full report on this machine. Not a test: run
 * it with {@code trin.bench/bench.sh jmh HealthReportBenchmark} (further
 * arguments go to JMH, e.g. {@code -f 1 -i 2} for a quicker run).
 *
 * <p>Reports are minutes apart, so each reads the machine afresh: OSHI's
 * cache is turned off ({@code oshi.util.memoizer.expiration=0}) and the CPU
 * sample is 0, so that every report here reads the counters too. The
 * temperature is read, as by default.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 2, jvmArgsAppend = "-Doshi.util.memoizer.expiration=0")
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 3, time = 2)
public class HealthReportBenchmark {

    private SystemHealth health;

    @Setup
    public void setUp() {
        health = new SystemHealth(Configurations.of(SystemHealthConfiguration.class,
                Map.of("cpuSampleMillis", 0L, "cpuTemperature", true, "mountPoints", new String[0])));
    }

    @Benchmark
    public Map<String, Object> basic() {
        return health.report(Detail.BASIC);
    }

    @Benchmark
    public Map<String, Object> full() {
        return health.report(Detail.FULL);
    }

    public static void main(String[] args) throws Exception {
        new Runner(new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(HealthReportBenchmark.class.getName())
                .addProfiler(GCProfiler.class)
                .build()).run();
    }
}
