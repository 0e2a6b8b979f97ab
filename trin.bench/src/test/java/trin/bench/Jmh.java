package trin.bench;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH benchmarks of this module (all of them, or those the arguments
 * name, e.g. {@code CodecBenchmark}), with the GC profiler for bytes allocated
 * per operation unless another profiler is asked for. Other arguments are
 * JMH's ({@code -f 1 -i 2 -wi 2} for a quick run; {@code -rf csv -rff x.csv}).
 */
public final class Jmh {

    private Jmh() {
    }

    public static void main(String[] args) throws Exception {
        CommandLineOptions cmd = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cmd);
        if (cmd.getIncludes().isEmpty()) {
            options.include("trin\\..*Benchmark");
        }
        if (cmd.getProfilers().isEmpty()) {
            options.addProfiler(GCProfiler.class);
        }
        new Runner(options.build()).run();
    }
}
