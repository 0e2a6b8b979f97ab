package trin.client.internal.outbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The outbox path of one QoS 1 message: appended (journal record written),
 * taken as pending, and removed once the broker acknowledged it, on a real
 * journal in a temporary directory (the file system of {@code java.io.tmpdir});
 * and the way of a reply sent at once, which skips the journal.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
public class OutboxBenchmark {

    private static final String TOPIC = "12345678/AAA0000DEADBEEF/my_app_id/";
    private final byte[] event = "{\"e\":[0,[[0,123,\"Loop Counter: 42\"]]]}".getBytes(StandardCharsets.UTF_8);
    private Path dir;
    private Outbox outbox;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("trin-outbox-bench-");
        outbox = Outbox.open(dir, 10_000);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        outbox.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Append, then acknowledge: the outbox stays empty, the journal grows and is rewritten as the outbox does. */
    @Benchmark
    public long appendAndAck() {
        Outbox.Entry entry = outbox.add(TOPIC, event, 1, false);
        outbox.remove(entry.seq());
        return entry.seq();
    }

    /**
     * What a reply costs the outbox when it goes straight out (connected, room in flight, nothing
     * waiting): a sequence number, no journal record; nothing to remove on its acknowledgement.
     */
    @Benchmark
    public long sendAtOnce() {
        return outbox.unjournaled(TOPIC, event, 1, true).seq();
    }

    /** Append, take it as pending (what the sender does), then acknowledge. */
    @Benchmark
    public int appendPendingAck() {
        Outbox.Entry entry = outbox.add(TOPIC, event, 1, false);
        int n = outbox.pending(20, Set.of()).size();
        outbox.remove(entry.seq());
        return n;
    }
}
