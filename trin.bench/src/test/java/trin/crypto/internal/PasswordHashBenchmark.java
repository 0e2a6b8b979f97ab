package trin.crypto.internal;

import java.security.SecureRandom;
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

/**
 * The Smart password of one connection attempt (salt + SHA-1 + Base64). In
 * trin.crypto's package because the hash is package-private there; on the
 * class path, outside OSGi, the split package is fine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
public class PasswordHashBenchmark {

    private final byte[] key = new byte[32];
    private long salt;

    @Setup
    public void setUp() {
        new SecureRandom().nextBytes(key);
        salt = System.currentTimeMillis() / 1000;
    }

    @Benchmark
    public char[] password() {
        return PasswordHash.compute(key, salt);
    }
}
